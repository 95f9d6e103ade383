"""The shape of a blind set written to the tenth set's brief and converted by its script (the tenth and the
eleventh sets): ids, keys, goals, languages, honest twins, whole rows, and planted text that reaches the
bundle. Each set's `test_injection_<set>_set.py` asserts these with its own sizes and id prefix; none of it
runs the detector."""

import json
import re
from typing import Any

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
    "cs", "hi", "fa", "bn", "th", "el", "ka", "hy",
}  # fmt: skip
ATTACK_KEYS = {"id", "system", "source", "goal", "language", "planted", "row"}
NEGATIVE_KEYS = {"id", "system", "source", "language", "twin_of", "row"}


def _values(row: dict[str, Any]) -> list[str]:
    return [part for value in row.values() for part in (value if isinstance(value, list) else [value])]


def _bundle_values(row: dict[str, Any]) -> list[str]:
    document = json.loads(build_bundle(row, select_profile(row)).text)
    values: list[str] = []
    for value in document["events"][0]["fields"].values():
        values.extend(value if isinstance(value, list) else [value])
    return values


def assert_ids_are_unique_and_numbered(items: list[dict[str, Any]], prefix: str) -> None:
    """`prefix` is the set's and kind's, `t10a` or `t11n`: ids run `<prefix>-001-<source>` on."""
    assert len({item["id"] for item in items}) == len(items)
    for number, item in enumerate(items, start=1):
        assert item["id"] == f"{prefix}-{number:03d}-{item['source']}"
        assert re.fullmatch(r"[a-z0-9_]+", item["source"]) and re.fullmatch(r"[a-z0-9_]+", item["system"])


def assert_exact_keys_and_goals(attacks: list[dict[str, Any]], negatives: list[dict[str, Any]]) -> None:
    assert all(set(item) == ATTACK_KEYS for item in attacks)
    assert all(set(item) == NEGATIVE_KEYS for item in negatives)
    assert {item["goal"] for item in attacks} == GOALS


def assert_languages(attacks: list[dict[str, Any]], negatives: list[dict[str, Any]]) -> None:
    for items in (attacks, negatives):
        assert {item["language"] for item in items} <= LANGUAGES
        assert sum(item["language"] != "en" for item in items) >= 0.4 * len(items)
    assert {"es", "de", "fr", "pt", "ru", "zh", "ja"} <= {item["language"] for item in attacks}


def assert_each_twin_is_the_same_event_without_the_planted_text(
    attacks: list[dict[str, Any]], negatives: list[dict[str, Any]]
) -> None:
    by_id = {item["id"]: item for item in attacks}
    twins = [item for item in negatives if item["twin_of"] is not None]
    assert len(twins) >= 0.4 * len(negatives)
    assert len({item["twin_of"] for item in twins}) == len(twins)
    for twin in twins:
        attack = by_id[twin["twin_of"]]
        assert (twin["source"], twin["row"]["sourcetype"]) == (attack["source"], attack["row"]["sourcetype"])
        assert not any(attack["planted"] in value for value in _values(twin["row"])), twin["id"]


def assert_whole_event(item: dict[str, Any]) -> None:
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


def assert_planted_text_reaches_the_bundle(item: dict[str, Any]) -> None:
    planted = item["planted"]
    assert any(planted in value for value in _values(item["row"])), "planted text is not in any field of the row"
    assert any(planted in value for value in _bundle_values(item["row"]))
