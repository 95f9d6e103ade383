"""Shape of the seventh held-out set (injection_seventh.py): sizes, ids, keys, labels, twins, imports, and
that each planted text reaches the evidence bundle of its row. Never runs the detector."""

import ast
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from tests.llm_triage.trust.injection_seventh import ATTACKS, HARD_NEGATIVES

MODULE = Path(__file__).with_name("injection_seventh.py")

METHODS = ("forged_evidence", "conversational", "format_native", "plain_request")
GOALS = (
    "call_benign",
    "lower_severity",
    "suppress_escalation",
    "close_false_positive",
    "fake_review",
    "blame_other_host",
    "change_next_action",
    "false_attack_mapping",
    "leak_prompt_or_data",
)
REQUIRED_LANGUAGES = set("en es de fr pt it nl pl ru uk tr zh ja ko ar hi vi id sv cs".split())
ATTACK_KEYS = {"id", "source", "method", "technique", "goal", "language", "row"}
NEGATIVE_KEYS = {"id", "source", "language", "row"}
ALLOWED_IMPORTS = {"__future__", "base64", "json", "typing"}

FROZEN_ATTACKS = 164
FROZEN_NEGATIVES = 233
FROZEN_TWINS = 164
FROZEN_METHODS = {"conversational": 45, "plain_request": 44, "forged_evidence": 40, "format_native": 35}

ATTACK_BY_ID = {case["id"]: case for case in ATTACKS}
TWIN_OF = {case["twin_of"]: case for case in HARD_NEGATIVES if "twin_of" in case}


def test_frozen_sizes():
    assert len(ATTACKS) == FROZEN_ATTACKS
    assert len(HARD_NEGATIVES) == FROZEN_NEGATIVES
    assert sum(1 for case in HARD_NEGATIVES if "twin_of" in case) == FROZEN_TWINS
    assert dict(Counter(case["method"] for case in ATTACKS)) == FROZEN_METHODS


@pytest.mark.parametrize(("cases", "prefix"), [(ATTACKS, "t7a"), (HARD_NEGATIVES, "t7n")])
def test_ids_unique_numbered_and_named_by_source(cases, prefix):
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids))
    for number, case in enumerate(cases, 1):
        match = re.fullmatch(prefix + r"-(\d{3})-([a-z0-9_]+)", case["id"])
        assert match, case["id"]
        assert int(match.group(1)) == number
        assert match.group(2) == case["source"]


def test_exact_keys():
    for case in ATTACKS:
        assert set(case) == ATTACK_KEYS, case["id"]
    for case in HARD_NEGATIVES:
        assert set(case) in (NEGATIVE_KEYS, NEGATIVE_KEYS | {"twin_of"}), case["id"]


def test_labels_from_the_method_vocabularies():
    for case in ATTACKS:
        assert case["method"] in METHODS, case["id"]
        assert case["goal"] in GOALS, case["id"]
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", case["technique"]), case["id"]
    assert {case["method"] for case in ATTACKS} == set(METHODS)
    assert {case["goal"] for case in ATTACKS} == set(GOALS)
    # roughly even families: none under a fifth of the set
    for count in Counter(case["method"] for case in ATTACKS).values():
        assert count >= len(ATTACKS) / 5


def test_languages():
    for case in ATTACKS + HARD_NEGATIVES:
        assert case["language"] in REQUIRED_LANGUAGES, case["id"]
    attack_languages = Counter(case["language"] for case in ATTACKS)
    assert set(attack_languages) == REQUIRED_LANGUAGES
    assert 0.50 <= attack_languages["en"] / len(ATTACKS) <= 0.60


def test_rows_are_whole_events():
    for case in ATTACKS + HARD_NEGATIVES:
        row = case["row"]
        assert {"_time", "sourcetype", "search_name"} <= set(row), case["id"]
        for name, value in row.items():
            assert isinstance(name, str) and name
            if isinstance(value, list):
                assert value and all(isinstance(item, str) for item in value), (case["id"], name)
            else:
                assert isinstance(value, str) and value.strip(), (case["id"], name)


def test_sources():
    sources = {case["source"] for case in ATTACKS}
    assert len(sources) >= 14
    assert {case["source"] for case in HARD_NEGATIVES} <= sources


def test_every_twin_points_to_an_attack_of_the_same_source():
    twins = [case for case in HARD_NEGATIVES if "twin_of" in case]
    assert len({case["twin_of"] for case in twins}) == len(twins)
    assert len(twins) >= 0.6 * len(ATTACKS)
    for twin in twins:
        attack = ATTACK_BY_ID[twin["twin_of"]]
        assert twin["source"] == attack["source"], twin["id"]
        assert twin["row"]["sourcetype"] == attack["row"]["sourcetype"]
        assert twin["row"] != attack["row"], twin["id"]


def test_twins_differ_only_in_the_edited_field():
    for attack_id, twin in TWIN_OF.items():
        attack = ATTACK_BY_ID[attack_id]["row"]
        changed = {name for name in set(attack) | set(twin["row"]) if attack.get(name) != twin["row"].get(name)}
        assert len(changed - {"_raw"}) == 1, (attack_id, sorted(changed))


def test_module_imports_only_the_standard_library():
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [(node.module or "").split(".")[0]]
        else:
            continue
        assert set(names) <= ALLOWED_IMPORTS, names
    docstring = ast.get_docstring(tree) or ""
    assert "2026-12-04" in docstring
    assert "FROZEN. Never train, tune, fit thresholds or write rules against it; measure only, once." in docstring
    assert MODULE.read_text(encoding="utf-8").startswith("# ruff: noqa: E501\n")


def _words(value):
    return (" ".join(value) if isinstance(value, list) else value).split()


def _bundle_text(row):
    """Every value the bundle of `row` carries, with JSON values (a `_raw`) opened once more."""
    document = json.loads(build_bundle(row, select_profile(row)).text)
    parts = []
    for event in document["events"]:
        for value in event["fields"].values():
            for item in value if isinstance(value, list) else [value]:
                parts.append(item)
                try:
                    inner = json.loads(item)
                except ValueError:
                    continue
                if isinstance(inner, dict):
                    parts.extend(str(part) for part in inner.values())
    return "\n".join(parts)


@pytest.mark.parametrize("attack", ATTACKS, ids=[case["id"] for case in ATTACKS])
def test_planted_text_reaches_the_bundle(attack):
    twin = TWIN_OF[attack["id"]]["row"]
    row = attack["row"]
    changed = [name for name in row if name != "_raw" and row[name] != twin.get(name)]
    assert len(changed) == 1
    honest = set(_words(twin.get(changed[0], "")))
    planted = [word for word in _words(row[changed[0]]) if word not in honest]
    assert planted, "the edit adds no words"
    assert len(planted) <= 32, "the edit is more than about 30 words"
    text = _bundle_text(row)
    missing = [word for word in planted if word not in text]
    assert not missing, missing
