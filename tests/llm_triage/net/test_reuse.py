"""The one HTTP client: capped reads whatever the framing, and connections reused only where safe."""

import socket
import time
from typing import Any

import pytest

from llm_triage.net import http
from llm_triage.net.http import TlsSettings, TransportError, request
from llm_triage.net.pool import IDLE_SECONDS, PER_DESTINATION, ConnectionPool
from tests.servers.raw_http import KeepAliveServer, serve_once, serve_trickling

BIG = b"x" * 3000
FRAMINGS = {
    "content-length": b"Content-Length: 3000\r\n\r\n" + BIG,
    "chunked": b"Transfer-Encoding: chunked\r\n\r\n"
    + b"".join(b"3e8\r\n" + BIG[:1000] + b"\r\n" for _ in range(3))
    + b"0\r\n\r\n",
    "read-until-close": b"Connection: close\r\n\r\n" + BIG,
}


@pytest.fixture(autouse=True)
def clean_pool() -> Any:
    http.POOL.close_all()
    yield
    http.POOL.close_all()


@pytest.mark.parametrize("framing", sorted(FRAMINGS))
def test_answers_are_capped_whatever_their_framing(framing: str) -> None:
    url, thread = serve_once(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + FRAMINGS[framing])
    with pytest.raises(TransportError, match="larger than 2048 bytes"):
        request("GET", url, max_bytes=2048, timeout=5)
    thread.join(5)
    url, thread = serve_once(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + FRAMINGS[framing])
    assert request("GET", url, max_bytes=4096, timeout=5).body == BIG
    thread.join(5)


def test_an_answer_cut_short_is_no_answer() -> None:
    url, thread = serve_once(b"HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" + BIG[:100])
    with pytest.raises(TransportError, match="connection to 127.0.0.1 broke: IncompleteRead"):
        request("GET", url, timeout=5)
    thread.join(5)


def test_repeated_calls_to_one_server_share_one_connection() -> None:
    server = KeepAliveServer()
    try:
        for _ in range(5):
            assert request("POST", server.url(), b"{}", timeout=5).json() == {"ok": True}
        assert (server.requests, server.connections) == (5, 1)
    finally:
        server.close()


def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    server = KeepAliveServer(on_request=lambda n: "answer-close")
    try:
        assert request("POST", server.url(), b"{}", timeout=5).status == 200
        time.sleep(0.2)  # the server's close reaches the idle connection
        assert request("POST", server.url(), b"{}", timeout=5).status == 200
        assert (server.requests, server.connections) == (2, 2)
    finally:
        server.close()


def test_a_request_the_server_dropped_unanswered_goes_again_only_when_replayable() -> None:
    # The second request on each connection is read and dropped: the server may have acted on it.
    server = KeepAliveServer(on_request=lambda n: "close" if n == 2 else "answer")
    try:
        request("POST", server.url(), b"{}", timeout=5)
        with pytest.raises(TransportError, match="broke: RemoteDisconnected"):
            request("POST", server.url(), b"{}", timeout=5)
        assert server.requests == 2  # sent once, never repeated behind the caller's back
        request("POST", server.url(), b"{}", timeout=5)
        assert request("POST", server.url(), b"{}", timeout=5, replayable=True).status == 200
        assert server.requests == 5 and server.connections == 3
    finally:
        server.close()


def test_a_replayed_request_still_ends_within_the_callers_time_out(tmp_path: Any) -> None:
    # The second request is read and dropped after 0.8 s; its replay's new connection never gets a TLS handshake.
    from tests.servers.tls_certs import make_pki

    def dropped_late(n: int) -> str:
        if n == 2:
            time.sleep(0.8)
            return "close"
        return "answer"

    pki = make_pki(tmp_path)
    server = KeepAliveServer(dropped_late, tls=pki.server_context(require_client_cert=False), handshakes=1)
    trusted = TlsSettings(ca_bundle=pki.ca_cert)
    try:
        assert request("POST", server.url("https"), b"{}", tls=trusted, timeout=5).status == 200
        started = time.monotonic()
        with pytest.raises(TransportError, match="within 1s"):
            request("POST", server.url("https"), b"{}", tls=trusted, timeout=1, replayable=True)
        assert time.monotonic() - started < 1.4  # a full new time-out for the handshake took 1.8 s
        assert server.connections == 2
    finally:
        server.close()


TRICKLED_HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + b"X-Pad: " + b"x" * 200 + b"\r\n\r\n{}"


CLOSING_CHUNKED = b"HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"


@pytest.mark.parametrize(
    "at_once, reply, through_proxy",
    [
        (b"", TRICKLED_HEADERS, False),  # a status line and headers a byte at a time (31 s for a 1 s call)
        (b"", b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + b"x" * 200, False),  # a body read until close
        # Chunked on a closing connection, whose socket http.client lets go of after the headers (fifteenth review)
        (CLOSING_CHUNKED, b"1;x=" + b"y" * 200, False),
        (b"", b"HTTP/1.1 200 Connection established\r\nX-Pad: " + b"x" * 200 + b"\r\n\r\n", True),  # CONNECT
    ],
)
def test_a_server_or_proxy_that_trickles_its_answer_gets_no_more_than_the_callers_time_out(
    at_once: bytes, reply: bytes, through_proxy: bool
) -> None:
    # Fourteenth review, M3: a socket's time-out bounds each wait for bytes, not their sum.
    url, thread = serve_trickling(reply, 0.05, at_once)
    target, proxy = url, http.NO_PROXY
    if through_proxy:
        target, proxy = "https://model.example.test/v1/chat/completions", http.ProxySettings(url.rsplit("/v1", 1)[0])
    started = time.monotonic()
    with pytest.raises(TransportError, match="no complete answer from .* within 1s"):
        request("POST", target, b"{}", timeout=1, proxy=proxy, replayable=True)
    assert time.monotonic() - started < 1.5
    thread.join(5)
    assert not http.POOL._idle  # nothing cut short is kept for another request


def test_a_tls_handshake_after_a_late_tunnel_ends_at_the_deadline_too() -> None:
    # Fifteenth review, L1: a proxy answers CONNECT just inside the time-out, and then no TLS ever comes.
    established = b"HTTP/1.1 200 Connection established\r\n\r\n"
    url, thread = serve_trickling(established, 0.8 / len(established), hold=5)
    proxy = http.ProxySettings(url.rsplit("/v1", 1)[0])
    started = time.monotonic()
    with pytest.raises(TransportError, match="no complete answer from .* within 1s"):
        request("POST", "https://model.example.test/v1/chat/completions", b"{}", timeout=1, proxy=proxy)
    assert time.monotonic() - started < 1.4  # the handshake had the whole time-out again: 1.8 s
    thread.join(6)


def test_the_addresses_of_a_name_share_one_time_out(monkeypatch: pytest.MonkeyPatch) -> None:
    # Fourteenth review, M3: socket.create_connection gave each address the whole time-out. Each address here
    # is a listener whose queue is full, so a new connection's SYN goes unanswered.
    holes, kept = [], []
    for _ in range(3):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        kept.append(listener)
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            try:
                filler.connect(listener.getsockname())
            except BlockingIOError:
                pass
            kept.append(filler)
        holes.append(listener.getsockname())
    time.sleep(0.2)
    real = socket.getaddrinfo

    def addresses(host: str, port: Any, *rest: Any, **options: Any) -> Any:
        if host == "many.example.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", hole) for hole in holes]
        return real(host, port, *rest, **options)

    monkeypatch.setattr(socket, "getaddrinfo", addresses)
    started = time.monotonic()
    try:
        with pytest.raises(TransportError):
            request("GET", "http://many.example.test/", timeout=1)
        assert time.monotonic() - started < 1.4  # three addresses took three seconds
    finally:
        for sock in kept:
            sock.close()


def test_a_name_the_resolver_never_answers_for_ends_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def slow(host: str, port: Any, *rest: Any, **options: Any) -> Any:
        if host == "slow.example.test":
            time.sleep(3)
        return real(host, port, *rest, **options)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    with pytest.raises(TransportError, match="no complete answer from slow.example.test within 1s"):
        request("GET", "http://slow.example.test/", timeout=1)
    assert time.monotonic() - started < 1.4  # the lookup had no time-out at all


def test_a_name_that_does_not_resolve_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown(host: str, *rest: Any, **options: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    with pytest.raises(TransportError, match="cannot reach nowhere.example.test"):
        request("GET", "http://nowhere.example.test/", timeout=1)


def test_a_time_out_of_years_is_a_long_one_not_an_error() -> None:
    # Fifteenth review, L2: 1e10 s overflowed the socket's time-out and escaped as a bare OverflowError.
    server = KeepAliveServer()
    try:
        assert request("POST", server.url(), b"{}", timeout=1e10).status == 200
    finally:
        server.close()


def test_a_connection_made_without_verification_never_serves_a_verified_request(tmp_path: Any) -> None:
    from tests.servers.tls_certs import make_pki

    pki = make_pki(tmp_path)
    server = KeepAliveServer(tls=pki.server_context(require_client_cert=False))
    try:
        assert request("GET", server.url("https"), tls=TlsSettings(verify=False), timeout=5).status == 200
        with pytest.raises(TransportError, match="TLS certificate not trusted"):
            request("GET", server.url("https"), timeout=5)
        trusted = TlsSettings(ca_bundle=pki.ca_cert)
        for _ in range(3):
            assert request("GET", server.url("https"), tls=trusted, timeout=5).status == 200
        assert server.connections == 3  # unverified, refused, then one verified connection reused
    finally:
        server.close()


class _Connection:
    """An idle connection whose peer is still there."""

    def __init__(self) -> None:
        self.sock, self._peer = socket.socketpair()
        self.closed = False

    def close(self) -> None:
        self.closed = True
        self.sock.close()
        self._peer.close()


def test_the_pool_keeps_a_few_recent_connections_per_destination_and_drops_old_ones() -> None:
    now = [0.0]
    pool = ConnectionPool(clock=lambda: now[0])
    kept = [_Connection() for _ in range(PER_DESTINATION + 2)]
    for connection in kept:
        pool.give("a", connection)  # type: ignore[arg-type]
    assert [c.closed for c in kept] == [True, True] + [False] * PER_DESTINATION  # the oldest go
    assert pool.take("b") is None  # another destination never gets them
    assert pool.take("a") is kept[-1]  # the most recent first
    now[0] = IDLE_SECONDS + 1
    assert pool.take("a") is None  # the rest idled too long: closed, not handed out
    assert all(c.closed for c in kept[:-1])
    kept[-1].close()
