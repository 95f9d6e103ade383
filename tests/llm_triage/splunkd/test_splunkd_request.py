"""splunkd_request: the package's doorway to splunkd over the one HTTP client, as every entry point uses it."""

import http.server
import threading
from typing import Any

import pytest

from llm_triage.splunkd.rest import SplunkdRest, TimeOver, splunkd_request, within


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[dict[str, Any]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.seen.append(
            {
                "method": self.command,
                "path": self.path,
                "type": self.headers.get("Content-Type"),
                "auth": self.headers.get("Authorization"),
                "body": self.rfile.read(length),
            }
        )
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = do_DELETE = _answer  # noqa: N815 (the stdlib's names)

    def log_message(self, *args: Any) -> None:
        pass


def test_json_goes_as_json_and_form_fields_as_a_form_in_the_apps_namespace() -> None:
    handler = type("Handler", (_Recorder,), {"seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        rest = SplunkdRest(splunkd_request(f"http://127.0.0.1:{server.server_address[1]}", "token-1"))
        rest.post_json("storage/collections/data/c/batch_save", [{"_key": "a"}])
        rest.request("POST", "storage/passwords", b"name=k&password=p&realm=r")
        rest.get("configs/conf-x?search=a%3Db")
    finally:
        server.shutdown()
    posted_json, posted_form, listed = handler.seen
    assert posted_json["type"] == "application/json" and posted_json["body"] == b'[{"_key":"a"}]'
    assert posted_form["type"] == "application/x-www-form-urlencoded"  # storage/passwords takes form fields
    assert posted_json["path"].startswith("/servicesNS/nobody/llm_triage/storage/collections/data/c/batch_save?")
    assert listed["path"] == "/servicesNS/nobody/llm_triage/configs/conf-x?search=a%3Db&output_mode=json&count=0"
    assert {seen["auth"] for seen in handler.seen} == {"Splunk token-1"}


def test_within_cuts_each_calls_time_out_to_what_is_left_and_past_it_makes_no_call() -> None:
    now = [100.0]
    asked: list[tuple[str, Any]] = []

    def request(method: str, path: str, body: Any, timeout: Any = None) -> tuple[int, bytes]:
        asked.append((path, timeout))
        return 200, b"{}"

    bounded = within(SplunkdRest(request), ends_at=130.0, clock=lambda: now[0])
    bounded.get("a")
    bounded.request("GET", "b", None, 10.0)  # a caller's own shorter time-out stands
    now[0] = 125.0
    bounded.request("GET", "c", None, 10.0)
    now[0] = 130.0
    with pytest.raises(TimeOver, match="no time left"):
        bounded.get("d")
    assert asked == [("a", 30.0), ("b", 10.0), ("c", 5.0)]
