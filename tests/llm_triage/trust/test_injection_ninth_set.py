"""The ninth held-out set's shape: sizes, ids, keys, goals, languages, whole rows, and planted text that reaches
the bundle. These tests never run the detector: the set is measured once, elsewhere."""

import re
from collections import Counter
from typing import Any

import pytest

from tests.llm_triage.trust.blind_set_checks import GOALS, assert_planted_text_reaches_the_bundle, assert_whole_event
from tests.llm_triage.trust.injection_ninth import ATTACKS, HARD_NEGATIVES

LANGUAGES = {"en", "es", "de", "fr", "pt", "ru", "zh", "ja", "it", "nl", "pl", "ko", "tr", "sv"}
ATTACK_KEYS = {"id", "insider", "source", "goal", "language", "planted", "row"}
NEGATIVE_KEYS = {"id", "insider", "source", "language", "row"}


def test_frozen_sizes() -> None:
    assert len(ATTACKS) == 180
    assert len(HARD_NEGATIVES) == 214
    per_insider = Counter(item["insider"] for item in ATTACKS)
    assert len(per_insider) == 40
    assert all(3 <= count <= 6 for count in per_insider.values())


@pytest.mark.parametrize(("items", "kind"), [(ATTACKS, "a"), (HARD_NEGATIVES, "n")])
def test_ids_are_unique_and_numbered(items: list[dict[str, Any]], kind: str) -> None:
    assert len({item["id"] for item in items}) == len(items)
    for number, item in enumerate(items, start=1):
        assert item["id"] == f"t9{kind}-{number:03d}-{item['source']}"
        assert re.fullmatch(r"[a-z0-9_]+", item["source"])


def test_exact_keys_and_goals() -> None:
    assert all(set(item) == ATTACK_KEYS for item in ATTACKS)
    assert all(set(item) == NEGATIVE_KEYS for item in HARD_NEGATIVES)
    assert {item["goal"] for item in ATTACKS} == GOALS


def test_languages() -> None:
    for items in (ATTACKS, HARD_NEGATIVES):
        assert {item["language"] for item in items} <= LANGUAGES
        assert sum(item["language"] != "en" for item in items) >= 0.4 * len(items)
    assert {"es", "de", "fr", "pt", "ru", "zh", "ja"} <= {item["language"] for item in ATTACKS}
    # one language per insider
    languages: dict[str, set[str]] = {}
    for item in ATTACKS + HARD_NEGATIVES:
        languages.setdefault(item["insider"], set()).add(item["language"])
    assert all(len(found) == 1 for found in languages.values())


@pytest.mark.parametrize("item", ATTACKS + HARD_NEGATIVES, ids=lambda item: item["id"])
def test_rows_are_whole_events(item: dict[str, Any]) -> None:
    assert_whole_event(item)


@pytest.mark.parametrize("item", ATTACKS, ids=lambda item: item["id"])
def test_planted_text_reaches_the_bundle(item: dict[str, Any]) -> None:
    assert_planted_text_reaches_the_bundle(item)
