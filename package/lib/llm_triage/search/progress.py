"""How far a long search has got, for search.log: rows done, the rate, and the time left for the rows received.

A streaming command never learns how many rows its search will send in all; it knows how many it has received
and how many it has returned. So the time left is for the rows received and still waiting (the model's answers
they wait for), at the rate of the search so far; the rows splunkd has not sent yet are not counted, and the
line says so. A line is written at most every EVERY seconds, when a row is done (a million-row search writes a
line per EVERY seconds, not per row), and once at the end of a search that wrote any.
"""

import time
from typing import Callable

EVERY = 10.0  # seconds between two progress lines


class SearchProgress:
    """Counts rows as they are returned and writes `log` a progress line at most every `every` seconds."""

    def __init__(
        self,
        log: Callable[[str], None],
        command: str,
        every: float = EVERY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._log = log
        self._command = command
        self._every = every
        self._clock = clock
        self._started = clock()
        self._last = self._started
        self._lines = 0
        self.done = 0

    def row_done(self, received: int) -> None:
        """One more row returned, of `received` so far."""
        self.done += 1
        now = self._clock()
        if now - self._last >= self._every:
            self._last = now
            self._lines += 1
            self._log(self.line(received, now))

    def finish(self, received: int) -> None:
        """The search's last line, when it wrote progress before (a short search writes none)."""
        if self._lines:
            self._log(self.line(received, self._clock()))

    def line(self, received: int, now: float) -> str:
        """The progress line: `llmtriage progress: rows_done=... rows_waiting=... rate_per_min=... ...`."""
        elapsed = max(now - self._started, 1e-9)
        waiting = max(received - self.done, 0)
        rate = self.done / elapsed  # rows a second
        left = f"{waiting / rate:.0f}s" if rate > 0 else "unknown"
        return (
            f"{self._command} progress: rows_done={self.done} rows_waiting={waiting} "
            f"rate_per_min={rate * 60:.1f} elapsed={elapsed:.0f}s time_left={left} "
            "(for the rows received so far; splunkd may send more)"
        )
