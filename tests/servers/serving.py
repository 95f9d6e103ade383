"""What every loopback test server shares: a threaded HTTP(S) server on 127.0.0.1, started and stopped
from a test, whose requests the server object itself answers (`_handle(handler, method)`).

Standard library only and Python 3.9 syntax.
"""

import json
import socket
import ssl
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional


class ServedOnLoopback:
    """Start, stop and address a server on an ephemeral 127.0.0.1 port (HTTPS with a server-side context).

    Subclasses implement `_handle(handler, method)`; `_stopping` is set while stopping, so a handler that
    hangs on purpose (`self._stopping.wait()`) is released.
    """

    def __init__(self, tls: Optional[ssl.SSLContext] = None) -> None:
        self.tls = tls  # a server-side context serves HTTPS (and may require client certificates)
        self._stopping = threading.Event()
        self._httpd: Optional[QuietHTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    def __enter__(self) -> Any:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        """Bind an ephemeral port on 127.0.0.1 and serve on a background thread."""
        if self._httpd is not None:
            raise RuntimeError("the server is already running")
        self._stopping.clear()
        httpd = QuietHTTPServer(("127.0.0.1", 0), JsonHandler)
        if self.tls is not None:
            httpd.socket = self.tls.wrap_socket(httpd.socket, server_side=True)
        httpd.app = self
        self._httpd = httpd
        name = f"{type(self).__name__}:{self.port}"
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=name, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Release hung requests, stop serving and free the port."""
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd.drop_connections()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        return int(self._httpd.server_address[1])

    @property
    def root_url(self) -> str:
        """`http(s)://127.0.0.1:PORT`, no path."""
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def _handle(self, handler: "JsonHandler", method: str) -> None:
        raise NotImplementedError


class ServedWithFaults(ServedOnLoopback):
    """A loopback server whose test switches faults: `fail(count, status)` for the next requests,
    `down(status)` for every request until `up()`. The server takes `_take_fault()` once for each request
    these faults apply to, and a subclass may queue faults of its own kinds (`_queue_fault`)."""

    def __init__(self, tls: Optional[ssl.SSLContext] = None) -> None:
        super().__init__(tls)
        self._queued_faults: list[tuple[str, int]] = []  # one-shot: ("fail", status), or a subclass's kind
        self._down_status = 0
        self._faults_lock = threading.Lock()

    def fail(self, count: int, status: int = 503) -> None:
        """Answer the next `count` requests with `status`, changing and keeping nothing."""
        self._queue_fault(("fail", status), count)

    def down(self, status: int = 503) -> None:
        """Answer every request with `status` until `up()`."""
        with self._faults_lock:
            self._down_status = status

    def up(self) -> None:
        """Serve normally again (one-shot faults still queued stay queued)."""
        with self._faults_lock:
            self._down_status = 0

    def _queue_fault(self, fault: tuple[str, int], count: int) -> None:
        with self._faults_lock:
            self._queued_faults.extend([fault] * count)

    def _take_fault(self) -> tuple[int, tuple[str, int]]:
        """The outage's status (0 while up) and the next one-shot fault (`("", 0)` when none), taken."""
        with self._faults_lock:
            fault = self._queued_faults.pop(0) if self._queued_faults else ("", 0)
            return self._down_status, fault


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a hung handler must never keep the interpreter alive
    # socketserver's default backlog of 5 drops the SYNs of a burst of concurrent clients, which then
    # wait a second to retry: real endpoints accept far more at once.
    request_queue_size = 128
    app: ServedOnLoopback

    def server_activate(self) -> None:
        super().server_activate()
        self._open: set[Any] = set()
        self._open_lock = threading.Lock()

    def get_request(self) -> Any:
        connection, address = super().get_request()
        # As production servers do: without it, the headers and the body go as two small writes and
        # Nagle's algorithm holds the second until the client's delayed ACK, 40 ms on every answer.
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._open_lock:
            self._open.add(connection)
        return connection, address

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        """Cut the kept-alive connections too, as a server that goes down does: a stopped server must not
        go on answering its clients' pooled connections."""
        with self._open_lock:
            open_connections, self._open = list(self._open), set()
        for connection in open_connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: a client that gives up mid-handshake (the mTLS tests) is not a server failure."""


class JsonHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real endpoints and pooled clients use it
    server: QuietHTTPServer
    started = 0.0  # monotonic time the request line was read (for processing-time headers)

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        self.started = time.monotonic()
        self.server.app._handle(self, "GET")

    def do_POST(self) -> None:  # noqa: N802
        self.started = time.monotonic()
        self.server.app._handle(self, "POST")

    def read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send_json(self, status: int, payload: Any, headers: Optional[dict[str, str]] = None) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: requests are recorded on the server object instead of printed."""


def send_then_reset(handler: JsonHandler, payload: Any) -> None:
    """Promise the whole JSON body, send half of it, then reset the connection (RST, not a clean close)."""
    data = json.dumps(payload).encode("utf-8")
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data[: len(data) // 2])
    handler.wfile.flush()
    # SO_LINGER with a zero timeout makes close() send RST, which clients report as "connection reset".
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True
