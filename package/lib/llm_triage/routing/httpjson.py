"""JSON over HTTP(S) for routing: to SOAR, to webhooks and to splunkd itself. Standard library only.

Errors never quote a header or a body sent: an HttpFailure says only which host and what went wrong.
"""

import http.client
import ipaddress
import json
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from llm_triage import __version__, names
from llm_triage.net.http import TlsSettings, TransportError, open_connection
from llm_triage.splunkd.rest import Request

USER_AGENT = f"llm-triage-routing/{__version__}"
MAX_ANSWER_BYTES = 16 * 1024 * 1024
APP = names.APP
VERIFIED = TlsSettings()


class HttpFailure(Exception):
    """No HTTP answer (refused, reset, timed out, TLS refused). The message is safe to show and log."""


@dataclass(frozen=True)
class HttpAnswer:
    """An HTTP status and the body bytes."""

    status: int
    body: bytes

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine (localhost, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def http_call(
    method: str,
    url: str,
    body: Optional[bytes] = None,
    headers: Optional[Mapping[str, str]] = None,
    timeout: float = 30.0,
    tls: TlsSettings = VERIFIED,
) -> HttpAnswer:
    """One request; the answer whatever its status; HttpFailure when there is none."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise HttpFailure(f"not an http(s) URL: {parts.scheme}://{host}")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    sent = {"Accept": "application/json", "User-Agent": USER_AGENT}
    if body is not None:
        sent["Content-Type"] = "application/json"
    sent.update(headers or {})
    connection: Optional[http.client.HTTPConnection] = None
    try:
        connection = open_connection(parts.scheme, host, parts.port, timeout, tls)
        connection.request(method, target, body=body, headers=sent)
        response = connection.getresponse()
        if response.length is not None and response.length > MAX_ANSWER_BYTES:
            raise HttpFailure(f"answer from {host} larger than {MAX_ANSWER_BYTES} bytes")
        # Capped whatever the framing: a chunked or read-until-close answer declares no length up front.
        answer = response.read(MAX_ANSWER_BYTES + 1)
        if len(answer) > MAX_ANSWER_BYTES:
            raise HttpFailure(f"answer from {host} larger than {MAX_ANSWER_BYTES} bytes")
        if response.length:  # half an answer (a connection reset mid-body) is no answer
            raise http.client.IncompleteRead(answer, response.length)
        return HttpAnswer(response.status, answer)
    except ssl.SSLCertVerificationError as exc:
        raise HttpFailure(f"TLS certificate not trusted for {host}: {exc.verify_message}") from None
    except ssl.SSLError as exc:
        raise HttpFailure(f"TLS failure with {host}: {exc.reason or exc.__class__.__name__}") from None
    except socket.timeout:
        raise HttpFailure(f"no answer from {host} within {timeout:g}s") from None
    except (ConnectionError, http.client.HTTPException) as exc:
        raise HttpFailure(f"connection to {host} failed: {exc.__class__.__name__}") from None
    except OSError as exc:
        raise HttpFailure(f"cannot reach {host}: {exc.strerror or exc.__class__.__name__}") from None
    except ValueError as exc:  # an invalid port
        raise HttpFailure(f"invalid URL for {host}: {exc}") from None
    except TransportError as exc:  # an unusable client certificate
        raise HttpFailure(str(exc)) from None
    finally:
        if connection is not None:
            connection.close()


def splunkd_request(server_uri: str, session_key: str, app: str = APP, timeout: float = 60.0) -> Request:
    """`request(method, path, body)` (llm_triage.splunkd.rest's doorway) to splunkd at `server_uri`, in
    `app`'s namespace, as the holder of `session_key`; JSON asked for, GETs list everything.

    TLS: splunkd hands alert actions and REST handlers a loopback `server_uri` (https://127.0.0.1:8089),
    whose certificate is usually splunkd's self-signed default naming no host; as Splunk's own SDK does
    for the management port, a loopback splunkd's certificate is not checked (the session key never
    leaves the machine). Any other host is verified against the system's CAs.
    """
    parts = urlsplit(server_uri)
    tls = TlsSettings(verify=not is_loopback(parts.hostname or ""))
    root = f"{parts.scheme}://{parts.netloc}"
    authorization = {"Authorization": f"Splunk {session_key}"}

    def request(method: str, path: str, body: Optional[bytes]) -> tuple[int, bytes]:
        resource, _, query = path.partition("?")
        params = parse_qsl(query, keep_blank_values=True)
        names = {name for name, _ in params}
        params.append(("output_mode", "json"))
        if method == "GET" and "count" not in names:
            params.append(("count", "0"))
        url = f"{root}/servicesNS/nobody/{quote(app)}/{resource}?{urlencode(params)}"
        answer = http_call(method, url, body, authorization, timeout, tls)
        return answer.status, answer.body

    return request
