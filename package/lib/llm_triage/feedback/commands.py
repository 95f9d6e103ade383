"""The search side of `llmfeedback` and `llmreview`: rows in, every row out with what became of it.

Both commands only POST to the app's feedback endpoints (see service.py) with the analyst's session;
they never write a collection. `llmfeedback` sends each triaged row's triage_id, triage fields, rule,
entities and, when it can rebuild it byte for byte (same profile, same caps), the evidence bundle the
model was shown (its SHA-256 must be the row's triage_bundle_hash): only a label with its bundle can
become a few-shot example.
"""

import json
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, Callable, Optional

from llm_triage.evidence.bundle import Limits, build_bundle
from llm_triage.evidence.canonical import content_hash
from llm_triage.evidence.entities import row_entities, rule_of
from llm_triage.evidence.profiles import Profile, load_profiles
from llm_triage.feedback.requests import FEEDBACK_PATH, REFUSED, REVIEW_PATH, TRIAGE_KEPT
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.messages import splunkd_message
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import ConfigError

Row = MutableMapping[str, Any]
FEEDBACK_FIELDS = ("feedback_status", "feedback_key", "feedback_conflict", "feedback_message")
REVIEW_FIELDS = ("review_status", "review_example", "review_message")
ROWS_PER_REQUEST = 50
RUN_CAPABILITY, REVIEW_CAPABILITY = "llm_triage_run", "llm_triage_review"


class FeedbackCommand:
    """`llmfeedback disposition=... note=...` over one search's rows."""

    def __init__(self, rest: SplunkdRest, config: SplunkdConfig, disposition: str, note: str, search_id: str):
        self._rest = rest
        self._config = config
        self._disposition = disposition
        self._note = note
        self._search_id = search_id
        self._limits: Optional[Limits] = None
        self.counts: dict[str, int] = {}

    def label(self, rows: Iterable[Row]) -> Iterator[Row]:
        """Every row, in order, with feedback_status (filed or refused) and the rest of FEEDBACK_FIELDS."""
        unsent = "not a triaged result (no triage_id): run llmtriage first"
        request = _Request(self._rest, FEEDBACK_PATH, self._search_id, "labels", RUN_CAPABILITY, "llmfeedback", unsent)
        for row, result in request.answered(rows, self._label_of):
            row.update(
                feedback_status=result.get("status", REFUSED),
                feedback_key=result.get("key", ""),
                feedback_conflict=result.get("conflict", ""),
                feedback_message=result.get("reason", ""),
            )
            self.counts[row["feedback_status"]] = self.counts.get(row["feedback_status"], 0) + 1
            yield row

    def _label_of(self, row: Mapping[str, Any]) -> Optional[dict[str, Any]]:
        triage_id = _first(row.get("triage_id"))
        if not triage_id:
            return None
        profile = _profile(_first(row.get("triage_profile")))
        bundle_hash = _first(row.get("triage_bundle_hash"))
        return {
            "triage_id": triage_id,
            "disposition": self._disposition,
            "note": self._note,
            "bundle_hash": bundle_hash,
            "bundle": self._bundle(row, profile, bundle_hash),
            "rule": rule_of(row)[:300],
            "tenant": _first(row.get("tenant"))[:300],
            "entities": list(row_entities(row, profile)) if profile is not None else [],
            "triage": {name: row[name] for name in TRIAGE_KEPT if name in row and row[name] not in ("", None, [])},
        }

    def _bundle(self, row: Mapping[str, Any], profile: Optional[Profile], bundle_hash: str) -> str:
        """The row's evidence bundle when it can be rebuilt to the hash it was triaged with, else ""."""
        shown = _first(row.get("triage_bundle"))
        if shown:
            candidates = [shown]
        elif profile is not None:
            candidates = [build_bundle(row, profile, self._bundle_limits()).text]
        else:
            return ""
        return next((text for text in candidates if content_hash(text) == bundle_hash), "")

    def _bundle_limits(self) -> Limits:
        if self._limits is None:
            try:
                self._limits = self._config.settings().limits
            except (ConfigUnavailable, ConfigError):
                self._limits = Limits()
        return self._limits


class ReviewCommand:
    """`llmreview action=approve|reject reason=...` over rows carrying a label's key."""

    def __init__(self, rest: SplunkdRest, action: str, reason: str, search_id: str):
        self._rest = rest
        self._action = action
        self._reason = reason
        self._search_id = search_id
        self.counts: dict[str, int] = {}

    def review(self, rows: Iterable[Row]) -> Iterator[Row]:
        """Every row, in order, with review_status (approved, rejected or refused) and why."""
        unsent = "no label key: give rows with feedback_key (or _key)"
        request = _Request(
            self._rest, REVIEW_PATH, self._search_id, "decisions", REVIEW_CAPABILITY, "llmreview", unsent
        )
        for row, result in request.answered(rows, self._decision_of):
            row.update(
                review_status=result.get("status", REFUSED),
                review_example=result.get("example", ""),
                review_message=result.get("reason", ""),
            )
            self.counts[row["review_status"]] = self.counts.get(row["review_status"], 0) + 1
            yield row

    def _decision_of(self, row: Mapping[str, Any]) -> Optional[dict[str, Any]]:
        key = _first(row.get("feedback_key")) or _first(row.get("_key"))
        return {"key": key, "action": self._action, "reason": self._reason} if key else None


def summary(command: str, counts: Mapping[str, int]) -> str:
    """The closing message: how many rows ended how."""
    parts = ", ".join(f"{status} {count}" for status, count in sorted(counts.items()))
    return f"{command}: {sum(counts.values())} rows ({parts or 'none'})"


@dataclass(frozen=True)
class _Request:
    """A command's posts to one of the app's endpoints, a batch of rows at a time."""

    rest: SplunkdRest
    path: str
    search_id: str
    items_key: str  # the body's list of items: {"search_id": ..., <items_key>: [...]}
    capability: str  # the one the endpoint requires, named when splunkd says 403
    command: str
    unsent: str  # why a row with no item (item_of gave None) is refused

    def answered(
        self, rows: Iterable[Row], item_of: Callable[[Row], Optional[dict[str, Any]]]
    ) -> Iterator[tuple[Row, dict[str, str]]]:
        """Every row, in order, with its result: the endpoint's, or a refusal; never raises."""
        for batch in _batches(rows):
            yield from zip(batch, self._post([item_of(row) for row in batch]))

    def _post(self, items: Sequence[Optional[dict[str, Any]]]) -> list[dict[str, str]]:
        sent = [item for item in items if item is not None]
        if not sent:
            return [_refusal(self.unsent) for _ in items]
        try:
            status, body = self.rest.post_json(self.path, {"search_id": self.search_id, self.items_key: sent})
        except Exception as exc:  # whatever the transport raised, every row comes back
            answers = [_refusal(f"splunkd unreachable ({exc.__class__.__name__})")] * len(sent)
        else:
            answers = _answers(status, body, len(sent), self.capability, self.command, self.path)
        found = iter(answers)
        return [next(found) if item is not None else _refusal(self.unsent) for item in items]


def _answers(status: int, body: bytes, count: int, capability: str, command: str, path: str) -> list[dict[str, str]]:
    if status == 403:
        why = f"not permitted: {command} needs the {capability} capability (ask a Splunk admin)"
    elif status == 404:
        why = f"the app's endpoint {path} is not there: restart splunkd after installing the app"
    elif status != 200:
        why = f"the {path} endpoint refused the request (HTTP {status}): {splunkd_message(body)}"
    else:
        try:
            results = json.loads(body.decode("utf-8")).get("results")
        except (ValueError, AttributeError):
            results = None
        if isinstance(results, list) and len(results) == count and all(isinstance(r, dict) for r in results):
            return [{str(k): str(v) for k, v in result.items()} for result in results]
        why = f"the {path} endpoint answered with something that is not its results"
    return [_refusal(why)] * count


def _refusal(reason: str) -> dict[str, str]:
    return {"status": REFUSED, "reason": reason}


def _batches(rows: Iterable[Row], size: int = ROWS_PER_REQUEST) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _first(value: Any) -> str:
    """A field's (first) value as text."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def _profile(label: str) -> Optional[Profile]:
    """The profile a triage_profile label (`identity/1`) names, when it is that version of a shipped one."""
    return next((profile for profile in load_profiles() if profile.label == label), None)
