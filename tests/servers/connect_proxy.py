"""A loopback HTTP proxy: CONNECT tunnels for https targets, absolute-form forwarding for http targets,
optional Basic credentials (407 with `Proxy-Authenticate` otherwise), as RFC 9110/9112 describe.

    with ConnectProxy(username="svc", password="pw") as proxy:
        proxy.url              # "http://127.0.0.1:PORT"
        proxy.seen             # [(method, target, proxy_authorization_header_or_None), ...]
"""

import base64
import select
import socket
import threading
from socketserver import BaseRequestHandler, ThreadingTCPServer
from typing import Optional
from urllib.parse import urlsplit


class ConnectProxy:
    def __init__(self, username: str = "", password: str = "") -> None:
        self.username = username
        self.password = password
        self.seen: list[tuple[str, str, Optional[str]]] = []
        self._server: Optional[ThreadingTCPServer] = None

    def __enter__(self) -> "ConnectProxy":
        server = _Server(("127.0.0.1", 0), _Handler)
        server.proxy = self
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def allowed(self, authorization: Optional[str]) -> bool:
        if not self.username:
            return True
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode("ascii")
        return authorization == f"Basic {token}"


class _Server(ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    proxy: ConnectProxy


class _Handler(BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        head, _, rest = head.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        authorization = headers.get("proxy-authorization")
        proxy = self.server.proxy
        proxy.seen.append((method, target, authorization))
        if not proxy.allowed(authorization):
            self.request.sendall(
                b'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="loopback"\r\n'
                b"Content-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return
        if method == "CONNECT":
            host, _, port = target.rpartition(":")
            upstream = socket.create_connection((host, int(port)), timeout=10)
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self._relay(upstream, rest)
            return
        parts = urlsplit(target)  # absolute-form: forward in origin-form, without the proxy's header
        upstream = socket.create_connection((parts.hostname or "", parts.port or 80), timeout=10)
        origin = parts.path + (f"?{parts.query}" if parts.query else "")
        kept = [line for line in lines[1:] if not line.lower().startswith(("proxy-authorization:", "connection:"))]
        forwarded = "\r\n".join([f"{method} {origin} HTTP/1.1", *kept, "Connection: close", "", ""])
        upstream.sendall(forwarded.encode("latin-1") + rest)
        self._relay(upstream, b"")

    def _relay(self, upstream: socket.socket, pending: bytes) -> None:
        if pending:
            upstream.sendall(pending)
        sockets = [self.request, upstream]
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 10)
                if not readable:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is self.request else self.request).sendall(data)
        except OSError:
            return
        finally:
            upstream.close()
