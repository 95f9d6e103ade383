"""The loopback splunkd stand-in: its endpoints, paging, authentication, the not-ready switch and its log."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.servers.json_client import json_answer
from tools.harness.splunkd_standin import NOT_READY_TEXT, SplunkdContent, SplunkdStandIn, secret_name

NS = "/servicesNS/nobody/llm_triage"


@pytest.fixture
def server() -> Iterator[SplunkdStandIn]:
    content = SplunkdContent()
    content.set_stanza("llm_triage_providers", "default", {"timeout": "30"})
    content.set_stanza("llm_triage_providers", "local", {"type": "openai_compatible", "model": "m"})
    content.set_stanza("llm_triage_providers", "off", {"disabled": "1"})
    content.set_secret("llm_triage", "local", "sk-test-ᎠᎡᎢ")
    content.set_secret("odd:realm", "user:name", "s2")
    with SplunkdStandIn(content, session_key="key-123") as running:
        yield running


def get(server: SplunkdStandIn, path: str, authorization: str | None = "Splunk key-123") -> tuple[int, Any]:
    request = urllib.request.Request(server.uri + path)
    if authorization is not None:
        request.add_header("Authorization", authorization)
    return json_answer(request)


def test_listens_on_loopback_only(server: SplunkdStandIn) -> None:
    assert server.uri.startswith("http://127.0.0.1:")


def test_conf_listing_shows_stanzas_as_splunkd_does(server: SplunkdStandIn) -> None:
    status, body = get(server, f"{NS}/configs/conf-llm_triage_providers?output_mode=json&count=0")
    assert status == 200
    entries = {entry["name"]: entry["content"] for entry in body["entry"]}
    assert list(entries) == ["default", "local", "off"]
    assert entries["local"]["model"] == "m"
    assert entries["local"]["timeout"] == "30"  # inherited from [default]
    assert entries["local"]["disabled"] is False and entries["off"]["disabled"] is True
    assert entries["local"]["eai:appName"] == "llm_triage"
    assert body["paging"] == {"total": 3, "perPage": 0, "offset": 0}


def test_count_defaults_to_30_like_splunkd(server: SplunkdStandIn) -> None:
    for number in range(40):
        server.content.set_stanza("many", f"s{number:02d}", {"k": str(number)})
    _, page = get(server, f"{NS}/configs/conf-many?output_mode=json")
    _, everything = get(server, f"{NS}/configs/conf-many?output_mode=json&count=0")
    _, tail = get(server, f"{NS}/configs/conf-many?output_mode=json&count=5&offset=38")
    assert len(page["entry"]) == 30 and page["paging"]["total"] == 40
    assert len(everything["entry"]) == 40
    assert [entry["name"] for entry in tail["entry"]] == ["s38", "s39"]


def test_one_stanza_and_unknown_names(server: SplunkdStandIn) -> None:
    status, body = get(server, f"{NS}/configs/conf-llm_triage_providers/local?output_mode=json")
    assert status == 200 and [entry["name"] for entry in body["entry"]] == ["local"]
    status, body = get(server, f"{NS}/configs/conf-llm_triage_providers/nope?output_mode=json")
    assert status == 404
    status, body = get(server, f"{NS}/configs/conf-unknown?output_mode=json&count=0")
    assert status == 404 and body["messages"][0]["type"] == "ERROR"


def test_secret_by_its_url_quoted_name(server: SplunkdStandIn) -> None:
    name = quote("llm_triage:local:", safe="")
    status, body = get(server, f"{NS}/storage/passwords/{name}?output_mode=json")
    assert status == 200
    content = body["entry"][0]["content"]
    assert body["entry"][0]["name"] == "llm_triage:local:"
    assert (content["realm"], content["username"], content["clear_password"]) == ("llm_triage", "local", "sk-test-ᎠᎡᎢ")


def test_secret_names_escape_colons_as_splunkd_does(server: SplunkdStandIn) -> None:
    assert secret_name("odd:realm", "user:name") == "odd\\:realm:user\\:name:"
    status, body = get(
        server, f"{NS}/storage/passwords/{quote(secret_name('odd:realm', 'user:name'), safe='')}?output_mode=json"
    )
    assert status == 200 and body["entry"][0]["content"]["clear_password"] == "s2"


def test_absent_secret_is_404_with_splunkds_message(server: SplunkdStandIn) -> None:
    status, body = get(server, f"{NS}/storage/passwords/{quote('llm_triage:nobody:', safe='')}?output_mode=json")
    assert status == 404
    assert body["messages"][0]["text"].startswith("Could not find object id=")


def test_any_owner_and_app_and_plain_services_are_served(server: SplunkdStandIn) -> None:
    assert get(server, "/servicesNS/admin/search/configs/conf-llm_triage_providers?output_mode=json")[0] == 200
    assert get(server, "/services/configs/conf-llm_triage_providers?output_mode=json")[0] == 200
    assert get(server, "/elsewhere/configs/conf-llm_triage_providers?output_mode=json")[0] == 404
    assert get(server, f"{NS}/saved/searches?output_mode=json")[0] == 404


@pytest.mark.parametrize("authorization", [None, "Splunk wrong", "Bearer key-123", "key-123"])
def test_requests_without_the_session_key_are_401(server: SplunkdStandIn, authorization: str | None) -> None:
    status, body = get(server, f"{NS}/configs/conf-llm_triage_providers?output_mode=json", authorization)
    assert status == 401
    assert body == {"messages": [{"type": "WARN", "text": "call not properly authenticated"}]}


def test_json_only(server: SplunkdStandIn) -> None:
    status, body = get(server, f"{NS}/configs/conf-llm_triage_providers")
    assert status == 400 and "output_mode=json" in body["messages"][0]["text"]


def test_not_ready_switch_answers_503_to_everything(server: SplunkdStandIn) -> None:
    server.not_ready = True
    for path in (f"{NS}/configs/conf-llm_triage_providers?output_mode=json", f"{NS}/storage/passwords/x"):
        status, body = get(server, path)
        assert status == 503
        assert body == {"messages": [{"type": "ERROR", "text": NOT_READY_TEXT}]}
    server.not_ready = False
    assert get(server, f"{NS}/configs/conf-llm_triage_providers?output_mode=json")[0] == 200


def test_request_log_has_path_method_status_and_no_auth_value(server: SplunkdStandIn) -> None:
    get(server, f"{NS}/configs/conf-llm_triage_providers?output_mode=json&count=0")
    get(server, f"{NS}/storage/passwords/x?output_mode=json", authorization="Splunk guessed-key")
    logged = server.requests
    assert [(entry.method, entry.path, entry.status) for entry in logged] == [
        ("GET", f"{NS}/configs/conf-llm_triage_providers", 200),
        ("GET", f"{NS}/storage/passwords/x", 401),
    ]
    assert logged[0].query == {"output_mode": "json", "count": "0"}
    assert "key-123" not in repr(logged) and "guessed-key" not in repr(logged)


def test_content_repr_hides_secrets(server: SplunkdStandIn) -> None:
    assert "sk-test" not in repr(server.content)


def test_splunklib_service_reads_the_standin(server: SplunkdStandIn, splunklib_parent: Path) -> None:
    sys.path.insert(0, str(splunklib_parent))
    try:
        from splunklib.client import Service
    finally:
        sys.path.remove(str(splunklib_parent))
    port = int(server.uri.rsplit(":", 1)[1])
    service = Service(scheme="http", host="127.0.0.1", port=port, app="llm_triage", token="key-123")
    conf = json.loads(service.get("configs/conf-llm_triage_providers", output_mode="json", count=0).body.read())
    assert [entry["name"] for entry in conf["entry"]] == ["default", "local", "off"]
    # splunklib URL-encodes the path itself, so the secret's name goes in unquoted.
    secret = json.loads(service.get("storage/passwords/llm_triage:local:", output_mode="json").body.read())
    assert secret["entry"][0]["content"]["clear_password"] == "sk-test-ᎠᎡᎢ"


def test_added_services_see_the_caller_and_the_body(server: SplunkdStandIn) -> None:
    from tools.harness.splunkd_standin import Reply, Request

    seen: list[Request] = []

    def echo(request: Request) -> Reply | None:
        if request.segments != ["llm_triage", "echo"]:
            return None
        seen.append(request)
        if not request.user.can("llm_triage_run"):
            return Reply(403, {"messages": [{"type": "ERROR", "text": "needs llm_triage_run"}]})
        return Reply(200, {"user": request.user.name, "body": request.body.decode()})

    server.add_service(echo)
    analyst = server.add_user("ana", {"llm_triage_run"})
    viewer = server.add_user("vic", set())
    request = urllib.request.Request(
        server.uri + NS + "/llm_triage/echo?output_mode=json", data=b'{"x":1}', method="POST"
    )
    request.add_header("Authorization", f"Splunk {analyst}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read()) == {"user": "ana", "body": '{"x":1}'}
    assert get(server, NS + "/llm_triage/echo?output_mode=json", f"Splunk {viewer}")[0] == 403
    assert [request.user.name for request in seen] == ["ana", "vic"]
    # The built-in services still answer, and an unknown key is still refused.
    assert get(server, NS + "/configs/conf-llm_triage_providers?output_mode=json", f"Splunk {viewer}")[0] == 200
    assert get(server, NS + "/llm_triage/echo?output_mode=json", "Splunk nope")[0] == 401
