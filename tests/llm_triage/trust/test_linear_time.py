"""No field value can stall the detector: every pattern and decoder reads a hostile value in linear time.

Log fields are the attacker's; the detector reads each one before anything is sent, dryrun included. A
regular expression that backtracks over a long run of one character (`\\s{2,}` followed by `\\s*`, a
greedy run tried from every position inside it) turns a field of 20,000 spaces or letters into seconds
or hours of one search's time. These probes are the shapes that found such expressions here (a run of
whitespace stalled `chat_role_line` and the `addressee` vocative for minutes; a run of letters took the
`joined` decoder eight seconds; runs of newlines and dashes cost two role and delimiter patterns seconds).
The probes and the clock are in hostile_values.py."""

from __future__ import annotations

import re

import pytest

from llm_triage.trust.injection import detector
from tests.llm_triage.trust.hostile_values import SECONDS, runs, seconds, slow_reads

UNITS = [" ", "\n", "\t", " \n", "a", "A", "가", "致", "1", ".", "-", "_", "=", "#", "/", ":", "<", "%41", "&#65;"]
UNITS += ["a_", "a b ", "Ab", "AI ", "AI-", "bot ", "for the AI ", "note for ", "AI agent ", "SYSTEM ", "ignore "]
UNITS += ["0123456789abcdef", "deadbeef-", "c0ffee00-1a2b-"]  # hex identifiers, which leetspeak leaves alone
# A sentence spaced by marks or other characters, host names' ends, punctuation beside a word and a character.
UNITS += ["the/", "as.", "x.de/", "a1/", "@a.", "//a.", "the\\", "the\u3002", "\u5b8c\u3002"]
UNITS += ["the\u2022", "a\u200b", "a=,", "a=>", "a\u3164", "\u093f\u0964", "a===="]


def _expressions() -> list[tuple[str, re.Pattern[str]]]:
    """Every expression the shipped detector searches, compiled as it compiles them."""
    scanner = detector.load_detector()
    found = [(pattern.id, pattern.regex) for pattern in scanner.patterns + scanner.comments]
    gates = {pattern.gate for pattern in scanner.patterns if pattern.gate is not None}
    return found + [(f"gate {gate.pattern[:24]}", gate) for gate in gates]


@pytest.mark.parametrize("name,expression", _expressions(), ids=[name for name, _ in _expressions()])
def test_each_pattern_reads_a_long_run_of_one_unit_in_linear_time(name: str, expression: re.Pattern[str]) -> None:
    assert not slow_reads(expression.search, runs(UNITS)), name


@pytest.mark.parametrize("name", sorted(detector._DECODERS))
def test_each_decoder_reads_a_long_run_of_one_unit_in_linear_time(name: str) -> None:
    assert not slow_reads(detector._DECODERS[name], runs(UNITS)), name


def test_the_whole_scan_of_a_hostile_value_stays_cheap() -> None:
    """The detector as it runs (rules, decoders, learned model) on the probes, as many as it reads."""
    assert not slow_reads(detector.load_detector().scan, runs(UNITS))


def test_raw_text_of_thousands_of_pairs_each_value_written_twice_is_read_in_linear_time() -> None:
    # The cut looks for a repeated value after each key; an alternation of every value cost values x text.
    values = [f"v{index:07d}" for index in range(2500)]
    raw = " ".join(f"a{index}={value} b{index}={value}" for index, value in enumerate(values))
    row = {"_raw": raw, **{f"a{index}": value for index, value in enumerate(values)}}
    assert len(raw) > 40_000
    assert seconds(lambda _: detector.load_detector().scan_row(row), raw) < SECONDS


def test_raw_text_of_keys_and_values_of_many_lengths_is_read_in_linear_time() -> None:
    # A value is tried after a key only if one starts with the character there: every length at every `=`
    # once cost half a second on 37,000 characters.
    values = {f"f{length}": "x" * length for length in range(8, 190)}
    row = {"_raw": "x" * 190 + " " + "x" * 190 + " " + "=" * 40_000, **values}
    assert seconds(lambda _: detector.load_detector().scan_row(row), "") < SECONDS / 4


def test_a_verdict_pair_after_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    # Two runs of spaces side by side after the separator split a run every way: 20,000 spaces after `x=`
    # took the pair rule a hundred seconds (patterns/19).
    rule = detector.load_detector().verdict_pairs
    assert rule is not None
    for separator in ("x=", "verdict:", 'status="', "--verdict"):
        assert not slow_reads(rule.pairs_a_verdict, runs([" ", "\t", "\u00a0", "+", "%20"], prefix=separator))
