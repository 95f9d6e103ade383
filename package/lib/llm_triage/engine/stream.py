"""The triage engine: a stream of bundles in, their judgements out, in order, concurrently, each
distinct bundle judged once per search, in bounded memory.

The search's row loop hands each bundle to `ticket()` and later asks `result()` for it, in input order.
New bundles are gathered into groups; a group goes to the judge (cache, budget, concurrency and retries
are judges stacked beneath) on one of a few group threads, so cache lookups of one group overlap the
model calls of another, while the provider's own pool bounds the calls in flight. A group goes as soon
as it holds `group_size` bundles, or `eager_size` while no group is being judged, so the provider is
kept busy from the first rows on, and cache lookups still go in large batches. A bundle seen before
in the search shares the first one's answer (`repeat`) instead of being sent again.

When the provider takes several bundles per request (`batch_size`), a group holds whole requests
(`group_size` is rounded up to a multiple of batch_size) and `eager_size` counts requests (the eager group
holds eager_size times batch_size bundles), so batches go full whenever there are bundles enough.

Memory: the row loop keeps at most a window of rows waiting (see triage.py), and the engine remembers
at most `memo_size` answered bundles (the oldest are forgotten: a repeat after that is asked again).
Unavailable answers are not remembered, so a repeat later in the search gets another chance.
"""

import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional

from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import SKIPPED_BY_A_LIMIT, STATUS_ERROR, STATUS_SKIPPED_BUDGET, STATUS_UNAVAILABLE
from llm_triage.verdict.batching import request_size
from llm_triage.verdict.judge import Judge, Judgement, failed

DEFAULT_GROUP_SIZE = 64
GROUP_THREADS = 4
MEMO_SIZE = 10_000  # remembered answers: about a kilobyte each, so memory stays flat however long the search


class _Slot:
    """One distinct bundle's judgement, once it is known: `done` is its group's, set when the whole group is
    answered (one event per group, not per bundle: cache hits come by the thousand)."""

    __slots__ = ("done", "judgement")

    def __init__(self, done: threading.Event) -> None:
        self.done = done
        self.judgement: Optional[Judgement] = None


@dataclass(frozen=True)
class Ticket:
    """A claim on a bundle's judgement; `repeat` when an identical bundle came earlier in the search."""

    slot: _Slot
    repeat: bool


class TriageEngine:
    """Judges bundles through `judge` with de-duplication and pipelining; `close()` when the search ends."""

    def __init__(
        self,
        judge: Judge,
        group_size: int = DEFAULT_GROUP_SIZE,
        group_threads: int = GROUP_THREADS,
        memo_size: int = MEMO_SIZE,
        eager_size: int = 0,
    ):
        self.judge = judge
        batch = request_size(judge.provider)
        self._group_size = -(-max(1, group_size) // batch) * batch
        self._eager_size = max(1, min(eager_size * batch or self._group_size, self._group_size))
        self._group_threads = max(1, group_threads)
        self._groups_in_flight = 0
        self._memo_size = memo_size
        self._memo: OrderedDict[str, _Slot] = OrderedDict()
        self._group: list[tuple[Bundle, _Slot]] = []
        self._group_done = threading.Event()
        self._lock = threading.Lock()
        self._groups = ThreadPoolExecutor(max(1, group_threads), thread_name_prefix="llmtriage-group")
        self.distinct = 0
        self.repeats = 0

    def ticket(self, bundle: Bundle) -> Ticket:
        """Claim `bundle`'s judgement; sends it (in a group) unless an identical one was claimed before."""
        with self._lock:
            slot = self._memo.get(bundle.hash)
            if slot is not None:
                self._memo.move_to_end(bundle.hash)
                self.repeats += 1
                return Ticket(slot, repeat=True)
            slot = _Slot(self._group_done)
            self._memo[bundle.hash] = slot
            while len(self._memo) > self._memo_size:
                self._memo.popitem(last=False)
            self.distinct += 1
            self._group.append((bundle, slot))
            idle = self._groups_in_flight == 0
            full = len(self._group) >= (self._eager_size if idle else self._group_size)
        if full:
            self.flush()
        return Ticket(slot, repeat=False)

    def result(self, ticket: Ticket) -> Judgement:
        """The judgement a ticket claims, waiting for it (and sending what is gathered) if need be."""
        if not ticket.slot.done.is_set():
            self.flush()
            ticket.slot.done.wait()
        assert ticket.slot.judgement is not None
        return ticket.slot.judgement

    def flush(self) -> None:
        """Send the bundles gathered so far."""
        with self._lock:
            group, self._group = self._group, []
            done = self._group_done
            if group:
                self._groups_in_flight += 1
                self._group_done = threading.Event()
        if group:
            self._groups.submit(self._judge_group, group, done)

    def close(self) -> None:
        """Stop the group threads once their work ends."""
        self.flush()
        self._groups.shutdown(wait=False)

    def _judge_group(self, group: Sequence[tuple[Bundle, _Slot]], done: threading.Event) -> None:
        try:
            judgements = self.judge.judge([bundle for bundle, _ in group])
            if len(judgements) != len(group):
                raise ValueError(f"the judge gave {len(judgements)} judgements for {len(group)} bundles")
        except Exception as exc:  # a judge must never raise; if one does, its group pays, not the search
            judgements = [failed(STATUS_ERROR, f"internal error: {exc.__class__.__name__}")] * len(group)
        with self._lock:
            self._groups_in_flight -= 1
        for (bundle, slot), judgement in zip(group, judgements):
            if judgement.status in (STATUS_UNAVAILABLE, STATUS_SKIPPED_BUDGET, *SKIPPED_BY_A_LIMIT):
                self._forget(bundle.hash, slot)
            slot.judgement = judgement
        done.set()

    def _forget(self, key: str, slot: _Slot) -> None:
        with self._lock:
            if self._memo.get(key) is slot:
                del self._memo[key]
