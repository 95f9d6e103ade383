"""The app's one HTTP client: every outbound call (providers, SOAR, webhooks, splunkd) goes through
`request`, with one deadline per request, capped reads whatever the framing, and connection reuse.

Stdlib only, so the app stays pure Python and starts fast. TLS certificates are verified unless an admin
turned verification off for one provider; a CA bundle path and a client certificate (mutual TLS) may be
set per provider. Requests may go through an HTTP proxy: https:// targets through a CONNECT tunnel (TLS
stays end to end), http:// targets as absolute-form requests; proxy credentials go in a Basic
`Proxy-Authorization` header and never into a message.
"""

import base64
import http.client
import ipaddress
import json
import socket
import ssl
import threading
import time
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

from llm_triage import __version__
from llm_triage.net.pool import ConnectionPool
from llm_triage.net.watchdog import Watchdog

USER_AGENT = f"llm-triage/{__version__}"
MAX_RESPONSE_BYTES = 4 * 1024 * 1024  # a verdict is a few KB; anything this large is not one
_READ_SIZE = 64 * 1024
_LONGEST_TIMEOUT = 24 * 3600.0
POOL = ConnectionPool()  # one per process: a persistent handler's requests share its connections
WATCHDOG = Watchdog()  # one thread per process ends every request at its deadline


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
VERIFIED = TlsSettings()


@dataclass(frozen=True)
class HttpResponse:
    """Status, lower-cased headers and the body bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        """The body parsed as JSON (ValueError when it is not)."""
        return json.loads(self.body.decode("utf-8"))

    def json_or_none(self) -> Any:
        """The body parsed as JSON, or None when it is not JSON."""
        try:
            return self.json()
        except ValueError:  # UnicodeDecodeError included
            return None


def request(
    method: str,
    url: str,
    body: Optional[bytes] = None,
    headers: Optional[Mapping[str, str]] = None,
    timeout: float = 30.0,
    tls: TlsSettings = VERIFIED,
    proxy: ProxySettings = NO_PROXY,
    max_bytes: int = MAX_RESPONSE_BYTES,
    replayable: bool = False,
) -> HttpResponse:
    """Send `method` with `body` (JSON bytes, or None) and return the answer whatever its status, all within
    `timeout` seconds, reading at most `max_bytes`; TransportError when there is no complete answer.

    The connection is reused from an earlier request to the same destination when one is idle. A reused
    connection the server closed unseen is replaced once by a fresh one: always when the request never
    left, and after it left only for a GET or a `replayable` request (one whose repetition has no effect
    beyond its cost, such as an inference), since the server may have acted on it.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TransportError(f"not an http(s) URL: {parts.scheme}://{parts.hostname or ''}")
    proxy_parts = urlsplit(proxy.url) if proxy.url else None
    if proxy_parts is not None and (proxy_parts.scheme != "http" or not proxy_parts.hostname):
        raise TransportError("the proxy must be an http://host:port URL")
    # A time-out of years (a direct caller's: the provider settings stop at an hour) would overflow the socket's.
    timeout = min(timeout, _LONGEST_TIMEOUT)
    deadline = time.monotonic() + timeout
    sent_headers = _headers(headers, body is not None)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if proxy_parts is not None and parts.scheme == "http":
        # Absolute-form request (RFC 9112 3.2.2): the proxy forwards it; Proxy-Authorization rides along.
        authority = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        path = f"http://{authority}:{_port(parts.scheme, parts.port)}{path}"
        if proxy.authorization():
            sent_headers["Proxy-Authorization"] = proxy.authorization() or ""
    destination = (parts.scheme, parts.hostname, parts.port, tls, proxy)
    exchange = _Exchange(method, path, body, sent_headers, deadline, max_bytes)
    try:
        reused = POOL.take(destination)
        if reused is not None:
            try:
                return exchange.over(reused, destination)
            except _StaleConnection as stale:
                if stale.request_sent and not (replayable or method == "GET"):
                    raise TransportError(f"connection to {parts.hostname} broke: {stale.reason}") from None
        connection = _connect(parts.scheme, parts.hostname, parts.port, proxy, deadline, tls)
        try:
            return exchange.over(connection, destination)
        except _StaleConnection as stale:  # a fresh connection closed at once is simply a broken one
            raise TransportError(f"connection to {parts.hostname} broke: {stale.reason}") from None
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


def post_json(
    url: str,
    payload: Any,
    headers: Optional[Mapping[str, str]] = None,
    timeout: float = 30.0,
    tls: TlsSettings = VERIFIED,
    proxy: ProxySettings = NO_PROXY,
    replayable: bool = False,
) -> HttpResponse:
    """POST `payload` as JSON and return the answer whatever its status (see `request`)."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return request("POST", url, body, headers, timeout, tls, proxy, replayable=replayable)


def get_json(
    url: str,
    headers: Optional[Mapping[str, str]] = None,
    timeout: float = 30.0,
    tls: TlsSettings = VERIFIED,
    proxy: ProxySettings = NO_PROXY,
) -> HttpResponse:
    """GET `url`, asking for JSON, and return the answer whatever its status (see `request`)."""
    return request("GET", url, None, headers, timeout, tls, proxy)


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine (localhost, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _StaleConnection(Exception):
    """A connection closed before any byte of the answer came back."""

    def __init__(self, reason: str, request_sent: bool):
        super().__init__(reason)
        self.reason = reason
        self.request_sent = request_sent


@dataclass(frozen=True)
class _Exchange:
    """One request as it goes over a connection."""

    method: str
    path: str
    body: Optional[bytes]
    headers: Mapping[str, str]
    deadline: float
    max_bytes: int

    def over(self, connection: http.client.HTTPConnection, destination: Hashable) -> HttpResponse:
        """The answer over `connection`, which goes back to the pool when the server keeps it open. The
        watchdog shuts the connection down at the deadline, whatever phase it is in (net/watchdog.py)."""
        kept = False
        watch = WATCHDOG.watch(self.deadline, connection)
        try:
            _set_timeout(connection.sock, self.deadline)
            try:
                connection.request(self.method, self.path, body=self.body, headers=dict(self.headers))
            except (BrokenPipeError, ConnectionResetError) as exc:
                raise _StaleConnection(exc.__class__.__name__, request_sent=False) from None
            sock = watch.sock = connection.sock  # http.client lets go of it when the answer says it will close
            _set_timeout(sock, self.deadline)
            try:
                response = connection.getresponse()
            except (http.client.RemoteDisconnected, ConnectionResetError) as exc:
                raise _StaleConnection(exc.__class__.__name__, request_sent=True) from None
            if response.length is not None and response.length > self.max_bytes:
                raise TransportError(f"response larger than {self.max_bytes} bytes")
            body = _read_body(response, sock, self.deadline, self.max_bytes)
            response.close()  # read to the end: the connection may carry the next request
            if watch.expired:  # the end it read was the watchdog's, not the server's
                raise socket.timeout()
            kept = not response.will_close
            return HttpResponse(response.status, {name.lower(): value for name, value in response.getheaders()}, body)
        except Exception:
            if watch.expired:  # whatever broke, it broke because the time was up: no replay, one message
                raise socket.timeout() from None
            raise
        finally:
            if WATCHDOG.release(watch) and kept:
                POOL.give(destination, connection)
            else:
                connection.close()


def _headers(given: Optional[Mapping[str, str]], has_body: bool) -> dict[str, str]:
    defaults = {"Accept": "application/json", "User-Agent": USER_AGENT}
    if has_body:
        defaults["Content-Type"] = "application/json"
    callers = dict(given or {})
    # One value per header name: a caller's header replaces a default of any case rather than doubling it.
    replaced = {name.lower() for name in callers}
    sent = {name: value for name, value in defaults.items() if name.lower() not in replaced}
    sent.update(callers)
    return sent


def _connect(
    scheme: str, host: str, port: Optional[int], proxy: ProxySettings, deadline: float, tls: TlsSettings
) -> http.client.HTTPConnection:
    """An (unopened) connection: to the target, plain for http and TLS with `tls` for https; or to the
    proxy, tunnelling with CONNECT to an https target (TLS stays end to end). Looking its host up, connecting,
    the TLS handshake and a proxy's tunnel wait only what is left until `deadline`, so that a request replayed
    after a stale connection still ends within the caller's time-out."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise socket.timeout()
    connection = _unopened(scheme, host, port, proxy, left, tls)
    connection._create_connection = _connecting_within(deadline)  # type: ignore[attr-defined]
    return connection


def _connecting_within(deadline: float) -> Callable[..., socket.socket]:
    """socket.create_connection, but with the name looked up and its addresses tried within one deadline: it
    gave each address the whole time-out, and three unreachable addresses took three (fourteenth review, M3)."""

    def create_connection(
        address: tuple[str, int], timeout: object = None, source_address: Optional[tuple[str, int]] = None
    ) -> socket.socket:
        failure: OSError = OSError(f"no address found for {address[0]}")
        for family, kind, protocol, _, sockaddr in _addresses(*address, deadline):
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout()
            sock = socket.socket(family, kind, protocol)
            try:
                sock.settimeout(left)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                failure = exc
                sock.close()
        raise failure

    return create_connection


def _addresses(host: str, port: int, deadline: float) -> list[Any]:
    """What the resolver gives for `host`, looked up on a thread of its own so that a lookup never answered ends
    at the deadline like any other wait (the thread ends when the resolver does; nothing waits for it). An
    address written as one (splunkd's 127.0.0.1) needs no lookup."""
    try:
        ipaddress.ip_address(host)
        return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    except ValueError:
        pass
    found: list[Any] = []
    done = threading.Event()

    def look_up() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM))
        except Exception as exc:  # raised to the request below, which says what failed
            found.append(exc)
        finally:
            done.set()

    threading.Thread(target=look_up, name="llm-triage-lookup", daemon=True).start()
    if not done.wait(max(deadline - time.monotonic(), 0.0)):
        raise socket.timeout()
    if isinstance(found[0], Exception):
        raise found[0]
    return list(found[0])


def _unopened(
    scheme: str, host: str, port: Optional[int], proxy: ProxySettings, timeout: float, tls: TlsSettings
) -> http.client.HTTPConnection:
    if not proxy.url:
        if scheme == "http":
            return http.client.HTTPConnection(host, port, timeout=timeout)
        return _HTTPSConnection(host, port, timeout=timeout, context=_tls_context(tls))
    proxy_parts = urlsplit(proxy.url)
    proxy_host, proxy_port = proxy_parts.hostname or "", proxy_parts.port or 80
    if scheme == "http":
        return http.client.HTTPConnection(proxy_host, proxy_port, timeout=timeout)
    connection = _HTTPSConnection(proxy_host, proxy_port, timeout=timeout, context=_tls_context(tls))
    authorization = proxy.authorization()
    connection.set_tunnel(
        host, _port(scheme, port), headers={"Proxy-Authorization": authorization} if authorization else None
    )
    return connection


class _HTTPSConnection(http.client.HTTPSConnection):
    """http.client's, but its `sock` is the TLS socket before the handshake rather than after it, so that the
    watchdog can shut a handshake that trickles or never comes down at the deadline (fifteenth review, L1: it
    had what was left of the time-out before a proxy's tunnel, twice over)."""

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)  # the TCP connection, and a proxy's tunnel
        host = self._tunnel_host or self.host  # type: ignore[attr-defined]
        context: ssl.SSLContext = self._context  # type: ignore[attr-defined]
        self.sock = context.wrap_socket(self.sock, server_hostname=host, do_handshake_on_connect=False)
        self.sock.do_handshake()


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


def _read_body(
    response: http.client.HTTPResponse, sock: Optional[socket.socket], deadline: float, max_bytes: int
) -> bytes:
    """The whole body, capped whatever the framing (a chunked or read-until-close answer declares no length)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        _set_timeout(sock, deadline)
        chunk = response.read1(_READ_SIZE)
        if not chunk:
            if response.length:  # the server promised more than it sent before closing
                raise http.client.IncompleteRead(b"".join(chunks), response.length)
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise TransportError(f"response larger than {max_bytes} bytes")
        chunks.append(chunk)


def _set_timeout(sock: Optional[socket.socket], deadline: float) -> None:
    """Shrink the socket time-out to what is left, so a trickling response cannot outlive the deadline."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise socket.timeout()
    if sock is not None and sock.fileno() != -1:  # -1: http.client closed it after the last byte
        sock.settimeout(remaining)


def _port(scheme: str, port: Optional[int]) -> int:
    return port or (443 if scheme == "https" else 80)
