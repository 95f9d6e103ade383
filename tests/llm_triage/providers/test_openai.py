"""The `openai` type: OpenAI's own chat completions, against the OpenAI loopback server."""

import pytest

from llm_triage.providers import create_provider
from llm_triage.providers.base import CompletionRequest, ProviderConfig
from llm_triage.verdict.schema import wire_schema
from tests.servers.openai_compat import OpenAICompatServer

KEY = "sk-proj-test-0123456789abcdef3456"
# A bundle holding the references cited (ev:0a1b2c3d/user, ev:0a1b2c3d/src).
BUNDLE = '{"events":[{"fields":{"src":"203.0.113.9","user":"alice"},"ref":"ev:0a1b2c3d"}]}'
REQUEST = CompletionRequest(
    messages=[
        {"role": "system", "content": "Triage."},
        {"role": "user", "content": "<evidence>\n" + BUNDLE + "\n</evidence>"},
    ],
    schema=wire_schema(("ev:0a1b2c3d/user",)),
)


@pytest.fixture
def server():
    with OpenAICompatServer(api_key=KEY, models=["gpt-4o-mini"]) as running:
        yield running


def test_openai_gets_max_completion_tokens_a_strict_schema_and_a_bearer_key(server):
    config = ProviderConfig(name="oa", type="openai", base_url=server.base_url, model="gpt-4o-mini", api_key=KEY)
    completion = create_provider(config).complete(REQUEST)
    [request] = server.chat_requests
    assert request.path == "/v1/chat/completions" and request.header("authorization") == f"Bearer {KEY}"
    assert request.body["max_completion_tokens"] == 600 and "max_tokens" not in request.body
    assert request.body["response_format"]["json_schema"]["strict"] is True
    assert completion.prompt_tokens > 0 and completion.finish_reason == "stop"
