"""Analyst dispositions of triaged results, kept in the KV store with their review state.

Every disposition enters as `pending` (quarantined); only a reviewer moves it to `approved` or `rejected`.
Only approved dispositions may reach a prompt, the history factor or the similar-incidents search. One
document per disposition in collection `llm_triage_feedback`; its `_key` is derived from who labelled
which result from where, so filing the same label again (a restarted input, a repeated search) replaces
it instead of counting it twice.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Optional

from llm_triage import names
from llm_triage.enrichment.context import evidence_hash
from llm_triage.evidence.canonical import canonical_json, content_hash
from llm_triage.splunkd.kvstore import Collection
from llm_triage.splunkd.rest import SplunkdRest

COLLECTION = names.FEEDBACK_COLLECTION
DISPOSITIONS = ("true_positive", "false_positive", "benign_true_positive")
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
REVIEW_STATES = (PENDING, APPROVED, REJECTED)
FILED = "feedback_filed"  # the audit kind of a label an input filed
EVIDENCE_HASH = "evidence_hash"  # a label's document: the evidence its bundle asks about (Disposition.to_document)
SOURCES = ("analyst", "soar", "es")  # llmfeedback, the SOAR outcomes input, the ES dispositions input


@dataclass(frozen=True)
class Disposition:
    """One label on one triaged result, with its provenance and review state.

    `entities` are `kind:value` strings (`user:alice`, `host:web01`, `src:10.0.0.5`) for matching history;
    `triage` holds the result's triage fields as they were when it was labelled (verdict, bucket,
    confidence, provider, model, prompt version, profile); `bundle` the evidence the model was shown.
    """

    triage_id: str
    disposition: str
    analyst: str
    created: float
    source: str = "analyst"
    provenance: str = ""  # where the label came from: a search id, a SOAR container id, an ES notable id
    note: str = ""
    rule: str = ""
    tenant: str = ""
    entities: tuple[str, ...] = ()
    bundle_hash: str = ""
    bundle: str = ""
    triage: Mapping[str, str] = field(default_factory=dict)
    review_state: str = PENDING
    reviewer: str = ""
    review_reason: str = ""
    reviewed_at: float = 0.0
    conflict: str = ""  # set when another label on the same result or evidence disagrees: for the reviewer

    def filed_event(self, now: float) -> dict[str, Any]:
        """The audit event of this label filed as pending by an input (SOAR outcomes, ES dispositions)."""
        return {
            "time": round(now, 3),
            names.AUDIT_KIND_FIELD: FILED,
            "actor": self.analyst,
            "triage_id": self.triage_id,
            "disposition": self.disposition,
            "source": self.source,
            "provenance": self.provenance,
            "review_state": PENDING,
            "feedback_key": self.key,
            "note": self.note,
        }

    def __post_init__(self) -> None:
        if self.disposition not in DISPOSITIONS:
            raise ValueError(f"disposition must be one of {', '.join(DISPOSITIONS)}, not {self.disposition!r}")
        if self.review_state not in REVIEW_STATES:
            raise ValueError(f"review_state must be one of {', '.join(REVIEW_STATES)}")
        if self.source not in SOURCES:
            raise ValueError(f"source must be one of {', '.join(SOURCES)}")
        if not self.triage_id or not self.analyst:
            raise ValueError("a disposition needs the triage_id it judges and the analyst who gave it")

    @property
    def key(self) -> str:
        """The document's `_key`: one label per result, labeller and origin."""
        return content_hash(canonical_json([self.triage_id, self.analyst, self.source, self.provenance]))[:24]

    def to_document(self) -> dict[str, Any]:
        """The KV store document, with the hash of the evidence its bundle asks about (`evidence_hash`, whatever
        enrichment added: the triaged records of that evidence are what approval reads, and what pruning keeps
        while the label is pending)."""
        document = asdict(self)
        document["entities"] = list(self.entities)
        document["triage"] = dict(self.triage)
        document["_key"] = self.key
        if self.bundle:
            document[EVIDENCE_HASH] = evidence_hash(self.bundle)
        return document

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> "Disposition":
        """A disposition from its KV store document (ValueError when it is not one)."""
        names = {name for name in cls.__dataclass_fields__}
        values = {name: value for name, value in document.items() if name in names}
        values["entities"] = tuple(str(entity) for entity in values.get("entities") or ())
        values["triage"] = {str(k): str(v) for k, v in dict(values.get("triage") or {}).items()}
        try:
            return cls(**values)
        except TypeError as exc:
            raise ValueError(f"not a disposition document: {exc}") from None


class FeedbackStore:
    """The dispositions collection through the KV store, with the caller's rights; failures raise
    splunkd.kvstore.StoreUnavailable."""

    def __init__(self, rest: SplunkdRest, collection: str = COLLECTION):
        self._collection = Collection(rest, collection)

    def file_pending(self, dispositions: Iterable[Disposition]) -> list[str]:
        """Store dispositions as pending (whatever state they came with); their keys."""
        documents = [
            dict(item.to_document(), review_state=PENDING, reviewer="", review_reason="", reviewed_at=0.0)
            for item in dispositions
        ]
        return self._collection.save_many(documents) if documents else []

    def find(self, query: Mapping[str, Any], limit: int = 0) -> list[Disposition]:
        """Dispositions matching a KV store query (field equality, `$and`, `$or`); malformed documents skipped."""
        return _dispositions(self._collection.find(query, limit))

    def get(self, key: str) -> Optional[Disposition]:
        """The disposition stored under `key`, or None when there is none (or it is not one)."""
        found = self.find({"_key": key}, limit=1)
        return found[0] if found else None

    def save(self, disposition: Disposition) -> str:
        """Store `disposition` as it is, review state included (the feedback endpoint's reviews); its key."""
        document = disposition.to_document()
        self._collection.save(str(document["_key"]), document)
        return str(document["_key"])

    def mark_reported(self, reported: Mapping[str, Sequence[str]]) -> int:
        """Add to the approved labels on each evidence (`reported`: by bundle hash, or by the hash of the
        evidence whatever enrichment added, a label's `evidence_hash`) what answers reported on it after their
        approval, so that what reads labels and never the evidence's records (similar past incidents,
        stories/similar.py) leaves them out too; how many labels changed."""
        if not reported:
            return 0
        # One query per hash, in POST bodies: a request's reports name up to four times MAX_BUNDLES hashes,
        # more than one query in a URL holds.
        queries = [
            {"$and": [{"review_state": APPROVED}, {"$or": [{"bundle_hash": digest}, {EVIDENCE_HASH: digest}]}]}
            for digest in sorted(reported)
        ]
        answers = self._collection.find_each(queries)
        documents = {str(document.get("_key")): document for found in answers for document in found}  # each once
        changed = 0
        for document in documents.values():
            for label in _dispositions([document]):  # none when it is no disposition
                keys = [label.bundle_hash, str(document.get(EVIDENCE_HASH) or "")]
                merged = with_reported(label.triage, [item for key in keys for item in reported.get(key, ())])
                if merged != dict(label.triage):
                    self.save(replace(label, triage=merged))
                    changed += 1
        return changed

    def delete(self, key: str) -> None:
        """Remove the disposition stored under `key` (nothing when there is none)."""
        self._collection.delete(key)

    def related(self, triage_id: str, bundle_hash: str = "") -> list[Disposition]:
        """Every disposition of the same result, or of the same evidence when `bundle_hash` is given."""
        parts: list[dict[str, Any]] = [{"triage_id": triage_id}]
        if bundle_hash:
            parts.append({"bundle_hash": bundle_hash})
        return self.find({"$or": parts} if len(parts) > 1 else parts[0])

    def by_analyst(self, analyst: str) -> list[Disposition]:
        """Every disposition `analyst` gave (the rate limit counts the recent ones)."""
        return self.find({"analyst": analyst})

    def approved_keys(self, keys: Sequence[str]) -> set[str]:
        """Which of `keys` name approved dispositions."""
        if not keys:
            return set()
        query = {"$and": [{"review_state": APPROVED}, {"$or": [{"_key": key} for key in keys]}]}
        return {str(doc.get("_key")) for doc in self._collection.find(query, fields=("_key",))} & set(keys)

    def approved(self, rule: Optional[str] = None, entities: Sequence[str] = (), limit: int = 0) -> list[Disposition]:
        """Approved dispositions, for `rule` when given and sharing any of `entities` when given."""
        parts: list[dict[str, Any]] = [{"review_state": APPROVED}]
        if rule:
            parts.append({"rule": rule})
        if entities:
            parts.append({"$or": [{"entities": entity} for entity in entities]})
        return self.find({"$and": parts} if len(parts) > 1 else parts[0], limit)


def with_reported(triage: Mapping[str, Any], reported: Any) -> dict[str, Any]:
    """A label's `triage` snapshot with the fields answers `reported` as swaying the model (the evidence's
    record) added to its `triage_injection`, each once, kept as the store keeps a snapshot's multivalues:
    joined by new lines."""
    triage = dict(triage)
    if isinstance(reported, list) and reported:
        held = triage.get("triage_injection")
        held_list = held if isinstance(held, list) else str(held).split("\n") if held else []
        triage["triage_injection"] = "\n".join(dict.fromkeys([*map(str, held_list), *map(str, reported)]))
    return triage


def _dispositions(documents: Iterable[Mapping[str, Any]]) -> list[Disposition]:
    """The dispositions among KV store `documents`; malformed ones skipped."""
    found: list[Disposition] = []
    for document in documents:
        try:
            found.append(Disposition.from_document(document))
        except (ValueError, TypeError):
            continue  # a hand-edited or foreign document must not stop the rest
    return found
