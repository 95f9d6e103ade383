"""Batching end to end against the loopback OpenAI-compatible server: N distinct bundles with batch_size
B make ceil(N/B) chat requests, every row comes back in order with its own verdict, and the rows'
tokens add up to what the server reported."""

import math
from collections import OrderedDict

import pytest

from llm_triage.engine.resilience import RetryPolicy
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.verdict.prompt import BATCH_PROMPT, DEFAULT_PROMPT, load_prompt
from tests.llm_triage.triage_fakes import configured
from tests.servers.judge import batch_sections, bundle_refs
from tests.servers.openai_compat import Behaviour, OpenAICompatServer, _completion

POLICY = RetryPolicy(base_delay=0.05, max_delay=0.1, max_retry_after=2.0, breaker_cooldown=600)


def alert_rows(count):
    return [
        OrderedDict(
            [
                ("sourcetype", "OktaIM2:log"),
                ("row_id", str(i)),
                ("eventType", "user.session.start"),
                ("actor.alternateId", f"user{i}@example.com"),
                ("client.ipAddress", f"198.51.100.{i % 250}"),
            ]
        )
        for i in range(count)
    ]


def search(base_url, batch_size, rows):
    """One search over `rows` in one chunk (as splunkd sends up to 6,000 rows a chunk)."""
    splunkd = configured(base_url=base_url)
    splunkd.confs["llm_triage_providers"]["lab"]["batch_size"] = str(batch_size)
    splunkd.confs["llm_triage_settings"]["triage"]["cache_ttl"] = "0"
    session = TriageSession(TriageOptions(), SplunkdConfig(splunkd.fetch), policy=POLICY)
    out = list(session.triage(iter(rows)))
    session.close()
    assert [row["row_id"] for row in out] == [row["row_id"] for row in rows]
    return out, session


@pytest.fixture
def server():
    with OpenAICompatServer() as running:
        yield running


@pytest.mark.parametrize("count, batch_size", [(23, 5), (20, 10), (7, 1), (3, 20)])
def test_n_bundles_make_ceil_n_over_b_requests_and_every_row_comes_back(server, count, batch_size):
    out, session = search(server.base_url, batch_size, alert_rows(count))
    assert len(server.chat_requests) == math.ceil(count / batch_size)
    assert {row["triage_status"] for row in out} == {"ok"}
    # Each verdict cites only its own bundle's evidence (one event ref per row, a different one for each).
    events = [{ref.split("/")[0] for ref in row["triage_evidence"]} for row in out]
    assert all(len(event) == 1 for event in events) and len(set.union(*events)) == count
    expected_prompt = load_prompt(BATCH_PROMPT if batch_size > 1 else DEFAULT_PROMPT).label
    assert {row["triage_prompt_version"] for row in out} == {expected_prompt}
    assert session.accounting.tokens == sum(int(row["triage_tokens"]) for row in out)


def offers(body, refs):
    """Whether a batch request's sections hold every one of `refs` as evidence."""
    return set(refs) <= {
        ref for _, evidence in batch_sections(body["messages"][1]["content"]) for ref in bundle_refs(evidence)
    }


def test_each_row_gets_the_verdict_of_its_own_section(server):
    rows = alert_rows(6)
    rows[4]["eventType"] = "policy.evaluate_sign_on"
    rows[4]["outcome.reason"] = "Sign-in without MFA from new ASN"  # the fake model's malicious keyword
    out, _ = search(server.base_url, 3, rows)
    assert [row["triage_verdict"] for row in out] == ["benign"] * 4 + ["malicious", "benign"]
    # The two batch requests run concurrently and may arrive in either order: take the second half's.
    body = next(request.body for request in server.chat_requests if offers(request.body, out[3]["triage_evidence"]))
    assert body["response_format"]["json_schema"]["name"] == "triage_verdicts"
    sections = body["messages"][1]["content"].count('<evidence id="alert_')
    assert sections == 3
    schema = body["response_format"]["json_schema"]["schema"]
    sections = dict(batch_sections(body["messages"][1]["content"]))
    for item, row in zip(schema["required"], out[3:]):
        assert row["triage_evidence"] and set(row["triage_evidence"]) <= set(bundle_refs(sections[item]))


def test_the_rows_tokens_add_up_to_what_the_server_reported(server):
    out, session = search(server.base_url, 4, alert_rows(10))
    reported = 0
    for request in server.chat_requests:
        answer = _answer_usage(server, request)
        reported += answer
    assert sum(int(row["triage_tokens"]) for row in out) == reported == session.accounting.tokens


def _answer_usage(server, request):
    """The usage the server put in its answer to `request` (it answers the same request the same way)."""
    completion = _completion("judge", request.body)
    return completion["usage"]["prompt_tokens"] + completion["usage"]["completion_tokens"]


def test_one_broken_verdict_in_a_batch_costs_only_its_row(server):
    server.queue(Behaviour("bogus_evidence"))
    out, _ = search(server.base_url, 5, alert_rows(5))
    assert [row["triage_status"] for row in out] == ["rejected", "ok", "ok", "ok", "ok"]
    assert out[0]["triage_error"].startswith("answer rejected: cites evidence not in the bundle")
    assert out[0]["triage_source"] == "baseline" and len(server.chat_requests) == 1


def test_a_failed_batch_request_is_retried_as_one_request(server):
    server.queue(Behaviour("http_error", status=503))
    out, _ = search(server.base_url, 5, alert_rows(10))
    assert {row["triage_status"] for row in out} == {"ok"}
    assert len(server.chat_requests) == 3  # two batches, one of them asked twice
    assert [r.body["messages"][1]["content"].count('<evidence id="') for r in server.chat_requests] == [5, 5, 5]
