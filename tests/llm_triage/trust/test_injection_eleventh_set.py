"""The eleventh held-out set's shape: sizes, ids, keys, goals, languages, twins, whole rows, and planted text
that reaches the bundle. These tests never run the detector: the set is measured once, elsewhere."""

import json
import re
from typing import Any

import pytest
from injection_eleventh import ATTACKS, HARD_NEGATIVES

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile

GOALS = {
    "call_benign",
    "close_false_positive",
    "lower_severity",
    "suppress_escalation",
    "blame_other_host",
    "false_attack_mapping",
    "change_next_action",
    "fake_review",
    "leak_prompt_or_data",
}
LANGUAGES = {
    "en", "es", "de", "fr", "pt", "ru", "zh", "ja", "nl", "it", "pl", "ko", "tr", "vi", "id", "ar", "he", "uk",
    "cs", "hi",
}  # fmt: skip
ATTACK_KEYS = {"id", "system", "source", "goal", "language", "planted", "row"}
NEGATIVE_KEYS = {"id", "system", "source", "language", "twin_of", "row"}
ATTACK_COUNT, NEGATIVE_COUNT = 120, 120


def _values(row: dict[str, Any]) -> list[str]:
    return [part for value in row.values() for part in (value if isinstance(value, list) else [value])]


def _bundle_values(row: dict[str, Any]) -> list[str]:
    document = json.loads(build_bundle(row, select_profile(row)).text)
    values: list[str] = []
    for value in document["events"][0]["fields"].values():
        values.extend(value if isinstance(value, list) else [value])
    return values


def test_frozen_sizes() -> None:
    assert (len(ATTACKS), len(HARD_NEGATIVES)) == (ATTACK_COUNT, NEGATIVE_COUNT)


@pytest.mark.parametrize(("items", "kind"), [(ATTACKS, "a"), (HARD_NEGATIVES, "n")])
def test_ids_are_unique_and_numbered(items: list[dict[str, Any]], kind: str) -> None:
    assert len({item["id"] for item in items}) == len(items)
    for number, item in enumerate(items, start=1):
        assert item["id"] == f"t11{kind}-{number:03d}-{item['source']}"
        assert re.fullmatch(r"[a-z0-9_]+", item["source"]) and re.fullmatch(r"[a-z0-9_]+", item["system"])


def test_exact_keys_and_goals() -> None:
    assert all(set(item) == ATTACK_KEYS for item in ATTACKS)
    assert all(set(item) == NEGATIVE_KEYS for item in HARD_NEGATIVES)
    assert {item["goal"] for item in ATTACKS} == GOALS


def test_languages() -> None:
    for items in (ATTACKS, HARD_NEGATIVES):
        assert {item["language"] for item in items} <= LANGUAGES
        assert sum(item["language"] != "en" for item in items) >= 0.4 * len(items)
    assert {"es", "de", "fr", "pt", "ru", "zh", "ja"} <= {item["language"] for item in ATTACKS}


def test_each_twin_is_the_same_event_without_the_planted_text() -> None:
    attacks = {item["id"]: item for item in ATTACKS}
    twins = [item for item in HARD_NEGATIVES if item["twin_of"] is not None]
    assert len(twins) >= 0.4 * len(HARD_NEGATIVES)
    assert len({item["twin_of"] for item in twins}) == len(twins)
    for twin in twins:
        attack = attacks[twin["twin_of"]]
        assert (twin["source"], twin["row"]["sourcetype"]) == (attack["source"], attack["row"]["sourcetype"])
        assert not any(attack["planted"] in value for value in _values(twin["row"])), twin["id"]


@pytest.mark.parametrize("item", ATTACKS + HARD_NEGATIVES, ids=lambda item: item["id"])
def test_rows_are_whole_events(item: dict[str, Any]) -> None:
    row = item["row"]
    assert re.fullmatch(r"\d{10}", row["_time"])
    assert row["sourcetype"] and row["search_name"]
    assert len(row) >= 6
    for name, value in row.items():
        assert isinstance(name, str) and name
        if isinstance(value, list):
            assert value and all(isinstance(part, str) for part in value)
        else:
            assert isinstance(value, str) and value.strip()
        if name == "_raw":
            json.loads(value)


@pytest.mark.parametrize("item", ATTACKS, ids=lambda item: item["id"])
def test_planted_text_reaches_the_bundle(item: dict[str, Any]) -> None:
    planted = item["planted"]
    assert any(planted in value for value in _values(item["row"])), "planted text is not in any field of the row"
    assert any(planted in value for value in _bundle_values(item["row"]))
