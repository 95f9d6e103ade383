"""What one endpoint process keeps for the limits that hold beyond a search: the day's spend ledger
(engine.spend) over the usage records in the KV store, written and read with the system token of the
request being served (a persistent process outlives any one token).
"""

import os
import secrets
import socket
import time
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional

from llm_triage.engine.spend import SpendLedger
from llm_triage.splunkd.kvstore import StoreUnavailable
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.usage import KvUsageStore


class _LatestStore:
    """The usage store as the latest request's system token reaches it."""

    def __init__(self) -> None:
        self.rest: Optional[SplunkdRest] = None

    def save(self, records: Sequence[Mapping[str, Any]]) -> None:
        KvUsageStore(self._rest()).save(records)

    def of_day(self, day: str) -> list[Mapping[str, Any]]:
        return KvUsageStore(self._rest()).of_day(day)

    def _rest(self) -> SplunkdRest:
        if self.rest is None:
            raise StoreUnavailable("the endpoint cannot reach splunkd")
        return self.rest


class ProcessLimits:
    """One endpoint process's ledger; `bind` hands it the current request's way to splunkd."""

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        member: str = "",
        process: str = "",
        sync_seconds: Optional[float] = None,
    ):
        self._store = _LatestStore()
        member = member or socket.gethostname()
        process = process or f"{os.getpid()}-{secrets.token_hex(4)}"  # a restarted process starts new records
        self.ledger = SpendLedger(self._store, member, process, clock)
        if sync_seconds is not None:
            self.ledger.sync_seconds = sync_seconds

    def bind(self, rest: Optional[SplunkdRest]) -> SpendLedger:
        """The ledger, its records now written and read through `rest` (None: not at all)."""
        self._store.rest = rest
        return self.ledger


PROCESS_LIMITS = ProcessLimits()  # a persistent endpoint process serves many searches: they share it
