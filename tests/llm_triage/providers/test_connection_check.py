"""llm_triage.providers.connection_check: the setup page's test call, against the loopback OpenAI-compatible server."""

import socket
from collections.abc import Iterator

import pytest

from llm_triage.net.http import ProxySettings
from llm_triage.providers.base import ProviderConfig
from llm_triage.providers.connection_check import CHECK_TIMEOUT, check_provider, provider_problem, settings_to_check
from llm_triage.splunkd.conf import proxy_from_conf
from llm_triage.splunkd.settings import ConfigError
from llm_triage.verdict.schema import SWAYING, verdict_schema
from tests.servers.openai_compat import Behaviour, OpenAICompatServer

KEY = "sk-test-connection-check-0123456789abcdef"


@pytest.fixture()
def server() -> Iterator[OpenAICompatServer]:
    with OpenAICompatServer(api_key=KEY, models=["gpt-4o-mini"]) as srv:
        yield srv


def stanza(server: OpenAICompatServer, **keys: str) -> dict[str, str]:
    return {"type": "openai_compatible", "base_url": server.base_url, "model": "gpt-4o-mini", **keys}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_working_provider_passes_after_one_structured_request(server: OpenAICompatServer) -> None:
    assert provider_problem("lab", stanza(server), KEY) is None
    [request] = server.chat_requests
    assert request.header("Authorization") == f"Bearer {KEY}"
    body = request.body
    assert body["model"] == "gpt-4o-mini"
    # The verdict schema, as a search sends it: the check tests what triage will ask for.
    sent = body["response_format"]["json_schema"]["schema"]
    assert sent["required"] == [*verdict_schema()["required"], SWAYING]
    assert "connection test" in body["messages"][1]["content"]


def test_a_wrong_key_is_refused_without_showing_either_key(server: OpenAICompatServer) -> None:
    wrong = "sk-wrong-key-abcdefghijklmnop0123"
    problem = provider_problem("lab", stanza(server), wrong)
    assert problem is not None
    assert "rejected the credentials (HTTP 401)" in problem
    assert wrong not in problem and KEY not in problem and "sk-" not in problem


def test_an_unknown_model_is_named(server: OpenAICompatServer) -> None:
    problem = provider_problem("lab", stanza(server, model="gpt-9"), KEY)
    assert problem is not None and "HTTP 404" in problem and "gpt-9" in problem


def test_an_unreachable_provider_is_named() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    problem = provider_problem("lab", {"base_url": url, "model": "m"})
    assert problem is not None and problem.startswith(f"the test call to {url} failed: connection refused")


@pytest.mark.parametrize("mode", ["invalid_json", "empty", "refusal"])
def test_an_answer_that_is_no_json_object_is_refused(server: OpenAICompatServer, mode: str) -> None:
    server.behave(mode)
    problem = provider_problem("lab", stanza(server), KEY)
    assert problem is not None
    assert problem.startswith(("the test call to", f"{server.base_url} answered the test call, but not with"))


def test_a_schema_violating_json_answer_still_passes(server: OpenAICompatServer) -> None:
    # The connection, key, model and structured output work; judging well is not this check's question.
    server.behave("schema_violation")
    assert provider_problem("lab", stanza(server), KEY) is None


def test_server_errors_and_rate_limits_are_reported(server: OpenAICompatServer) -> None:
    server.queue(Behaviour("http_error", status=429, retry_after=3))
    problem = provider_problem("lab", stanza(server), KEY)
    assert problem is not None and "HTTP 429" in problem and "retry after 3s" in problem


def test_the_check_waits_at_most_its_own_timeout(server: OpenAICompatServer) -> None:
    server.behave("hang")
    config = ProviderConfig(
        name="lab", type="openai_compatible", base_url=server.base_url, model="gpt-4o-mini", api_key=KEY, timeout=0.5
    )
    problem = check_provider(config)
    assert problem is not None and "within 0.5s" in problem
    assert CHECK_TIMEOUT <= 30


def test_settings_config_py_refuses_come_first() -> None:
    assert provider_problem("default", {"base_url": "https://x.example/v1", "model": "m"}) == (
        "llm_triage_providers.conf [default]: provider names use letters, digits, '_' and '-', and are not 'default'"
    )
    problem = provider_problem("lab", {"base_url": "https://x.example/v1", "model": "m", "extra_headers": "[1]"})
    assert problem is not None and "extra_headers must be a JSON object" in problem
    problem = provider_problem("lab", {"base_url": "http://gateway.example/v1", "model": "m"}, KEY)
    assert problem is not None and "refusing to send the API key over plain http" in problem and KEY not in problem
    problem = provider_problem("lab", {"base_url": "https://x.example/v1", "model": "m", "ca_bundle": "/nonexistent"})
    assert problem is not None and "ca_bundle /nonexistent is not a readable file" in problem


def test_an_unknown_type_names_the_known_ones(server: OpenAICompatServer) -> None:
    problem = provider_problem("lab", stanza(server, type="carrier_pigeon"), KEY)
    assert problem is not None and "carrier_pigeon" in problem and "openai_compatible" in problem


def test_what_a_save_would_leave() -> None:
    stored = {"base_url": "https://a.example/v1", "model": "m1", "api_key": KEY, "disabled": False, "eai:acl": {}}
    # The form sends the key masked when the admin left it alone: the stored key is tested.
    assert settings_to_check({"model": "m2", "api_key": "******"}, stored, KEY) == (
        {"base_url": "https://a.example/v1", "model": "m2"},
        KEY,
    )
    assert settings_to_check({"model": "m2"}, stored, KEY)[1] == KEY
    assert settings_to_check({"api_key": "sk-new-key-1234"}, stored, KEY)[1] == "sk-new-key-1234"
    assert settings_to_check({"api_key": ""}, stored, KEY)[1] == ""  # removed
    assert settings_to_check({"base_url": "https://b.example/v1", "model": "m"}, {}) == (
        {"base_url": "https://b.example/v1", "model": "m"},
        "",
    )


@pytest.mark.parametrize(
    "base_url",
    [
        "https://attacker.example/v1",
        "http://a.example/v1",
        "https://a.example:8443/v1",
        "https://a.example@evil.example/",
    ],
)
def test_a_stored_key_is_never_sent_to_another_host_without_entering_it_again(base_url: str) -> None:
    stored = {"base_url": "https://a.example/v1", "model": "m1", "api_key": "******"}
    for posted in ({"base_url": base_url}, {"base_url": base_url, "api_key": "******"}):
        with pytest.raises(ConfigError, match="enter the API key again"):
            settings_to_check(posted, stored, KEY)
    assert settings_to_check({"base_url": base_url, "api_key": "sk-typed-again-1234"}, stored, KEY)[1] != KEY
    assert settings_to_check({"base_url": "https://A.example/v2"}, stored, KEY)[1] == KEY  # same host, new path


def test_proxy_settings() -> None:
    enabled = {"proxy_enabled": "1", "proxy_url": "proxy.example", "proxy_port": "3128"}
    assert proxy_from_conf({**enabled, "proxy_enabled": "0"}) == ProxySettings()
    assert proxy_from_conf({}) == ProxySettings()
    assert proxy_from_conf(enabled, "pw") == ProxySettings("http://proxy.example:3128")
    with_user = proxy_from_conf({**enabled, "proxy_username": "svc"}, "hunter2-secret")
    assert with_user == ProxySettings("http://proxy.example:3128", "svc", "hunter2-secret")
    assert "hunter2" not in repr(with_user)
    with pytest.raises(ConfigError, match=r"\[proxy\]: proxy_url and proxy_port must name a proxy host and port"):
        proxy_from_conf({"proxy_enabled": "true", "proxy_url": "proxy.example"})
    with pytest.raises(ConfigError):
        proxy_from_conf({**enabled, "proxy_port": "70000"})


def test_the_proxy_reaches_the_provider_config(server: OpenAICompatServer, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[ProviderConfig] = []
    monkeypatch.setattr("llm_triage.providers.connection_check.check_provider", lambda config: seen.append(config))
    proxy = ProxySettings("http://proxy.example:3128", "svc", "hunter2-secret")
    assert provider_problem("lab", stanza(server), KEY, proxy) is None
    assert seen[0].proxy == proxy
