"""The Azure OpenAI adapter against a loopback server that speaks deployment URLs, and its settings."""

import pytest

from llm_triage.providers import create_provider
from llm_triage.providers.base import CompletionRequest, ProviderConfig, ProviderError
from llm_triage.splunkd.settings import ConfigError, provider_from_conf
from llm_triage.verdict.schema import wire_schema
from tests.servers.azure_openai import AzureOpenAIServer

KEY = "0123456789abcdef0123456789abcdef"  # Azure resource keys are 32 hex characters
TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-test-token.signature"
REFS = ("ev:0a1b2c3d/user",)
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
    with AzureOpenAIServer(api_key=KEY, deployments=("triage-4o-mini",), entra_token=TOKEN) as running:
        yield running


def provider(server, **changes):
    settings = dict(
        name="azure",
        type="azure_openai",
        base_url=server.base_url,
        model="triage-4o-mini",
        api_key=KEY,
        api_version="2024-10-21",
    )
    settings.update(changes)
    return create_provider(ProviderConfig(**settings))


def test_the_request_goes_to_the_deployment_with_api_version_and_api_key(server):
    completion = provider(server).complete(REQUEST)
    [request] = server.requests
    assert request.path == "/openai/deployments/triage-4o-mini/chat/completions"
    assert request.query == {"api-version": ["2024-10-21"]}
    assert request.header("api-key") == KEY and request.header("authorization") is None
    body = request.body
    assert body["response_format"]["json_schema"] == {
        "name": "triage_verdict",
        "strict": True,
        "schema": wire_schema(REFS),
    }
    assert body["max_tokens"] == 600 and body["messages"] == REQUEST.messages
    assert completion.model == "gpt-4o-mini-2024-07-18" and completion.prompt_tokens > 0


def test_an_entra_id_token_goes_as_a_bearer_token(server):
    provider(server, api_key=TOKEN, azure_auth="entra_id").complete(REQUEST)
    [request] = server.requests
    assert request.header("authorization") == f"Bearer {TOKEN}" and request.header("api-key") is None


def test_a_token_sent_as_a_key_is_refused_without_echoing_it(server):
    with pytest.raises(ProviderError) as caught:
        provider(server, api_key=TOKEN).complete(REQUEST)
    assert caught.value.message == "provider rejected the credentials (HTTP 401)"


def test_the_deployment_name_is_quoted_into_the_path(server):
    with pytest.raises(ProviderError) as caught:
        provider(server, model="a/b c").complete(REQUEST)
    assert server.requests[0].path == "/openai/deployments/a%2Fb%20c/chat/completions"
    assert caught.value.status == 404


def test_an_unknown_deployment_says_so(server):
    with pytest.raises(ProviderError, match="HTTP 404: The API deployment for this resource does not exist"):
        provider(server, model="gpt-5").complete(REQUEST)


def test_a_rate_limit_carries_azures_wording_and_retry_after(server):
    server.behave("http_error", status=429, retry_after=2)
    with pytest.raises(ProviderError) as caught:
        provider(server).complete(REQUEST)
    assert caught.value.unavailable and caught.value.retry_after == 2.0
    assert "Please retry after 2 seconds" in caught.value.message


def test_the_content_filter_is_an_error(server):
    server.behave("refusal")
    with pytest.raises(ProviderError, match="content filter withheld the answer") as caught:
        provider(server).complete(REQUEST)
    assert not caught.value.unavailable


def test_api_version_is_required():
    with pytest.raises(ProviderError, match="needs api_version"):
        create_provider(ProviderConfig(name="az", type="azure_openai", base_url="https://x.example", model="d"))


STANZA = {"type": "azure_openai", "base_url": "https://soc.openai.azure.com", "model": "d", "api_version": "2024-10-21"}


def test_azure_auth_is_parsed_from_the_stanza():
    assert provider_from_conf("az", STANZA).azure_auth == "api_key"
    assert provider_from_conf("az", dict(STANZA, azure_auth="Entra_ID")).azure_auth == "entra_id"
    with pytest.raises(ConfigError, match=r"\[az\]: azure_auth must be one of api_key, entra_id"):
        provider_from_conf("az", dict(STANZA, azure_auth="managed_identity"))
