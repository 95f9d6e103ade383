"""The OpenAI-compatible adapter against a loopback server that speaks the documented wire format."""

import time

import pytest

from llm_triage.net.http import ProxySettings
from llm_triage.providers import create_provider
from llm_triage.providers.base import CompletionRequest, ProviderConfig, ProviderError
from llm_triage.verdict.schema import wire_schema
from tests.servers.openai_compat import Behaviour, OpenAICompatServer

KEY = "sk-test-0123456789abcdef3456"
REFS = ("ev:0a1b2c3d/user", "ev:0a1b2c3d/src")
# A bundle holding the references cited (ev:0a1b2c3d/user, ev:0a1b2c3d/src).
BUNDLE = '{"events":[{"fields":{"src":"203.0.113.9","user":"alice"},"ref":"ev:0a1b2c3d"}]}'
REQUEST = CompletionRequest(
    messages=[
        {"role": "system", "content": "Triage."},
        {"role": "user", "content": "<evidence>\n" + BUNDLE + "\n</evidence>"},
    ],
    schema=wire_schema(REFS),
)


@pytest.fixture
def server():
    with OpenAICompatServer(api_key=KEY) as running:
        yield running


def provider(server, **changes):
    settings = dict(name="lab", type="openai_compatible", base_url=server.base_url, model="gpt-4o-mini", api_key=KEY)
    settings.update(changes)
    return create_provider(ProviderConfig(**settings))


def test_the_request_follows_the_chat_completions_reference(server):
    completion = provider(server).complete(REQUEST)
    [request] = server.chat_requests
    assert request.path == "/v1/chat/completions"
    assert request.header("Authorization") == f"Bearer {KEY}"
    assert request.header("Content-Type") == "application/json"
    body = request.body
    assert body["model"] == "gpt-4o-mini" and body["messages"] == REQUEST.messages
    assert (body["temperature"], body["seed"], body["max_tokens"]) == (0.0, 7, 600)
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "triage_verdict", "strict": True, "schema": wire_schema(REFS)},
    }
    assert completion.model and completion.prompt_tokens > 0 and completion.completion_tokens > 0
    assert completion.finish_reason == "stop"


def test_no_key_sends_no_authorization_header():
    with OpenAICompatServer() as open_server:
        provider(open_server, api_key="").complete(REQUEST)
        assert open_server.chat_requests[0].header("Authorization") is None


def test_no_seed_is_sent_when_the_admin_turned_it_off(server):
    provider(server, seed=None).complete(REQUEST)
    assert "seed" not in server.chat_requests[0].body


@pytest.mark.parametrize(
    "behaviour, unavailable, message",
    [
        (Behaviour("http_error", status=429, retry_after=2), True, "provider answered HTTP 429: "),
        (Behaviour("http_error", status=500), True, "provider answered HTTP 500"),
        (Behaviour("http_error", status=503), True, "provider answered HTTP 503"),
        (Behaviour("http_error", status=404), False, "provider answered HTTP 404"),
        (Behaviour("http_error", status=401), False, "provider rejected the credentials (HTTP 401)"),
        (Behaviour("http_error", status=403), False, "provider rejected the credentials (HTTP 403)"),
        (Behaviour("refusal"), False, "model refused"),
        (Behaviour("empty"), False, "model returned an empty answer"),
        (Behaviour("truncated"), False, "model answer was cut off"),
        (Behaviour("reset"), True, "connection to 127.0.0.1 broke"),
    ],
)
def test_failures_say_whether_to_try_again_and_never_show_the_key(server, behaviour, unavailable, message):
    server.set_behaviour(behaviour)
    with pytest.raises(ProviderError) as caught:
        provider(server).complete(REQUEST)
    assert caught.value.unavailable is unavailable
    assert caught.value.message.startswith(message)
    assert KEY not in caught.value.message and KEY[-4:] not in caught.value.message


def test_retry_after_is_read_from_a_429(server):
    server.behave("http_error", status=429, retry_after=2)
    with pytest.raises(ProviderError) as caught:
        provider(server).complete(REQUEST)
    assert caught.value.retry_after == 2.0 and caught.value.status == 429
    assert caught.value.message.endswith("(retry after 2s)")


def test_a_hung_server_costs_one_timeout_not_more(server):
    server.behave("hang")
    started = time.monotonic()
    with pytest.raises(ProviderError, match="no complete answer from 127.0.0.1 within 1s") as caught:
        provider(server, timeout=1.0).complete(REQUEST)
    assert caught.value.unavailable
    assert time.monotonic() - started < 3


def test_a_wrong_key_is_reported_without_echoing_it(server):
    with pytest.raises(ProviderError) as caught:
        provider(server, api_key="sk-wrong-key-99998888").complete(REQUEST)
    assert caught.value.message == "provider rejected the credentials (HTTP 401)"


def test_extra_headers_are_sent_with_every_request(server):
    provider(server, extra_headers={"X-Tenant": "soc-eu", "X-Route": "triage"}).complete(REQUEST)
    [request] = server.chat_requests
    assert (request.header("X-Tenant"), request.header("X-Route")) == ("soc-eu", "triage")
    assert request.header("Authorization") == f"Bearer {KEY}"


def test_a_gateway_behind_mutual_tls_is_reached_with_the_client_certificate(tmp_path):
    from tests.servers.tls_certs import make_pki

    pki = make_pki(tmp_path)
    with OpenAICompatServer(api_key=KEY, tls=pki.server_context()) as gateway:
        assert gateway.base_url.startswith("https://127.0.0.1:")
        completion = provider(
            gateway, ca_bundle=pki.ca_cert, client_cert=pki.client_cert, client_key=pki.client_key
        ).complete(REQUEST)
        assert completion.content and len(gateway.chat_requests) == 1
        with pytest.raises(ProviderError) as caught:
            provider(gateway, ca_bundle=pki.ca_cert).complete(REQUEST)
    assert caught.value.unavailable and KEY not in caught.value.message


def test_the_proxy_password_never_reaches_a_message():
    from tests.servers.connect_proxy import ConnectProxy

    with OpenAICompatServer(api_key=KEY) as target, ConnectProxy(username="svc", password="right") as proxy:
        wrong = ProxySettings(proxy.url, "svc", "proxy-secret-7788")
        with pytest.raises(ProviderError) as caught:
            provider(target, proxy=wrong).complete(REQUEST)
        assert caught.value.message == "the proxy rejected its credentials (HTTP 407)"
        assert not caught.value.unavailable
        completion = provider(target, proxy=ProxySettings(proxy.url, "svc", "right")).complete(REQUEST)
        assert completion.content and [seen[0] for seen in proxy.seen] == ["POST", "POST"]
