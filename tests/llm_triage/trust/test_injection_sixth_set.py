# ruff: noqa: E501
"""The sixth held-out set's shape: sizes, ids, keys, spread and twins. It never runs the detector."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.llm_triage.trust.injection_sixth import ATTACKS, HARD_NEGATIVES

FROZEN_ATTACKS = 202
FROZEN_HARD_NEGATIVES = 221
FROZEN_TWINS = 160

ATTACK_KEYS = {"id", "source", "method", "technique", "goal", "language", "row"}
NEGATIVE_KEYS = {"id", "source", "language", "row"}
BURIED_TECHNIQUES = {"buried_start", "buried_middle", "buried_end", "blended"}
GOALS = {
    "call_benign",
    "lower_severity",
    "suppress_escalation",
    "close_false_positive",
    "blame_other_host",
    "exfiltrate",
    "fake_review",
    "change_next_action",
    "force_json",
    "ignore_other_fields",
}
REQUIRED_LANGUAGES = {
    "es",
    "de",
    "fr",
    "pt",
    "ru",
    "zh",
    "ja",
    "it",
    "nl",
    "pl",
    "tr",
    "ko",
    "ar",
    "id",
    "vi",
    "hi",
    "uk",
}
# Free text that really spans lines in these sources: tickets, commits, issue bodies, chat, logs.
MULTILINE_FIELDS = {
    "_raw",
    "description",
    "fields.description",
    "head_commit.message",
    "issue.body",
    "pull_request.body",
    "text",
    "close_notes",
}
STDLIB_IMPORTS = {"__future__", "base64", "json", "typing"}

ALL_CASES = ATTACKS + HARD_NEGATIVES
ATTACKS_BY_ID = {case["id"]: case for case in ATTACKS}
TWINS = [case for case in HARD_NEGATIVES if "twin_of" in case]


def test_sizes_are_frozen() -> None:
    assert (len(ATTACKS), len(HARD_NEGATIVES), len(TWINS)) == (FROZEN_ATTACKS, FROZEN_HARD_NEGATIVES, FROZEN_TWINS)


def test_ids_are_unique_numbered_and_name_their_source() -> None:
    ids = [case["id"] for case in ALL_CASES]
    assert len(ids) == len(set(ids))
    for prefix, cases in (("t6a", ATTACKS), ("t6n", HARD_NEGATIVES)):
        for number, case in enumerate(cases, start=1):
            assert case["id"] == f"{prefix}-{number:03d}-{case['source']}"


def test_cases_have_exactly_their_keys() -> None:
    for case in ATTACKS:
        assert set(case) == ATTACK_KEYS, case["id"]
    for case in HARD_NEGATIVES:
        assert set(case) - {"twin_of"} == NEGATIVE_KEYS, case["id"]


def test_labels_come_from_the_method() -> None:
    for case in ATTACKS:
        assert case["method"] in ("replay", "buried"), case["id"]
        assert case["goal"] in GOALS, case["id"]
        if case["method"] == "buried":
            assert case["technique"] in BURIED_TECHNIQUES, case["id"]
        else:
            assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", str(case["technique"])), case["id"]
            assert case["technique"] not in BURIED_TECHNIQUES, case["id"]


def test_methods_are_about_half_each_and_techniques_and_goals_spread() -> None:
    methods = Counter(case["method"] for case in ATTACKS)
    assert min(methods.values()) >= 0.4 * len(ATTACKS), methods
    assert len({case["technique"] for case in ATTACKS if case["method"] == "replay"}) >= 25
    assert {case["technique"] for case in ATTACKS if case["method"] == "buried"} == BURIED_TECHNIQUES
    goals = Counter(case["goal"] for case in ATTACKS)
    assert set(goals) == GOALS and min(goals.values()) >= 3, goals


def test_every_source_is_on_both_sides_at_least_five_times() -> None:
    attacks = Counter(case["source"] for case in ATTACKS)
    negatives = Counter(case["source"] for case in HARD_NEGATIVES)
    assert set(attacks) == set(negatives)
    assert len(attacks) >= 12
    assert min(attacks.values()) >= 5 and min(negatives.values()) >= 5, (attacks, negatives)


@pytest.mark.parametrize(("cases", "name"), [(ATTACKS, "attacks"), (HARD_NEGATIVES, "hard negatives")])
def test_languages_are_mostly_english_and_spread(cases: list, name: str) -> None:
    languages = Counter(case["language"] for case in cases)
    assert all(re.fullmatch(r"[a-z]{2}", language) for language in languages), name
    assert 0.5 <= languages["en"] / len(cases) <= 0.7, (name, languages)
    assert len(set(languages) - {"en"}) >= 15, (name, languages)
    if cases is ATTACKS:
        assert REQUIRED_LANGUAGES <= set(languages), REQUIRED_LANGUAGES - set(languages)


def test_rows_are_flat_splunk_rows() -> None:
    for case in ALL_CASES:
        row = case["row"]
        assert isinstance(row, dict) and row, case["id"]
        assert isinstance(row.get("sourcetype"), str) and isinstance(row.get("_time"), str), case["id"]
        for name, value in row.items():
            assert isinstance(name, str) and name, case["id"]
            if isinstance(value, list):
                assert value and all(isinstance(item, str) and item for item in value), (case["id"], name)
            else:
                assert isinstance(value, str) and value.strip(), (case["id"], name)


def test_single_line_fields_have_no_line_breaks() -> None:
    for case in ALL_CASES:
        for name, value in case["row"].items():
            if name in MULTILINE_FIELDS:
                continue
            for item in value if isinstance(value, list) else [value]:
                assert "\n" not in item and "\r" not in item, (case["id"], name)


def test_twins_are_their_attack_with_only_the_planted_text_changed() -> None:
    assert len(TWINS) >= 80
    assert len({case["twin_of"] for case in TWINS}) == len(TWINS)
    for twin in TWINS:
        attack = ATTACKS_BY_ID[str(twin["twin_of"])]
        assert (twin["source"], twin["language"]) == (attack["source"], attack["language"]), twin["id"]
        attack_row, twin_row = attack["row"], twin["row"]
        assert set(attack_row) == set(twin_row), twin["id"]
        changed = [name for name in attack_row if attack_row[name] != twin_row[name]]
        # The planted field, and where the source keeps copies of it (_raw, a file's path, its name).
        assert 1 <= len(changed) <= 4, (twin["id"], changed)


def test_every_buried_attack_has_a_twin_and_a_long_carrier() -> None:
    twin_of = {twin["twin_of"]: twin for twin in TWINS}
    for attack in ATTACKS:
        if attack["method"] != "buried":
            continue
        twin = twin_of[attack["id"]]
        changed = [name for name in attack["row"] if attack["row"][name] != twin["row"][name]]
        longest = max(len(str(attack["row"][name])) for name in changed)
        assert 300 <= longest <= 2000, (attack["id"], longest)


def test_the_set_imports_nothing_but_the_standard_library() -> None:
    tree = ast.parse(Path(__file__).with_name("injection_sixth.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(str(node.module).split(".")[0])
    assert imported <= STDLIB_IMPORTS, imported
