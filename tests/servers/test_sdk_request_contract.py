"""Contract tests: the request bodies our adapters send are the ones the official SDKs would send.

For each adapter, the body it really sent (recorded by its loopback server) must validate against the
SDK's own TypedDict request params (types, literals, required keys, and no key the SDK does not know),
and passing that body through the SDK's own client must put the same JSON, path, query and credential
headers on the wire. The loopback servers' answers must parse as the SDKs' response types. A drift from
the documented format on either side fails here. Skipped without the SDKs (test-only, Python 3.10+).
"""

import json
import typing

import pytest

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.providers import create_provider
from llm_triage.providers.base import CompletionRequest, ProviderConfig
from llm_triage.verdict.prompt import load_prompt
from llm_triage.verdict.schema import wire_schema
from tests.servers import anthropic_messages
from tests.servers.anthropic_messages import AnthropicServer
from tests.servers.azure_openai import AzureOpenAIServer
from tests.servers.openai_compat import OpenAICompatServer
from tests.servers.sdk_types import body_problems
from tests.servers.test_triage_judge import SAMPLES
from tools.harness.inputs import read_rows

openai = pytest.importorskip("openai")
anthropic = pytest.importorskip("anthropic")
from anthropic.types import Message  # noqa: E402 (after the skip)
from anthropic.types.message_create_params import MessageCreateParamsBase, MessageCreateParamsNonStreaming  # noqa: E402
from openai.types.chat import ChatCompletion  # noqa: E402
from openai.types.chat.completion_create_params import CompletionCreateParamsNonStreaming  # noqa: E402

KEY = "sk-contract-0123456789abcdefWXYZ"
AZURE_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.contract.sig"
API_VERSION = "2024-10-21"
CREDENTIAL_HEADERS = ("authorization", "api-key", "x-api-key", "anthropic-version")


def triage_request() -> CompletionRequest:
    """The first sample alert as the command asks about it: the shipped prompt, the wire schema."""
    row = next(iter(read_rows(SAMPLES)))
    bundle = build_bundle(row, select_profile(row))
    return CompletionRequest(messages=load_prompt().messages(bundle.text), schema=wire_schema(bundle.refs))


def sent_by_adapter(server, provider_type: str, **settings) -> typing.Any:
    base = dict(name="c", type=provider_type, base_url=server.base_url, model="gpt-4o-mini", api_key=KEY)
    base.update(settings)
    create_provider(ProviderConfig(**base)).complete(triage_request())
    [request] = _model_requests(server)
    return request


def _model_requests(server):
    return server.chat_requests if isinstance(server, OpenAICompatServer) else server.model_requests


def credential_headers(request) -> dict:
    return {name: request.header(name) for name in CREDENTIAL_HEADERS if request.header(name) is not None}


# -- OpenAI and OpenAI-compatible ----------------------------------------------------------------------


@pytest.mark.parametrize("provider_type", ["openai", "openai_compatible"])
def test_chat_completions_bodies_are_the_sdks_typed_params(provider_type):
    with OpenAICompatServer(api_key=KEY) as server:
        ours = sent_by_adapter(server, provider_type)
        assert body_problems(CompletionCreateParamsNonStreaming, ours.body) == []
        with openai.OpenAI(base_url=server.base_url, api_key=KEY, max_retries=0) as client:
            completion = client.chat.completions.create(**ours.body)
        [_, theirs] = server.chat_requests
    assert theirs.path == ours.path
    assert theirs.body == ours.body
    assert credential_headers(theirs) == credential_headers(ours)
    assert isinstance(completion, ChatCompletion)


def test_a_drifted_chat_body_fails_the_check():
    body = create_provider(
        ProviderConfig(name="c", type="openai", base_url="https://x.example/v1", model="m")
    ).request_body(triage_request())
    drifted = json.loads(json.dumps(body))
    drifted["response_format"]["json_schema"]["strict_mode"] = True
    assert body_problems(CompletionCreateParamsNonStreaming, drifted) == ["response_format.json_schema.strict_mode"]
    drifted = dict(body, response_format={"type": "json_schema", "schema": body["response_format"]["json_schema"]})
    assert body_problems(CompletionCreateParamsNonStreaming, drifted)


# -- Azure OpenAI ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("auth", ["api_key", "entra_id"])
def test_azure_requests_match_the_sdks_azure_client(auth):
    secret = KEY if auth == "api_key" else AZURE_TOKEN
    with AzureOpenAIServer(api_key=KEY, entra_token=AZURE_TOKEN) as server:
        ours = sent_by_adapter(server, "azure_openai", api_key=secret, api_version=API_VERSION, azure_auth=auth)
        assert body_problems(CompletionCreateParamsNonStreaming, ours.body) == []
        credentials = {"api_key": KEY} if auth == "api_key" else {"azure_ad_token": AZURE_TOKEN}
        client = openai.AzureOpenAI(
            azure_endpoint=server.base_url, api_version=API_VERSION, max_retries=0, **credentials
        )
        with client:
            raw = client.chat.completions.with_raw_response.create(**ours.body)
        [_, theirs] = server.model_requests
    assert (theirs.path, theirs.query) == (ours.path, ours.query)
    assert theirs.body == ours.body
    assert credential_headers(theirs) == credential_headers(ours)
    assert ChatCompletion.model_validate(json.loads(raw.http_response.text)).choices[0].finish_reason == "stop"


# -- Anthropic -------------------------------------------------------------------------------------------


def test_messages_bodies_are_the_sdks_typed_params_and_go_on_the_wire_alike():
    with AnthropicServer(api_key=KEY) as server:
        ours = sent_by_adapter(server, "anthropic", model="claude-haiku-4-5")
        assert body_problems(MessageCreateParamsNonStreaming, ours.body) == []
        with anthropic.Anthropic(base_url=server.root_url, api_key=KEY, max_retries=0) as client:
            message = client.messages.create(**ours.body)
        [_, theirs] = server.model_requests
    assert theirs.path == ours.path == "/v1/messages"
    assert theirs.body == ours.body
    # The SDK 2.x pins a newer API version and sends the key as a Bearer token; we send the documented
    # x-api-key and pin 2023-06-01 (or the configured api_version), which the API still accepts.
    assert credential_headers(ours) == {"x-api-key": KEY, "anthropic-version": "2023-06-01"}
    assert credential_headers(theirs)["authorization"] == f"Bearer {KEY}"
    assert isinstance(message, Message) and message.stop_reason == "tool_use"
    [block] = message.content
    assert block.type == "tool_use" and block.name == ours.body["tool_choice"]["name"]


def test_the_anthropic_servers_answers_parse_strictly_as_sdk_messages():
    with AnthropicServer(api_key=KEY) as server:
        body = create_provider(
            ProviderConfig(name="c", type="anthropic", base_url=server.base_url, model="claude-haiku-4-5")
        ).request_body(triage_request())
        with anthropic.Anthropic(base_url=server.root_url, api_key=KEY, max_retries=0) as client:
            for mode in ("judge", "refusal", "truncated", "empty", "invalid_json"):
                server.behave(mode)
                raw = client.messages.with_raw_response.create(**body)
                Message.model_validate(json.loads(raw.http_response.text))


@pytest.mark.parametrize(
    "status, error_class",
    [(401, "AuthenticationError"), (429, "RateLimitError"), (529, "OverloadedError"), (500, "InternalServerError")],
)
def test_the_anthropic_servers_errors_map_to_the_sdks_classes(status, error_class):
    with AnthropicServer(api_key=KEY) as server:
        server.behave("http_error", status=status, retry_after=1)
        body = create_provider(
            ProviderConfig(name="c", type="anthropic", base_url=server.base_url, model="claude-haiku-4-5")
        ).request_body(triage_request())
        with anthropic.Anthropic(base_url=server.root_url, api_key=KEY, max_retries=0) as client:
            with pytest.raises(getattr(anthropic, error_class)) as caught:
                client.messages.create(**body)
    assert caught.value.status_code == status
    assert caught.value.body["type"] == "error" and set(caught.value.body["error"]) == {"type", "message"}


def test_the_server_accepts_no_field_the_sdk_does_not_know():
    known = set(typing.get_type_hints(MessageCreateParamsBase))
    assert anthropic_messages.REQUEST_FIELDS <= known | {"stream"}


def test_a_drifted_messages_body_fails_the_check():
    body = create_provider(
        ProviderConfig(name="c", type="anthropic", base_url="https://x.example/v1", model="m")
    ).request_body(triage_request())
    assert body_problems(MessageCreateParamsNonStreaming, dict(body, seed=7)) == ["seed"]
    assert body_problems(MessageCreateParamsNonStreaming, dict(body, tool_choice={"type": "function", "name": "x"}))


def test_the_spend_limit_body_carries_the_error_code_the_sdk_reads():
    with AnthropicServer(api_key=KEY) as server:
        server.spend_limit_reached = True
        server.behave("http_error", status=429)
        body = create_provider(
            ProviderConfig(name="c", type="anthropic", base_url=server.base_url, model="claude-haiku-4-5")
        ).request_body(triage_request())
        with anthropic.Anthropic(base_url=server.root_url, api_key=KEY, max_retries=0) as client:
            with pytest.raises(anthropic.RateLimitError) as caught:
                client.messages.create(**body)
    assert caught.value.error_code == "enforced_spend_limit_reached"
