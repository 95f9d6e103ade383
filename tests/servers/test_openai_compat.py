"""The loopback OpenAI-compatible server: wire format, authentication and each switchable behaviour.

Driven with the standard library's HTTP client only, so these run under Python 3.9 as well.
"""

import http.client
import json
import socket
import threading
import time
import urllib.parse
from typing import Any, Optional

import pytest

from llm_triage.verdict.schema import answer_problems
from tests.servers.openai_compat import INVENTED_REF, Behaviour, OpenAICompatServer
from tests.servers.triage_requests import DESCRIBE_INSTANCES, STOP_LOGGING, answer_of, refs_of, triage_request

API_KEY = "sk-test-0123456789abcdefghij3456"


@pytest.fixture
def server():
    with OpenAICompatServer(api_key=API_KEY) as srv:
        yield srv


def call(
    srv: OpenAICompatServer,
    method: str,
    path: str,
    body: Any = None,
    key: Optional[str] = API_KEY,
    timeout: float = 10,
    raw: Optional[bytes] = None,
) -> tuple[int, dict[str, str], Any]:
    """One request; returns status, lower-cased headers and the parsed JSON body."""
    url = urllib.parse.urlsplit(srv.base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    try:
        connection.request(method, url.path + path, body=data, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, json.loads(payload)
    finally:
        connection.close()


def chat(srv: OpenAICompatServer, body: Any = None, **kwargs: Any) -> tuple[int, dict[str, str], Any]:
    return call(srv, "POST", "/chat/completions", body if body is not None else triage_request(STOP_LOGGING), **kwargs)


def assert_error_object(payload: Any) -> dict[str, Any]:
    """The body is exactly OpenAI's error envelope; returns the inner object."""
    assert set(payload) == {"error"}
    assert set(payload["error"]) == {"message", "type", "param", "code"}
    assert isinstance(payload["error"]["message"], str) and payload["error"]["message"]
    return payload["error"]


def test_judge_answers_with_a_chat_completion_the_contract_accepts(server):
    status, headers, completion = chat(server, triage_request(STOP_LOGGING, model="gpt-4o-mini"))
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert completion["object"] == "chat.completion"
    assert completion["id"].startswith("chatcmpl-")
    assert completion["model"] == "gpt-4o-mini"
    choice = completion["choices"][0]
    assert choice["index"] == 0 and choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant" and choice["message"]["refusal"] is None
    answer = answer_of(completion)
    assert answer_problems(answer, refs_of(STOP_LOGGING)) == []
    usage = completion["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0


def test_answers_carry_openai_headers_and_rate_limit_counters(server):
    _, first, _ = chat(server)
    _, second, _ = chat(server)
    assert first["x-request-id"].startswith("req_") and first["x-request-id"] != second["x-request-id"]
    assert first["openai-version"] == "2020-10-01"
    assert int(first["openai-processing-ms"]) >= 0
    assert first["x-ratelimit-limit-requests"] == "5000"
    assert int(second["x-ratelimit-remaining-requests"]) == int(first["x-ratelimit-remaining-requests"]) - 1
    assert int(second["x-ratelimit-remaining-tokens"]) < int(first["x-ratelimit-remaining-tokens"])
    assert "retry-after" not in first


def test_verdicts_follow_the_evidence(server):
    _, _, hostile = chat(server, triage_request(STOP_LOGGING))
    _, _, routine = chat(server, triage_request(DESCRIBE_INSTANCES))
    assert (answer_of(hostile)["verdict"], answer_of(hostile)["bucket"]) == ("malicious", "high_confidence_malicious")
    assert "T1562.008" in answer_of(hostile)["attack"]
    assert (answer_of(routine)["verdict"], answer_of(routine)["bucket"]) == ("benign", "likely_benign")


def test_requests_are_recorded_with_body_and_headers(server):
    body = triage_request(STOP_LOGGING, seed=11)
    chat(server, body)
    recorded = server.chat_requests[-1]
    assert recorded.method == "POST" and recorded.path == "/v1/chat/completions"
    assert recorded.body == body
    assert recorded.header("Authorization") == f"Bearer {API_KEY}"
    assert json.loads(recorded.raw) == body


def test_a_missing_key_is_refused_with_openais_wording(server):
    status, _, payload = chat(server, key=None)
    error = assert_error_object(payload)
    assert status == 401
    assert error["message"].startswith("You didn't provide an API key.")
    assert (error["type"], error["code"]) == ("invalid_request_error", None)


def test_a_wrong_key_is_refused_and_echoed_masked(server):
    wrong = "sk-wrong-abcdefghijklmnop9876"
    status, _, payload = chat(server, key=wrong)
    error = assert_error_object(payload)
    assert status == 401
    assert (error["type"], error["code"]) == ("invalid_request_error", "invalid_api_key")
    assert "Incorrect API key provided: sk-wrong*****************9876." in error["message"]
    assert wrong not in error["message"]


def test_without_a_configured_key_no_authorization_is_needed():
    with OpenAICompatServer() as srv:
        status, _, _ = chat(srv, key=None)
    assert status == 200


@pytest.mark.parametrize(
    ("status", "error_type", "code"),
    [
        (401, "invalid_request_error", "invalid_api_key"),
        (403, "request_forbidden", "unsupported_country_region_territory"),
        (404, "invalid_request_error", "model_not_found"),
        (429, "requests", "rate_limit_exceeded"),
        (500, "server_error", None),
        (503, "service_unavailable_error", "server_is_overloaded"),
    ],
)
def test_http_error_answers_each_status_as_openai_does(server, status, error_type, code):
    server.behave("http_error", status=status)
    got, headers, payload = chat(server)
    error = assert_error_object(payload)
    assert got == status
    assert (error["type"], error["code"]) == (error_type, code)
    assert "retry-after" not in headers
    assert headers["x-request-id"].startswith("req_")


def test_the_injected_401_masks_the_key_the_client_sent(server):
    server.behave("http_error", status=401)
    _, _, payload = chat(server)
    assert "sk-test-" + "*" * (len(API_KEY) - 12) + "3456" in payload["error"]["message"]
    assert API_KEY not in payload["error"]["message"]


def test_429_can_carry_retry_after_and_empties_the_request_budget(server):
    server.behave("http_error", status=429, retry_after=2.5)
    _, headers, payload = chat(server)
    assert headers["retry-after"] == "3"  # whole seconds, rounded up
    assert headers["retry-after-ms"] == "2500"
    assert headers["x-ratelimit-remaining-requests"] == "0"
    assert "Please try again in 2.5s" in payload["error"]["message"]


def test_latency_delays_the_answer(server):
    server.behave("latency", seconds=0.4)
    started = time.monotonic()
    status, _, _ = chat(server)
    assert status == 200
    assert time.monotonic() - started >= 0.4


@pytest.mark.parametrize(
    ("mode", "expected_problem"),
    [
        ("schema_violation", "is not one of"),
        ("bogus_evidence", "cites evidence not in the bundle"),
    ],
)
def test_parseable_but_wrong_answers_fail_the_contracts_validation(server, mode, expected_problem):
    server.behave(mode)
    status, _, completion = chat(server)
    assert status == 200
    problems = answer_problems(answer_of(completion), refs_of(STOP_LOGGING))
    assert any(expected_problem in problem for problem in problems), problems


def test_bogus_evidence_cites_a_ref_the_schema_never_offered(server):
    server.behave("bogus_evidence")
    _, _, completion = chat(server)
    assert answer_of(completion)["evidence"] == [INVENTED_REF]
    assert INVENTED_REF not in refs_of(STOP_LOGGING)


def test_invalid_json_is_not_json(server):
    server.behave("invalid_json")
    _, _, completion = chat(server)
    content = completion["choices"][0]["message"]["content"]
    assert content.startswith("{'verdict'")
    with pytest.raises(ValueError):
        json.loads(content)


def test_empty_content(server):
    server.behave("empty")
    _, _, completion = chat(server)
    assert completion["choices"][0]["message"]["content"] == ""
    assert completion["choices"][0]["finish_reason"] == "stop"


def test_refusal_sets_refusal_and_nulls_content(server):
    server.behave("refusal")
    _, _, completion = chat(server)
    message = completion["choices"][0]["message"]
    assert message["content"] is None
    assert message["refusal"].startswith("I'm sorry")


def test_truncated_stops_for_length_with_cut_json(server):
    server.behave("truncated")
    _, _, completion = chat(server, triage_request(STOP_LOGGING, max_tokens=64))
    choice = completion["choices"][0]
    assert choice["finish_reason"] == "length"
    assert completion["usage"]["completion_tokens"] == 64
    with pytest.raises(ValueError):
        json.loads(choice["message"]["content"])


def test_hang_never_answers_and_does_not_block_shutdown():
    srv = OpenAICompatServer()
    srv.start()
    srv.behave("hang")
    with pytest.raises(socket.timeout):
        chat(srv, timeout=0.5)
    started = time.monotonic()
    srv.stop()
    assert time.monotonic() - started < 3


def test_reset_cuts_the_body_and_resets_the_connection(server):
    server.behave("reset")
    with pytest.raises((http.client.IncompleteRead, ConnectionResetError)):
        chat(server)


def test_queued_behaviours_are_used_once_each_in_order(server):
    server.behave("empty")
    server.queue(Behaviour("http_error", status=429, retry_after=1), Behaviour("judge"))
    answers = [chat(server) for _ in range(3)]
    assert [status for status, _, _ in answers] == [429, 200, 200]
    assert answer_of(answers[1][2])["verdict"] == "malicious"
    assert answers[2][2]["choices"][0]["message"]["content"] == ""  # back to the standing behaviour


def test_concurrent_requests_are_answered_concurrently(server):
    server.behave("latency", seconds=0.5)
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda: statuses.append(chat(server)[0])) for _ in range(6)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 6
    assert time.monotonic() - started < 6 * 0.5
    assert server.peak_concurrency >= 2


def test_models_are_listed_and_looked_up():
    with OpenAICompatServer(api_key=API_KEY, models=["gpt-4o-mini", "local-model"]) as srv:
        status, _, listing = call(srv, "GET", "/models")
        assert status == 200
        assert listing["object"] == "list"
        assert [(m["id"], m["object"], m["owned_by"]) for m in listing["data"]] == [
            ("gpt-4o-mini", "model", "system"),
            ("local-model", "model", "system"),
        ]
        assert call(srv, "GET", "/models/local-model")[2]["id"] == "local-model"
        status, _, payload = call(srv, "GET", "/models/gpt-9")
        assert status == 404 and assert_error_object(payload)["code"] == "model_not_found"
        status, _, payload = chat(srv, triage_request(STOP_LOGGING, model="gpt-9"))
        assert status == 404 and "The model `gpt-9` does not exist" in payload["error"]["message"]
        assert call(srv, "GET", "/models", key="sk-nope-000000000000000")[0] == 401


def test_a_body_that_is_not_json_is_a_400(server):
    status, _, payload = chat(server, raw=b"{not json")
    assert status == 400
    assert assert_error_object(payload)["message"].startswith("We could not parse the JSON body of your request.")


@pytest.mark.parametrize(
    ("change", "param", "code"),
    [
        (lambda body: body.pop("messages"), "messages", "missing_required_parameter"),
        (lambda body: body.update(messages=[]), "messages", "empty_array"),
        (lambda body: body["messages"][0].update(role="robot"), "messages[0].role", "invalid_value"),
        (lambda body: body.update(temperature=3), "temperature", "decimal_above_max_value"),
        (lambda body: body.update(max_tokens=0), "max_tokens", "integer_below_min_value"),
        (lambda body: body["response_format"].update(type="yaml"), "response_format.type", "invalid_value"),
        (
            lambda body: body["response_format"]["json_schema"].update(name="triage verdict"),
            "response_format.json_schema.name",
            "invalid_value",
        ),
    ],
)
def test_malformed_requests_get_openais_400s(server, change, param, code):
    body = triage_request(STOP_LOGGING)
    change(body)
    status, _, payload = chat(server, body)
    error = assert_error_object(payload)
    assert status == 400
    assert (error["type"], error["param"], error["code"]) == ("invalid_request_error", param, code)


def test_strict_mode_refuses_a_schema_with_optional_properties(server):
    body = triage_request(STOP_LOGGING)
    body["response_format"]["json_schema"]["schema"]["required"].remove("questions")
    status, _, payload = chat(server, body)
    error = assert_error_object(payload)
    assert status == 400 and error["param"] == "response_format"
    assert error["message"] == (
        "Invalid schema for response_format 'triage_verdict': In context=(), 'required' is required to be "
        "supplied and to be an array including every key in properties. Missing 'questions'."
    )


def test_unknown_paths_are_invalid_urls(server):
    status, _, payload = call(server, "POST", "/completions/legacy", body={})
    assert status == 404
    assert assert_error_object(payload)["message"] == "Invalid URL (POST /v1/completions/legacy)"


def test_behaviour_rejects_what_it_cannot_do():
    with pytest.raises(ValueError, match="unknown behaviour"):
        Behaviour("sulk")
    with pytest.raises(ValueError, match="status must be one of"):
        Behaviour("http_error", status=418)
    with pytest.raises(ValueError, match="negative"):
        Behaviour("latency", latency=-1)
