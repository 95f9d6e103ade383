"""The verdict cache in the app's KV store collection, so every search-head cluster member shares it.

Through splunkd's REST API (`storage/collections/data/<collection>`), in batches as splunkd documents
them: `batch_find` takes a JSON array of queries and answers an array of result arrays, one per query;
`batch_save` takes a JSON array of documents and inserts or replaces each by `_key`. Batches stay under
limits.conf's defaults ([kvstore] max_queries_per_batch = 1000, max_documents_per_batch_save = 50000).
"""

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from llm_triage import names
from llm_triage.engine.cache import CacheUnavailable, Record
from llm_triage.splunkd.rest import SplunkdRest

COLLECTION = names.VERDICTS_COLLECTION
QUERIES_PER_BATCH = 500
DOCUMENTS_PER_SAVE = 1000


class KvStoreVerdictCache:
    """`VerdictCache` over the KV store, with the searching user's rights (reads need read access to the
    collection, writes need write access: admins only as shipped)."""

    def __init__(self, rest: SplunkdRest, collection: str = COLLECTION):
        self._rest = rest
        self._path = f"storage/collections/data/{quote(collection, safe='')}"

    def lookup(self, keys: Sequence[str]) -> dict[str, Record]:
        """Stored records by key, one batch_find per QUERIES_PER_BATCH keys."""
        found: dict[str, Record] = {}
        for start in range(0, len(keys), QUERIES_PER_BATCH):
            batch = list(keys[start : start + QUERIES_PER_BATCH])
            queries = [{"query": {"_key": key}, "limit": 1} for key in batch]
            answers = self._post("batch_find", queries)
            if not isinstance(answers, list) or len(answers) != len(batch):
                raise CacheUnavailable("the KV store answered batch_find with an unexpected shape")
            for results in answers:
                for document in results if isinstance(results, list) else ():
                    if isinstance(document, dict) and isinstance(document.get("_key"), str):
                        found[document["_key"]] = {k: v for k, v in document.items() if not k.startswith("_")}
        return found

    def store(self, records: Mapping[str, Record]) -> None:
        """Insert or replace the records, one batch_save per DOCUMENTS_PER_SAVE."""
        documents = [{"_key": key, **record} for key, record in records.items()]
        for start in range(0, len(documents), DOCUMENTS_PER_SAVE):
            self._post("batch_save", documents[start : start + DOCUMENTS_PER_SAVE])

    def _post(self, action: str, payload: Any) -> Any:
        try:
            status, body = self._rest.post_json(f"{self._path}/{action}", payload)
        except Exception as exc:  # whatever the transport raised, triage goes on without the cache
            raise CacheUnavailable(f"splunkd unreachable ({exc.__class__.__name__})") from None
        if status == 403:
            access = "write" if action == "batch_save" else "read"
            raise CacheUnavailable(f"no {access} access to the KV store collection")
        if status != 200:
            raise CacheUnavailable(f"the KV store answered {status} to {action}")
        try:
            return json.loads(body.decode("utf-8"))
        except ValueError:
            raise CacheUnavailable(f"the KV store answered {action} with something that is not JSON") from None
