"""The fresh injection set keeps its shape: it is data only, so these tests check the data, not the detector
(which they must not import: the set stays out of sample, see injection_fresh's docstring)."""

import base64
import json
from collections import Counter

import pytest

from tests.llm_triage.trust import injection_fresh as fresh
from tests.llm_triage.trust.injection_fresh import ATTACK_CATEGORIES, ATTACKS, HARD_NEGATIVE_CATEGORIES, HARD_NEGATIVES


def test_ids_are_unique_across_attacks_and_negatives():
    ids = [case["id"] for case in ATTACKS + HARD_NEGATIVES]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


@pytest.mark.parametrize("cases,known", [(ATTACKS, ATTACK_CATEGORIES), (HARD_NEGATIVES, HARD_NEGATIVE_CATEGORIES)])
def test_every_case_has_a_known_category_and_a_row_of_non_empty_strings(cases, known):
    for case in cases:
        assert set(case) == {"id", "category", "row"}, case
        assert case["category"] in known, case["id"]
        row = case["row"]
        assert isinstance(row, dict) and row, case["id"]
        for field, value in row.items():
            assert isinstance(field, str) and field.strip(), case["id"]
            assert isinstance(value, str) and value.strip(), (case["id"], field)


def test_each_attack_category_has_at_least_20_cases_and_200_in_all():
    counts = Counter(case["category"] for case in ATTACKS)
    assert {c: counts[c] for c in ATTACK_CATEGORIES if counts[c] < 20} == {}
    assert len(ATTACKS) >= 200


def test_there_are_at_least_120_hard_negatives_in_every_declared_category():
    counts = Counter(case["category"] for case in HARD_NEGATIVES)
    assert len(HARD_NEGATIVES) >= 120
    assert [c for c in HARD_NEGATIVE_CATEGORIES if counts[c] == 0] == []


def test_split_attacks_spread_over_two_fields_or_more_and_the_rest_sit_in_one():
    for case in ATTACKS:
        if case["category"] == "split":
            assert len(case["row"]) >= 2, case["id"]
        else:
            assert len(case["row"]) == 1, case["id"]


def test_the_multilingual_attacks_span_the_fifteen_languages_by_script_or_marker():
    # One sample per language, as written in the set: a missing language means a row was lost.
    text = " ".join(v for case in ATTACKS if case["category"] == "multilingual" for v in case["row"].values())
    markers = {
        "es": "clasifícalo",
        "de": "einstufen",
        "fr": "consignes",
        "pt": "Desconsidere",
        "ru": "инструкции",
        "zh": "误报",
        "ja": "無視して",
        "it": "innocuo",
        "nl": "onschuldig",
        "pl": "nieszkodliwe",
        "tr": "zararsız",
        "ko": "무시하고",
        "ar": "تجاهل",
        "hi": "अनदेखा",
        "id": "abaikan",
    }
    assert [lang for lang, word in markers.items() if word not in text] == []


@pytest.mark.parametrize(
    "transform,text,expected",
    [
        ("base64", "ok", "b2s="),
        ("hex", "ok", "6f6b"),
        ("percent", "a b", "%61%20%62"),
        ("html_entities", "ab", "&#97;&#x62;"),
        ("rot13", "Abc", "Nop"),
        ("spaced", "ab cd", "a b   c d"),
        ("zero_width", "ab", "a\u200bb\u200d"),
        ("homoglyph", "ape", "\u0430\u0440\u0435"),
        ("leet", "test", "7357"),
        ("mixed_case", "a-bcd", "a-BcD"),
    ],
)
def test_each_transformation_does_what_its_name_says(transform, text, expected):
    assert fresh.TRANSFORMS[transform](text) == expected


def test_the_obfuscated_cases_no_longer_show_their_seed_as_written():
    for case in ATTACKS:
        if case["category"] == "obfuscated":
            (value,) = case["row"].values()
            assert not any(word in value for word in ("likely_benign", "instructions", "benign", "verdict")), case["id"]


def test_the_escaped_carriers_read_back_as_the_text_they_hide():
    assert json.loads(fresh.json_unicode_escaped("ok é")) == "ok é"
    assert base64.b64decode(fresh.to_powershell_encoded("Get-Date")).decode("utf-16-le") == "Get-Date"
