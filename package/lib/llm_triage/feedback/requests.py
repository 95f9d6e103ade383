"""The feedback endpoints' requests: labels and review decisions parsed and checked one by one.

A whole request that cannot be read is refused (Refused, with the HTTP status); an item that fails its
checks becomes the reason it is refused, so the other items of the batch still count.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from llm_triage import names
from llm_triage.endpoint.identifiers import FEEDBACK_KEY, SHA256, TRIAGE_ID, is_shaped
from llm_triage.evidence.canonical import content_hash, strict_json_loads
from llm_triage.evidence.fields import OUTPUT_FIELDS
from llm_triage.feedback.examples import bundle_profile_and_rule
from llm_triage.feedback.store import APPROVED, DISPOSITIONS, REJECTED
from llm_triage.splunkd.handler import RequestRefused

FEEDBACK_PATH = names.FEEDBACK_PATH  # restmap.conf match = /llm_triage/feedback
REVIEW_PATH = names.REVIEW_PATH  # restmap.conf match = /llm_triage/review
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
# The triage fields a label keeps: what the model said and how (never the bundle itself: it has its own key).
TRIAGE_KEPT = tuple(name for name in OUTPUT_FIELDS if name != "triage_bundle")
_LABEL_KEYS = frozenset(
    {"triage_id", "disposition", "note", "bundle_hash", "bundle", "rule", "tenant", "entities", "triage"}
)
_DECISION_KEYS = frozenset({"key", "action", "reason"})


class Refused(RequestRefused):
    """A request (or one item of it) the endpoint will not serve; the message is safe to show."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(status, message)


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


def parse_labels(body: Union[str, bytes, None]) -> tuple[str, list[Union[Label, str]]]:
    """The search id and labels of a feedback request; an item that fails its checks is the reason why.
    Refused (400, 413) when the request itself is malformed."""
    search_id, items = _envelope(body, "labels")
    return search_id, [_checked(_label, item) for item in items]


def parse_decisions(body: Union[str, bytes, None]) -> tuple[str, list[Union[Decision, str]]]:
    """The search id and decisions of a review request, as parse_labels."""
    search_id, items = _envelope(body, "decisions")
    return search_id, [_checked(_decision, item) for item in items]


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


def text_of(value: Any) -> str:
    """A triage field as the store keeps it: multivalues joined by new lines."""
    return "\n".join(value) if isinstance(value, list) else str(value)
