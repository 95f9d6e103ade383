"""The fifteenth held-out set's shape: sizes, ids, keys, goals, languages, twins, whole rows, and planted text
that reaches the bundle (blind_set_shape). These tests never run the detector: the set is measured once,
elsewhere."""

from typing import Any

import pytest

from tests.llm_triage.trust import blind_set_shape as shape
from tests.llm_triage.trust.injection_fifteenth import ATTACKS, HARD_NEGATIVES


def test_frozen_sizes() -> None:
    assert (len(ATTACKS), len(HARD_NEGATIVES)) == (180, 180)


@pytest.mark.parametrize(("items", "kind"), [(ATTACKS, "a"), (HARD_NEGATIVES, "n")])
def test_ids_are_unique_and_numbered(items: list[dict[str, Any]], kind: str) -> None:
    shape.assert_ids_are_unique_and_numbered(items, f"t15{kind}")


def test_exact_keys_and_goals() -> None:
    shape.assert_exact_keys_and_goals(ATTACKS, HARD_NEGATIVES)


def test_languages() -> None:
    shape.assert_languages(ATTACKS, HARD_NEGATIVES)


def test_each_twin_is_the_same_event_without_the_planted_text() -> None:
    shape.assert_each_twin_is_the_same_event_without_the_planted_text(ATTACKS, HARD_NEGATIVES)


@pytest.mark.parametrize("item", ATTACKS + HARD_NEGATIVES, ids=lambda item: item["id"])
def test_rows_are_whole_events(item: dict[str, Any]) -> None:
    shape.assert_whole_event(item)


@pytest.mark.parametrize("item", ATTACKS, ids=lambda item: item["id"])
def test_planted_text_reaches_the_bundle(item: dict[str, Any]) -> None:
    shape.assert_planted_text_reaches_the_bundle(item)
