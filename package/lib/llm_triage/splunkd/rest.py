"""The app's one doorway to splunkd's REST API, without importing splunklib.

The Splunk entry point hands in `request(method, path, body)`: `path` is already URL-encoded and relative
to the app's namespace (`/servicesNS/nobody/llm_triage/<path>`), or, starting with `/services/` or
`/servicesNS/`, another app's endpoint as it is documented (Enterprise Security's `/services/notable_update`);
`output_mode=json` is added by the entry
point, `body` is a JSON document, form fields, or None, and the answer is (HTTP status, body bytes). A
`timeout` keyword shortens the wait for one call (a search run under a deadline). A transport failure may
raise anything; callers here turn it into a message an analyst can act on.
"""

import json
import time
from typing import Any, Callable, Optional, Protocol
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from llm_triage import names
from llm_triage.net.http import TlsSettings, is_loopback, request
from llm_triage.splunkd.log_files import keep_out_of_logs

# splunkd is this machine's own server, and llmeval reads every approved label in one answer: the cap
# only stops a runaway answer (splunklib, which this replaced for the entry points, had none).
SPLUNKD_ANSWER_BYTES = 512 * 1024 * 1024


class Request(Protocol):
    """`request(method, path, body)` -> (status, body bytes); `timeout` (seconds) replaces the doorway's own
    time-out for this one call."""

    def __call__(
        self, method: str, path: str, body: Optional[bytes], timeout: Optional[float] = None
    ) -> tuple[int, bytes]: ...


class SplunkdRest:
    """GET, POST (JSON) and DELETE against the app's namespace through one `request` callable."""

    def __init__(self, request: Request):
        self.request = request

    def get(self, path: str) -> tuple[int, bytes]:
        """GET `path` (with `count=0` where the entry point lists)."""
        return self.request("GET", path, None)

    def post_json(self, path: str, payload: Any) -> tuple[int, bytes]:
        """POST `payload` as a JSON body."""
        return self.request("POST", path, json.dumps(payload, separators=(",", ":")).encode("utf-8"))

    def delete(self, path: str) -> tuple[int, bytes]:
        """DELETE `path`."""
        return self.request("DELETE", path, None)


def within(
    rest: SplunkdRest,
    ends_at: float,
    clock: Callable[[], float] = time.monotonic,
    reason: str = "no time left for splunkd",
) -> SplunkdRest:
    """`rest`, each call's time-out cut to what is left until `ends_at` on `clock`; past it, a call is not made
    and raises TimeOver(`reason`, whose time it was), as a transport failure would."""

    def bounded(method: str, path: str, body: Optional[bytes], timeout: Optional[float] = None) -> tuple[int, bytes]:
        left = ends_at - clock()
        if left <= 0:
            raise TimeOver(reason)
        return rest.request(method, path, body, left if timeout is None else min(timeout, left))

    return SplunkdRest(bounded)


class TimeOver(TimeoutError):
    """A call to splunkd not made: the time it had was over (`within`)."""


def splunkd_request(server_uri: str, session_key: str, app: str = names.APP, timeout: float = 60.0) -> Request:
    """`request(method, path, body)` to splunkd at `server_uri`, in `app`'s namespace, as the holder of
    `session_key`, over the app's HTTP client; JSON asked for, GETs list everything.

    TLS: splunkd hands alert actions and REST handlers a loopback `server_uri` (https://127.0.0.1:8089),
    whose certificate is usually splunkd's self-signed default naming no host; as Splunk's own SDK does
    for the management port, a loopback splunkd's certificate is not checked (the session key never
    leaves the machine). Any other host is verified against the system's CAs.
    """
    keep_out_of_logs(session_key, session=True)
    parts = urlsplit(server_uri)
    tls = TlsSettings(verify=not is_loopback(parts.hostname or ""))
    root = f"{parts.scheme}://{parts.netloc}"
    authorization = {"Authorization": f"Splunk {session_key}"}
    default_timeout = timeout

    def send(method: str, path: str, body: Optional[bytes], timeout: Optional[float] = None) -> tuple[int, bytes]:
        resource, _, query = path.partition("?")
        params = parse_qsl(query, keep_blank_values=True)
        given = {name for name, _ in params}
        params.append(("output_mode", "json"))
        if method == "GET" and "count" not in given:
            params.append(("count", "0"))
        if resource.startswith(("/services/", "/servicesNS/")):
            url = f"{root}{resource}?{urlencode(params)}"  # another app's endpoint, named in full
        else:
            url = f"{root}/servicesNS/nobody/{quote(app)}/{resource}?{urlencode(params)}"
        headers = dict(authorization)
        if body is not None and body.lstrip()[:1] not in (b"{", b"["):
            headers["Content-Type"] = "application/x-www-form-urlencoded"  # storage/passwords takes form fields
        wait = default_timeout if timeout is None else timeout
        answer = request(method, url, body, headers, wait, tls, max_bytes=SPLUNKD_ANSWER_BYTES)
        return answer.status, answer.body

    return send
