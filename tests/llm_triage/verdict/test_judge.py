from llm_triage.evidence.bundle import Limits, build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.providers.base import ProviderConfig, ProviderError
from llm_triage.verdict.judge import ProviderJudge, usage_cost
from llm_triage.verdict.prompt import load_prompt
from tests.llm_triage.triage_fakes import ScriptedProvider, verdict_json

PRICED = ProviderConfig(
    name="p",
    type="openai_compatible",
    base_url="https://x.example/v1",
    model="m1",
    api_key="sk-judge-sentinel",
    price_input_per_mtok=0.15,
    price_output_per_mtok=0.6,
)


def bundle():
    row = {"sourcetype": "aws:cloudtrail", "eventName": "ConsoleLogin", "sourceIPAddress": "203.0.113.9"}
    return build_bundle(row, select_profile(row, "auto"), Limits())


def test_cost_is_tokens_times_the_configured_price_per_million():
    assert usage_cost(PRICED, 1_000_000, 0) == 0.15
    assert usage_cost(PRICED, 100, 40) == (100 * 0.15 + 40 * 0.6) / 1e6


def test_an_accepted_answer_carries_its_verdict_and_accounting():
    judge = ProviderJudge(ScriptedProvider(PRICED, verdict_json), load_prompt())
    [judgement] = judge.judge([bundle()])
    assert judgement.status == "ok"
    assert judgement.fields["triage_bucket"] and not judgement.error
    assert (judgement.prompt_tokens, judgement.completion_tokens, judgement.tokens) == (100, 40, 140)
    assert judgement.cost == usage_cost(PRICED, 100, 40)


def test_a_refused_answer_is_still_accounted_for():
    judge = ProviderJudge(ScriptedProvider(PRICED, lambda request: "not json"), load_prompt())
    [judgement] = judge.judge([bundle()])
    assert (judgement.status, judgement.error) == ("rejected", "answer rejected: not valid JSON")
    assert judgement.tokens == 140 and judgement.cost > 0


def test_provider_failures_keep_their_status_and_retry_hint_but_never_the_key():
    error = ProviderError("slow down, sk-judge-sentinel", unavailable=True, status=429, retry_after=2.0)
    judge = ProviderJudge(ScriptedProvider(PRICED, lambda request: error), load_prompt())
    [judgement] = judge.judge([bundle()])
    assert (judgement.status, judgement.http_status, judgement.retry_after) == ("unavailable", 429, 2.0)
    assert "sk-judge-sentinel" not in judgement.error
