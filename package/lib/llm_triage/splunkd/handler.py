"""splunkd's persistent-handler protocol, the one envelope every endpoint of the app is served in.

splunkd hands a handler's `handle(in_string)` one JSON document per request:

    {"method": "POST", "rest_path": "/llm_triage/approvals/<key>", "payload": "<the body as text>",
     "session": {"user": "rita", ...}, "system_authtoken": "...", "server": {"rest_uri": "https://..."}, ...}

(`system_authtoken` with restmap.conf's `passSystemAuth = true`, `session` unless `passSession = false`)
and wants back {"payload": "<JSON text>", "status": 200, "headers": {...}}. `serve` reads the document
(`read_request`), calls the endpoint's answer with it, and never raises: a refusal is splunkd's own error
body (llm_triage.splunkd.messages), an unexpected exception a 500 that names only its class, its traceback
logged scrubbed of every secret read.
"""

import json
import logging
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from llm_triage.evidence.canonical import strict_json_loads
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.log_files import keep_out_of_logs, start_logging
from llm_triage.splunkd.messages import error_body
from llm_triage.splunkd.rest import Request, SplunkdRest
from llm_triage.splunkd.settings import SETTINGS_CONF
from llm_triage.trust.redaction import scrub_secrets

LOG = logging.getLogger("llm_triage")

JSON_TYPE = {"Content-Type": "application/json; charset=UTF-8"}

Connect = Callable[[str, str], Request]
"""(splunkd's REST URI, a token) -> the `request` doorway of llm_triage.splunkd.rest."""


class RequestRefused(Exception):
    """A request an endpoint will not serve: the HTTP status, and a message safe to show the caller."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Reply:
    """An HTTP status and its JSON body."""

    status: int
    payload: Mapping[str, Any]

    def persistent(self) -> dict[str, Any]:
        """The reply as splunkd's persistent-handler protocol wants it (the body as JSON text)."""
        return {"payload": json.dumps(self.payload, ensure_ascii=False), "status": self.status, "headers": JSON_TYPE}


def refusal(status: int, message: str) -> Reply:
    """A non-200 reply whose body is splunkd's error body."""
    return Reply(status, error_body(message))


@dataclass(frozen=True)
class HandlerRequest:
    """One request document, checked: who asks what of which path, and how the endpoint reaches splunkd."""

    method: str  # upper case
    segments: tuple[str, ...]  # rest_path's parts, e.g. ("llm_triage", "approvals", "<key>")
    payload: str  # the request body; "" when there is none
    user: str  # who is calling, as splunkd vouches (session.user); "" only where the endpoint needs none
    token: str = field(repr=False)  # splunkd's system token: reads secrets, so never shown
    rest_uri: str

    def splunkd(self, connect: Connect) -> SplunkdRest:
        """splunkd's REST API in the app's namespace, with the system token (and the endpoint's log file,
        at the Logging tab's level, once the process can read it)."""
        rest = SplunkdRest(connect(self.rest_uri, self.token))
        start_logging("endpoint", lambda: SplunkdConfig(rest.get).conf(SETTINGS_CONF))
        return rest


Answer = Callable[[HandlerRequest, list[str]], Reply]
"""An endpoint's work: the request, and a list to add every secret it reads to, to the reply."""


def read_request(
    in_string: Union[str, bytes], name: str, methods: tuple[str, ...] = ("POST",), needs_user: bool = True
) -> HandlerRequest:
    """The request document `in_string` of the llm_triage endpoint `name` (for messages); RequestRefused
    when it is not a JSON object (400), its method is not one of `methods` (405), it lacks the system
    token (500) or, where `needs_user`, the caller's user (401), or its payload is not text (400)."""
    try:
        document = strict_json_loads(in_string)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        raise RequestRefused(400, "the persistent-handler request is not a JSON object")
    method = str(document.get("method", "")).upper()
    if method not in methods:
        raise RequestRefused(
            405, f"the llm_triage {name} endpoint answers {' or '.join(methods)} only, not {method or 'nothing'}"
        )
    server = document.get("server")
    rest_uri = server.get("rest_uri") if isinstance(server, dict) else None
    token = document.get("system_authtoken")
    if not isinstance(rest_uri, str) or not rest_uri or not isinstance(token, str) or not token:
        raise RequestRefused(
            500,
            f"the llm_triage {name} endpoint needs splunkd's system token: restmap.conf must set passSystemAuth = true",
        )
    session = document.get("session")
    user = session.get("user") if isinstance(session, dict) else None
    user = user if isinstance(user, str) else ""
    if needs_user and not user.strip():
        # What the endpoint does is done in the caller's name: no name, nothing done.
        raise RequestRefused(
            401, f"the llm_triage {name} endpoint needs the caller's session: restmap.conf must set passSession = true"
        )
    payload = document.get("payload")
    if payload is not None and not isinstance(payload, str):
        raise RequestRefused(400, "the persistent-handler request's payload is not text")
    path = document.get("rest_path")
    segments = tuple(part for part in path.split("/") if part) if isinstance(path, str) else ()
    return HandlerRequest(method, segments, payload or "", user, token, rest_uri)


def serve(
    in_string: Union[str, bytes],
    name: str,
    answer: Answer,
    methods: tuple[str, ...] = ("POST",),
    needs_user: bool = True,
) -> dict[str, Any]:
    """One request document of the llm_triage endpoint `name` to splunkd's reply: the document read
    (read_request), then `answer`'s reply. Never raises: a RequestRefused is its refusal, anything else a
    500 naming only the exception's class, its traceback logged scrubbed of the token and every secret
    `answer` added to its list."""
    secrets: list[str] = []
    started = time.monotonic()
    try:
        request = read_request(in_string, name, methods, needs_user)
        secrets.append(request.token)
        keep_out_of_logs(request.token, session=True)
        reply = answer(request, secrets)
        LOG.info(
            "llm_triage %s endpoint: %s %s by %s: %d in %d ms",
            name,
            request.method,
            "/".join(request.segments),
            request.user or "splunkd",
            reply.status,
            (time.monotonic() - started) * 1000,
        )
        return reply.persistent()
    except RequestRefused as exc:
        LOG.info("llm_triage %s endpoint: refused (%d): %s", name, exc.status, exc.message)
        return refusal(exc.status, exc.message).persistent()
    except Exception as exc:  # whatever broke, splunkd gets an answer, and neither it nor the log a secret
        LOG.error(
            "llm_triage %s endpoint: unexpected failure\n%s", name, scrub_secrets(traceback.format_exc(), secrets)
        )
        return refusal(500, f"internal error in the llm_triage {name} endpoint: {exc.__class__.__name__}").persistent()
