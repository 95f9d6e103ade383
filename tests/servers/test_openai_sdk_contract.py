"""Contract test: the official `openai` SDK reads the loopback server's answers as it reads OpenAI's.

The SDK's types are generated from OpenAI's OpenAPI spec, so validating our bodies against them (strictly,
with pydantic, not the SDK's lenient `construct`) checks field names and types against the reference.
Its error classes and retry logic check the status codes, error envelope and Retry-After handling.
Skipped where the SDK is not installed (it is a test-only extra, and absent under Python 3.9).
"""

import json

import pytest

from llm_triage.verdict.schema import answer_problems
from tests.servers.openai_compat import Behaviour, OpenAICompatServer
from tests.servers.triage_requests import STOP_LOGGING, refs_of, triage_request

openai = pytest.importorskip("openai")
from openai.types import Model  # noqa: E402 (only importable once the skip above has passed)
from openai.types.chat import ChatCompletion  # noqa: E402

API_KEY = "sk-test-0123456789abcdefghij3456"


@pytest.fixture
def server():
    with OpenAICompatServer(api_key=API_KEY, models=["gpt-4o-mini"]) as srv:
        yield srv


def client_for(srv: OpenAICompatServer, max_retries: int = 0, timeout: float = 10) -> "openai.OpenAI":
    return openai.OpenAI(base_url=srv.base_url, api_key=API_KEY, max_retries=max_retries, timeout=timeout)


def create(client: "openai.OpenAI") -> ChatCompletion:
    body = triage_request(STOP_LOGGING)
    return client.chat.completions.create(
        model=body["model"],
        messages=body["messages"],
        temperature=body["temperature"],
        seed=body["seed"],
        max_tokens=body["max_tokens"],
        response_format=body["response_format"],
    )


def raw_completion(srv: OpenAICompatServer) -> dict:
    with client_for(srv) as client:
        response = client.chat.completions.with_raw_response.create(
            model="gpt-4o-mini", messages=triage_request(STOP_LOGGING)["messages"]
        )
        return json.loads(response.http_response.text)


def test_the_sdk_parses_a_judge_answer(server):
    with client_for(server) as client:
        completion = create(client)
    assert isinstance(completion, ChatCompletion)
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None and completion.usage.total_tokens > 0
    assert answer_problems(json.loads(completion.choices[0].message.content), refs_of(STOP_LOGGING)) == []
    sent = server.chat_requests[-1].body
    assert sent["response_format"]["json_schema"]["name"] == "triage_verdict"


def test_every_field_we_send_is_a_field_of_the_official_types(server):
    body = raw_completion(server)
    strict = ChatCompletion.model_validate(body)  # pydantic validation: wrong types or literals raise
    assert strict.object == "chat.completion"
    assert set(body) <= set(ChatCompletion.model_fields)
    choice_type = ChatCompletion.model_fields["choices"].annotation.__args__[0]
    assert set(body["choices"][0]) <= set(choice_type.model_fields)
    message_type = choice_type.model_fields["message"].annotation
    assert set(body["choices"][0]["message"]) <= set(message_type.model_fields)
    usage_type = ChatCompletion.model_fields["usage"].annotation.__args__[0]
    assert set(body["usage"]) <= set(usage_type.model_fields)


def test_a_refusal_reaches_the_sdk_as_a_refusal(server):
    server.behave("refusal")
    with client_for(server) as client:
        message = create(client).choices[0].message
    assert message.content is None and message.refusal


def test_models_list_parses_as_official_model_objects(server):
    with client_for(server) as client:
        models = list(client.models.list())
    assert [model.id for model in models] == ["gpt-4o-mini"]
    assert all(isinstance(model, Model) and model.object == "model" for model in models)


@pytest.mark.parametrize(
    ("status", "error_class", "code"),
    [
        (401, "AuthenticationError", "invalid_api_key"),
        (403, "PermissionDeniedError", "unsupported_country_region_territory"),
        (404, "NotFoundError", "model_not_found"),
        (429, "RateLimitError", "rate_limit_exceeded"),
        (500, "InternalServerError", None),
        (503, "InternalServerError", "server_is_overloaded"),
    ],
)
def test_errors_map_to_the_sdks_exception_classes(server, status, error_class, code):
    server.behave("http_error", status=status)
    with client_for(server) as client, pytest.raises(getattr(openai, error_class)) as caught:
        create(client)
    assert caught.value.status_code == status
    assert caught.value.code == code
    assert set(caught.value.body) == {"message", "type", "param", "code"}  # the SDK unwraps "error"


def test_the_sdk_honours_retry_after_on_429_and_then_succeeds(server):
    server.queue(Behaviour("http_error", status=429, retry_after=0.2))
    with client_for(server, max_retries=1) as client:
        completion = create(client)
    assert completion.choices[0].finish_reason == "stop"
    assert len(server.chat_requests) == 2


def test_a_hang_is_a_timeout_and_a_reset_a_connection_error(server):
    server.behave("hang")
    with client_for(server, timeout=0.5) as client, pytest.raises(openai.APITimeoutError):
        create(client)
    server.behave("reset")
    with client_for(server) as client, pytest.raises(openai.APIConnectionError):
        create(client)
