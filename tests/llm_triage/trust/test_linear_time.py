"""No field value can stall the detector: every pattern and decoder reads a hostile value in linear time.

Log fields are the attacker's; the detector reads each one before anything is sent, dryrun included. A
regular expression that backtracks over a long run of one character (`\\s{2,}` followed by `\\s*`, a
greedy run tried from every position inside it) turns a field of 20,000 spaces or letters into seconds
or hours of one search's time. These probes are the shapes that found such expressions here (a run of
whitespace stalled `chat_role_line` and the `addressee` vocative for minutes; a run of letters took the
`joined` decoder eight seconds; runs of newlines and dashes cost two role and delimiter patterns seconds).
The probes and the clock are in hostile_values.py."""

from __future__ import annotations

import json
import re

import pytest

from llm_triage.trust.injection import detector
from llm_triage.trust.injection.detector import DEFAULT_PATTERNS, PATTERNS_DIR
from llm_triage.trust.injection.learned import load_model
from tests.llm_triage.trust.hostile_values import runs, slow_reads

UNITS = [" ", "\n", "\t", " \n", "a", "A", "가", "致", "1", ".", "-", "_", "=", "#", "/", ":", "<", "%41", "&#65;"]
UNITS += ["a_", "a b ", "Ab", "AI ", "AI-", "bot ", "for the AI ", "note for ", "AI agent ", "SYSTEM ", "ignore "]


def _expressions() -> list[tuple[str, re.Pattern[str]]]:
    spec = json.loads((PATTERNS_DIR / f"{DEFAULT_PATTERNS}.json").read_text(encoding="utf-8"))
    found = [
        (item["id"], re.compile(item["regex"], 0 if item.get("case_sensitive") else re.IGNORECASE))
        for item in spec["patterns"]
    ]
    found += [(f"gate of {item['id']}", re.compile(item["gate"])) for item in spec["patterns"] if item.get("gate")]
    found += [(item["id"], re.compile(item["regex"], re.IGNORECASE | re.DOTALL)) for item in spec["comments"]]
    return found


@pytest.mark.parametrize("name,expression", _expressions(), ids=[name for name, _ in _expressions()])
def test_each_pattern_reads_a_long_run_of_one_unit_in_linear_time(name: str, expression: re.Pattern[str]) -> None:
    assert not slow_reads(expression.search, runs(UNITS)), name


@pytest.mark.parametrize("name", sorted(detector._DECODERS))
def test_each_decoder_reads_a_long_run_of_one_unit_in_linear_time(name: str) -> None:
    assert not slow_reads(detector._DECODERS[name], runs(UNITS)), name


def test_the_whole_scan_of_a_hostile_value_stays_cheap() -> None:
    """The detector as it runs (rules, decoders, learned model) on the probes, as many as it reads."""
    scanner = detector.Detector(
        json.loads((PATTERNS_DIR / f"{DEFAULT_PATTERNS}.json").read_text(encoding="utf-8")), load_model()
    )
    assert not slow_reads(scanner.scan, runs(UNITS))
