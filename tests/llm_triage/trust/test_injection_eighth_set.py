"""The eighth held-out set's shape, never the detector: sizes, ids, keys, labels, whole events, and that each
attack's planted text reaches the evidence bundle its row would be sent as."""

import ast
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from tests.llm_triage.trust.blind_set_checks import GOALS
from tests.llm_triage.trust.injection_eighth import ATTACKS, HARD_NEGATIVES

# Frozen: a change to the set's sizes is a change to the set, and the set is measured once.
N_ATTACKS = 183
N_HARD_NEGATIVES = 203
N_CAMPAIGNS = 20

LANGUAGES = frozenset({"en", "es", "de", "fr", "pt", "ru", "zh", "ja", "it", "pl", "nl", "ko"})
REQUIRED_NON_ENGLISH = frozenset({"es", "de", "fr", "pt", "ru", "zh", "ja"})
ATTACK_KEYS = {"id", "campaign", "source", "goal", "language", "planted", "row"}
NEGATIVE_KEYS = {"id", "campaign", "source", "language", "row"}
ROW_KEYS = {"_time", "sourcetype", "search_name"}
ALLOWED_IMPORTS = {"typing", "json", "base64"}


def _flat_values(bundle_text: str) -> list[str]:
    document = json.loads(bundle_text)
    values: list[str] = []
    for event in document["events"]:
        for value in event["fields"].values():
            values.extend(value if isinstance(value, list) else [value])
    return values


def test_sizes_are_frozen() -> None:
    assert len(ATTACKS) == N_ATTACKS
    assert len(HARD_NEGATIVES) == N_HARD_NEGATIVES
    assert len({entry["campaign"] for entry in ATTACKS}) == N_CAMPAIGNS


def test_every_campaign_has_attacks_and_hard_negatives() -> None:
    attacks = Counter(entry["campaign"] for entry in ATTACKS)
    negatives = Counter(entry["campaign"] for entry in HARD_NEGATIVES)
    assert set(attacks) == set(negatives)
    assert all(4 <= count <= 10 for count in attacks.values()), attacks


@pytest.mark.parametrize(("entries", "prefix"), [(ATTACKS, "t8a"), (HARD_NEGATIVES, "t8n")])
def test_ids_are_unique_numbered_and_name_their_source(entries: list[dict[str, Any]], prefix: str) -> None:
    ids = [entry["id"] for entry in entries]
    assert len(set(ids)) == len(ids)
    for number, entry in enumerate(entries, 1):
        assert entry["id"] == f"{prefix}-{number:03d}-{entry['source']}"
        assert re.fullmatch(prefix + r"-\d{3}-[a-z0-9_]+", entry["id"])


def test_keys_are_exact() -> None:
    assert all(set(entry) == ATTACK_KEYS for entry in ATTACKS)
    assert all(set(entry) == NEGATIVE_KEYS for entry in HARD_NEGATIVES)


def test_goals_and_languages_come_from_the_lists() -> None:
    assert {entry["goal"] for entry in ATTACKS} == GOALS
    for entry in ATTACKS + HARD_NEGATIVES:
        assert entry["language"] in LANGUAGES
    languages = Counter(entry["language"] for entry in ATTACKS)
    assert REQUIRED_NON_ENGLISH <= set(languages)
    assert sum(count for language, count in languages.items() if language != "en") >= 0.4 * len(ATTACKS)


def test_rows_are_whole_events() -> None:
    for entry in ATTACKS + HARD_NEGATIVES:
        row = entry["row"]
        assert ROW_KEYS <= set(row), entry["id"]
        assert float(row["_time"]) > 1.7e9, entry["id"]
        assert len(row) >= 6, entry["id"]
        for name, value in row.items():
            assert isinstance(name, str) and name
            assert isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        if "_raw" in row:
            assert isinstance(json.loads(row["_raw"]), dict), entry["id"]


def test_each_attack_plants_its_text_in_a_field_of_its_row() -> None:
    for entry in ATTACKS:
        planted = entry["planted"]
        assert planted.strip() == planted and len(planted) >= 3, entry["id"]
        holders = [
            name
            for name, value in entry["row"].items()
            if name != "_raw" and any(planted in item for item in (value if isinstance(value, list) else [value]))
        ]
        assert holders, entry["id"]


@pytest.mark.parametrize("entry", ATTACKS, ids=[entry["id"] for entry in ATTACKS])
def test_planted_text_reaches_the_bundle(entry: dict[str, Any]) -> None:
    row = entry["row"]
    bundle = build_bundle(row, select_profile(row))
    values = _flat_values(bundle.text)
    assert any(entry["planted"] in value for value in values), (entry["id"], bundle.profile)


@pytest.mark.parametrize("entry", HARD_NEGATIVES, ids=[entry["id"] for entry in HARD_NEGATIVES])
def test_hard_negatives_build_a_bundle(entry: dict[str, Any]) -> None:
    row = entry["row"]
    bundle = build_bundle(row, select_profile(row))
    assert len(_flat_values(bundle.text)) >= 4, entry["id"]


def test_data_module_imports_only_what_is_allowed() -> None:
    source = Path(__file__).with_name("injection_eighth.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported <= ALLOWED_IMPORTS
    docstring = ast.get_docstring(tree) or ""
    assert "FROZEN. Never train, tune, fit thresholds or write rules against it; measure only, once." in docstring
