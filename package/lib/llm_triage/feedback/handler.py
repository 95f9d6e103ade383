"""The feedback endpoints as splunkd runs them: one persistent-handler request (POST, the caller's
session, the system token) to its reply; the labels or decisions go to feedback.service. Never raises.
"""

import json
import logging
import traceback
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Union

from llm_triage import names
from llm_triage.feedback.examples import ExampleStore
from llm_triage.feedback.requests import Refused, parse_decisions, parse_labels
from llm_triage.feedback.service import FeedbackService
from llm_triage.feedback.settings import STANZA, FeedbackSettingsError, feedback_settings
from llm_triage.feedback.store import FeedbackStore
from llm_triage.feedback.triaged import COLLECTION as TRIAGED_COLLECTION
from llm_triage.feedback.triaged import TriagedEvidence
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.index import send_events
from llm_triage.splunkd.kvstore import Collection, StoreUnavailable
from llm_triage.splunkd.rest import Request, SplunkdRest
from llm_triage.splunkd.settings import SETTINGS_CONF

LOG = logging.getLogger("llm_triage")

AUDIT_SOURCETYPE = names.AUDIT_SOURCETYPE
AUDIT_SOURCE = "llm_triage:feedback"
FILED, REFUSED = "filed", "refused"
_JSON_TYPE = {"Content-Type": "application/json; charset=UTF-8"}

Connect = Callable[[str, str], Request]


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
