"""The evidence the app triaged, as the judge endpoint saw it: what a label may be about.

The judge endpoint (system token) records each verdict request's bundles here, keyed by bundle hash: the
bundle's text as the search sent it (secrets already masked, real names), when it was last triaged, a triage
id it was triaged under, the bucket its answer gave, and the fields answers reported as swaying the model,
with what asking again found (`reported`: endpoint/followed.py). Nobody else can write the collection
(metadata/default.meta), so the feedback endpoint files a label only for evidence recorded here and keeps the
recorded bundle, never one from the request: a label cannot carry evidence the app never triaged into
few-shot examples. Rows that repeat evidence within a search share one inference and one
record (their triage ids differ), so the record is by evidence. It is replaced each time the evidence is
triaged again (`created` tells when), but for what answers reported, which only grows; the KV store pruning
input (inputs/kv_pruning.py) removes records older than `[feedback] triaged_retention_days` that no pending
label names by its `bundle_hash`.
"""

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Callable, Optional

from llm_triage import names
from llm_triage.evidence.bundle import Bundle
from llm_triage.splunkd.kvstore import Collection

COLLECTION = names.TRIAGED_COLLECTION


class TriagedEvidence:
    """Records and looks up triaged evidence in the KV store, with the system token's access."""

    def __init__(self, collection: Collection, clock: Callable[[], float] = time.time) -> None:
        self._collection = collection
        self._clock = clock

    def record(
        self,
        bundles: Iterable[Bundle],
        actor: str,
        reported: Optional[Mapping[str, Sequence[str]]] = None,
        buckets: Optional[Mapping[str, str]] = None,
    ) -> None:
        """Record each distinct bundle's evidence, with the bucket its answer gave (`buckets`, by bundle hash;
        none when the answer failed) and what was `reported` as swaying the model (by bundle hash: labels
        filed on that evidence carry it, whatever the label's poster sends). `reported` may name evidence
        recorded earlier, which a check found swayed (endpoint/followed.py): its record keeps all else. What
        was reported stays: a later triage of the same evidence (an answer refused, an older prompt, a model
        that did not report this time) only adds. Raises splunkd.kvstore.StoreUnavailable."""
        now = round(self._clock(), 3)
        reported, buckets = reported or {}, buckets or {}
        bundles = list({bundle.hash: bundle for bundle in bundles}.values())
        earlier = self._collection.get_many([*(bundle.hash for bundle in bundles), *reported])
        documents: dict[str, dict[str, Any]] = {}
        for bundle in bundles:
            documents[bundle.hash] = {"_key": bundle.hash, "bundle": bundle.text, "triage_id": bundle.triage_id,
                                      "actor": actor, "created": now}  # fmt: skip
            if buckets.get(bundle.hash):
                documents[bundle.hash]["bucket"] = buckets[bundle.hash]
        for digest in reported:
            if digest not in documents and digest in earlier:
                documents[digest] = dict(earlier[digest])
        for digest, document in documents.items():
            found = [*_reported(earlier.get(digest, {})), *reported.get(digest, ())]
            document.pop("reported", None)
            if found:
                document["reported"] = list(dict.fromkeys(found))
        self._collection.save_many(list(documents.values()))

    def lookup(self, bundle_hashes: Sequence[str]) -> dict[str, Mapping[str, Any]]:
        """The records of those `bundle_hashes` that have one; raises splunkd.kvstore.StoreUnavailable."""
        return dict(self._collection.get_many(bundle_hashes))

    def reported(self, bundle_hash: str) -> list[str]:
        """What any answer on this evidence reported as swaying the model; raises StoreUnavailable."""
        return _reported(self._collection.get_many([bundle_hash]).get(bundle_hash, {}))


def _reported(record: Mapping[str, Any]) -> list[str]:
    found = record.get("reported")
    return [str(label) for label in found] if isinstance(found, list) else []
