"""The feedback endpoints as splunkd runs them: one persistent-handler request (llm_triage.splunkd.handler:
a POST with the caller's session and the system token) to its reply; the labels or decisions go to
feedback.service. Never raises.
"""

from collections.abc import Mapping, Sequence
from typing import Any, Union

from llm_triage import names
from llm_triage.feedback.examples import ExampleStore
from llm_triage.feedback.requests import parse_decisions, parse_labels
from llm_triage.feedback.service import FeedbackService
from llm_triage.feedback.settings import STANZA, FeedbackSettingsError, feedback_settings
from llm_triage.feedback.store import FeedbackStore
from llm_triage.feedback.triaged import COLLECTION as TRIAGED_COLLECTION
from llm_triage.feedback.triaged import TriagedEvidence
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.handler import Connect, HandlerRequest, Reply, refusal, serve
from llm_triage.splunkd.index import send_events
from llm_triage.splunkd.kvstore import Collection, StoreUnavailable
from llm_triage.splunkd.settings import SETTINGS_CONF

AUDIT_SOURCETYPE = names.AUDIT_SOURCETYPE
AUDIT_SOURCE = "llm_triage:feedback"


def handle(in_string: Union[str, bytes], connect: Connect, kind: str) -> dict[str, Any]:
    """One persistent-handler request to the `kind` ("feedback" or "review") endpoint; never raises."""

    def answer(request: HandlerRequest, secrets: list[str]) -> Reply:
        # Both parsers refuse a malformed request whole (feedback.requests.Refused, a RequestRefused).
        if kind == "review":
            search_id, decisions = parse_decisions(request.payload)
        else:
            search_id, labels = parse_labels(request.payload)
        rest = request.splunkd(connect)
        try:
            settings = feedback_settings(SplunkdConfig(rest.get).conf(SETTINGS_CONF).get(STANZA, {}))
        except ConfigUnavailable as exc:
            return refusal(503, f"settings unreadable: {exc}")
        except FeedbackSettingsError as exc:
            return refusal(409, str(exc))

        def audit(events: Sequence[Mapping[str, Any]]) -> None:
            send_events(rest, events, settings.audit_index, AUDIT_SOURCETYPE, AUDIT_SOURCE)

        triaged = TriagedEvidence(Collection(rest, TRIAGED_COLLECTION))
        service = FeedbackService(FeedbackStore(rest), ExampleStore(rest), settings, audit, triaged)
        try:
            if kind == "review":
                results = service.review(request.user, search_id, decisions)
            else:
                results = service.file(request.user, search_id, labels)
        except StoreUnavailable as exc:
            return refusal(503, f"the feedback store is unavailable: {exc}")
        return Reply(200, {"results": results})

    return serve(in_string, kind, answer)
