"""Every provider type, against its own loopback server, through the real triage seam (ProviderJudge with
the shipped prompt and the wire schema): same verdicts, same accounting, same failure statuses, no key
anywhere in what comes back.
"""

import json
from pathlib import Path

import pytest

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.providers import PROVIDER_TYPES, create_provider
from llm_triage.splunkd.settings import provider_from_conf
from llm_triage.verdict.judge import ProviderJudge, usage_cost
from llm_triage.verdict.prompt import load_prompt
from tests.servers.provider_servers import (
    CREDENTIAL_STATUSES,
    UNAVAILABLE_STATUSES,
    model_requests,
    serving,
)
from tests.servers.provider_servers import (
    PROVIDER_TYPES as SERVED_TYPES,
)
from tools.harness.inputs import read_rows

KEY = "sk-shared-sentinel-0123456789abcdef"
SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "alerts.jsonl"
PRICES = {"price_input_per_mtok": "3", "price_output_per_mtok": "15"}
# What each sample, in file order, was written to be (the loopback judge's keyword rules find it).
EXPECTED = ["malicious"] * 4 + ["benign"] * 3 + ["benign", "malicious", "suspicious", "malicious", "malicious"]
EXPECTED += ["benign", "benign"]


def bundles():
    return [build_bundle(row, select_profile(row)) for row in read_rows(SAMPLES)]


def judge_for(stanza, key=KEY, **changes):
    settings = dict(stanza, **PRICES)
    settings.update(changes)
    return ProviderJudge(create_provider(provider_from_conf("shared", settings, api_key=key)), load_prompt())


def test_every_registered_type_has_a_loopback_server():
    assert set(PROVIDER_TYPES) == set(SERVED_TYPES)


@pytest.mark.parametrize("provider_type", SERVED_TYPES)
def test_the_sample_alerts_are_triaged_with_usage_and_cost(provider_type):
    with serving(provider_type, api_key=KEY) as (server, stanza):
        judge = judge_for(stanza)
        judgements = judge.judge(bundles())
        sent = model_requests(server)
    assert [j.status for j in judgements] == ["ok"] * len(judgements), [j.error for j in judgements]
    assert [j.fields["triage_verdict"] for j in judgements] == EXPECTED
    assert len(sent) == len(judgements)
    for judgement in judgements:
        assert judgement.prompt_tokens > 0 and judgement.completion_tokens > 0
        assert judgement.cost == usage_cost(judge.provider, judgement.prompt_tokens, judgement.completion_tokens) > 0
        assert judgement.latency_ms >= 0 and judgement.model
    assert all(KEY not in json.dumps(j.fields) for j in judgements)


@pytest.mark.parametrize("provider_type", SERVED_TYPES)
def test_extra_headers_reach_the_server_and_cannot_replace_the_credentials(provider_type):
    headers = json.dumps({"X-Tenant": "soc-eu", "authorization": "Bearer nope", "X-Api-Key": "nope", "API-KEY": "nope"})
    with serving(provider_type, api_key=KEY) as (server, stanza):
        [judgement] = judge_for(stanza, extra_headers=headers).judge(bundles()[:1])
        [request] = model_requests(server)
    assert judgement.status == "ok", judgement.error
    assert request.header("X-Tenant") == "soc-eu"
    own = {"azure_openai": ("api-key", KEY), "anthropic": ("x-api-key", KEY)}
    name, value = own.get(provider_type, ("authorization", f"Bearer {KEY}"))
    assert request.header(name) == value


def failure_cases():
    for provider_type in SERVED_TYPES:
        for status in UNAVAILABLE_STATUSES[provider_type]:
            yield pytest.param(provider_type, "http_error", status, "unavailable", id=f"{provider_type}-{status}")
        for status in CREDENTIAL_STATUSES[provider_type]:
            yield pytest.param(provider_type, "http_error", status, "error", id=f"{provider_type}-{status}")
        for mode in ("empty", "truncated", "refusal", "invalid_json"):
            # An answer that came but is not JSON fails the answer's checks: rejected (Ollama's refusal
            # comes as plain text in the message, so it is one too; Anthropic's prose instead of the
            # verdict tool is the provider's error, found before any answer is checked).
            rejected = (mode == "invalid_json" and provider_type != "anthropic") or (
                mode == "refusal" and provider_type == "ollama"
            )
            expected = "rejected" if rejected else "error"
            yield pytest.param(provider_type, mode, 0, expected, id=f"{provider_type}-{mode}")
        yield pytest.param(provider_type, "reset", 0, "unavailable", id=f"{provider_type}-reset")


@pytest.mark.parametrize("provider_type, mode, status, expected", list(failure_cases()))
def test_failures_map_to_the_same_status_for_every_type_and_never_show_the_key(provider_type, mode, status, expected):
    with serving(provider_type, api_key=KEY) as (server, stanza):
        server.behave(mode, status=status or 500, retry_after=3 if status in (429, 503, 529) else None)
        [judgement] = judge_for(stanza).judge(bundles()[:1])
    assert judgement.status == expected, judgement.error
    assert judgement.error and KEY not in judgement.error and KEY[-6:] not in judgement.error
    if status:
        assert judgement.http_status == status
    if status in (401, 403):
        assert judgement.error == f"provider rejected the credentials (HTTP {status})"
    if status in (429, 503, 529):
        assert judgement.retry_after == 3.0 and "retry after 3s" in judgement.error


@pytest.mark.parametrize("provider_type", SERVED_TYPES)
def test_a_wrong_key_is_an_error_that_does_not_echo_it(provider_type):
    wrong = "sk-wrong-0123456789abcdefWXYZ"
    with serving(provider_type, api_key=KEY) as (_server, stanza):
        [judgement] = judge_for(stanza, key=wrong).judge(bundles()[:1])
    expected = "error"
    assert judgement.status == expected
    assert judgement.error == "provider rejected the credentials (HTTP 401)"


@pytest.mark.parametrize("provider_type", SERVED_TYPES)
def test_a_hung_server_is_unavailable_after_the_timeout(provider_type):
    with serving(provider_type, api_key=KEY) as (server, stanza):
        server.behave("hang")
        [judgement] = judge_for(stanza, timeout="1").judge(bundles()[:1])
    assert judgement.status == "unavailable"
    assert judgement.error == "no complete answer from 127.0.0.1 within 1s"
