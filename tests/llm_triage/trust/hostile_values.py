"""Hostile field values for the linear-time tests: long runs of one repeated unit, and a clock that gives
up on a read that has stalled.

A regular expression that backtracks over a long run of one character (a run tried from every position
inside it, or two quantifiers that both accept the run) takes seconds or hours on such a value, where a
linear one takes milliseconds. The probes are 40,000 characters, more than the detector reads of a value,
so that a quadratic read takes several seconds: SECONDS sits between the two with a wide margin on either
side, so a loaded machine cannot fail a linear read."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterable, Iterator

PROBE_CHARS = 40_000
SECONDS = 1.0  # linear: under 0.1 s at 40,000 characters; quadratic: 4 s and more


class _Stalled(Exception):
    pass


def runs(units: Iterable[str], prefix: str = "", chars: int = PROBE_CHARS) -> Iterator[str]:
    """`prefix`, then `chars` characters of each unit repeated."""
    for unit in units:
        yield prefix + (unit * (chars // len(unit) + 1))[:chars]


def seconds(read: Callable[[str], object], text: str) -> float:
    """How long `read(text)` takes (an iterator it returns is read to its end); infinity past 5 x SECONDS."""

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


def slow_reads(read: Callable[[str], object], texts: Iterable[str]) -> dict[str, float]:
    """The texts (their first characters) that `read` took more than SECONDS over, with the time."""
    return {repr(text[:24]): took for text in texts if (took := seconds(read, text)) > SECONDS}
