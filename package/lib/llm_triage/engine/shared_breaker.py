"""A provider's open circuit breaker, made known to every endpoint process and search-head cluster member.

When a process's breaker opens (engine.breaker), it records so in a shared store (the KV store collection
`llm_triage_breakers`: one record per provider and process, written whole, so no write loses another's):
which provider, why, and until when (its cool-down, in wall-clock time). Every process reads the records
at most every `sync_seconds` (5 s) on the request path and opens its own closed breaker for what is left
of the cool-down, so the next search on any member fails fast instead of waiting out time-outs; after it,
each member's breaker probes the provider on its own. A store that cannot be read or written only loses
the sharing: each process's breaker still works on its own.
"""

import hashlib
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Protocol

from llm_triage.engine.breaker import CircuitBreaker
from llm_triage.engine.spend import RETRY_SECONDS

SYNC_SECONDS = 5.0
MAX_REASON_CHARS = 300
STALE_SECONDS = 86400.0  # a record whose cool-down ended this long ago is removed by whoever reads it


class BreakerStore(Protocol):
    """Where open breakers are recorded (llm_triage.splunkd.breakers: a KV store collection)."""

    def save(self, record: Mapping[str, Any]) -> None:
        """Insert or replace `record` by its `_key`."""

    def records(self) -> Sequence[Mapping[str, Any]]:
        """Every record."""

    def delete(self, key: str) -> None:
        """Remove one record."""


class SharedBreakers:
    """One process's view of the providers' breakers opened elsewhere; thread-safe, never raises."""

    def __init__(
        self,
        store: BreakerStore,
        member: str,
        process: str,
        clock: Callable[[], float] = time.time,
        sync_seconds: float = SYNC_SECONDS,
    ):
        self._store = store
        self.member = member
        self.process = process
        self._clock = clock
        self.sync_seconds = sync_seconds
        self._lock = threading.Lock()
        self._next_read = float("-inf")  # when the open breakers are next read
        self._open: dict[str, tuple[float, str]] = {}  # provider: (until, reason), opened by other processes
        self.last_problem = ""

    def publish(self, provider: str, reason: str, cooldown: float) -> None:
        """This process's breaker for `provider` opened: tell the others, for `cooldown` seconds."""
        now = self._clock()
        key = hashlib.sha256("\x1f".join((provider, self.member, self.process)).encode("utf-8")).hexdigest()[:32]
        record = {
            "_key": key,
            "provider": provider,
            "member": self.member,
            "process": self.process,
            "opened_at": round(now, 3),
            "until": round(now + cooldown, 3),
            "reason": reason[:MAX_REASON_CHARS],
        }
        try:
            self._store.save(record)
            self.last_problem = ""
        except Exception as exc:  # whatever the store raised: the others will learn it themselves
            self.last_problem = f"the open breaker was not shared ({exc.__class__.__name__})"

    def apply(self, provider: str, breaker: CircuitBreaker) -> bool:
        """Open `breaker` (closed) for what is left of a cool-down another process recorded for `provider`;
        whether it did."""
        self._refresh()
        with self._lock:
            until, reason = self._open.get(provider, (0.0, ""))
        left = until - self._clock()
        if left <= 0:
            return False
        return breaker.trip(f"{reason} (seen by another search head)", left)

    def _refresh(self) -> None:
        now = self._clock()
        with self._lock:
            if now < self._next_read:
                return
            self._next_read = now + self.sync_seconds
        try:
            records = self._store.records()
        except Exception as exc:  # whatever the store raised: each breaker on its own
            self.last_problem = f"open breakers of other search heads unreadable ({exc.__class__.__name__})"
            with self._lock:  # each attempt on a hung store holds the request that makes it
                self._next_read = self._clock() + max(self.sync_seconds, RETRY_SECONDS)
            return
        opened: dict[str, tuple[float, str]] = {}
        for record in records:
            try:
                until = float(record.get("until", 0))
            except (TypeError, ValueError):
                until = 0.0
            if until < now - STALE_SECONDS:
                self._remove(str(record.get("_key", "")))
                continue
            if until <= now or (record.get("process") == self.process and record.get("member") == self.member):
                continue
            provider = str(record.get("provider", ""))
            if until > opened.get(provider, (0.0, ""))[0]:
                opened[provider] = (until, str(record.get("reason", ""))[:MAX_REASON_CHARS])
        with self._lock:
            self._open = opened

    def _remove(self, key: str) -> None:
        if not key:
            return
        try:
            self._store.delete(key)
        except Exception:  # whatever the store raised: another reader removes it later
            return
