"""Rows leaving the search's window, in order, with the slow part of some rows' finishing done side by side.

A row answered needs_enrichment waits for its context searches and then for a second model answer: done one
row after another, a search whose every row is uncertain would go at one row per (search + answer). Here
each such row's enrichment runs on a pool as wide as the engine's model calls (`max_concurrency`), so rows
are enriched beside each other while their model calls stay within the provider's bound (the engine's pool
holds them), and rows still leave in the order they came, each once its own work is done.
"""

import threading
import traceback
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Generic, Optional, TypeVar

T = TypeVar("T")
AHEAD = 2  # works handed out per worker before the oldest is waited for: the pool never idles between rows
MAX_WAITING = 2000  # items waiting behind a slow one, at most (the row window's size: search/triage.py)


@dataclass(frozen=True)
class Outcome:
    """What a row's work gave: its value, or the exception it raised and where (for search.log)."""

    value: object = None
    error: Optional[Exception] = None
    trace: str = ""


def _outcome(work: Callable[[], object]) -> Outcome:
    try:
        return Outcome(work())
    except Exception as exc:  # a bug must cost one row its finishing, never the search its rows
        return Outcome(error=exc, trace=traceback.format_exc())


NOTHING_TO_DO = Outcome()


class InOrder(Generic[T]):
    """Items in, the same items out in order, each with the outcome of its work (if it has any).

    At most `workers()` works run at once (asked when the first work comes: the engine's width is known
    by then), and at most twice that are handed out before the oldest is waited for; at most `max_waiting`
    items wait, whatever their work. `close()` when the search ends.
    """

    def __init__(self, workers: Callable[[], int], max_waiting: int = MAX_WAITING):
        self._workers = workers
        self._ahead = 0  # set with the pool
        self._max_waiting = max(1, max_waiting)
        self._waiting: deque[tuple[T, Optional[Future[Outcome]]]] = deque()
        self._working = 0  # works handed out whose item has not left yet
        self._pool: Optional[ThreadPoolExecutor] = None
        self._lock = threading.Lock()

    def add(self, item: T, work: Optional[Callable[[], object]]) -> Iterator[tuple[T, Outcome]]:
        """Queue `item` (its `work` started on the pool), then yield the items whose turn it is."""
        future = None
        if work is not None:
            future = self._executor().submit(_outcome, work)
            self._working += 1
        self._waiting.append((item, future))
        while self._waiting:
            head = self._waiting[0][1]
            busy = head is not None and not head.done()
            if busy and self._working <= self._ahead and len(self._waiting) <= self._max_waiting:
                return
            yield self._leave()

    def drain(self) -> Iterator[tuple[T, Outcome]]:
        """Every item still waiting, in order, each once its work is done."""
        while self._waiting:
            yield self._leave()

    def close(self) -> None:
        """Let the threads go once their work ends."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False)
                self._pool = None

    def _leave(self) -> tuple[T, Outcome]:
        item, future = self._waiting.popleft()
        if future is None:
            return item, NOTHING_TO_DO
        self._working -= 1
        return item, future.result()

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                workers = max(1, self._workers())
                self._ahead = AHEAD * workers
                self._pool = ThreadPoolExecutor(workers, thread_name_prefix="llmtriage-enrich")
            return self._pool
