"""JSON over HTTP(S) on the standard library, with one deadline per request.

Stdlib only, so the app stays pure Python and starts fast. TLS certificates are verified unless an admin
turned verification off for one provider; a CA bundle path and a client certificate (mutual TLS) may be
set per provider. Requests may go through an HTTP proxy: https:// targets through a CONNECT tunnel (TLS
stays end to end), http:// targets as absolute-form requests; proxy credentials go in a Basic
`Proxy-Authorization` header and never into a message.
"""

import base64
import http.client
import json
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    """Per-provider TLS: verification on by default, optional CA bundle file and client certificate."""

    verify: bool = True
    ca_bundle: str = ""
    client_cert: str = ""  # PEM certificate (and key, unless client_key is set) for mutual TLS
    client_key: str = ""


@dataclass(frozen=True)
class ProxySettings:
    """An HTTP proxy (`http://host:port`) and its optional Basic credentials; empty url: no proxy."""

    url: str = ""
    username: str = ""
    password: str = field(default="", repr=False)

    def authorization(self) -> Optional[str]:
        """The `Proxy-Authorization` value, or None without a username."""
        if not self.username:
            return None
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode("ascii")
        return "Basic " + token


NO_PROXY = ProxySettings()


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
    proxy: ProxySettings = NO_PROXY,
    method: str = "POST",
) -> HttpResponse:
    """POST `payload` as JSON (or send `method` with it; GET sends no body) and return the response, all
    within `timeout` seconds."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TransportError(f"not an http(s) URL: {parts.scheme}://{parts.hostname or ''}")
    proxy_parts = urlsplit(proxy.url) if proxy.url else None
    if proxy_parts is not None and (proxy_parts.scheme != "http" or not proxy_parts.hostname):
        raise TransportError("the proxy must be an http://host:port URL")
    deadline = time.monotonic() + timeout
    body = None if method == "GET" else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request_headers: dict[str, str] = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
    }
    given = dict(headers or {})
    # One value per header name: a caller's header replaces a default of any case rather than doubling it.
    replaced = {name.lower() for name in given}
    request_headers = {name: value for name, value in request_headers.items() if name.lower() not in replaced}
    request_headers.update(given)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    connection: Optional[http.client.HTTPConnection] = None
    try:
        if proxy_parts is None:
            connection = open_connection(parts.scheme, parts.hostname, parts.port, timeout, tls)
        else:
            connection, path = _proxied(parts.scheme, parts.hostname, parts.port, path, proxy, timeout, tls)
            if parts.scheme == "http" and proxy.authorization():
                request_headers["Proxy-Authorization"] = proxy.authorization() or ""
        if body is None:
            request_headers.pop("Content-Type", None)
        connection.request(method, path, body=body, headers=request_headers)
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
        if proxy_parts is not None:
            raise TransportError(f"connection refused by the proxy {proxy_parts.netloc}") from None
        raise TransportError(f"connection refused by {parts.hostname}:{_port(parts.scheme, parts.port)}") from None
    except (ConnectionError, http.client.HTTPException) as exc:
        raise TransportError(f"connection to {parts.hostname} broke: {exc.__class__.__name__}") from None
    except OSError as exc:
        refused = _tunnel_refusal(exc)
        if refused and proxy_parts is not None:
            raise TransportError(
                f"the proxy {proxy_parts.netloc} refused a tunnel to {parts.hostname}: {refused}"
            ) from None
        raise TransportError(f"cannot reach {parts.hostname}: {exc.strerror or exc.__class__.__name__}") from None
    except ValueError as exc:  # an invalid port in the URL
        raise TransportError(f"invalid URL for {parts.hostname}: {exc}") from None
    finally:
        if connection is not None:
            connection.close()


def get_json(
    url: str,
    headers: Optional[Mapping[str, str]] = None,
    timeout: float = 30.0,
    tls: TlsSettings = TlsSettings(),
    proxy: ProxySettings = NO_PROXY,
) -> HttpResponse:
    """GET `url`, asking for JSON, and return the response, all within `timeout` seconds."""
    return post_json(url, None, headers, timeout, tls, proxy, method="GET")


def open_connection(
    scheme: str, host: str, port: Optional[int], timeout: float, tls: TlsSettings
) -> http.client.HTTPConnection:
    """An (unopened) connection to `host`: plain for http, else TLS with `tls`'s settings."""
    if scheme == "http":
        return http.client.HTTPConnection(host, port, timeout=timeout)
    return http.client.HTTPSConnection(host, port, timeout=timeout, context=_tls_context(tls))


def _proxied(
    scheme: str,
    host: str,
    port: Optional[int],
    path: str,
    proxy: ProxySettings,
    timeout: float,
    tls: TlsSettings,
) -> tuple[http.client.HTTPConnection, str]:
    """A connection to the proxy and the request target to send over it."""
    proxy_parts = urlsplit(proxy.url)
    proxy_host, proxy_port = proxy_parts.hostname or "", proxy_parts.port or 80
    if scheme == "http":
        # Absolute-form request (RFC 9112 3.2.2): the proxy forwards it; Proxy-Authorization rides along.
        authority = f"[{host}]" if ":" in host else host
        target = f"http://{authority}:{_port(scheme, port)}{path}"
        return http.client.HTTPConnection(proxy_host, proxy_port, timeout=timeout), target
    connection = http.client.HTTPSConnection(proxy_host, proxy_port, timeout=timeout, context=_tls_context(tls))
    authorization = proxy.authorization()
    connection.set_tunnel(
        host, _port(scheme, port), headers={"Proxy-Authorization": authorization} if authorization else None
    )
    return connection, path


def _tunnel_refusal(exc: OSError) -> str:
    """The proxy's status line when http.client's CONNECT was refused ("Tunnel connection failed: 407 ...")."""
    text = str(exc.args[0]) if exc.args and isinstance(exc.args[0], str) else ""
    prefix = "Tunnel connection failed:"
    return " ".join(text[len(prefix) :].split())[:80] if text.startswith(prefix) else ""


@lru_cache(maxsize=16)
def _tls_context(tls: TlsSettings) -> ssl.SSLContext:
    """One context per provider's settings: the CA and certificate files are read once, not on every request."""
    context = ssl.create_default_context(cafile=tls.ca_bundle or None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if not tls.verify:
        # Only when an admin turned verification off for this provider or target, or for a loopback splunkd.
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if tls.client_cert:
        try:
            context.load_cert_chain(tls.client_cert, tls.client_key or None)
        except (ssl.SSLError, OSError) as exc:
            # The file names are the admin's own settings; the reason never quotes the key material.
            reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc.__class__.__name__
            raise TransportError(f"cannot use the client certificate {tls.client_cert}: {reason}") from None
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
