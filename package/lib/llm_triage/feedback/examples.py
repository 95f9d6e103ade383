"""Approved dispositions as few-shot examples: the curated copy a prompt may be shown, and how they are chosen.

When a reviewer approves a disposition whose evidence bundle is known, the feedback endpoint writes an
`Example` to collection `llm_triage_examples` (with the system token; analysts may only read it); a
rejection, or the analyst's newer label on the same result, removes it. So the collection never holds a
pending or rejected label; the app's judge endpoint (never the search) reads it, picks per bundle the
examples of the same profile, those of the same rule first, within a count and a size cap, and shows
only those whose label the feedback collection still says is approved (see fewshot.py).

An example carries the evidence and the reviewed disposition only: never the analyst's note, which is
free text nobody needs to show a model. In the prompt, examples are data like the evidence.
"""

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Optional

from llm_triage import names
from llm_triage.evidence.canonical import canonical_json, strict_json_loads
from llm_triage.feedback.store import Disposition
from llm_triage.splunkd.kvstore import Collection
from llm_triage.splunkd.rest import SplunkdRest

COLLECTION = names.EXAMPLES_COLLECTION


@dataclass(frozen=True)
class Example:
    """One approved disposition as a prompt may show it. `key` is the disposition's own key."""

    key: str
    triage_id: str
    profile: str  # the bundle's profile label, such as identity/1
    rule: str  # the bundle's rule field, empty when it has none
    disposition: str
    bundle: str  # the evidence bundle's canonical JSON, exactly as the model was shown it
    verdict: str  # what the model said then
    bucket: str
    analyst: str
    reviewer: str
    approved_at: float

    def to_document(self) -> dict[str, Any]:
        """The KV store document."""
        document = asdict(self)
        document["_key"] = document.pop("key")
        return document

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> "Example":
        """An example from its document (ValueError when it is not one)."""
        try:
            return cls(
                key=str(document["_key"]),
                triage_id=str(document["triage_id"]),
                profile=str(document["profile"]),
                rule=str(document.get("rule", "")),
                disposition=str(document["disposition"]),
                bundle=str(document["bundle"]),
                verdict=str(document.get("verdict", "")),
                bucket=str(document.get("bucket", "")),
                analyst=str(document.get("analyst", "")),
                reviewer=str(document.get("reviewer", "")),
                approved_at=float(document.get("approved_at", 0.0)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not an example document: {exc}") from None

    def as_data(self) -> dict[str, Any]:
        """What the prompt shows: the evidence and the reviewed disposition, nothing about who gave it."""
        return {
            "analyst_disposition": self.disposition,
            "evidence": strict_json_loads(self.bundle),
            "model_bucket_then": self.bucket,
            "model_verdict_then": self.verdict,
        }


def bundle_profile_and_rule(bundle_text: str) -> Optional[tuple[str, str]]:
    """(profile label, rule) of an evidence bundle's text, or None when it is not a bundle."""
    try:
        document = strict_json_loads(bundle_text)
    except ValueError:
        return None
    if not isinstance(document, dict) or not isinstance(document.get("profile"), str):
        return None
    events = document.get("events")
    first = events[0] if isinstance(events, list) and events and isinstance(events[0], dict) else {}
    fields = first.get("fields") if isinstance(first.get("fields"), dict) else {}
    rule = fields.get("rule", "") if isinstance(fields, dict) else ""
    return document["profile"], rule if isinstance(rule, str) else ""


def example_of(disposition: Disposition) -> Optional[Example]:
    """The example an approved disposition gives, or None without a usable evidence bundle, or when its triage
    was flagged for text addressing the model (`triage_injection`: the detector's findings, or fields the
    model itself reported as swaying it, which the detector may not find again in the bundle)."""
    if not disposition.bundle or disposition.triage.get("triage_injection"):
        return None
    found = bundle_profile_and_rule(disposition.bundle)
    if found is None:
        return None
    profile, rule = found
    return Example(
        key=disposition.key,
        triage_id=disposition.triage_id,
        profile=profile,
        rule=rule,
        disposition=disposition.disposition,
        bundle=disposition.bundle,
        verdict=str(disposition.triage.get("triage_verdict", "")),
        bucket=str(disposition.triage.get("triage_bucket", "")),
        analyst=disposition.analyst,
        reviewer=disposition.reviewer,
        approved_at=disposition.reviewed_at,
    )


def choose(
    examples: Sequence[Example], profile: str, rule: str, max_count: int, max_chars: int, exclude: str = ""
) -> list[Example]:
    """The examples a bundle of `profile` and `rule` is shown: the same profile only, the same rule first,
    then the most recently approved; at most `max_count`, their evidence at most `max_chars` together.
    `exclude` (a bundle hash's text) keeps a bundle from being shown its own label."""
    same_profile = [item for item in examples if item.profile == profile and item.bundle != exclude]
    ordered = sorted(same_profile, key=lambda item: (item.rule != rule or not rule, -item.approved_at, item.key))
    chosen: list[Example] = []
    size = 0
    for item in ordered:
        if len(chosen) >= max_count:
            break
        if size + len(item.bundle) > max_chars:
            continue
        chosen.append(item)
        size += len(item.bundle)
    return chosen


def examples_data(chosen: Sequence[Example]) -> list[str]:
    """Each chosen example as canonical JSON, as the prompt's examples section holds them."""
    return [canonical_json(item.as_data()) for item in chosen]


class ExampleStore:
    """The examples collection through the KV store, with the caller's rights; failures raise
    splunkd.kvstore.StoreUnavailable."""

    def __init__(self, rest: SplunkdRest, collection: str = COLLECTION):
        self._collection = Collection(rest, collection)

    def put(self, example: Example) -> None:
        """Store (or replace) one example."""
        self._collection.save(example.key, example.to_document())

    def remove(self, key: str) -> None:
        """Remove the example of disposition `key`, if there is one."""
        self._collection.delete(key)

    def for_profile(self, profile: str, limit: int = 500) -> list[Example]:
        """The examples of one profile (at most `limit`); malformed documents skipped."""
        found: list[Example] = []
        for document in self._collection.find({"profile": profile}, limit):
            try:
                found.append(Example.from_document(document))
            except ValueError:
                continue
        return found
