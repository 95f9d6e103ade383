"""Bounded concurrency: a provider never has more than its `max_concurrency` requests in flight.

`ConcurrentJudge` fans a list of bundles out over one thread pool per provider (threads, because the
work is waiting on sockets), one task per request: a bundle, or a group of up to the provider's
`batch_size` bundles that goes to the model in one request; it gathers the judgements back in order.
Every caller shares the pool, so however many groups of bundles are being judged at once, at most
`max_concurrency` requests run.
"""

import logging
import threading
import traceback
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Optional

from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import STATUS_ERROR
from llm_triage.verdict.batching import model_requests
from llm_triage.verdict.judge import Judge, Judgement, failed

LOG = logging.getLogger("llm_triage")
TRACES_LOGGED = 3


class ConcurrentJudge:
    """Asks `inner` about each bundle (or each group of `batch_size`) on its own, up to `max_concurrency`
    at once; never raises."""

    def __init__(
        self, inner: Judge, max_concurrency: Optional[int] = None, scrub: Callable[[str], str] = lambda text: text
    ):
        self._inner = inner
        self._scrub = scrub  # keeps keys out of the traces logged
        self._traces = 0
        self.provider = inner.provider
        self.max_concurrency = max(1, max_concurrency or inner.provider.max_concurrency)
        self._pool: Optional[ThreadPoolExecutor] = None
        self._lock = threading.Lock()

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One judgement per bundle, in order, asked concurrently."""
        if not bundles:
            return []
        pool = self._executor()
        futures = [pool.submit(self._group, request) for request in model_requests(bundles, self.provider)]
        return [judgement for future in futures for judgement in future.result()]

    def close(self) -> None:
        """Let the threads go once their calls end (each call is bounded by its own time-out)."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False)
                self._pool = None

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.max_concurrency, thread_name_prefix="llmtriage-call")
            return self._pool

    def _group(self, group: Sequence[Bundle]) -> list[Judgement]:
        try:
            judgements = self._inner.judge(group)
            if len(judgements) != len(group):
                raise ValueError(f"the judge gave {len(judgements)} judgements for {len(group)} bundles")
            return judgements
        except Exception as exc:  # a judge must never raise; if one does, only its request's bundles pay
            with self._lock:
                self._traces += 1
                log_it = self._traces <= TRACES_LOGGED  # the first few say why; the rest would bury search.log
            if log_it:
                LOG.error("llmtriage: unexpected failure judging a bundle\n%s", self._scrub(traceback.format_exc()))
            return [failed(STATUS_ERROR, f"internal error: {exc.__class__.__name__}")] * len(group)
