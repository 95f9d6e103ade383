import base64
import http.server
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest

from llm_triage.net import http as transport
from llm_triage.net.http import TlsSettings, TransportError, post_json


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
        if self.mode == "echo_headers":  # every header line as received, duplicates included
            body = json.dumps([[name.lower(), value] for name, value in self.headers.items()]).encode()
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


# -- mutual TLS and the proxy ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    from tests.servers.tls_certs import make_pki

    return make_pki(tmp_path_factory.mktemp("pki"))


def serve_tls(context, mode="ok"):
    handler = type("Handler", (_Handler,), {"mode": mode})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.handle_error = lambda *args: None  # refused handshakes are the point of some tests
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_gateway_that_requires_a_client_certificate_refuses_a_client_without_one(pki):
    server = serve_tls(pki.server_context())
    try:
        with pytest.raises(TransportError, match="127.0.0.1"):
            post_json(url(server, "https"), {}, timeout=5, tls=TlsSettings(ca_bundle=pki.ca_cert))
    finally:
        server.shutdown()


@pytest.mark.parametrize("combined", [False, True], ids=["cert-and-key-files", "one-pem-file"])
def test_a_client_certificate_gets_through_mutual_tls(pki, combined):
    server = serve_tls(pki.server_context())
    tls = (
        TlsSettings(ca_bundle=pki.ca_cert, client_cert=pki.client_combined)
        if combined
        else TlsSettings(ca_bundle=pki.ca_cert, client_cert=pki.client_cert, client_key=pki.client_key)
    )
    try:
        assert post_json(url(server, "https"), {"a": 1}, timeout=5, tls=tls).json() == {"ok": True}
    finally:
        server.shutdown()


def test_mutual_tls_still_verifies_the_server(pki):
    server = serve_tls(pki.server_context())
    try:
        with pytest.raises(TransportError, match="TLS certificate not trusted for 127.0.0.1"):
            post_json(url(server, "https"), {}, timeout=5, tls=TlsSettings(client_cert=pki.client_combined))
    finally:
        server.shutdown()


def test_a_client_certificate_that_cannot_be_loaded_is_named_without_its_contents(pki, tmp_path):
    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n")
    with pytest.raises(TransportError, match=f"cannot use the client certificate {broken}") as caught:
        post_json("https://127.0.0.1:1/v1", {}, timeout=5, tls=TlsSettings(client_cert=str(broken)))
    assert "c2VjcmV0" not in str(caught.value)


def test_https_goes_through_a_connect_tunnel_with_basic_proxy_credentials(pki):
    from tests.servers.connect_proxy import ConnectProxy

    server = serve_tls(pki.server_context(require_client_cert=False))
    proxy_settings = dict(username="svc-triage", password="proxy-pw-0123456789")
    try:
        with ConnectProxy(**proxy_settings) as proxy:
            response = post_json(
                url(server, "https"),
                {},
                timeout=5,
                tls=TlsSettings(ca_bundle=pki.ca_cert),
                proxy=transport.ProxySettings(proxy.url, **proxy_settings),
            )
            seen = proxy.seen
        assert response.json() == {"ok": True}
        [(method, target, authorization)] = seen
        assert (method, target) == ("CONNECT", f"127.0.0.1:{server.server_address[1]}")
        assert authorization == "Basic " + base64.b64encode(b"svc-triage:proxy-pw-0123456789").decode()
    finally:
        server.shutdown()


def test_plain_http_goes_through_the_proxy_in_absolute_form():
    from tests.servers.connect_proxy import ConnectProxy

    server = serve()
    try:
        with ConnectProxy(username="svc", password="pw-abcdef") as proxy:
            settings = transport.ProxySettings(proxy.url, "svc", "pw-abcdef")
            response = post_json(url(server), {}, timeout=5, proxy=settings)
            [(method, target, authorization)] = proxy.seen
        assert response.json() == {"ok": True}
        assert (method, target) == ("POST", url(server)) and authorization and authorization.startswith("Basic ")
    finally:
        server.shutdown()


def test_a_proxy_that_refuses_the_credentials_is_reported_without_the_password(pki):
    from tests.servers.connect_proxy import ConnectProxy

    server = serve_tls(pki.server_context(require_client_cert=False))
    try:
        with ConnectProxy(username="svc", password="the-right-one") as proxy:
            settings = transport.ProxySettings(proxy.url, "svc", "wrong-password-4242")
            with pytest.raises(TransportError) as caught:
                post_json(url(server, "https"), {}, timeout=5, tls=TlsSettings(ca_bundle=pki.ca_cert), proxy=settings)
        message = str(caught.value)
        assert message.startswith(f"the proxy {proxy.url[len('http://') :]} refused a tunnel to 127.0.0.1: 407")
        assert "wrong-password-4242" not in message and "d3Jvbmc" not in message
        assert "wrong-password-4242" not in repr(settings)
    finally:
        server.shutdown()


def test_an_unreachable_proxy_is_named_and_only_http_proxies_are_accepted():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proxy = transport.ProxySettings(f"http://127.0.0.1:{port}")
    with pytest.raises(TransportError, match=f"connection refused by the proxy 127.0.0.1:{port}"):
        post_json("https://127.0.0.1:1/v1", {}, timeout=5, proxy=proxy)
    with pytest.raises(TransportError, match="proxy must be an http://host:port URL"):
        post_json("https://127.0.0.1:1/v1", {}, timeout=5, proxy=transport.ProxySettings("socks5://127.0.0.1:1080"))


def test_a_callers_header_replaces_a_default_of_any_case_instead_of_doubling_it():
    server = serve(mode="echo_headers")
    try:
        sent = post_json(url(server), {}, headers={"content-type": "application/json; charset=utf-8"}, timeout=5)
        assert [value for name, value in sent.json() if name == "content-type"] == ["application/json; charset=utf-8"]
    finally:
        server.shutdown()


def test_extra_headers_never_double_or_replace_a_providers_own_headers():
    from llm_triage.providers.base import ProviderConfig
    from llm_triage.providers.exchange import send

    server = serve(mode="echo_headers")
    extra = {"authorization": "Bearer nope", "X-Tenant": "soc"}
    config = ProviderConfig(name="p", type="openai_compatible", base_url="", model="m", extra_headers=extra)
    try:
        response, _latency = send(config, url(server), {}, {"Authorization": "Bearer sk-own-0123456789"})
        received = response.json()
        assert [value for name, value in received if name == "authorization"] == ["Bearer sk-own-0123456789"]
        assert ["x-tenant", "soc"] in received
    finally:
        server.shutdown()
