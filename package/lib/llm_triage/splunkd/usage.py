"""Usage records in the KV store collection `llm_triage_usage` (engine.spend keeps them): the daily caps
sum them across endpoint processes and search heads, and the Usage dashboard reads them (transforms.conf
`llm_triage_usage`). Written and read with the endpoint's system token only.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from llm_triage.splunkd.kvstore import Collection
from llm_triage.splunkd.rest import SplunkdRest

COLLECTION = "llm_triage_usage"
MAX_RECORDS_A_DAY = 50_000  # processes x providers x models x users: far above a real day's


class KvUsageStore:
    """engine.spend.UsageStore over the KV store; raises StoreUnavailable."""

    def __init__(self, rest: SplunkdRest):
        self._collection = Collection(rest, COLLECTION)

    def save(self, records: Sequence[Mapping[str, Any]]) -> None:
        """Insert or replace `records` by their keys (each process writes only its own)."""
        self._collection.save_many(records)

    def of_day(self, day: str) -> list[Mapping[str, Any]]:
        """Every record of `day`."""
        fields = ("_key", "day", "member", "process", "provider", "user", "tokens", "cost")
        return list(self._collection.find({"day": day}, limit=MAX_RECORDS_A_DAY, fields=fields))
