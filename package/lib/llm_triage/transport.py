"""JSON over HTTP(S) on the standard library, with one deadline per request.

Stdlib only, so the app stays pure Python and starts fast. TLS certificates are verified unless an admin
turned verification off for one provider; a CA bundle path may be set per provider.
"""

import http.client
import json
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional
from urllib.parse import urlsplit

from llm_triage import __version__

USER_AGENT = f"llm-triage/{__version__}"
MAX_RESPONSE_BYTES = 4 * 1024 * 1024  # a verdict is a few KB; anything this large is not one
_READ_SIZE = 64 * 1024


class TransportError(Exception):
    """No HTTP response: the connection failed, timed out, or broke off. The message is safe to show."""


@dataclass(frozen=True)
class TlsSettings:
    """Per-provider TLS: verification on by default, optional CA bundle file."""

    verify: bool = True
    ca_bundle: str = ""


@dataclass(frozen=True)
class HttpResponse:
    """Status, lower-cased headers and the body bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        """The body parsed as JSON (ValueError when it is not)."""
        return json.loads(self.body.decode("utf-8"))


def post_json(
    url: str,
    payload: Any,
    headers: Optional[Mapping[str, str]] = None,
    timeout: float = 30.0,
    tls: TlsSettings = TlsSettings(),
) -> HttpResponse:
    """POST `payload` as JSON and return the response, all within `timeout` seconds."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TransportError(f"not an http(s) URL: {parts.scheme}://{parts.hostname or ''}")
    deadline = time.monotonic() + timeout
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request_headers: dict[str, str] = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
    }
    request_headers.update(headers or {})
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    connection: Optional[http.client.HTTPConnection] = None
    try:
        connection = _connection(parts.scheme, parts.hostname, parts.port, timeout, tls)
        connection.request("POST", path, body=body, headers=request_headers)
        _set_timeout(connection, deadline)
        response = connection.getresponse()
        data = _read_body(response, connection, deadline)
        return HttpResponse(
            status=response.status,
            headers={name.lower(): value for name, value in response.getheaders()},
            body=data,
        )
    except ssl.SSLCertVerificationError as exc:
        raise TransportError(f"TLS certificate not trusted for {parts.hostname}: {exc.verify_message}") from None
    except ssl.SSLError as exc:
        raise TransportError(f"TLS failure with {parts.hostname}: {exc.reason or exc.__class__.__name__}") from None
    except socket.timeout:
        raise TransportError(f"no complete answer from {parts.hostname} within {timeout:g}s") from None
    except ConnectionRefusedError:
        raise TransportError(f"connection refused by {parts.hostname}:{_port(parts.scheme, parts.port)}") from None
    except (ConnectionError, http.client.HTTPException) as exc:
        raise TransportError(f"connection to {parts.hostname} broke: {exc.__class__.__name__}") from None
    except OSError as exc:
        raise TransportError(f"cannot reach {parts.hostname}: {exc.strerror or exc.__class__.__name__}") from None
    except ValueError as exc:  # an invalid port in the URL
        raise TransportError(f"invalid URL for {parts.hostname}: {exc}") from None
    finally:
        if connection is not None:
            connection.close()


def _connection(
    scheme: str, host: str, port: Optional[int], timeout: float, tls: TlsSettings
) -> http.client.HTTPConnection:
    if scheme == "http":
        return http.client.HTTPConnection(host, port, timeout=timeout)
    return http.client.HTTPSConnection(host, port, timeout=timeout, context=_tls_context(tls))


@lru_cache(maxsize=16)
def _tls_context(tls: TlsSettings) -> ssl.SSLContext:
    """One context per provider's settings: the CA file is read once, not on every request."""
    context = ssl.create_default_context(cafile=tls.ca_bundle or None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if not tls.verify:
        # Only when an admin has turned verification off for this one provider.
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _read_body(response: http.client.HTTPResponse, connection: http.client.HTTPConnection, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        _set_timeout(connection, deadline)
        chunk = response.read1(_READ_SIZE)
        if not chunk:
            if response.length:  # the server promised more than it sent before closing
                raise http.client.IncompleteRead(b"".join(chunks), response.length)
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise TransportError(f"response larger than {MAX_RESPONSE_BYTES} bytes")
        chunks.append(chunk)


def _set_timeout(connection: http.client.HTTPConnection, deadline: float) -> None:
    """Shrink the socket time-out to what is left, so a trickling response cannot outlive the deadline."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise socket.timeout()
    if connection.sock is not None:
        connection.sock.settimeout(remaining)


def _port(scheme: str, port: Optional[int]) -> int:
    return port or (443 if scheme == "https" else 80)
