"""Writing a verdict back to the notable (ES 7: `/services/notable_update`) or finding (ES 8) it came from.

A row names its notable in `event_id`. Only a model-judged row is written back, and only when `event_id` is
one ES id: `<id>@@notable@@<32 hex>` (a notable) or `<id>@@notable@@time<epoch>` (an ES 8 finding); any
other value (a list, a search, a second id, a path) is refused, never sent. What is written:

- a comment: the final bucket, the model's bucket and op confidence, where the event's text addresses the
  model and what the injection checks found (`triage_injection`, in words), the rationale and the cited
  evidence, one line each, `<` and `>` neutralized, at most 4,000 characters (cut before the last line,
  the `triage_id` that finds the result);
- the urgency, from the final bucket, only when the admin allows it (`notable_urgency = 1`):
  high_confidence_malicious critical, probable_incident high, needs_enrichment medium, likely_benign low;
- a status or an owner only when the admin configured one (`notable_status`, `notable_owner`), never
  from the row.

Every value travels as a form field (ES 7) or a JSON member (ES 8), encoded by the client, so nothing in
a rationale can add a parameter. The call runs with the session given (the alert's owner, or the
searching analyst), so ES's own capabilities (`edit_notable_events`) decide.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import quote, urlencode

from llm_triage.es.rows import first, model_judged, one_line, values
from llm_triage.search.swaying import SWAYED, UNCHECKED
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.trust.injection.detector import IN_ITS_GROUP, REPORTED_SUFFIX, UNPLACED_BY_MODEL, in_the_evidence

NOTABLE_UPDATE = "/services/notable_update"
FINDINGS_NOTES = "/servicesNS/nobody/missioncontrol/public/v2/investigations/{id}/notes"
FINDINGS_UPDATE = "/servicesNS/nobody/missioncontrol/v1/investigations/{id}"
NOTABLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}@@notable@@(?:[A-Fa-f0-9]{32}|time([0-9]{1,12}))$")
URGENCY_BY_BUCKET = {
    "high_confidence_malicious": "critical",
    "probable_incident": "high",
    "needs_enrichment": "medium",
    "likely_benign": "low",
}
STATUS = re.compile(r"^[0-9]{1,3}$")  # ES status ids (1 new, 2 in progress, 5 closed, and custom ones)
OWNER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")
MAX_COMMENT = 4000
MAX_EVIDENCE = 10
# The labels of triage_injection that are not the event's own `field:kind`, as the analyst reads them.
CHECKS = {
    IN_ITS_GROUP: "text in another event judged with it in its group addresses the model (injection:group)",
    SWAYED: "the event's free text swayed the model's answer (injection:swayed)",
    UNCHECKED: "whether the event's free text swayed the model is unknown: its check got no answer "
    "(injection:unchecked)",
    UNPLACED_BY_MODEL: "the model reported text that tries to sway its triage in a field its evidence does not "
    "have (injection:reported)",
}

ES_NOTABLE = "es_notable"  # a dead letter's kind: a write-back kept for replay (routing.review.replay)
WRITTEN = "written"
REFUSED = "refused"
FAILED = "failed"
SKIPPED = "skipped"


@dataclass(frozen=True)
class NotableSettings:
    """What the admin allows the write-back to change."""

    urgency: bool = False
    status: str = ""
    owner: str = ""


@dataclass(frozen=True)
class WriteResult:
    """What one write-back came to; `detail` is safe to log."""

    outcome: str
    event_id: str = ""
    detail: str = ""


def notable_settings(urgency: str, status: str, owner: str) -> NotableSettings:
    """The admin's write-back settings, checked; ValueError naming the one that cannot be used."""
    status, owner = status.strip(), owner.strip()
    if status and not STATUS.match(status):
        raise ValueError("notable_status must be an ES status id (a number such as 2)")
    if owner and not OWNER.match(owner):
        raise ValueError("notable_owner must be a Splunk user name")
    allowed = urgency.strip().lower() in ("1", "true", "yes", "t", "y")
    return NotableSettings(urgency=allowed, status=status, owner=owner)


def notable_id(row: Mapping[str, Any]) -> tuple[str, str]:
    """(the row's ES id, "") or ("", why it is not one)."""
    value = row.get("event_id")
    if isinstance(value, (list, tuple)):
        if len(value) != 1:
            return "", "event_id holds several values"
        value = value[0]
    text = "" if value is None else str(value)
    if not text:
        return "", "no event_id"
    if not NOTABLE_ID.match(text):
        return "", "event_id is not an ES notable or finding id"
    return text, ""


def is_finding(event_id: str) -> bool:
    """Whether the id names an ES 8 finding (`...@@notable@@time<epoch>`)."""
    match = NOTABLE_ID.match(event_id)
    return bool(match and match.group(1))


def comment(row: Mapping[str, Any]) -> str:
    """What the analyst reads on the notable: buckets, confidence, rationale, cited evidence, the triage id."""
    final = first(row, "triage_op_bucket") or first(row, "triage_bucket")
    lines = [
        f"LLM triage: {final} (model: {first(row, 'triage_bucket')} at {first(row, 'triage_confidence')}, "
        f"op confidence {first(row, 'triage_op_confidence') or 'n/a'}; {first(row, 'triage_model')})",
    ]
    lines.extend(_injection_lines(values(row, "triage_injection")))  # before the rationale written beside it
    lines.append(f"Rationale: {one_line(first(row, 'triage_rationale'), 1500)}")
    evidence = [one_line(item, 300) for item in values(row, "triage_evidence")[:MAX_EVIDENCE]]
    if evidence:
        lines.append("Evidence: " + "; ".join(evidence))
    last = f"triage_id={first(row, 'triage_id')}. Decision support, not a verdict of record."
    text = "\n".join(lines).replace("<", "‹").replace(">", "›")
    if len(text) + 1 + len(last) > MAX_COMMENT:  # cut the evidence, never the line that finds the result
        text = text[: MAX_COMMENT - len(last) - 2] + "…"
    return f"{text}\n{last}"


def _injection_lines(labels: "list[str]") -> "list[str]":
    """Where the event's own text addresses the model (`field:kind`), the fields the model itself reported
    as trying to sway its triage (`field:model`), and what the model-side checks found, each in words:
    another event of its group did (`injection:group`), the event's free text swayed the answer
    (`injection:swayed`), or the check got no answer (`injection:unchecked`)."""
    reported = [label[: -len(REPORTED_SUFFIX)] for label in labels if label.endswith(REPORTED_SUFFIX)]
    own = [label for label in labels if in_the_evidence(label)]
    found = [CHECKS[label] for label in labels if label in CHECKS]
    lines = ["Text in the event addresses the model: " + "; ".join(_shown(own))] if own else []
    if reported:
        lines.append("The model reported text that tries to sway its triage in: " + "; ".join(_shown(reported)))
    return lines + (["Injection check: " + "; ".join(found)] if found else [])


def _shown(labels: "list[str]") -> "list[str]":
    return [one_line(label, 100) for label in labels][:MAX_EVIDENCE]


def update_fields(row: Mapping[str, Any], settings: NotableSettings) -> dict[str, str]:
    """The changes besides the comment: urgency (when allowed), status and owner (when configured)."""
    fields: dict[str, str] = {}
    final = first(row, "triage_op_bucket") or first(row, "triage_bucket")
    if settings.urgency and final in URGENCY_BY_BUCKET:
        fields["urgency"] = URGENCY_BY_BUCKET[final]
    if settings.status:
        fields["status"] = settings.status
    if settings.owner:
        fields["owner"] = settings.owner
    return fields


class NotableWriter:
    """Writes verdicts back through one splunkd session."""

    def __init__(self, rest: SplunkdRest, settings: NotableSettings) -> None:
        self.rest = rest
        self.settings = settings

    def write(self, row: Mapping[str, Any]) -> WriteResult:
        """Write one row's verdict to its notable or finding; never raises."""
        if not model_judged(row):
            return WriteResult(SKIPPED, detail="no model verdict: nothing written to ES")
        event_id, problem = notable_id(row)
        if not event_id:
            return WriteResult(REFUSED if problem != "no event_id" else SKIPPED, detail=problem)
        return self.send(event_id, comment(row), update_fields(row, self.settings))

    def replay(self, request: Mapping[str, Any]) -> WriteResult:
        """Send a write-back kept as a dead letter (`event_id`, `comment`, and the urgency, status, owner it
        was allowed), checked again as if new: the letter is data an admin could have edited."""
        event_id = str(request.get("event_id", ""))
        text = request.get("comment")
        changes = {k: str(request[k]) for k in ("urgency", "status", "owner") if k in request}
        if not NOTABLE_ID.match(event_id) or not isinstance(text, str) or len(text) > MAX_COMMENT:
            return WriteResult(REFUSED, event_id[:100], "the dead letter is not a write-back to one ES id")
        if (
            changes.get("urgency", "low") not in URGENCY_BY_BUCKET.values()
            or not STATUS.match(changes.get("status", "0"))
            or not OWNER.match(changes.get("owner", "x"))
        ):
            return WriteResult(REFUSED, event_id, "the dead letter's urgency, status or owner is not one ES takes")
        return self.send(event_id, text, changes)

    def send(self, event_id: str, text: str, changes: Mapping[str, str]) -> WriteResult:
        """Post the comment and changes to a checked ES id; never raises."""
        try:
            if is_finding(event_id):
                return self._finding(event_id, text, changes)
            return self._notable(event_id, text, changes)
        except Exception as exc:  # the transport: say what kind, keep the row's other work going
            return WriteResult(FAILED, event_id, f"splunkd unreachable ({exc.__class__.__name__})")

    def _notable(self, event_id: str, text: str, changes: Mapping[str, str]) -> WriteResult:
        form = {"ruleUIDs": event_id, "comment": text}
        for name, key in (("urgency", "urgency"), ("status", "status"), ("owner", "newOwner")):
            if name in changes:
                form[key] = changes[name]
        status, body = self.rest.request("POST", NOTABLE_UPDATE, urlencode(form).encode("utf-8"))
        answer = _json(body)
        if status == 200 and isinstance(answer, dict) and answer.get("success") is True:
            return WriteResult(WRITTEN, event_id, str(answer.get("message") or "notable updated")[:200])
        return WriteResult(FAILED, event_id, _refusal("notable_update", status, answer))

    def _finding(self, event_id: str, text: str, changes: Mapping[str, str]) -> WriteResult:
        quoted = quote(event_id, safe="")
        status, body = self.rest.post_json(FINDINGS_NOTES.format(id=quoted), {"content": text})
        if status not in (200, 201):
            return WriteResult(FAILED, event_id, _refusal("the findings notes API", status, _json(body)))
        if changes:
            epoch = event_id.rsplit("@@time", 1)[1]  # is_finding checked the form
            payload = {("assignee" if k == "owner" else k): v for k, v in changes.items()}
            path = f"{FINDINGS_UPDATE.format(id=quoted)}?{urlencode({'notable_time': epoch})}"
            status, body = self.rest.post_json(path, payload)
            if status not in (200, 201):
                return WriteResult(FAILED, event_id, _refusal("the findings update API", status, _json(body)))
        return WriteResult(WRITTEN, event_id, "finding noted" + (" and updated" if changes else ""))


def _json(body: bytes) -> Optional[Any]:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _refusal(what: str, status: int, answer: Optional[Any]) -> str:
    message = ""
    if isinstance(answer, dict):
        message = str(answer.get("message") or "")
        messages = answer.get("messages")
        if not message and isinstance(messages, list) and messages and isinstance(messages[0], dict):
            message = str(messages[0].get("text") or "")
    text = f"{what} answered {status}" + (f": {one_line(message, 200)}" if message else "")
    if status in (401, 403):
        text += " (the alert's owner needs ES's edit_notable_events capability)"
    if status == 404:
        text += " (is Enterprise Security installed on this search head?)"
    return text
