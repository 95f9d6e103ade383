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
(action=label); at most `max_labels_per_hour` labels per analyst; a label disagreeing with another on the
same result or the same evidence is filed with `conflict` set (other analysts' labels are never
rewritten); nobody reviews their own label; a label contradicting an approved one
cannot be approved until that one is rejected; every decision is indexed first (sourcetype
llm_triage:audit, action=review) and not made when it cannot be. Only approved labels become examples.
"""

import json
import logging
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Union

from llm_triage import names
from llm_triage.endpoint.identifiers import FEEDBACK_KEY, SHA256, TRIAGE_ID, is_shaped
from llm_triage.evidence.canonical import content_hash, strict_json_loads
from llm_triage.evidence.fields import OUTPUT_FIELDS
from llm_triage.feedback.examples import ExampleStore, bundle_profile_and_rule, example_of
from llm_triage.feedback.settings import STANZA, FeedbackSettings, FeedbackSettingsError, feedback_settings
from llm_triage.feedback.store import APPROVED, DISPOSITIONS, REJECTED, Disposition, FeedbackStore
from llm_triage.feedback.triaged import COLLECTION as TRIAGED_COLLECTION
from llm_triage.feedback.triaged import TriagedEvidence
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.index import IndexUnavailable, send_events
from llm_triage.splunkd.kvstore import Collection, StoreUnavailable
from llm_triage.splunkd.rest import Request, SplunkdRest
from llm_triage.splunkd.settings import SETTINGS_CONF

LOG = logging.getLogger("llm_triage")

FEEDBACK_PATH = names.FEEDBACK_PATH  # restmap.conf match = /llm_triage/feedback
REVIEW_PATH = names.REVIEW_PATH  # restmap.conf match = /llm_triage/review
AUDIT_SOURCETYPE = names.AUDIT_SOURCETYPE
AUDIT_SOURCE = "llm_triage:feedback"
FILED, REFUSED = "filed", "refused"
ACTIONS = {"approve": APPROVED, "reject": REJECTED}
MAX_REQUEST_BYTES = 4 * 1024 * 1024
MAX_ITEMS = 200
MAX_NOTE_CHARS = 2000
MAX_REASON_CHARS = 1000
MAX_TEXT_CHARS = 300  # rule, tenant, an entity, the search id
MAX_ENTITIES = 20
MAX_BUNDLE_CHARS = 100_000
MAX_TRIAGE_VALUE_CHARS = 4000
MAX_CONFLICT_CHARS = 500
HOUR = 3600.0
# The triage fields a label keeps: what the model said and how (never the bundle itself: it has its own key).
TRIAGE_KEPT = tuple(name for name in OUTPUT_FIELDS if name != "triage_bundle")
_LABEL_KEYS = frozenset(
    {"triage_id", "disposition", "note", "bundle_hash", "bundle", "rule", "tenant", "entities", "triage"}
)
_DECISION_KEYS = frozenset({"key", "action", "reason"})
_JSON_TYPE = {"Content-Type": "application/json; charset=UTF-8"}

Connect = Callable[[str, str], Request]
Audit = Callable[[Sequence[Mapping[str, Any]]], None]


class Refused(Exception):
    """A request (or one item of it) the endpoint will not serve; the message is safe to show."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Label:
    """One checked label of a feedback request (who gave it is the endpoint's to say)."""

    triage_id: str
    disposition: str
    note: str = ""
    bundle_hash: str = ""
    bundle: str = ""
    rule: str = ""
    tenant: str = ""
    entities: tuple[str, ...] = ()
    triage: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """One checked review decision."""

    key: str
    action: str
    reason: str = ""


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
                # The evidence as the app recorded it, never as the request carried it.
                label = replace(label, bundle=str(recorded[label.bundle_hash].get("bundle", "")))
                results.append(self._file_one(analyst, search_id, label, now))
                room -= results[-1]["status"] == FILED
        filed = [(label, result) for label, result in zip(labels, results) if result["status"] == FILED]
        self._audit_filed(analyst, search_id, filed, now)
        return results

    def _audit_filed(
        self, analyst: str, search_id: str, filed: Sequence[tuple[Union[Label, str], dict[str, str]]], now: float
    ) -> None:
        """One audit event per label filed (who, which result, which disposition; no evidence). A label stays
        filed when the trail cannot be written: it is pending, and its review is audited before it counts."""
        events = [
            {"time": round(now, 3), "action": "label", "actor": analyst, "triage_id": label.triage_id,
             "feedback_key": result["key"], "disposition": label.disposition, "bundle_hash": label.bundle_hash,
             "conflict": result.get("conflict", ""), "search_id": search_id}
            for label, result in filed
            if isinstance(label, Label)
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
        conflict = _conflict_text(disagreeing, label.triage_id)
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
            triage={name: _text(value) for name, value in label.triage.items()},
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
                state, label.key, f"already {state}", example=str(state == APPROVED and bool(label.bundle)).lower()
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
            "action": "review",
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
        example = example_of(reviewed) if state == APPROVED else None
        if example is None:  # first: should a later write fail, no example outlives its approval
            self._examples.remove(label.key)
        self._store.save(reviewed)
        if example is not None:  # last: should it fail, the label is approved without an example
            self._examples.put(example)
        return outcome(state, label.key, example=str(example is not None).lower())


def parse_labels(body: Union[str, bytes, None]) -> tuple[str, list[Union[Label, str]]]:
    """The search id and labels of a feedback request; an item that fails its checks is the reason why.
    Refused (400, 413) when the request itself is malformed."""
    search_id, items = _envelope(body, "labels")
    return search_id, [_checked(_label, item) for item in items]


def parse_decisions(body: Union[str, bytes, None]) -> tuple[str, list[Union[Decision, str]]]:
    """The search id and decisions of a review request, as parse_labels."""
    search_id, items = _envelope(body, "decisions")
    return search_id, [_checked(_decision, item) for item in items]


def handle(in_string: Union[str, bytes], connect: Connect, kind: str) -> dict[str, Any]:
    """One persistent-handler request to the `kind` ("feedback" or "review") endpoint; never raises."""
    try:
        status, payload = _handle(in_string, connect, kind)
    except Exception as exc:  # whatever broke, splunkd gets an answer
        LOG.error("llm_triage %s endpoint: unexpected failure\n%s", kind, traceback.format_exc())
        status, payload = 500, _messages(f"internal error in the llm_triage {kind} endpoint: {exc.__class__.__name__}")
    return {"payload": json.dumps(payload, ensure_ascii=False), "status": status, "headers": _JSON_TYPE}


def _handle(in_string: Union[str, bytes], connect: Connect, kind: str) -> tuple[int, Mapping[str, Any]]:
    try:
        envelope = json.loads(in_string)
    except ValueError:
        envelope = None
    if not isinstance(envelope, dict):
        return 400, _messages("the persistent-handler request is not a JSON object")
    method = str(envelope.get("method", "")).upper()
    if method != "POST":
        return 405, _messages(f"the llm_triage {kind} endpoint answers POST only, not {method or 'nothing'}")
    server = envelope.get("server")
    rest_uri = server.get("rest_uri") if isinstance(server, dict) else None
    token = envelope.get("system_authtoken")
    session = envelope.get("session")
    user = session.get("user") if isinstance(session, dict) else None
    if not isinstance(rest_uri, str) or not isinstance(token, str) or not token:
        return 500, _messages("the endpoint needs splunkd's system token: restmap.conf must set passSystemAuth = true")
    if not isinstance(user, str) or not user:
        return 500, _messages("the endpoint needs the caller's session: restmap.conf must not set passSession = false")
    try:
        if kind == "review":
            search_id, decisions = parse_decisions(envelope.get("payload"))
        else:
            search_id, labels = parse_labels(envelope.get("payload"))
    except Refused as exc:
        return exc.status, _messages(exc.message)
    rest = SplunkdRest(connect(rest_uri, token))
    try:
        settings = feedback_settings(SplunkdConfig(rest.get).conf(SETTINGS_CONF).get(STANZA, {}))
    except ConfigUnavailable as exc:
        return 503, _messages(f"settings unreadable: {exc}")
    except FeedbackSettingsError as exc:
        return 409, _messages(str(exc))

    def audit(events: Sequence[Mapping[str, Any]]) -> None:
        send_events(rest, events, settings.audit_index, AUDIT_SOURCETYPE, AUDIT_SOURCE)

    triaged = TriagedEvidence(Collection(rest, TRIAGED_COLLECTION))
    service = FeedbackService(FeedbackStore(rest), ExampleStore(rest), settings, audit, triaged)
    try:
        if kind == "review":
            results = service.review(user, search_id, decisions)
        else:
            results = service.file(user, search_id, labels)
    except StoreUnavailable as exc:
        return 503, _messages(f"the feedback store is unavailable: {exc}")
    return 200, {"results": results}


def _messages(text: str) -> dict[str, Any]:
    return {"messages": [{"type": "ERROR", "text": text}]}


def _envelope(body: Union[str, bytes, None], items_key: str) -> tuple[str, list[Any]]:
    if body is None or body in ("", b""):
        raise Refused(f"the request has no body: POST a JSON object with {items_key}")
    size = len(body.encode("utf-8")) if isinstance(body, str) else len(body)
    if size > MAX_REQUEST_BYTES:
        raise Refused(f"the request is {size} bytes; at most {MAX_REQUEST_BYTES} are accepted", 413)
    try:
        data = strict_json_loads(body)
    except ValueError:
        raise Refused("the request body is not valid JSON") from None
    if not isinstance(data, dict) or set(data) - {"search_id", items_key}:
        raise Refused(f"the request body must be a JSON object with search_id and {items_key} only")
    search_id = data.get("search_id", "")
    if not isinstance(search_id, str) or len(search_id) > MAX_TEXT_CHARS:
        raise Refused(f"search_id must be text of at most {MAX_TEXT_CHARS} characters")
    items = data.get(items_key)
    if not isinstance(items, list) or not 0 < len(items) <= MAX_ITEMS:
        raise Refused(f"{items_key} must be a list of 1 to {MAX_ITEMS} items")
    return search_id, items


def _checked(parse: Callable[[Any], Any], item: Any) -> Any:
    try:
        return parse(item)
    except Refused as exc:
        return exc.message


NOT_TRIAGED = (
    "not evidence the app triaged: bundle_hash must be the row's triage_bundle_hash from llmtriage "
    "(labels are kept with the app's own copy of the evidence)"
)


def _label(item: Any) -> Label:
    if not isinstance(item, dict) or "triage_id" not in item or "disposition" not in item:
        raise Refused("a label must be an object with at least triage_id and disposition")
    unknown = sorted(set(item) - _LABEL_KEYS)
    if unknown:
        raise Refused(f"unknown label key(s): {', '.join(unknown)}")
    triage_id = item["triage_id"]
    if not is_shaped(TRIAGE_ID, triage_id):
        raise Refused("not a triaged result: triage_id must be the 24 hex digits llmtriage gives")
    if item["disposition"] not in DISPOSITIONS:
        raise Refused(f"disposition must be one of {', '.join(DISPOSITIONS)}")
    note = _short(item, "note", MAX_NOTE_CHARS)
    bundle_hash = _short(item, "bundle_hash", 64)
    if bundle_hash and not is_shaped(SHA256, bundle_hash):
        raise Refused("bundle_hash must be a SHA-256 in hex")
    bundle = _short(item, "bundle", MAX_BUNDLE_CHARS)
    if bundle and (content_hash(bundle) != bundle_hash or bundle_profile_and_rule(bundle) is None):
        raise Refused("bundle must be the evidence bundle whose SHA-256 is bundle_hash")
    entities = item.get("entities", [])
    if not isinstance(entities, list) or len(entities) > MAX_ENTITIES:
        raise Refused(f"entities must be a list of at most {MAX_ENTITIES} kind:value strings")
    if not all(isinstance(e, str) and ":" in e and len(e) <= MAX_TEXT_CHARS for e in entities):
        raise Refused("entities must be kind:value strings")
    triage = item.get("triage", {})
    if not isinstance(triage, dict) or not set(triage) <= set(TRIAGE_KEPT):
        raise Refused("triage must hold llmtriage's output fields only")
    for value in triage.values():
        texts = value if isinstance(value, list) else [value]
        if (
            not all(isinstance(text, str) for text in texts)
            or sum(len(text) for text in texts) > MAX_TRIAGE_VALUE_CHARS
        ):
            raise Refused(
                f"triage values must be text (or lists of text) of at most {MAX_TRIAGE_VALUE_CHARS} characters"
            )
    return Label(
        triage_id=triage_id,
        disposition=item["disposition"],
        note=note,
        bundle_hash=bundle_hash,
        bundle=bundle,
        rule=_short(item, "rule", MAX_TEXT_CHARS),
        tenant=_short(item, "tenant", MAX_TEXT_CHARS),
        entities=tuple(entities),
        triage=dict(triage),
    )


def _decision(item: Any) -> Decision:
    if not isinstance(item, dict) or not set(item) <= _DECISION_KEYS or "key" not in item:
        raise Refused("a decision must be an object with key, action and reason")
    key = item["key"]
    if not is_shaped(FEEDBACK_KEY, key):
        raise Refused("key must be a label's key (24 hex digits): feedback_key or _key of the feedback lookup")
    if item.get("action") not in ACTIONS:
        raise Refused("action must be approve or reject")
    return Decision(key=key, action=item["action"], reason=_short(item, "reason", MAX_REASON_CHARS))


def _short(item: Mapping[str, Any], key: str, limit: int) -> str:
    value = item.get(key, "")
    if not isinstance(value, str) or len(value) > limit:
        raise Refused(f"{key} must be text of at most {limit} characters")
    return value


def _text(value: Any) -> str:
    """A triage field as the store keeps it: multivalues joined by new lines."""
    return "\n".join(value) if isinstance(value, list) else str(value)


def _conflict_text(others: Sequence[Disposition], triage_id: str) -> str:
    """Who disagrees, and on what: the same result (`triage_id`) or the same evidence."""
    parts = [
        f"{other.analyst} said {other.disposition} ({other.review_state}) on the same "
        + ("result" if not triage_id or other.triage_id == triage_id else "evidence")
        for other in others
    ]
    return "; ".join(parts)[:MAX_CONFLICT_CHARS]
