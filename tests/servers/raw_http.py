"""Loopback HTTP servers that answer with raw bytes, for what a well-behaved library server never does:
odd framings, answers cut short, keep-alive connections closed unseen."""

import socket
import ssl
import threading
import time
from typing import Any, Callable, Optional

KEEP_ALIVE_OK = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}'


def serve_once(reply: bytes) -> tuple[str, threading.Thread]:
    """A server that answers one request with `reply` and closes; its URL and thread."""
    return _one_connection(lambda connection: connection.sendall(reply), "/rest/container")


def serve_trickling(
    reply: bytes, pause: float, at_once: bytes = b"", hold: float = 0.0
) -> tuple[str, threading.Thread]:
    """A server that reads one request, sends `at_once`, then `reply` a byte at a time, `pause` seconds apart,
    and keeps the connection `hold` seconds more, until the client goes; its URL and thread. As a proxy, it
    trickles its answer to CONNECT, and then never speaks TLS."""

    def answer(connection: socket.socket) -> None:
        try:
            connection.sendall(at_once)
            for byte in reply:
                connection.sendall(bytes([byte]))
                time.sleep(pause)
            connection.settimeout(hold)
            while hold and connection.recv(65536):
                pass
        except OSError:  # the client gave up
            return

    return _one_connection(answer, "/v1/chat/completions")


def _one_connection(answer: Callable[[socket.socket], None], path: str) -> tuple[str, threading.Thread]:
    """A server that accepts one connection, reads one request on it and leaves the rest to `answer`; its URL
    (ending in `path`) and thread."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        with listener:
            connection, _ = listener.accept()
            with connection:
                connection.recv(65536)
                answer(connection)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}{path}", thread


class KeepAliveServer:
    """Answers every request with `KEEP_ALIVE_OK` on connections it keeps open; counts connections and
    requests. `on_request(n)` may say, for the n-th request on a connection (from 1), "answer", "close"
    (read it, close without answering) or "answer-close" (answer, then close at once). With `tls`, connections
    after the first `handshakes` are accepted and never get a TLS handshake."""

    def __init__(
        self,
        on_request: Callable[[int], str] = lambda n: "answer",
        tls: Optional[ssl.SSLContext] = None,
        handshakes: Optional[int] = None,
    ) -> None:
        self.connections = 0
        self.requests = 0
        self._on_request = on_request
        self._tls = tls
        self._handshakes = handshakes
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}/v1/chat/completions"

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            if self._handshakes is not None and self.connections > self._handshakes:
                threading.Thread(target=_silent, args=(connection,), daemon=True).start()
                continue
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        connection: Any = raw
        try:
            if self._tls is not None:
                connection = self._tls.wrap_socket(raw, server_side=True)
            served = 0
            while _read_request(connection):
                served += 1
                self.requests += 1
                what = self._on_request(served)
                if what == "close":
                    return
                connection.sendall(KEEP_ALIVE_OK)
                if what == "answer-close":
                    return
        except (OSError, ssl.SSLError):
            return
        finally:
            connection.close()


def _silent(connection: socket.socket) -> None:
    """Read whatever comes and never answer, until the client closes."""
    with connection:
        try:
            while connection.recv(65536):
                pass
        except OSError:
            return


def _read_request(connection: Any) -> bool:
    """Read one request (headers and a Content-Length body); False when the client closed."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        body += connection.recv(65536)
    return True
