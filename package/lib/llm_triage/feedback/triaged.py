"""The evidence the app triaged, as the judge endpoint saw it: what a label may be about.

The judge endpoint (system token) records each verdict request's bundles here, keyed by bundle hash: the
bundle's text as the search sent it (secrets already masked, real names), when it was last triaged, and
a triage id it was triaged under. Nobody else can write the collection (metadata/default.meta), so the
feedback endpoint files a label only for evidence recorded here and keeps the recorded bundle, never
one from the request: a label cannot carry evidence the app never triaged into few-shot examples.
Rows that repeat evidence within a search share one inference and one record (their triage ids differ),
so the record is by evidence. It is replaced each time the evidence is triaged again (`created` tells
when); the KV store pruning input (inputs/kv_pruning.py) removes records older than `[feedback]
triaged_retention_days` that no pending label names by its `bundle_hash`.
"""

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Callable

from llm_triage import names
from llm_triage.evidence.bundle import Bundle
from llm_triage.splunkd.kvstore import Collection

COLLECTION = names.TRIAGED_COLLECTION


class TriagedEvidence:
    """Records and looks up triaged evidence in the KV store, with the system token's access."""

    def __init__(self, collection: Collection, clock: Callable[[], float] = time.time) -> None:
        self._collection = collection
        self._clock = clock

    def record(self, bundles: Iterable[Bundle], actor: str) -> None:
        """Record each distinct bundle's evidence; raises splunkd.kvstore.StoreUnavailable."""
        now = round(self._clock(), 3)
        documents = {
            bundle.hash: {"_key": bundle.hash, "bundle": bundle.text, "triage_id": bundle.triage_id,
                          "actor": actor, "created": now}
            for bundle in bundles
        }  # fmt: skip
        self._collection.save_many(list(documents.values()))

    def lookup(self, bundle_hashes: Sequence[str]) -> dict[str, Mapping[str, Any]]:
        """The records of those `bundle_hashes` that have one; raises splunkd.kvstore.StoreUnavailable."""
        return dict(self._collection.get_many(bundle_hashes))
