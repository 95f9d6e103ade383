"""The stand-in speaking for splunkd: an app's persistent REST handlers (routing, capability gates, the
request document), secret storage as UCC uses it, roles from authorize.conf, and tools/search --role."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from llm_triage.splunkd.secrets import END_MARK
from llm_triage.splunkd.secrets import SEPARATOR as PIECE_SEPARATOR
from llm_triage.splunkd.secrets import realm as credential_realm
from tests.servers.json_client import json_answer
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.app_endpoints import persistent_endpoints, role_capabilities, serve_app
from tools.harness.splunk_app import AppError, SplunkApp
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn
from tools.harness.ucc_credentials import store_credential

NS = "/servicesNS/nobody/demo"

ECHO_HANDLER = """
import json

class Echo:
    def __init__(self, command_line, command_arg):
        self.command_line = command_line

    def handle(self, in_string):
        document = json.loads(in_string)
        if document.get("payload") == "broken":
            return {"payload": "not json", "status": 200}
        return {"payload": json.dumps({"got": document, "script": self.command_line}), "status": 201}
"""

RESTMAP = """\
[script:echo]
match = /demo/echo
script = echo_handler.py
scripttype = persist
handler = echo_handler.Echo
capability.post = demo_run
capability.delete = demo_admin
passPayload = true
passSystemAuth = true
python.version = python3

[script:classic]
match = /demo/classic
script = classic.py
"""

AUTHORIZE = """\
[capability::demo_run]
[role_demo_user]
importRoles = user
demo_run = enabled
[role_demo_lead]
importRoles = demo_user;power
demo_admin = enabled
"""


@pytest.fixture
def demo_app(tmp_path: Path) -> SplunkApp:
    root = tmp_path / "demo"
    (root / "default").mkdir(parents=True)
    (root / "bin").mkdir()
    (root / "bin" / "echo_handler.py").write_text(ECHO_HANDLER)
    (root / "default" / "restmap.conf").write_text(RESTMAP)
    (root / "default" / "authorize.conf").write_text(AUTHORIZE)
    return SplunkApp(root)


@pytest.fixture
def standin(demo_app: SplunkApp) -> Iterator[SplunkdStandIn]:
    content = SplunkdContent(app="demo")
    store_credential(content, "demo_accounts", "acct", {"api_key": "k" * 300, "note": "n"})
    with SplunkdStandIn(content) as running:
        serve_app(running, demo_app)
        yield running


def call(standin: SplunkdStandIn, method: str, path: str, key: str, body: bytes | None = None) -> tuple[int, Any]:
    separator = "&" if "?" in path else "?"
    request = urllib.request.Request(standin.uri + path + separator + "output_mode=json", data=body, method=method)
    request.add_header("Authorization", f"Splunk {key}")
    return json_answer(request)


def test_only_persistent_script_stanzas_are_endpoints(demo_app: SplunkApp) -> None:
    [endpoint] = persistent_endpoints(demo_app)
    assert (endpoint.stanza, endpoint.match, endpoint.handler_class) == ("script:echo", "/demo/echo", "Echo")
    assert endpoint.capability("POST") == "demo_run" and endpoint.capability("GET") == ""
    assert endpoint.matches("/demo/echo/sub") and not endpoint.matches("/demo/echoes")


def test_the_handler_gets_splunkds_request_document(standin: SplunkdStandIn) -> None:
    key = standin.add_user("ana", {"demo_run"})
    status, body = call(standin, "POST", f"{NS}/demo/echo/x?flag=1", key, b'{"a": 1}')
    assert status == 201
    got = body["got"]
    assert (got["method"], got["rest_path"], got["payload"]) == ("POST", "/demo/echo/x", '{"a": 1}')
    assert got["query"] == [["flag", "1"]] and got["output_mode"] == "json" and got["output_mode_explicit"] is True
    assert got["session"] == {"user": "ana", "authtoken": key}
    assert got["server"]["rest_uri"] == standin.uri and got["ns"] == {"app": "demo", "user": "nobody"}
    assert got["restmap"]["name"] == "script:echo" and got["restmap"]["conf"]["handler"] == "echo_handler.Echo"
    assert body["script"].endswith("bin/echo_handler.py")
    # The system token is a session of its own, holding every capability (it may read secrets).
    system = got["system_authtoken"]
    assert system != key and system != standin.session_key
    realm = urllib.parse.quote(credential_realm("demo_accounts", "demo"))
    status, listing = call(standin, "GET", f"{NS}/storage/passwords?count=0&search=realm%3D{realm}", system)
    assert status == 200 and len(listing["entry"]) == 3


def test_each_method_is_gated_by_its_capability(standin: SplunkdStandIn) -> None:
    runner = standin.add_user("ana", {"demo_run"})
    status, body = call(standin, "DELETE", f"{NS}/demo/echo", runner)
    assert status == 403
    assert body["messages"][0]["text"] == (
        "You (user=ana) do not have permission to perform this operation (requires capability: demo_admin)."
    )
    assert call(standin, "POST", f"{NS}/demo/echo", standin.add_user("vic", set()), b"{}")[0] == 403
    assert call(standin, "GET", f"{NS}/demo/echo", standin.add_user("vic", set()))[0] == 201  # no gate on GET


def test_a_handler_answer_that_is_not_json_is_splunkds_500(standin: SplunkdStandIn) -> None:
    status, body = call(standin, "POST", f"{NS}/demo/echo", standin.session_key, b"broken")
    assert status == 500 and "not a JSON object" in body["messages"][0]["text"]


def test_secret_storage_needs_list_storage_passwords(standin: SplunkdStandIn) -> None:
    analyst = standin.add_user("ana", {"demo_run"})
    name = urllib.parse.quote(f"{credential_realm('demo_accounts', 'demo')}:acct{PIECE_SEPARATOR}1:", safe="")
    for path in (f"{NS}/storage/passwords", f"{NS}/storage/passwords/{name}"):
        status, body = call(standin, "GET", path, analyst)
        assert status == 403 and "requires capability: list_storage_passwords" in body["messages"][0]["text"]
    reader = standin.add_user("rita", {"list_storage_passwords"})
    status, listing = call(standin, "GET", f"{NS}/storage/passwords?count=2&offset=1", reader)
    assert status == 200 and len(listing["entry"]) == 2 and listing["paging"]["total"] == 3


def test_credentials_are_stored_as_ucc_stores_them() -> None:
    content = SplunkdContent(app="demo")
    fields = {"api_key": "k" * 300, "note": "n"}
    store_credential(content, "demo_accounts", "acct", fields)
    realm = credential_realm("demo_accounts", "demo")
    pieces = [content.secrets[(realm, f"acct{PIECE_SEPARATOR}{n}")] for n in (1, 2, 3)]
    assert [len(piece) for piece in pieces[:2]] == [255, len(json.dumps(fields)) - 255]
    assert json.loads("".join(pieces[:2])) == fields and pieces[2] == END_MARK
    assert "k" * 300 in content.secret_values()
    store_credential(content, "demo_accounts", "acct", {"api_key": "short"})  # replaces, leaves no stale piece
    assert sorted(user for r, user in content.secrets if r == realm) == [
        f"acct{PIECE_SEPARATOR}1",
        f"acct{PIECE_SEPARATOR}2",
    ]


def test_roles_follow_imports_within_the_app(demo_app: SplunkApp) -> None:
    assert role_capabilities(demo_app, "demo_user") == {"demo_run"}
    assert role_capabilities(demo_app, "demo_lead") == {"demo_run", "demo_admin"}
    with pytest.raises(AppError, match="defines no role 'admin' .it has: demo_lead, demo_user"):
        role_capabilities(demo_app, "admin")


def test_a_capability_expression_is_refused_rather_than_misread(demo_app: SplunkApp) -> None:
    conf = demo_app.path / "default" / "restmap.conf"
    conf.write_text(RESTMAP.replace("capability.post = demo_run", "capability.post = demo_run or admin_all_objects"))
    with pytest.raises(AppError, match="one capability, not an expression"):
        persistent_endpoints(demo_app)


# tools/search --role, against the built app


@pytest.fixture
def model() -> Iterator[OpenAICompatServer]:
    with OpenAICompatServer(api_key="sk-SENTINEL-cli-0b7e4d") as server:
        yield server


def tools_search(repo: Path, built_app: Path, *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(repo / "tools" / "search"), "--app", str(built_app), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "LAB_KEY": "sk-SENTINEL-cli-0b7e4d"},
        timeout=120,
    )


def test_tools_search_runs_as_the_analyst_role(
    repo: Path, built_app: Path, model: OpenAICompatServer, tmp_path: Path
) -> None:
    config = tmp_path / "lab.ini"
    config.write_text(
        f"[conf-llm_triage_providers/lab]\nbase_url = {model.base_url}\nmodel = gpt-4o-mini\n"
        "[conf-llm_triage_settings/triage]\ndefault_provider = lab\n"
        "[password:llm_triage:lab]\npassword_env = LAB_KEY\n"
    )
    alerts = tmp_path / "alerts.jsonl"
    alerts.write_text('{"sourcetype": "OktaIM2:log", "eventType": "x", "actor.alternateId": "ana@example.com"}\n' * 2)
    result = tools_search(
        repo, built_app, "--config", config, "--role", "llm_triage_analyst", "--json", alerts, "llmtriage"
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["triage_status"] for row in rows] == ["ok", "ok"]
    assert len(model.chat_requests) == 1  # two identical bundles: asked once
    assert "sk-SENTINEL-cli-0b7e4d" not in result.stdout + result.stderr
    denied = tools_search(repo, built_app, "--config", config, "--role", "llm_triage_nobody", alerts, "llmtriage")
    assert denied.returncode == 2 and "defines no role 'llm_triage_nobody'" in denied.stderr
