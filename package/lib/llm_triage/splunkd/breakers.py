"""Open circuit breakers in the KV store collection `llm_triage_breakers` (engine.shared_breaker keeps
them), so every endpoint process and search-head cluster member learns a provider is down. Written and
read with the endpoint's system token only.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from llm_triage.splunkd.kvstore import Collection
from llm_triage.splunkd.rest import SplunkdRest

COLLECTION = "llm_triage_breakers"
MAX_RECORDS = 10_000


class KvBreakerStore:
    """engine.shared_breaker.BreakerStore over the KV store; raises StoreUnavailable."""

    def __init__(self, rest: SplunkdRest):
        self._collection = Collection(rest, COLLECTION)

    def save(self, record: Mapping[str, Any]) -> None:
        """Insert or replace `record` by its key (each process writes only its own)."""
        self._collection.save(str(record["_key"]), record)

    def records(self) -> Sequence[Mapping[str, Any]]:
        """Every record: a few, one per provider and process whose breaker opened, the stale ones removed."""
        return self._collection.find(limit=MAX_RECORDS)

    def delete(self, key: str) -> None:
        """Remove a record whose cool-down ended long ago."""
        self._collection.delete(key)
