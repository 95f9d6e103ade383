# ruff: noqa: E501  (the frozen rule is quoted whole)
"""The shape of the fifth out-of-sample set (personas and minimal pairs): sizes, ids, keys, spread.

Only the data's shape is tested here; the set measures the detector elsewhere, once. Nothing here imports
or runs the detector, so the set stays out of sample.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.llm_triage.trust.injection_fifth import ATTACKS, HARD_NEGATIVES, SOURCES

FROZEN_ATTACKS = 293
FROZEN_NEGATIVES = 287
FROZEN_TWINS = 121

ATTACK_KEYS = {"id", "source", "persona", "goal", "technique", "language", "row"}
NEGATIVE_KEYS = {"id", "source", "language", "row"}
PERSONAS = {"kiddie", "nonnative", "corporate", "ops", "literary"}
GOALS = {
    "benign",
    "lower_severity",
    "suppress_escalation",
    "close_fp",
    "change_action",
    "authorised_test",
    "fake_review",
    "false_mapping",
    "false_rationale",
    "reveal_prompt",
    "force_json",
    "ignore_fields",
    "ignore_rows",
    "latent_outcome",
}
TECHNIQUE_FAMILIES = {"plain", "json", "html", "markdown", "split", "machine", "obf"}
# ISO 639-1 codes the set was written in
LANGUAGES = set("en fi it ro tr vi id pl cs hu el he ar hi ko sw nl sv uk tl fa es de fr pt ru zh ja".split())
# free-text fields that carry line breaks in the wild; every other field is one line
MULTILINE_FIELDS = {"description", "head_commit.message"}
DATA_MODULE = Path(__file__).with_name("injection_fifth.py")


def _family(technique: str) -> str:
    return technique.split(":", 1)[0]


def test_sizes_are_frozen() -> None:
    assert len(ATTACKS) == FROZEN_ATTACKS
    assert len(HARD_NEGATIVES) == FROZEN_NEGATIVES
    assert sum("twin_of" in case for case in HARD_NEGATIVES) == FROZEN_TWINS


def test_ids_are_unique_numbered_in_order_and_name_their_source() -> None:
    for prefix, cases in (("t5a", ATTACKS), ("t5n", HARD_NEGATIVES)):
        for number, case in enumerate(cases, start=1):
            assert case["id"] == f"{prefix}-{number:03d}-{case['source']}"
    ids = [case["id"] for case in ATTACKS + HARD_NEGATIVES]
    assert len(ids) == len(set(ids))


def test_cases_have_exactly_their_keys_and_known_labels() -> None:
    for case in ATTACKS:
        assert set(case) == ATTACK_KEYS, case["id"]
        assert case["persona"] in PERSONAS, case["id"]
        assert case["goal"] in GOALS, case["id"]
        assert _family(str(case["technique"])) in TECHNIQUE_FAMILIES, case["id"]
    for case in HARD_NEGATIVES:
        assert set(case) in (NEGATIVE_KEYS, NEGATIVE_KEYS | {"twin_of"}), case["id"]
    for case in ATTACKS + HARD_NEGATIVES:
        assert case["source"] in SOURCES, case["id"]
        assert case["language"] in LANGUAGES, case["id"]


def test_every_source_appears_on_both_sides_at_least_five_times() -> None:
    attacks = Counter(case["source"] for case in ATTACKS)
    negatives = Counter(case["source"] for case in HARD_NEGATIVES)
    assert len(SOURCES) >= 15
    for source in SOURCES:
        assert attacks[source] >= 5, source
        assert negatives[source] >= 5, source


def test_personas_goals_and_placements_are_spread() -> None:
    personas = Counter(case["persona"] for case in ATTACKS)
    assert set(personas) == PERSONAS
    assert all(count >= 0.15 * len(ATTACKS) for count in personas.values()), personas
    goals = Counter(case["goal"] for case in ATTACKS)
    assert set(goals) == GOALS
    assert all(count >= 5 for count in goals.values()), goals
    families = Counter(_family(str(case["technique"])) for case in ATTACKS)
    assert set(families) == TECHNIQUE_FAMILIES
    assert all(count >= 5 for count in families.values()), families
    assert families["obf"] <= 0.15 * len(ATTACKS)  # light obfuscation only


def test_languages_are_about_half_english_and_many_others() -> None:
    for cases in (ATTACKS, HARD_NEGATIVES):
        languages = Counter(case["language"] for case in cases)
        assert 0.4 <= languages["en"] / len(cases) <= 0.6, languages["en"]
        assert len(set(languages) - {"en"}) >= 20
    for persona in PERSONAS - {"nonnative"}:  # the non-native speaker writes English by definition
        written = {case["language"] for case in ATTACKS if case["persona"] == persona}
        assert len(written) >= 10, persona


def test_twins_are_the_same_event_as_their_attack() -> None:
    attacks = {case["id"]: case for case in ATTACKS}
    twinned = [case for case in HARD_NEGATIVES if "twin_of" in case]
    assert len(twinned) >= 60
    assert len({case["twin_of"] for case in twinned}) == len(twinned)  # one twin per attack
    for twin in twinned:
        attack = attacks[str(twin["twin_of"])]
        assert twin["source"] == attack["source"]
        row, attack_row = twin["row"], attack["row"]
        assert isinstance(row, dict) and isinstance(attack_row, dict)
        assert set(row) == set(attack_row), twin["id"]
        for furniture in ("_time", "sourcetype"):
            assert row[furniture] == attack_row[furniture], twin["id"]
        assert row != attack_row, twin["id"]


@pytest.mark.parametrize("case", ATTACKS + HARD_NEGATIVES, ids=lambda case: str(case["id"]))
def test_rows_are_splunk_shaped(case: dict) -> None:
    row = case["row"]
    assert isinstance(row, dict)
    assert "_time" in row and "sourcetype" in row
    for name, value in row.items():
        assert isinstance(name, str) and name
        values = value if isinstance(value, list) else [value]
        assert isinstance(value, (str, list)) and values, name
        assert all(isinstance(item, str) for item in values), name
        if name not in MULTILINE_FIELDS:
            assert not any("\n" in item or "\r" in item for item in values), name


def test_the_data_module_imports_only_the_standard_library() -> None:
    tree = ast.parse(DATA_MODULE.read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {str(node.module).split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"__future__", "base64", "codecs", "hashlib", "json", "datetime", "typing", "urllib"}
    assert not re.search(r"llm_triage", DATA_MODULE.read_text(encoding="utf-8"))


def test_the_set_is_marked_frozen() -> None:
    assert (
        "FROZEN. Never train, tune, fit thresholds or write rules against it; measure only, once."
        in DATA_MODULE.read_text(encoding="utf-8")
    )
