"""splunkd's persistent-handler envelope: the request document read and checked, the reply shape, and the
never-raise wrapper every endpoint of the app is served in."""

import json
import logging
from typing import Any, Union

import pytest

from llm_triage.splunkd.handler import HandlerRequest, Reply, RequestRefused, read_request, refusal, serve
from llm_triage.splunkd.messages import error_body, splunkd_message

SYSTEM_TOKEN = "system-token-SENTINEL-5a1e"
REST_URI = "https://127.0.0.1:8089"


def document(**changes: Any) -> str:
    """A request document as splunkd sends it with passSystemAuth and passSession; None drops a key."""
    base: dict[str, Any] = {
        "method": "POST",
        "rest_path": "/llm_triage/approvals/abc",
        "payload": '{"decision": "approve"}',
        "session": {"user": "rita", "authtoken": "rita-session"},
        "system_authtoken": SYSTEM_TOKEN,
        "server": {"rest_uri": REST_URI},
    }
    base.update(changes)
    return json.dumps({key: value for key, value in base.items() if value is not None})


def refused(in_string: Union[str, bytes], methods: tuple[str, ...] = ("POST",), needs_user: bool = True) -> Any:
    with pytest.raises(RequestRefused) as caught:
        read_request(in_string, "test", methods, needs_user)
    return caught.value


def test_a_request_is_read_into_what_the_endpoint_needs() -> None:
    request = read_request(document(), "test")
    assert request == HandlerRequest(
        "POST", ("llm_triage", "approvals", "abc"), '{"decision": "approve"}', "rita", SYSTEM_TOKEN, REST_URI
    )
    assert SYSTEM_TOKEN not in repr(request)


def test_a_get_without_a_body_or_a_user_is_read_where_the_endpoint_allows_it() -> None:
    request = read_request(document(method="get", payload=None, session=None), "test", ("GET", "POST"), False)
    assert (request.method, request.payload, request.user) == ("GET", "", "")


@pytest.mark.parametrize(
    "in_string, status, message",
    [
        ("not json", 400, "not a JSON object"),
        (b"\xff\xfe", 400, "not a JSON object"),
        ("[" * 100_000 + "]" * 100_000, 400, "not a JSON object"),
        ('["a list"]', 400, "not a JSON object"),
        (document(method="DELETE"), 405, "the llm_triage test endpoint answers POST only, not DELETE"),
        (document(method=None), 405, "answers POST only, not nothing"),
        (document(system_authtoken=None), 500, "restmap.conf must set passSystemAuth = true"),
        (document(system_authtoken=""), 500, "passSystemAuth = true"),
        (document(server={"rest_uri": 8089}), 500, "passSystemAuth = true"),
        (document(session=None), 401, "restmap.conf must set passSession = true"),
        (document(session={"user": " "}), 401, "passSession = true"),
        (document(session={"user": ["rita"]}), 401, "passSession = true"),
        (document(payload={"decision": "approve"}), 400, "payload is not text"),
    ],
)
def test_what_is_not_a_request_splunkd_would_send_is_refused_saying_why(
    in_string: Union[str, bytes], status: int, message: str
) -> None:
    why = refused(in_string)
    assert why.status == status and message in why.message


def test_the_methods_an_endpoint_answers_are_its_own() -> None:
    assert refused(document(method="PUT"), ("GET", "POST")).message.endswith("answers GET or POST only, not PUT")


def test_a_reply_is_json_text_with_its_status_and_type() -> None:
    reply = Reply(200, {"text": "café"}).persistent()
    assert reply == {
        "payload": '{"text": "café"}',
        "status": 200,
        "headers": {"Content-Type": "application/json; charset=UTF-8"},
    }


def test_a_refusal_is_splunkds_error_body_and_clients_read_it_back() -> None:
    reply = refusal(409, "already approved by rita").persistent()
    assert reply["status"] == 409 and json.loads(reply["payload"]) == error_body("already approved by rita")
    assert splunkd_message(reply["payload"].encode("utf-8")) == "already approved by rita"


@pytest.mark.parametrize("body", [b"", b"<html>", b"[]", b'{"messages": 5}', b'{"messages": ["x"]}'])
def test_a_body_not_in_splunkds_shape_reads_as_no_detail(body: bytes) -> None:
    assert splunkd_message(body) == "no detail"


def test_serve_answers_with_the_endpoints_reply_or_the_parsers_refusal() -> None:
    seen: list[HandlerRequest] = []

    def answer(request: HandlerRequest, secrets: list[str]) -> Reply:
        seen.append(request)
        return Reply(200, {"user": request.user})

    assert json.loads(serve(document(), "test", answer)["payload"]) == {"user": "rita"}
    reply = serve(document(session=None), "test", answer)
    assert reply["status"] == 401 and seen == [read_request(document(), "test")]  # refused before the endpoint ran


def test_serve_turns_a_refusal_raised_by_the_endpoint_into_its_reply() -> None:
    def answer(request: HandlerRequest, secrets: list[str]) -> Reply:
        raise RequestRefused(413, "the request is too large")

    reply = serve(document(), "test", answer)
    assert reply["status"] == 413 and json.loads(reply["payload"]) == error_body("the request is too large")


def test_an_unexpected_failure_is_a_500_naming_its_class_and_neither_reply_nor_log_holds_a_secret(
    caplog: pytest.LogCaptureFixture,
) -> None:
    read_key = "plain-SENTINEL-key-not-shaped-like-one-9b2f"  # only the list of secrets read can scrub this

    def answer(request: HandlerRequest, secrets: list[str]) -> Reply:
        secrets.append(read_key)
        raise RuntimeError(f"exploded holding {read_key} with {request.token}")

    with caplog.at_level(logging.ERROR, logger="llm_triage"):
        reply = serve(document(), "test", answer)
    assert reply["status"] == 500
    assert json.loads(reply["payload"]) == error_body("internal error in the llm_triage test endpoint: RuntimeError")
    assert "RuntimeError: exploded holding [redacted] with [redacted]" in caplog.text  # the traceback, scrubbed
    for secret in (read_key, SYSTEM_TOKEN):
        assert secret not in caplog.text and secret not in json.dumps(reply)


def test_serve_never_raises_whatever_it_is_handed() -> None:
    def answer(request: HandlerRequest, secrets: list[str]) -> Reply:
        raise AssertionError("not reached")

    weird: list[Union[str, bytes]] = ["", b"", "null", "{}", '{"method": "POST"}']
    assert [serve(text, "test", answer)["status"] for text in weird] == [400, 400, 400, 405, 500]
