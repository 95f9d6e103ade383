import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest

from llm_triage import transport
from llm_triage.transport import TlsSettings, TransportError, post_json


class _Handler(http.server.BaseHTTPRequestHandler):
    mode = "ok"

    def do_POST(self):  # noqa: N802 (the stdlib's name)
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.mode == "trickle":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.05)
            return
        body = b"x" * (transport.MAX_RESPONSE_BYTES + 10) if self.mode == "huge" else b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(tls_files=None, mode="ok"):
    handler = type("Handler", (_Handler,), {"mode": mode})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls_files:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls_files)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


def url(server, scheme="http"):
    return f"{scheme}://127.0.0.1:{server.server_address[1]}/v1/chat/completions"


def test_plain_http_round_trip():
    server = serve()
    try:
        response = post_json(url(server), {"a": 1}, timeout=5)
        assert response.status == 200 and response.json() == {"ok": True}
        assert response.headers["content-type"] == "application/json"
    finally:
        server.shutdown()


def test_tls_is_verified_by_default(self_signed):
    server = serve(self_signed)
    try:
        with pytest.raises(TransportError, match="TLS certificate not trusted for 127.0.0.1"):
            post_json(url(server, "https"), {}, timeout=5)
    finally:
        server.shutdown()


def test_a_ca_bundle_makes_a_private_certificate_trusted(self_signed):
    server = serve(self_signed)
    try:
        response = post_json(url(server, "https"), {}, timeout=5, tls=TlsSettings(ca_bundle=self_signed[0]))
        assert response.json() == {"ok": True}
    finally:
        server.shutdown()


def test_verification_can_be_turned_off_for_one_provider(self_signed):
    server = serve(self_signed)
    try:
        response = post_json(url(server, "https"), {}, timeout=5, tls=TlsSettings(verify=False))
        assert response.status == 200
    finally:
        server.shutdown()


def test_a_refused_connection_says_so():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TransportError, match=f"connection refused by 127.0.0.1:{port}"):
        post_json(f"http://127.0.0.1:{port}/v1", {}, timeout=5)


def test_a_trickling_response_cannot_outlive_the_deadline():
    server = serve(mode="trickle")
    try:
        started = time.monotonic()
        with pytest.raises(TransportError, match="no complete answer from 127.0.0.1 within 1s"):
            post_json(url(server), {}, timeout=1)
        assert time.monotonic() - started < 2.5
    finally:
        server.shutdown()


def test_an_oversized_response_is_refused():
    server = serve(mode="huge")
    try:
        with pytest.raises(TransportError, match="response larger than"):
            post_json(url(server), {}, timeout=10)
    finally:
        server.shutdown()


def test_only_http_urls_are_accepted():
    with pytest.raises(TransportError, match="not an http"):
        post_json("file:///etc/passwd", {})
