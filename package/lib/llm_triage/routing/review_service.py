"""The app's REST endpoints for reviewers and admins, behind splunkd's persistent-handler protocol.

    GET  llm_triage/approvals                    pending approvals   (capability llm_triage_review)
    POST llm_triage/approvals/<key>              {"decision": "approve"|"reject", "note": "..."}
    GET  llm_triage/dead_letters                 pending dead letters (capability llm_triage_admin)
    POST llm_triage/dead_letters/replay          {"keys": [...]} (optional: all pending)

splunkd checks the capability (restmap.conf) before the handler runs, and tells it who is calling
(`session.user`): that name, never one from the request body, is the approver or the admin recorded.
The handler works with splunkd's system token (passSystemAuth): the KV store collections are written by
the app, and SOAR tokens are read from secret storage, never by the reviewer's own session. splunkd's
envelope, and the error body every refusal is in, are llm_triage.splunkd.handler's.
"""

import time
from typing import Any, Callable, Union

from llm_triage.endpoint.identifiers import QUEUE_KEY, is_shaped
from llm_triage.es.notables import NotableSettings, NotableWriter
from llm_triage.evidence.canonical import strict_json_loads
from llm_triage.routing.audit import Auditor
from llm_triage.routing.queues import ApprovalQueue, DeadLetters
from llm_triage.routing.review import decide, replay
from llm_triage.routing.targets import load_target
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.handler import Connect, HandlerRequest, Reply, RequestRefused, refusal, serve
from llm_triage.splunkd.kvstore import StoreUnavailable
from llm_triage.splunkd.rest import splunkd_request
from llm_triage.trust.audit import configured_audit_index

SOURCE = "llm_triage:review"


def handle(
    in_string: Union[str, bytes], connect: Connect = splunkd_request, sleep: Callable[[float], None] = time.sleep
) -> dict[str, Any]:
    """Answer one request document: {"payload": JSON text, "status": int, "headers": {...}}; never raises."""

    def answer(request: HandlerRequest, secrets: list[str]) -> Reply:
        try:
            return _route(request, connect, sleep)
        except StoreUnavailable as exc:
            return refusal(503, str(exc))

    # Listing needs no name; decide and replay refuse without one (routing.review), naming who must give it.
    return serve(in_string, "routing", answer, methods=("GET", "POST"), needs_user=False)


def _route(request: HandlerRequest, connect: Connect, sleep: Callable[[float], None]) -> Reply:
    method, segments, user = request.method, list(request.segments), request.user
    rest = request.splunkd(connect)
    body = _body(request.payload)
    config = SplunkdConfig(rest.get)
    # Where decisions are audited is the app's configuration, never the caller's choice (a query string
    # naming an index anyone may read would copy the decisions there).
    auditor = Auditor(rest, configured_audit_index(config), SOURCE)
    if segments[:2] == ["llm_triage", "approvals"]:
        approvals = ApprovalQueue(rest)
        if method == "GET" and len(segments) == 2:
            return Reply(200, {"approvals": approvals.pending()})
        if method == "POST" and len(segments) == 3:
            if not is_shaped(QUEUE_KEY, segments[2]):
                return refusal(400, "the approval's key must be 32 lower-case hex characters")
            answer = decide(
                approvals, DeadLetters(rest), config, auditor, load_target, segments[2],
                str(body.get("decision", "")), user, str(body.get("note", "") or ""), sleep,
            )  # fmt: skip
            return _flushed(answer, auditor)
    if segments[:2] == ["llm_triage", "dead_letters"]:
        letters = DeadLetters(rest)
        if method == "GET" and len(segments) == 2:
            return Reply(200, {"dead_letters": letters.pending()})
        if method == "POST" and segments[2:] == ["replay"]:
            chosen = body.get("keys")
            if chosen is not None and not (isinstance(chosen, list) and all(is_shaped(QUEUE_KEY, k) for k in chosen)):
                return refusal(400, "keys must be dead letters' keys (32 lower-case hex characters each)")
            # ES write-backs replay through splunkd with this handler's session (the system token), named for
            # the admin in the audit trail, with no urgency, status or owner beyond what the letter kept.
            notables = NotableWriter(rest, NotableSettings()).replay
            answer = replay(letters, config, auditor, load_target, user, chosen, sleep=sleep, notables=notables)
            return _flushed(answer, auditor)
    return refusal(404, f"no {method} here")


def _flushed(answer: Reply, auditor: Auditor) -> Reply:
    problem = auditor.flush()
    if problem:
        return Reply(answer.status, dict(answer.payload, audit_problem=problem))
    return answer


def _body(payload: str) -> dict[str, Any]:
    if not payload:
        return {}
    try:
        data = strict_json_loads(payload)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise RequestRefused(400, "the request body is not a JSON object")
    return data
