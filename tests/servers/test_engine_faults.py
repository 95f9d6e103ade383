"""The engine against a misbehaving OpenAI-compatible server on 127.0.0.1: every fault the issue lists.

Each case runs a whole search through TriageSession and the real provider, transport and sockets, and
checks the same three things: every row comes back, in order; each says honestly what happened (with a
baseline bucket when the model gave no verdict); and the search ends within a bound set by the retry
policy, the time-out and the breaker, not by rows times time-out.
"""

import socket
import time
from collections import OrderedDict

import pytest

from llm_triage.engine.resilience import RetryPolicy
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from tests.llm_triage.triage_fakes import configured
from tests.servers.openai_compat import Behaviour, OpenAICompatServer

ROWS = 24
CHUNK = 7  # rows per execute chunk, so a search spans several stream() calls as in Splunk
POLICY = RetryPolicy(base_delay=0.05, max_delay=0.1, max_retry_after=2.0, breaker_cooldown=600)


def alert_rows(count):
    return [
        OrderedDict(
            [
                ("_time", str(1764064000 + i)),
                ("sourcetype", "OktaIM2:log"),
                ("row_id", str(i)),
                ("severity", "high" if i % 2 else "low"),
                ("eventType", "user.session.start"),
                ("actor.alternateId", f"user{i}@example.com"),
                ("client.ipAddress", f"198.51.100.{i % 250}"),
            ]
        )
        for i in range(count)
    ]


def search(base_url, rows=None, between_chunks=None, timeout=5):
    """Run one search; returns (rows out, session, seconds)."""
    splunkd = configured(base_url=base_url)
    splunkd.confs["llm_triage_providers"]["lab"]["timeout"] = str(timeout)
    splunkd.confs["llm_triage_settings"]["triage"]["cache_ttl"] = "0"
    session = TriageSession(TriageOptions(), SplunkdConfig(splunkd.fetch), policy=POLICY)
    inputs = rows if rows is not None else alert_rows(ROWS)
    out = []
    started = time.monotonic()
    for number, start in enumerate(range(0, len(inputs), CHUNK)):
        if between_chunks is not None:
            between_chunks(number)
        out.extend(session.triage(iter(inputs[start : start + CHUNK])))
    seconds = time.monotonic() - started
    session.close()
    assert [row["row_id"] for row in out] == [str(i) for i in range(len(inputs))]
    return out, session, seconds


def assert_no_verdict_but_a_baseline(row):
    assert row["triage_verdict"] == "" and row["triage_source"] == "baseline"
    # High and low severity alike: without a model's answer nothing is likely_benign.
    assert row["triage_bucket"] == "needs_enrichment"


@pytest.fixture
def server():
    with OpenAICompatServer() as running:
        yield running


def test_a_healthy_server_answers_every_row(server):
    out, session, _ = search(server.base_url)
    assert {row["triage_status"] for row in out} == {"ok"}
    assert {row["triage_source"] for row in out} == {"model"}
    assert all(int(row["triage_tokens"]) > 0 for row in out)
    assert len(server.chat_requests) == ROWS


@pytest.mark.parametrize("retry_after", [0.3, None])
def test_429s_are_retried_with_or_without_retry_after(server, retry_after):
    server.queue(*[Behaviour("http_error", status=429, retry_after=retry_after)] * 3)
    out, _, seconds = search(server.base_url)
    assert {row["triage_status"] for row in out} == {"ok"}
    assert len(server.chat_requests) == ROWS + 3
    if retry_after is not None:
        assert seconds >= retry_after  # the provider's pause was honoured
    assert seconds < 5


def test_a_retry_after_longer_than_we_wait_is_not_waited_for(server):
    server.behave("http_error", status=429, retry_after=60)
    out, _, seconds = search(server.base_url)
    assert {row["triage_status"] for row in out} == {"unavailable"}
    assert "Retry-After 60s is longer than 2s; not retried" in out[0]["triage_error"]
    assert out[-1]["triage_error"].startswith("provider 'lab' unavailable: ")
    assert seconds < 5
    for row in out:
        assert_no_verdict_but_a_baseline(row)


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_open_the_breaker(server, status):
    server.behave("http_error", status=status)
    out, session, seconds = search(server.base_url)
    assert {row["triage_status"] for row in out} == {"unavailable"}
    assert f"provider answered HTTP {status}" in out[0]["triage_error"]
    assert len(server.chat_requests) <= POLICY.breaker_threshold + 8  # then nothing more is sent
    assert any("not asked again" in warning for warning in session.warnings)
    assert seconds < 5


def test_a_passing_503_is_retried(server):
    server.queue(Behaviour("http_error", status=503), Behaviour("http_error", status=503))
    out, _, _ = search(server.base_url)
    assert {row["triage_status"] for row in out} == {"ok"}


def test_connection_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free once closed: nothing listens there
    out, _, seconds = search(f"http://127.0.0.1:{port}/v1")
    assert {row["triage_status"] for row in out} == {"unavailable"}
    assert f"connection refused by 127.0.0.1:{port}" in out[0]["triage_error"]
    assert seconds < 5
    for row in out:
        assert_no_verdict_but_a_baseline(row)


def test_a_connection_reset_mid_body(server):
    server.behave("reset")
    out, _, seconds = search(server.base_url)
    assert {row["triage_status"] for row in out} == {"unavailable"}
    assert "broke" in out[0]["triage_error"]
    assert seconds < 5


@pytest.mark.parametrize("mode", ["endless", "hang"])
def test_a_response_that_never_ends_costs_about_one_timeout_not_one_per_row(server, mode):
    server.behave(mode)
    out, _, seconds = search(server.base_url, timeout=1)
    assert {row["triage_status"] for row in out} == {"unavailable"}
    assert "no complete answer from 127.0.0.1 within 1s" in out[0]["triage_error"]
    # 8 calls in flight time out together (1 s), which opens the breaker; rows x timeout would be 24 s.
    assert seconds < 4


@pytest.mark.parametrize(
    "mode, error",
    [
        ("truncated", "model answer was cut off at max_output_tokens"),
        ("invalid_json", "answer rejected: not valid JSON"),
        ("schema_violation", "answer rejected: $: missing next_action; $.verdict: 'definitely_malicious' is not"),
        ("empty", "model returned an empty answer"),
        ("bogus_evidence", "answer rejected: cites evidence not in the bundle: 'ev:00000000/invented_field'"),
    ],
)
def test_answers_that_are_refused_are_errors_and_not_retried(server, mode, error):
    server.behave(mode)
    out, _, seconds = search(server.base_url)
    # An answer that came but failed the checks is rejected; one that never came whole is an error.
    expected = "rejected" if error.startswith("answer rejected:") else "error"
    assert {row["triage_status"] for row in out} == {expected}
    assert all(row["triage_error"].startswith(error) for row in out)
    assert len(server.chat_requests) == ROWS  # the same evidence would get the same answer
    assert seconds < 5
    for row in out:
        assert_no_verdict_but_a_baseline(row)


def test_the_provider_going_down_halfway(server):
    def stop_before_third_chunk(number):
        if number == 2:
            server.stop()

    out, _, seconds = search(server.base_url, between_chunks=stop_before_third_chunk)
    statuses = [row["triage_status"] for row in out]
    assert statuses == ["ok"] * 2 * CHUNK + ["unavailable"] * (ROWS - 2 * CHUNK)
    assert all("connection refused by 127.0.0.1" in row["triage_error"] for row in out[2 * CHUNK :])
    assert seconds < 5
