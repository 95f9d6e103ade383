"""No field value can stall the detector: every pattern and decoder reads a hostile value in linear time.

Log fields are the attacker's; the detector reads each one before anything is sent, dryrun included. A
regular expression that backtracks over a long run of one character (`\\s{2,}` followed by `\\s*`, a
greedy run tried from every position inside it) turns a field of 20,000 spaces or letters into seconds
or hours of one search's time. These probes are the shapes that found such expressions here (a run of
whitespace stalled `chat_role_line` and the `addressee` vocative for minutes; a run of letters took the
`joined` decoder eight seconds; runs of newlines and dashes cost two role and delimiter patterns seconds).

The probe values are 40,000 characters, twice what the detector reads of a value, so that a quadratic
expression takes several seconds while a linear one takes milliseconds: the bound below sits between
the two with a wide margin on either side, so a loaded machine cannot fail a linear expression."""

from __future__ import annotations

import json
import re
import signal
import time
from collections.abc import Callable, Iterator

import pytest

from llm_triage.trust.injection import detector
from llm_triage.trust.injection.detector import DEFAULT_PATTERNS, PATTERNS_DIR
from llm_triage.trust.injection.learned import load_model

UNITS = [" ", "\n", "\t", " \n", "a", "A", "가", "致", "1", ".", "-", "_", "=", "#", "/", ":", "<", "%41", "&#65;"]
UNITS += ["a_", "a b ", "Ab", "AI ", "AI-", "bot ", "for the AI ", "note for ", "AI agent ", "SYSTEM ", "ignore "]
PROBE_CHARS = 40_000
SECONDS = 1.0  # linear: under 0.1 s at 40,000 characters; quadratic: 4 s and more


class _Stalled(Exception):
    pass


def _probes() -> Iterator[str]:
    for unit in UNITS:
        yield (unit * (PROBE_CHARS // len(unit) + 1))[:PROBE_CHARS]


def _seconds(read: Callable[[str], object], text: str) -> float:
    def stalled(*_: object) -> None:
        raise _Stalled

    previous = signal.signal(signal.SIGALRM, stalled)
    signal.setitimer(signal.ITIMER_REAL, SECONDS * 5)
    started = time.perf_counter()
    try:
        result = read(text)
        if isinstance(result, Iterator):
            list(result)
        return time.perf_counter() - started
    except _Stalled:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    slow = {repr(text[:12]): seconds for text in _probes() if (seconds := _seconds(expression.search, text)) > SECONDS}
    assert not slow, (name, slow)


@pytest.mark.parametrize("name", sorted(detector._DECODERS))
def test_each_decoder_reads_a_long_run_of_one_unit_in_linear_time(name: str) -> None:
    decode = detector._DECODERS[name]
    slow = {repr(text[:12]): seconds for text in _probes() if (seconds := _seconds(decode, text)) > SECONDS}
    assert not slow, (name, slow)


def test_the_whole_scan_of_a_hostile_value_stays_cheap() -> None:
    """The detector as it runs (rules, decoders, learned model) on the probes, as many as it reads."""
    scanner = detector.Detector(
        json.loads((PATTERNS_DIR / f"{DEFAULT_PATTERNS}.json").read_text(encoding="utf-8")), load_model()
    )
    slow = {repr(text[:12]): seconds for text in _probes() if (seconds := _seconds(scanner.scan, text)) > SECONDS}
    assert not slow, slow
