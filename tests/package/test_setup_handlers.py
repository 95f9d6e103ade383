"""The setup page's REST handlers as ucc-gen generated them, driven as splunkd drives them.

The built app is installed into a scratch SPLUNK_HOME; tools.harness.admin_external plays splunkd's part
(restmap.conf, setup then execute), the handlers import the `splunk` stand-in, and their own REST calls
(conf files, storage/passwords) go to the loopback splunkd stand-in. The test call of every provider
save goes to the loopback OpenAI-compatible server.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from llm_triage.splunkd.secrets import (
    PROVIDERS_REALM,
    SETTINGS_REALM,
    provider_api_key,
    proxy_password,
    stored_entries,
)
from llm_triage.splunkd.settings import provider_from_conf, settings_from_conf
from tests.prerequisites import missing
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.admin_external import AdminExternal, EaiReply
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.splunkd_storage import install
from tools.harness.standin_config import content_for_app

APP = "llm_triage"
PROVIDERS = "llm_triage_providers"
SETTINGS = "llm_triage_settings"
KEY = "sk-setup-page-sentinel-4f6b2a9c0d1e"
MODEL = "gpt-4o-mini"


@dataclass
class Splunk:
    """A scratch Splunk: the installed app, the splunkd stand-in and the admin_external driver."""

    home: Path
    splunkd: SplunkdStandIn
    rest: AdminExternal
    model_server: OpenAICompatServer

    def call(self, method: str, endpoint: str, entity: str | None = None, **args: str) -> EaiReply:
        reply = self.rest.call(method, endpoint, self.splunkd.session_key, name=entity, args=args)
        # Whatever happened, no answer and no log line carries the key in clear.
        assert KEY not in json.dumps(reply.payload) and KEY not in reply.stderr
        return reply

    def conf(self, conf: str) -> dict[str, dict[str, str]]:
        return self.splunkd.content.confs.get(conf, {})

    def secrets(self, realm: str) -> dict[str, str]:
        return {user: password for (r, user), password in self.splunkd.content.secrets.items() if r == realm}

    def storage(self) -> list[dict[str, str]]:
        return [
            {"realm": realm, "username": user, "clear_password": password}
            for (realm, user), password in self.splunkd.content.secrets.items()
        ]


@pytest.fixture(scope="module")
def splunk(built_app: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Splunk]:
    home = tmp_path_factory.mktemp("splunk_home")
    installed = home / "etc" / "apps" / APP
    shutil.copytree(built_app, installed, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    with OpenAICompatServer(api_key=KEY, models=[MODEL]) as model_server:
        with SplunkdStandIn(content_for_app(SplunkApp(installed))) as splunkd:
            install(splunkd)
            yield Splunk(home, splunkd, AdminExternal(home, APP, splunkd.uri), model_server)


def provider_args(splunk: Splunk, **changes: str) -> dict[str, str]:
    args = {
        "type": "openai_compatible",
        "base_url": splunk.model_server.base_url,
        "model": MODEL,
        "api_key": KEY,
        "timeout": "10",
        "max_output_tokens": "600",
        "verify_tls": "1",
    }
    args.update(changes)
    return {key: value for key, value in args.items() if value is not None}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_provider_is_created_listed_updated_and_deleted(splunk: Splunk) -> None:
    before = len(splunk.model_server.chat_requests)
    created = splunk.call("POST", PROVIDERS, **{"name": "lab", **provider_args(splunk)})
    assert created.status == 201, created.message
    assert created.entries["lab"]["api_key"] == "******"
    assert f"INFO llm_triage.setup: provider lab answered its test call (model {MODEL})" in created.stderr
    # The save made one test call, with the key.
    [check] = splunk.model_server.chat_requests[before:]
    assert check.header("Authorization") == f"Bearer {KEY}"
    # The stanza holds the mask; secret storage holds exactly what llm_triage.splunkd.secrets says.
    assert splunk.conf(PROVIDERS)["lab"]["api_key"] == "******"
    assert splunk.secrets(PROVIDERS_REALM) == dict(stored_entries("lab", {"api_key": KEY}))
    assert provider_api_key(splunk.storage(), "lab") == KEY
    # What a search reads from the stanza and that key is a working provider.
    config = provider_from_conf("lab", splunk.conf(PROVIDERS)["lab"], provider_api_key(splunk.storage(), "lab"))
    assert (config.base_url, config.model, config.timeout, config.verify_tls) == (
        splunk.model_server.base_url,
        MODEL,
        10.0,
        True,
    )

    listed = splunk.call("GET", PROVIDERS)
    assert listed.status == 200 and listed.entries["lab"]["api_key"] == "******"
    assert listed.entries["lab"]["model"] == MODEL
    # Not even an admin who asks for clear credentials gets the key back.
    asked = splunk.call("GET", PROVIDERS, entity="lab", **{"--cred--": "1"})
    assert asked.status == 200 and asked.entries["lab"]["api_key"] == "******"

    # An edit that leaves the key alone (the form sends it masked) tests and keeps the stored key.
    before = len(splunk.model_server.chat_requests)
    edited = splunk.call("POST", PROVIDERS, entity="lab", **provider_args(splunk, api_key="******", timeout="20"))
    assert edited.status == 200, edited.message
    [check] = splunk.model_server.chat_requests[before:]
    assert check.header("Authorization") == f"Bearer {KEY}"
    assert splunk.conf(PROVIDERS)["lab"]["timeout"] == "20"
    assert provider_api_key(splunk.storage(), "lab") == KEY

    # An edit whose test call fails changes nothing, and says why.
    wrong = "sk-wrong-key-0123456789abcdef"
    refused = splunk.call("POST", PROVIDERS, entity="lab", **provider_args(splunk, api_key=wrong, timeout="5"))
    assert refused.status == 400
    assert refused.message == (
        f"Provider lab was not saved: the test call to {splunk.model_server.base_url} failed: "
        "provider rejected the credentials (HTTP 401)"
    )
    assert "WARNING llm_triage.setup: provider lab was not saved: the test call to" in refused.stderr
    assert wrong not in json.dumps(refused.payload) + refused.stderr
    assert splunk.conf(PROVIDERS)["lab"]["timeout"] == "20"
    assert provider_api_key(splunk.storage(), "lab") == KEY

    deleted = splunk.call("DELETE", PROVIDERS, entity="lab")
    assert deleted.status == 200, deleted.message
    assert "lab" not in splunk.conf(PROVIDERS)
    assert splunk.secrets(PROVIDERS_REALM) == {}
    assert "lab" not in splunk.call("GET", PROVIDERS).entries


def test_a_provider_whose_test_call_fails_is_not_created(splunk: Splunk) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    refused = splunk.call("POST", PROVIDERS, **{"name": "down", **provider_args(splunk, base_url=url)})
    assert refused.status == 400
    assert refused.message.startswith(f"Provider down was not saved: the test call to {url} failed: connection refused")
    assert "down" not in splunk.conf(PROVIDERS)
    assert splunk.secrets(PROVIDERS_REALM) == {}


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"max_output_tokens": "10"}, "llm_triage_providers.conf [bad]: max_output_tokens must be at least 64"),
        ({"extra_headers": '{"X-Tenant": 1}'}, "extra_headers must be a JSON object of header names to text values"),
        ({"seed": "lucky"}, "seed must be a whole number"),
        ({"schema_constraints": "strict"}, "schema_constraints must be one of portable, full"),
    ],
)
def test_settings_a_search_would_refuse_are_refused_with_config_pys_words(
    splunk: Splunk, changes: dict[str, str], message: str
) -> None:
    refused = splunk.call("POST", PROVIDERS, **{"name": "bad", **provider_args(splunk, **changes)})
    assert refused.status == 400 and message in refused.message
    assert "bad" not in splunk.conf(PROVIDERS)


def test_the_generated_model_requires_its_fields(splunk: Splunk) -> None:
    args = provider_args(splunk)
    del args["model"]
    refused = splunk.call("POST", PROVIDERS, **{"name": "nomodel", **args})
    assert (refused.status, refused.message) == (400, 'Argument "model" is required.')
    unknown = splunk.call("POST", PROVIDERS, **{"name": "extra", **provider_args(splunk), "api_token": "x"})
    assert (unknown.status, unknown.message) == (400, 'Argument "api_token" is not supported by this handler.')


def test_a_keyless_local_provider_is_saved(splunk: Splunk) -> None:
    with OpenAICompatServer() as local:
        args = provider_args(splunk, base_url=local.base_url, api_key=None, schema_constraints="full")
        created = splunk.call("POST", PROVIDERS, **{"name": "local", **args})
        assert created.status == 201, created.message
        assert local.chat_requests[0].header("Authorization") is None
    assert "api_key" not in splunk.conf(PROVIDERS)["local"]
    assert splunk.secrets(PROVIDERS_REALM) == {}
    assert splunk.call("DELETE", PROVIDERS, entity="local").status == 200


def test_settings_tab(splunk: Splunk) -> None:
    edited = splunk.call("POST", SETTINGS, entity="triage", default_profile="identity", max_rows="50")
    assert edited.status == 200, edited.message
    stanza = splunk.conf(SETTINGS)["triage"]
    assert (stanza["default_profile"], stanza["max_rows"]) == ("identity", "50")
    settings = settings_from_conf(splunk.call("GET", SETTINGS, entity="triage").entries["triage"])
    assert (settings.default_profile, settings.max_rows, settings.max_bundle_chars) == ("identity", 50, 8000)
    refused = splunk.call("POST", SETTINGS, entity="triage", max_rows="0")
    assert refused.status == 500 and "Value should be between 1 and 10000000" in refused.message


def test_proxy_tab_keeps_its_password_in_secret_storage(splunk: Splunk) -> None:
    password = "proxy-pass-7c1d9e2b"
    edited = splunk.call(
        "POST",
        SETTINGS,
        entity="proxy",
        proxy_enabled="0",
        proxy_url="proxy.example.com",
        proxy_port="3128",
        proxy_username="svc",
        proxy_password=password,
    )
    assert edited.status == 200, edited.message
    assert splunk.conf(SETTINGS)["proxy"]["proxy_password"] == "******"
    assert splunk.secrets(SETTINGS_REALM) == dict(stored_entries("proxy", {"proxy_password": password}))
    assert proxy_password(splunk.storage()) == password
    listed = splunk.call("GET", SETTINGS, entity="proxy")
    assert listed.entries["proxy"]["proxy_password"] == "******"
    refused = splunk.call("POST", SETTINGS, entity="proxy", proxy_url="proxy.example.com", proxy_port="70000")
    assert refused.status == 500 and "Value should be between 1 and 65535" in refused.message


def test_logging_tab(splunk: Splunk) -> None:
    assert splunk.call("GET", SETTINGS, entity="logging").entries["logging"]["loglevel"] == "INFO"
    assert splunk.call("POST", SETTINGS, entity="logging", loglevel="DEBUG").status == 200
    assert splunk.conf(SETTINGS)["logging"]["loglevel"] == "DEBUG"
    refused = splunk.call("POST", SETTINGS, entity="logging", loglevel="LOUD")
    assert refused.status == 500 and "Not matching the pattern" in refused.message
    # The level reaches the providers' handler: at ERROR, a successful save logs nothing.
    assert splunk.call("POST", SETTINGS, entity="logging", loglevel="ERROR").status == 200
    created = splunk.call("POST", PROVIDERS, **{"name": "quiet", **provider_args(splunk)})
    assert created.status == 201 and "llm_triage.setup" not in created.stderr
    assert splunk.call("DELETE", PROVIDERS, entity="quiet").status == 200
    assert splunk.call("POST", SETTINGS, entity="logging", loglevel="INFO").status == 200


def test_the_handlers_run_on_python_3_9(splunk: Splunk, repo: Path) -> None:
    python39 = repo / ".venv39" / "bin" / "python"
    if not python39.exists():
        missing(".venv39 is absent: run `make venv`")
    rest39 = AdminExternal(splunk.home, APP, splunk.splunkd.uri, python=str(python39))
    session = splunk.splunkd.session_key
    created = rest39.call("POST", PROVIDERS, session, args={"name": "py39", **provider_args(splunk)})
    assert created.status == 201, created.message + created.stderr[-2000:]
    assert provider_api_key(splunk.storage(), "py39") == KEY
    listed = rest39.call("GET", PROVIDERS, session, name="py39")
    assert listed.entries["py39"]["api_key"] == "******" and KEY not in json.dumps(listed.payload)
    assert rest39.call("DELETE", PROVIDERS, session, name="py39").status == 200
    assert splunk.secrets(PROVIDERS_REALM) == {}


def test_a_new_host_for_a_stored_key_needs_the_key_entered_again(splunk: Splunk) -> None:
    assert splunk.call("POST", PROVIDERS, **{"name": "lab", **provider_args(splunk)}).status == 201
    before = len(splunk.model_server.chat_requests)
    # Someone who may edit the provider but cannot read its key points it at a server of theirs.
    moved = provider_args(splunk, api_key="******", base_url="https://collector.attacker.example/v1")
    refused = splunk.call("POST", PROVIDERS, entity="lab", **moved)
    assert refused.status == 400
    assert (
        refused.message
        == "Provider lab was not saved: base_url now names another host: enter the API key again to send it there"
    )
    assert len(splunk.model_server.chat_requests) == before  # no call at all, least of all with the key
    assert splunk.conf(PROVIDERS)["lab"]["base_url"] == splunk.model_server.base_url
    assert KEY not in json.dumps(refused.payload) + refused.stderr


ENRICHMENTS = "llm_triage_enrichments"
ENRICHMENT = {
    "search": "| tstats count from datamodel=Authentication where Authentication.user=$user$ by Authentication.action",
    "entities": "user",
    "description": "Sign-ins of the user.",
    "earliest_offset": "-24h",
    "latest_offset": "+1h",
    "max_results": "20",
}


def test_an_enrichment_is_saved_only_when_the_catalog_accepts_it(splunk: Splunk) -> None:
    created = splunk.call("POST", ENRICHMENTS, **{"name": "auth_lab", **ENRICHMENT})
    assert created.status == 201, created.message
    assert splunk.conf(ENRICHMENTS)["auth_lab"]["entities"] == "user"
    # An edit that sends one key is checked with the saved others.
    edited = splunk.call("POST", ENRICHMENTS, entity="auth_lab", max_results="50")
    assert edited.status == 200, edited.message
    refused = splunk.call("POST", ENRICHMENTS, entity="auth_lab", search="index=a user=$user$ | outputlookup x")
    assert refused.status == 400
    assert refused.message == (
        "Enrichment auth_lab was not saved: llm_triage_enrichments.conf [auth_lab]: "
        "search uses outputlookup: context searches may only read"
    )
    assert splunk.conf(ENRICHMENTS)["auth_lab"]["search"] == ENRICHMENT["search"]
    assert splunk.conf(ENRICHMENTS)["auth_lab"]["max_results"] == "50"
    assert splunk.call("DELETE", ENRICHMENTS, entity="auth_lab").status == 200


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"search": "index=a user=$src$"}, "search uses $src$, which entities does not list"),
        ({"earliest_offset": "-24x"}, "earliest_offset: '-24x' is not a relative time"),
        ({"search": "index=a [search user=$user$ | delete]"}, "search uses delete"),
    ],
)
def test_an_enrichment_the_catalog_refuses_is_not_created(
    splunk: Splunk, changes: dict[str, str], message: str
) -> None:
    refused = splunk.call("POST", ENRICHMENTS, **{"name": "bad", **ENRICHMENT, **changes})
    assert refused.status == 400 and refused.message.startswith("Enrichment bad was not saved: ")
    assert message in refused.message
    assert "bad" not in splunk.conf(ENRICHMENTS)
