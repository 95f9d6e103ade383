"""The SOAR input's pure parts: the disposition map, finding the triage result, the client's retries and
the server settings it reads through the setup page's contract."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest

from llm_triage.inputs.soar import (
    DEFAULT_MAP,
    SoarClient,
    SoarServer,
    SoarUnavailable,
    disposition_of,
    load_server,
    parse_mapping,
    parse_params,
    triage_id_of,
)
from llm_triage.net.http import HttpResponse, TlsSettings, TransportError
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.secrets import realm, stored_entries

MAP = parse_mapping(DEFAULT_MAP)
TOKEN = "soar-token-LOGIC-77aa"


def test_the_resolution_decides_before_the_tags() -> None:
    case = {"resolution": "False-Positive", "tags": ["true_positive"]}
    assert disposition_of(case, MAP) == "false_positive"
    assert disposition_of({"tags": ["phishing", "Benign"]}, MAP) == "benign_true_positive"
    assert disposition_of({"custom_fields": {"resolution": "true positive"}}, MAP) == "true_positive"
    assert disposition_of({"resolution": "duplicate", "tags": ["phishing"]}, MAP) == ""
    by_status = parse_mapping("status:resolved-fp=false_positive, tag:benign=benign_true_positive")
    assert disposition_of({"status": "Resolved_FP", "tags": ["benign"]}, by_status) == "false_positive"


def test_a_custom_map_and_its_refusals() -> None:
    mapping = parse_mapping("Closed - Confirmed=true_positive, tag:noise=false_positive")
    assert disposition_of({"resolution": "closed confirmed"}, mapping) == "true_positive"
    assert disposition_of({"tags": ["NOISE"]}, mapping) == "false_positive"
    for bad in ("confirmed=yes", "=true_positive", "", "just text"):
        with pytest.raises(ValueError, match="disposition_map"):
            parse_mapping(bad)


def test_parameters_are_checked() -> None:
    params = parse_params({"soar_server": "soc", "page_size": "25"})
    assert (params.server, params.page_size, params.start_days, params.mapping) == ("soc", 25, 7, MAP)
    with pytest.raises(ValueError, match="soar_server"):
        parse_params({})
    with pytest.raises(ValueError, match="page_size"):
        parse_params({"soar_server": "soc", "page_size": "0"})
    assert parse_params({"soar_server": "soc", "closed_statuses": "closed, resolved-fp"}).closed_statuses == (
        "closed",
        "resolved-fp",
    )
    with pytest.raises(ValueError, match="closed_statuses"):
        parse_params({"soar_server": "soc", "closed_statuses": "closed'); drop"})


def test_the_triage_id_comes_from_the_custom_field_else_an_artifact() -> None:
    fetched: list[int] = []

    def artifacts() -> list[dict[str, Any]]:
        fetched.append(1)
        return [{"cef": {"src": "1.2.3.4"}}, {"cef": {"triage_id": " t-art "}}]

    assert triage_id_of({"custom_fields": {"triage_id": "t-custom"}}, artifacts) == "t-custom"
    assert fetched == []  # no artifact request when the container says it
    assert triage_id_of({"custom_fields": {}}, artifacts) == "t-art"
    assert triage_id_of({}, lambda: [{"cef": {}}]) == ""


class Answers:
    """A stand-in for transport.get_json: answers in turn, recording what was asked."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, Mapping[str, str]]] = []

    def __call__(self, url: str, headers: Mapping[str, str], timeout: float, tls: TlsSettings) -> HttpResponse:
        self.asked.append((url, headers))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, body = answer
        return HttpResponse(status, {}, json.dumps(body).encode())


def client(answers: Answers, sleeps: list[float]) -> SoarClient:
    return SoarClient(SoarServer("soc", "https://soar.example", TlsSettings(), TOKEN), answers, sleep=sleeps.append)


def test_failures_that_may_pass_are_retried_with_backoff() -> None:
    sleeps: list[float] = []
    answers = Answers((503, {"failed": True}), TransportError("connection reset"), (200, {"data": [{"id": 3}]}))
    assert client(answers, sleeps).closed_since("2026-11-01T00:00:00.000000Z", 0, 10) == [{"id": 3}]
    assert sleeps == [0.5, 1.0]
    url, headers = answers.asked[0]
    assert headers == {"ph-auth-token": TOKEN} and TOKEN not in url
    assert "_filter_status__in=%5B%22closed%22%5D" in url and "_filter_close_time__gte=%222026-11-01T00" in url


def test_refusals_are_not_retried_and_no_message_holds_the_token() -> None:
    sleeps: list[float] = []
    with pytest.raises(SoarUnavailable, match="HTTP 401") as refused:
        client(Answers((401, {"failed": True})), sleeps).artifacts_of(4)
    assert sleeps == []
    with pytest.raises(SoarUnavailable) as broken:
        client(Answers(*[TransportError(f"no answer {TOKEN}")] * 3), sleeps).artifacts_of(4)
    assert TOKEN not in str(refused.value) + str(broken.value)


def config_with(stanza: Mapping[str, str], token: str = TOKEN) -> SplunkdConfig:
    soar_realm = realm("llm_triage_soar_servers")
    secrets = [{"realm": soar_realm, "username": user, "clear_password": password}
               for user, password in stored_entries("soc", {"token": token} if token else {})]  # fmt: skip

    def fetch(path: str) -> tuple[int, bytes]:
        if path.startswith("configs/conf-llm_triage_soar_servers"):
            return 200, json.dumps({"entry": [{"name": "soc", "content": dict(stanza)}]}).encode()
        if path.startswith("storage/passwords"):
            return 200, json.dumps({"entry": [{"content": entry} for entry in secrets]}).encode()
        return 404, b"{}"

    return SplunkdConfig(fetch)


def test_the_server_is_read_through_the_setup_pages_contract() -> None:
    server = load_server(config_with({"url": "https://soar.example/", "verify_tls": "0", "ca_bundle": ""}), "soc")
    assert (server.url, server.token, server.tls.verify) == ("https://soar.example", TOKEN, False)
    assert TOKEN not in repr(server)
    with pytest.raises(ValueError, match="plain http"):
        load_server(config_with({"url": "http://soar.example"}), "soc")
    with pytest.raises(ValueError, match="no token stored"):
        load_server(config_with({"url": "https://soar.example"}, token=""), "soc")
    with pytest.raises(ValueError, match="not configured"):
        load_server(config_with({"url": "https://soar.example"}), "other")
