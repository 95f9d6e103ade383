"""The Ollama adapter against a loopback server that speaks Ollama's native /api/chat."""

import json

import pytest

from llm_triage.providers import create_provider
from llm_triage.providers.base import CompletionRequest, ProviderConfig, ProviderError
from llm_triage.verdict.schema import answer_problems, wire_schema
from tests.servers.ollama_chat import OllamaServer
from tests.servers.openai_wire import count_tokens

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
    with OllamaServer(models=("llama3.2:3b",)) as running:
        yield running


def provider(server, **changes):
    settings = dict(name="ollama", type="ollama", base_url=server.base_url, model="llama3.2:3b")
    settings.update(changes)
    return create_provider(ProviderConfig(**settings))


def test_the_request_follows_the_api_chat_reference(server):
    completion = provider(server, max_output_tokens=300, temperature=0.2).complete(REQUEST)
    [request] = server.model_requests
    assert request.path == "/api/chat" and request.header("authorization") is None
    body = request.body
    assert body["stream"] is False and body["model"] == "llama3.2:3b"
    assert body["messages"] == REQUEST.messages
    assert body["format"] == wire_schema(REFS)
    assert body["options"] == {"temperature": 0.2, "num_predict": 300, "seed": 7}
    assert answer_problems(json.loads(completion.content), REFS) == []
    assert completion.finish_reason == "stop" and completion.model == "llama3.2:3b"


def test_usage_comes_from_the_eval_counters(server):
    completion = provider(server).complete(REQUEST)
    assert completion.prompt_tokens == count_tokens(json.dumps(REQUEST.messages))
    assert completion.completion_tokens == count_tokens(completion.content)


def test_no_seed_option_when_turned_off(server):
    provider(server, seed=None).complete(REQUEST)
    assert "seed" not in server.model_requests[0].body["options"]


def test_a_key_is_sent_as_a_bearer_token():
    with OllamaServer(api_key="ollama-cloud-key-0123456789") as hosted:
        provider(hosted, api_key="ollama-cloud-key-0123456789").complete(REQUEST)
        assert hosted.model_requests[0].header("authorization") == "Bearer ollama-cloud-key-0123456789"
        with pytest.raises(ProviderError, match=r"^provider rejected the credentials \(HTTP 401\)$"):
            provider(hosted).complete(REQUEST)


def test_an_unknown_model_says_what_ollama_said(server):
    with pytest.raises(ProviderError) as caught:
        provider(server, model="mistral").complete(REQUEST)
    assert caught.value.message == 'provider answered HTTP 404: model "mistral" not found, try pulling it first'
    assert not caught.value.unavailable


@pytest.mark.parametrize(
    "status, unavailable, message",
    [
        (503, True, "provider answered HTTP 503: server busy, please try again. maximum pending requests exceeded"),
        (500, True, "provider answered HTTP 500: llama runner process has terminated: signal: killed"),
        (429, True, "provider answered HTTP 429: you have reached your hourly usage limit"),
        (400, False, "provider answered HTTP 400: invalid options"),
    ],
)
def test_error_strings_are_read_from_ollamas_body(server, status, unavailable, message):
    server.behave("http_error", status=status)
    with pytest.raises(ProviderError) as caught:
        provider(server).complete(REQUEST)
    assert caught.value.unavailable is unavailable and caught.value.message.startswith(message)


@pytest.mark.parametrize(
    "mode, message",
    [("empty", "model returned an empty answer"), ("truncated", "model answer was cut off at max_output_tokens")],
)
def test_answers_without_a_verdict_are_errors(server, mode, message):
    server.behave(mode)
    with pytest.raises(ProviderError, match=message):
        provider(server).complete(REQUEST)
