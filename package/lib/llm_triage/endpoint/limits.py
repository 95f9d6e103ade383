"""What one endpoint process keeps for the limits that hold beyond a search: the day's spend ledger
(engine.spend) over the usage records in the KV store, and the providers' breakers opened on other
search heads (engine.shared_breaker), both written and read with the system token of the request being
served (a persistent process outlives any one token).
"""

import os
import secrets
import socket
import time
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional

from llm_triage.engine.shared_breaker import SharedBreakers
from llm_triage.engine.spend import SpendLedger
from llm_triage.splunkd.breakers import KvBreakerStore
from llm_triage.splunkd.kvstore import StoreUnavailable
from llm_triage.splunkd.rest import SplunkdRest, within
from llm_triage.splunkd.usage import KvUsageStore

# Seconds one use of the usage or breaker records may take (a save, a read). The request that syncs them waits
# for it: with splunkd's own 60 s a call, a hung KV store held that request's reply for minutes. A healthy store
# answers in milliseconds; what a slow one fails to save is saved at a later sync.
STORE_SECONDS = 10.0


class _Latest:
    """The latest request's way to splunkd, each use bounded by STORE_SECONDS."""

    def __init__(self) -> None:
        self.rest: Optional[SplunkdRest] = None

    def __call__(self) -> SplunkdRest:
        if self.rest is None:
            raise StoreUnavailable("the endpoint cannot reach splunkd")
        over = f"no time left of the {STORE_SECONDS:g} s a use of the shared records has"
        return within(self.rest, time.monotonic() + STORE_SECONDS, reason=over)


class _UsageStore:
    """The usage records as the latest request's system token reaches them."""

    def __init__(self, latest: _Latest) -> None:
        self._latest = latest

    def save(self, records: Sequence[Mapping[str, Any]]) -> None:
        KvUsageStore(self._latest()).save(records)

    def of_day(self, day: str) -> list[Mapping[str, Any]]:
        return KvUsageStore(self._latest()).of_day(day)


class _BreakerStore:
    """The open breakers as the latest request's system token reaches them."""

    def __init__(self, latest: _Latest) -> None:
        self._latest = latest

    def save(self, record: Mapping[str, Any]) -> None:
        KvBreakerStore(self._latest()).save(record)

    def records(self) -> Sequence[Mapping[str, Any]]:
        return KvBreakerStore(self._latest()).records()

    def delete(self, key: str) -> None:
        KvBreakerStore(self._latest()).delete(key)


class ProcessLimits:
    """One endpoint process's ledger and shared breakers; `bind` hands them the current request's way to
    splunkd."""

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        member: str = "",
        process: str = "",
        sync_seconds: Optional[float] = None,
    ):
        self._latest = _Latest()
        member = member or socket.gethostname()
        process = process or f"{os.getpid()}-{secrets.token_hex(4)}"  # a restarted process starts new records
        self.ledger = SpendLedger(_UsageStore(self._latest), member, process, clock)
        self.breakers = SharedBreakers(_BreakerStore(self._latest), member, process, clock)
        if sync_seconds is not None:
            self.ledger.sync_seconds = self.breakers.sync_seconds = sync_seconds

    def bind(self, rest: Optional[SplunkdRest]) -> SpendLedger:
        """The ledger, its records (and the breakers') now written and read through `rest` (None: not at all)."""
        self._latest.rest = rest
        return self.ledger


PROCESS_LIMITS = ProcessLimits()  # a persistent endpoint process serves many searches: they share it
