"""The verdict cache in the app's KV store collection, so every search-head cluster member shares it.

Read and written by the judge endpoint with the system token (analysts cannot read the collection), in
batches through `splunkd.kvstore.Collection`: one batch_find per lookup, one batch_save per store.
"""

from collections.abc import Mapping, Sequence

from llm_triage import names
from llm_triage.engine.cache import CacheUnavailable, Record
from llm_triage.splunkd.kvstore import Collection, StoreUnavailable
from llm_triage.splunkd.rest import SplunkdRest

COLLECTION = names.VERDICTS_COLLECTION


class KvStoreVerdictCache:
    """`VerdictCache` over the KV store (reads need read access to the collection, writes write access)."""

    def __init__(self, rest: SplunkdRest, collection: str = COLLECTION):
        self._collection = Collection(rest, collection)

    def lookup(self, keys: Sequence[str]) -> dict[str, Record]:
        """Stored records by key."""
        try:
            documents = self._collection.get_many(keys)
        except StoreUnavailable as exc:
            raise CacheUnavailable(str(exc)) from None
        return {
            key: {k: v for k, v in document.items() if not k.startswith("_")} for key, document in documents.items()
        }

    def store(self, records: Mapping[str, Record]) -> None:
        """Insert or replace the records."""
        try:
            self._collection.save_many([{"_key": key, **record} for key, record in records.items()])
        except StoreUnavailable as exc:
            raise CacheUnavailable(str(exc)) from None
