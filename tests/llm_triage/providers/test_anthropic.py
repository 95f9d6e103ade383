"""The Anthropic adapter against a loopback server that speaks the Messages API."""

import json

import pytest

from llm_triage.providers import create_provider
from llm_triage.providers.base import CompletionRequest, ProviderConfig, ProviderError
from llm_triage.verdict.schema import answer_problems, wire_schema
from tests.servers.anthropic_messages import AnthropicServer
from tests.servers.openai_wire import count_tokens

KEY = "sk-ant-api03-test-0123456789abcdef"
REFS = ("ev:0a1b2c3d/user", "ev:0a1b2c3d/src")
# A bundle holding the references cited (ev:0a1b2c3d/user, ev:0a1b2c3d/src).
BUNDLE = '{"events":[{"fields":{"src":"203.0.113.9","user":"alice"},"ref":"ev:0a1b2c3d"}]}'
REQUEST = CompletionRequest(
    messages=[
        {"role": "system", "content": "Triage one alert."},
        {"role": "user", "content": "<evidence>\n" + BUNDLE + "\n</evidence>"},
    ],
    schema=wire_schema(REFS),
)


@pytest.fixture
def server():
    with AnthropicServer(api_key=KEY) as running:
        yield running


def provider(server, **changes):
    settings = dict(name="claude", type="anthropic", base_url=server.base_url, model="claude-haiku-4-5", api_key=KEY)
    settings.update(changes)
    return create_provider(ProviderConfig(**settings))


def test_the_request_follows_the_messages_reference(server):
    completion = provider(server).complete(REQUEST)
    [request] = server.model_requests
    assert request.path == "/v1/messages"
    assert request.header("x-api-key") == KEY and request.header("authorization") is None
    assert request.header("anthropic-version") == "2023-06-01"
    body = request.body
    assert body["system"] == "Triage one alert."
    assert body["messages"] == [{"role": "user", "content": "<evidence>\n" + BUNDLE + "\n</evidence>"}]
    assert (body["model"], body["max_tokens"]) == ("claude-haiku-4-5", 600)
    assert "temperature" not in body  # the current Messages API takes no sampling parameters
    [tool] = body["tools"]
    assert tool["name"] == "triage_verdict" and tool["input_schema"] == wire_schema(REFS)
    assert body["tool_choice"] == {"type": "tool", "name": "triage_verdict"}
    assert "seed" not in body
    assert answer_problems(json.loads(completion.content), REFS) == []
    assert completion.finish_reason == "tool_use"
    assert completion.prompt_tokens > 0 and completion.completion_tokens > 0


def test_api_version_sets_the_anthropic_version_header(server):
    provider(server, api_version="2023-01-01").complete(REQUEST)
    assert server.model_requests[0].header("anthropic-version") == "2023-01-01"


def test_usage_is_read_from_input_and_output_tokens(server):
    completion = provider(server).complete(REQUEST)
    body = server.model_requests[0].body
    total = count_tokens(json.dumps(body["tools"]) + body["system"] + json.dumps(body["messages"]))
    assert completion.prompt_tokens == total and completion.cached_tokens == completion.cache_write_tokens == 0
    assert completion.completion_tokens > 0


@pytest.mark.parametrize(
    "status, unavailable, message",
    [
        (529, True, "provider answered HTTP 529: Overloaded (retry after 4s)"),
        (429, True, "provider answered HTTP 429: This request would exceed your organization's rate limit."),
        (500, True, "provider answered HTTP 500: Internal server error"),
        (404, False, "provider answered HTTP 404: The requested resource could not be found."),
        (413, False, "provider answered HTTP 413: Request exceeds the maximum allowed number of bytes."),
        (401, False, "provider rejected the credentials (HTTP 401)"),
        (403, False, "provider rejected the credentials (HTTP 403)"),
    ],
)
def test_error_bodies_are_read_from_anthropics_envelope(server, status, unavailable, message):
    server.behave("http_error", status=status, retry_after=4 if status in (429, 529) else None)
    with pytest.raises(ProviderError) as caught:
        provider(server).complete(REQUEST)
    assert caught.value.unavailable is unavailable and caught.value.status == status
    assert caught.value.message.startswith(message)
    assert caught.value.retry_after == (4.0 if status in (429, 529) else None)


@pytest.mark.parametrize(
    "mode, message",
    [
        ("refusal", "model refused: I can't help with that."),
        ("truncated", "model answer was cut off at max_output_tokens"),
        ("empty", "model returned an empty answer"),
        ("invalid_json", "model answered in text instead of calling the verdict tool"),
    ],
)
def test_answers_without_a_verdict_are_errors(server, mode, message):
    server.behave(mode)
    with pytest.raises(ProviderError) as caught:
        provider(server).complete(REQUEST)
    assert caught.value.message == message and not caught.value.unavailable


def test_a_missing_or_wrong_key_never_shows_up(server):
    for key in ("", "sk-ant-wrong-key-99998888"):
        with pytest.raises(ProviderError) as caught:
            provider(server, api_key=key).complete(REQUEST)
        assert caught.value.message == "provider rejected the credentials (HTTP 401)"


def test_a_bad_request_names_the_servers_reason(server):
    with pytest.raises(ProviderError, match=r"HTTP 400: max_tokens: Input should be greater than or equal to 1$"):
        provider(server, max_output_tokens=0).complete(REQUEST)


def test_a_spent_monthly_limit_is_an_error_not_a_rate_limit(server):
    server.spend_limit_reached = True
    server.behave("http_error", status=429)
    with pytest.raises(ProviderError) as caught:
        provider(server).complete(REQUEST)
    assert not caught.value.unavailable and caught.value.status == 429 and caught.value.retry_after is None
    assert caught.value.message == "provider refused: the organization's monthly spend limit is reached (HTTP 429)"
