"""The app's REST endpoints for reviewers and admins, behind splunkd's persistent-handler protocol.

    GET  llm_triage/approvals                    pending approvals   (capability llm_triage_review)
    POST llm_triage/approvals/<key>              {"decision": "approve"|"reject", "note": "..."}
    GET  llm_triage/dead_letters                 pending dead letters (capability llm_triage_admin)
    POST llm_triage/dead_letters/replay          {"keys": [...]} (optional: all pending)

splunkd checks the capability (restmap.conf) before the handler runs, and tells it who is calling
(`session.user`): that name, never one from the request body, is the approver or the admin recorded.
The handler works with splunkd's system token (passSystemAuth): the KV store collections are written by
the app, and SOAR tokens are read from secret storage, never by the reviewer's own session.
"""

import json
import time
from typing import Any, Callable, Union

from llm_triage.endpoint.identifiers import QUEUE_KEY, is_shaped
from llm_triage.evidence.canonical import strict_json_loads
from llm_triage.routing.audit import Auditor
from llm_triage.routing.queues import ApprovalQueue, DeadLetters
from llm_triage.routing.review import Answer, decide, replay
from llm_triage.routing.targets import load_target
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.kvstore import StoreUnavailable
from llm_triage.splunkd.rest import Request, SplunkdRest, splunkd_request
from llm_triage.trust.audit import configured_audit_index

SOURCE = "llm_triage:review"
Connect = Callable[[str, str], Request]


def handle(
    in_string: Union[str, bytes], connect: Connect = splunkd_request, sleep: Callable[[float], None] = time.sleep
) -> dict[str, Any]:
    """Answer one request document: {"payload": JSON text, "status": int, "headers": {...}}."""
    try:
        document = json.loads(in_string)
        answer = _route(document, connect, sleep)
    except StoreUnavailable as exc:
        answer = Answer(503, {"error": str(exc)})
    except (ValueError, KeyError, TypeError):
        answer = Answer(400, {"error": "malformed request"})
    except Exception as exc:  # a bug: the reviewer sees what kind, never what it held
        answer = Answer(500, {"error": f"internal error: {exc.__class__.__name__}"})
    return {
        "payload": json.dumps(answer.payload),
        "status": answer.status,
        "headers": {"Content-Type": "application/json"},
    }


def _route(document: dict[str, Any], connect: Connect, sleep: Callable[[float], None]) -> Answer:
    method = str(document.get("method", "GET")).upper()
    segments = [part for part in str(document.get("rest_path", "")).split("/") if part]
    user = str((document.get("session") or {}).get("user", ""))
    token = str(document.get("system_authtoken", ""))
    rest_uri = str((document.get("server") or {}).get("rest_uri", ""))
    if not token or not rest_uri:
        return Answer(500, {"error": "the endpoint needs passSystemAuth in restmap.conf"})
    rest = SplunkdRest(connect(rest_uri, token))
    body = _body(document)
    config = SplunkdConfig(rest.get)
    # Where decisions are audited is the app's configuration, never the caller's choice (a query string
    # naming an index anyone may read would copy the decisions there).
    auditor = Auditor(rest, configured_audit_index(config), SOURCE)
    if segments[:2] == ["llm_triage", "approvals"]:
        approvals = ApprovalQueue(rest)
        if method == "GET" and len(segments) == 2:
            return Answer(200, {"approvals": approvals.pending()})
        if method == "POST" and len(segments) == 3:
            if not is_shaped(QUEUE_KEY, segments[2]):
                return Answer(400, {"error": "the approval's key must be 32 lower-case hex characters"})
            answer = decide(
                approvals, DeadLetters(rest), config, auditor, load_target, segments[2],
                str(body.get("decision", "")), user, str(body.get("note", "") or ""), sleep,
            )  # fmt: skip
            return _flushed(answer, auditor)
    if segments[:2] == ["llm_triage", "dead_letters"]:
        letters = DeadLetters(rest)
        if method == "GET" and len(segments) == 2:
            return Answer(200, {"dead_letters": letters.pending()})
        if method == "POST" and segments[2:] == ["replay"]:
            chosen = body.get("keys")
            if chosen is not None and not (isinstance(chosen, list) and all(is_shaped(QUEUE_KEY, k) for k in chosen)):
                return Answer(400, {"error": "keys must be dead letters' keys (32 lower-case hex characters each)"})
            return _flushed(replay(letters, config, auditor, load_target, user, chosen, sleep=sleep), auditor)
    return Answer(405 if method not in ("GET", "POST") else 404, {"error": f"no {method} here"})


def _flushed(answer: Answer, auditor: Auditor) -> Answer:
    problem = auditor.flush()
    if problem:
        return Answer(answer.status, dict(answer.payload, audit_problem=problem))
    return answer


def _body(document: dict[str, Any]) -> dict[str, Any]:
    raw = document.get("payload") or ""
    if not raw:
        return {}
    data = strict_json_loads(raw)
    if not isinstance(data, dict):
        raise ValueError("the body is not a JSON object")
    return data
