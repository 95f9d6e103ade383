"""The feedback endpoints: labels filed as pending, and reviewers' decisions, written with the system token.

Analysts cannot write the feedback or examples collections (metadata/default.meta); the `llmfeedback`
and `llmreview` commands POST here with the analyst's session, and splunkd runs this persistent handler
(restmap.conf `[script:llm_triage_feedback]`, `[script:llm_triage_review]`) with its system token. The
endpoint, not the caller, says who labelled or reviewed (the session's user), when, and from which
search, so nobody can file or approve a label in another's name.

Wire format (JSON both ways):

    POST llm_triage/feedback  (capability llm_triage_run)
      {"search_id": "...", "labels": [{"triage_id": "<24 hex>", "disposition": "false_positive",
        "note": "...", "bundle_hash": "<sha256 or empty>", "bundle": "<the bundle's JSON or empty>",
        "rule": "...", "tenant": "...", "entities": ["user:alice"], "triage": {"triage_verdict": ...}}]}
      -> {"results": [{"status": "filed"|"refused", "key": "...", "conflict": "...", "reason": "..."}]}
    POST llm_triage/review  (capability llm_triage_review)
      {"search_id": "...", "decisions": [{"key": "<a label's key>", "action": "approve"|"reject",
        "reason": "..."}]}
      -> {"results": [{"status": "approved"|"rejected"|"refused", "key": "...", "reason": "...",
          "example": "true"|"false"}]}

Guards against poisoning: a label is filed only for evidence the judge endpoint recorded (feedback.triaged),
and keeps that recorded bundle, never the request's; provenance on every label, and an audit event
(triage_audit=label); at most `max_labels_per_hour` labels per analyst; a label disagreeing with another on the
same result or the same evidence is filed with `conflict` set (other analysts' labels are never
rewritten); nobody reviews their own label; a label contradicting an approved one
cannot be approved until that one is rejected; every decision is indexed first (sourcetype
llm_triage:audit, triage_audit=review) and not made when it cannot be. Only approved labels become examples.
"""

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Callable, Optional, Union

from llm_triage import names
from llm_triage.feedback.examples import ExampleStore, example_of
from llm_triage.feedback.requests import ACTIONS, Decision, Label, Refused, text_of
from llm_triage.feedback.settings import FeedbackSettings
from llm_triage.feedback.store import APPROVED, REJECTED, Disposition, FeedbackStore, with_reported
from llm_triage.feedback.triaged import TriagedEvidence
from llm_triage.splunkd.index import IndexUnavailable
from llm_triage.splunkd.kvstore import StoreUnavailable

LOG = logging.getLogger("llm_triage")

FILED, REFUSED = "filed", "refused"
MAX_CONFLICT_CHARS = 500
HOUR = 3600.0

Audit = Callable[[Sequence[Mapping[str, Any]]], None]


def outcome(status: str, key: str = "", reason: str = "", **extra: str) -> dict[str, str]:
    """One item's result as the reply carries it."""
    return {"status": status, "key": key, "reason": reason, **extra}


class FeedbackService:
    """Files labels and applies reviews through stores the system token writes."""

    def __init__(
        self,
        store: FeedbackStore,
        examples: ExampleStore,
        settings: FeedbackSettings,
        audit: Audit,
        triaged: TriagedEvidence,
        clock: Callable[[], float] = time.time,
    ):
        self._store = store
        self._examples = examples
        self._settings = settings
        self._audit = audit
        self._triaged = triaged
        self._clock = clock

    def file(self, analyst: str, search_id: str, labels: Sequence[Union[Label, str]]) -> list[dict[str, str]]:
        """File each label as pending in `analyst`'s name (a str item is a refusal already decided)."""
        now = self._clock()
        limit = self._settings.max_labels_per_hour
        recent = [d for d in self._store.by_analyst(analyst) if d.source == "analyst" and d.created > now - HOUR]
        room = limit - len(recent) if limit else len(labels)
        try:
            recorded = self._triaged.lookup([label.bundle_hash for label in labels if isinstance(label, Label)])
        except StoreUnavailable as exc:
            raise StoreUnavailable(f"the triaged evidence cannot be read ({exc})") from None
        results = []
        filed: list[tuple[Label, dict[str, str]]] = []
        for label in labels:
            if isinstance(label, str):
                results.append(outcome(REFUSED, reason=label))
            elif room <= 0:
                results.append(
                    outcome(REFUSED, reason=f"rate limit: at most {limit} labels per analyst per hour; try later")
                )
            elif label.bundle_hash not in recorded:
                results.append(outcome(REFUSED, reason=NOT_TRIAGED))
            else:
                # The evidence as the app recorded it, never as the request carried it; and what the model reported
                # on it added to the label's snapshot, so no poster can leave it out (no example is made of it).
                record = recorded[label.bundle_hash]
                triage = with_reported(label.triage, record.get("reported"))
                label = replace(label, bundle=str(record.get("bundle", "")), triage=triage)
                results.append(self._file_one(analyst, search_id, label, now))
                if results[-1]["status"] == FILED:
                    room -= 1
                    filed.append((label, results[-1]))
        self._audit_filed(analyst, search_id, filed, now)
        return results

    def _audit_filed(
        self, analyst: str, search_id: str, filed: Sequence[tuple[Label, dict[str, str]]], now: float
    ) -> None:
        """One audit event per label filed (who, which result, which disposition; no evidence). A label stays
        filed when the trail cannot be written: it is pending, and its review is audited before it counts."""
        events = [
            {"time": round(now, 3), names.AUDIT_KIND_FIELD: "label", "actor": analyst, "triage_id": label.triage_id,
             "feedback_key": result["key"], "disposition": label.disposition, "bundle_hash": label.bundle_hash,
             "conflict": result.get("conflict", ""), "search_id": search_id}
            for label, result in filed
        ]  # fmt: skip
        if events:
            try:
                self._audit(events)
            except IndexUnavailable as exc:
                LOG.warning("llm_triage feedback endpoint: labels filed, not audited: %s", exc)

    def _file_one(self, analyst: str, search_id: str, label: Label, now: float) -> dict[str, str]:
        related = self._store.related(label.triage_id, label.bundle_hash)
        earlier = [
            d for d in related if d.analyst == analyst and d.source == "analyst" and d.triage_id == label.triage_id
        ]
        others = [d for d in related if d not in earlier and d.review_state != REJECTED]
        disagreeing = [d for d in others if d.disposition != label.disposition]
        conflict = _conflicttext_of(disagreeing, label.triage_id)
        disposition = Disposition(
            triage_id=label.triage_id,
            disposition=label.disposition,
            analyst=analyst,
            created=now,
            source="analyst",
            provenance=f"search:{search_id}" if search_id else "endpoint",
            note=label.note,
            rule=label.rule,
            tenant=label.tenant,
            entities=label.entities,
            bundle_hash=label.bundle_hash,
            bundle=label.bundle,
            triage={name: text_of(value) for name, value in label.triage.items()},
            conflict=conflict,
        )
        for old in earlier:  # an analyst's newer label on a result replaces their older one, and its example
            self._examples.remove(old.key)
        (key,) = self._store.file_pending([disposition]) or [disposition.key]
        for old in earlier:
            if old.key != key:
                self._store.delete(old.key)
        # The other analysts' labels are theirs: the conflict is recorded on this one only (a reviewer sees
        # both sides through it, and approving either is checked against the other at review time).
        return outcome(FILED, key, conflict=conflict)

    def review(self, reviewer: str, search_id: str, decisions: Sequence[Union[Decision, str]]) -> list[dict[str, str]]:
        """Apply each decision in `reviewer`'s name (a str item is a refusal already decided)."""
        results = []
        for decision in decisions:
            if isinstance(decision, str):
                results.append(outcome(REFUSED, reason=decision))
                continue
            try:
                results.append(self._review_one(reviewer, search_id, decision))
            except Refused as exc:
                results.append(outcome(REFUSED, decision.key, exc.message))
        return results

    def _review_one(self, reviewer: str, search_id: str, decision: Decision) -> dict[str, str]:
        label = self._store.get(decision.key)
        if label is None:
            raise Refused("no label has this key")
        if label.analyst.lower() == reviewer.lower():  # Splunk user names are case-insensitive
            raise Refused("nobody may review their own label")
        state = ACTIONS[decision.action]
        if state == REJECTED and not decision.reason:
            raise Refused("a rejection needs a reason (reason=)")
        if label.review_state == state:
            return outcome(
                state,
                label.key,
                f"already {state}",
                example=str(state == APPROVED and example_of(label) is not None).lower(),
            )
        if state == APPROVED:
            related = self._store.related(label.triage_id, label.bundle_hash)
            against = [
                d
                for d in related
                if d.key != label.key and d.review_state == APPROVED and d.disposition != label.disposition
            ]
            if against:
                other = against[0]
                raise Refused(
                    f"contradicts approved label {other.key} ({other.disposition} by {other.analyst}): reject it first"
                )
        now = self._clock()
        event = {
            "time": round(now, 3),
            names.AUDIT_KIND_FIELD: "review",
            "decision": decision.action,
            "triage_id": label.triage_id,
            "actor": reviewer,
            "feedback_key": label.key,
            "analyst": label.analyst,
            "disposition": label.disposition,
            "previous_state": label.review_state,
            "reason": decision.reason,
            "conflict": label.conflict,
            "search_id": search_id,
        }
        try:
            self._audit([event])
        except IndexUnavailable as exc:
            raise Refused(f"not decided: the audit trail could not be written ({exc})") from None
        reviewed = replace(label, review_state=state, reviewer=reviewer, review_reason=decision.reason, reviewed_at=now)
        example = None
        if state == APPROVED:
            # What answers on its evidence reported since it was filed goes on the label too: similar past
            # incidents (stories/similar.py) read labels with the analyst's session, never the record.
            reported = self._reported(label)
            if reported:
                reviewed = replace(reviewed, triage=with_reported(label.triage, reported))
            example = example_of(reviewed) if reported == [] else None
        if example is None:  # first: should a later write fail, no example outlives its approval
            self._examples.remove(label.key)
        self._store.save(reviewed)
        if example is not None:  # last: should it fail, the label is approved without an example
            self._examples.put(example)
        return outcome(state, label.key, example=str(example is not None).lower())

    def _reported(self, label: Disposition) -> Optional[list[str]]:
        """What answers on the label's evidence reported as swaying the model, before or since it was filed;
        None when that cannot be read (then no example is made, unchecked)."""
        try:
            return self._triaged.reported(label.bundle_hash)
        except StoreUnavailable:
            return None


NOT_TRIAGED = (
    "not evidence the app triaged: bundle_hash must be the row's triage_bundle_hash from llmtriage "
    "(labels are kept with the app's own copy of the evidence)"
)


def _conflicttext_of(others: Sequence[Disposition], triage_id: str) -> str:
    """Who disagrees, and on what: the same result (`triage_id`) or the same evidence."""
    parts = [
        f"{other.analyst} said {other.disposition} ({other.review_state}) on the same "
        + ("result" if not triage_id or other.triage_id == triage_id else "evidence")
        for other in others
    ]
    return "; ".join(parts)[:MAX_CONFLICT_CHARS]
