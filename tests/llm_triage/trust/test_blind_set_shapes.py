"""The shape of the blind sets written to the tenth set's brief and converted by its script (the tenth to the
twenty-first, `injection_<set>.py`): sizes, ids, keys, goals, languages, honest twins, whole rows, and planted
text that reaches the bundle. None of it runs the detector: each set is measured once, in
`test_injection_<set>.py`. The eighth and ninth sets have their own schemas (campaigns, insiders) and their
own shape tests."""

import importlib
import re
from typing import Any

import pytest

from tests.llm_triage.trust.blind_set_checks import (
    GOALS,
    assert_planted_text_reaches_the_bundle,
    assert_whole_event,
    row_values,
)

LANGUAGES = {
    "en", "es", "de", "fr", "pt", "ru", "zh", "ja", "nl", "it", "pl", "ko", "tr", "vi", "id", "ar", "he", "uk",
    "cs", "hi", "fa", "bn", "th", "el", "ka", "hy",
}  # fmt: skip
ATTACK_KEYS = {"id", "system", "source", "goal", "language", "planted", "row"}
NEGATIVE_KEYS = {"id", "system", "source", "language", "twin_of", "row"}


def _assert_ids_are_unique_and_numbered(items: list[dict[str, Any]], prefix: str) -> None:
    """`prefix` is the set's and kind's, `t10a` or `t11n`: ids run `<prefix>-001-<source>` on."""
    assert len({item["id"] for item in items}) == len(items)
    for number, item in enumerate(items, start=1):
        assert item["id"] == f"{prefix}-{number:03d}-{item['source']}"
        assert re.fullmatch(r"[a-z0-9_]+", item["source"]) and re.fullmatch(r"[a-z0-9_]+", item["system"])


def _assert_exact_keys_and_goals(attacks: list[dict[str, Any]], negatives: list[dict[str, Any]]) -> None:
    assert all(set(item) == ATTACK_KEYS for item in attacks)
    assert all(set(item) == NEGATIVE_KEYS for item in negatives)
    assert {item["goal"] for item in attacks} == GOALS


def _assert_languages(attacks: list[dict[str, Any]], negatives: list[dict[str, Any]]) -> None:
    for items in (attacks, negatives):
        assert {item["language"] for item in items} <= LANGUAGES
        assert sum(item["language"] != "en" for item in items) >= 0.4 * len(items)
    assert {"es", "de", "fr", "pt", "ru", "zh", "ja"} <= {item["language"] for item in attacks}


def _assert_each_twin_is_the_same_event_without_the_planted_text(
    attacks: list[dict[str, Any]], negatives: list[dict[str, Any]]
) -> None:
    by_id = {item["id"]: item for item in attacks}
    twins = [item for item in negatives if item["twin_of"] is not None]
    assert len(twins) >= 0.4 * len(negatives)
    assert len({item["twin_of"] for item in twins}) == len(twins)
    for twin in twins:
        attack = by_id[twin["twin_of"]]
        assert (twin["source"], twin["row"]["sourcetype"]) == (attack["source"], attack["row"]["sourcetype"])
        assert not any(attack["planted"] in value for value in row_values(twin["row"])), twin["id"]


# Each set's size (attacks and hard negatives alike) and id prefix (`t10a-001-...`, `t10n-001-...`).
SETS = {
    "tenth": (90, "t10"),
    "eleventh": (120, "t11"),
    "twelfth": (180, "t12"),
    "thirteenth": (180, "t13"),
    "fourteenth": (180, "t14"),
    "fifteenth": (180, "t15"),
    "sixteenth": (180, "t16"),
    "seventeenth": (180, "t17"),
    "eighteenth": (180, "t18"),
    "nineteenth": (180, "t19"),
    "twentieth": (180, "t20"),
    "twentyfirst": (180, "t21"),
    "twentysecond": (180, "t22"),
    "twentythird": (180, "t23"),
    "twentyfourth": (180, "t24"),
    "twentyfifth": (180, "t25"),
    "twentysixth": (180, "t26"),
}


def blind_set(name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    module = importlib.import_module(f"tests.llm_triage.trust.injection_{name}")
    return module.ATTACKS, module.HARD_NEGATIVES


ATTACKS = [item for name in SETS for item in blind_set(name)[0]]
ITEMS = ATTACKS + [item for name in SETS for item in blind_set(name)[1]]


@pytest.mark.parametrize("name", SETS)
def test_frozen_sizes(name: str) -> None:
    attacks, negatives = blind_set(name)
    assert (len(attacks), len(negatives)) == (SETS[name][0], SETS[name][0])


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("kind", ["a", "n"])
def test_ids_are_unique_and_numbered(name: str, kind: str) -> None:
    attacks, negatives = blind_set(name)
    _assert_ids_are_unique_and_numbered(attacks if kind == "a" else negatives, f"{SETS[name][1]}{kind}")


@pytest.mark.parametrize("name", SETS)
def test_exact_keys_and_goals(name: str) -> None:
    _assert_exact_keys_and_goals(*blind_set(name))


@pytest.mark.parametrize("name", SETS)
def test_languages(name: str) -> None:
    _assert_languages(*blind_set(name))


@pytest.mark.parametrize("name", SETS)
def test_each_twin_is_the_same_event_without_the_planted_text(name: str) -> None:
    _assert_each_twin_is_the_same_event_without_the_planted_text(*blind_set(name))


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item["id"])
def test_rows_are_whole_events(item: dict[str, Any]) -> None:
    assert_whole_event(item)


@pytest.mark.parametrize("item", ATTACKS, ids=lambda item: item["id"])
def test_planted_text_reaches_the_bundle(item: dict[str, Any]) -> None:
    assert_planted_text_reaches_the_bundle(item)
