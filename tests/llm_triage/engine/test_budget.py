from llm_triage.engine.budget import Budget, BudgetJudge
from llm_triage.engine.resilience import RetryPolicy
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.verdict.judge import Judgement
from tests.llm_triage.engine_fakes import ScriptedJudge, bundle, provider
from tests.llm_triage.triage_fakes import ScriptedProvider, configured, verdict_json


def ok(b):
    return Judgement("ok", prompt_tokens=80, completion_tokens=20, cost=0.5)


def test_a_token_budget_sends_what_fits_and_skips_the_rest_at_once():
    inner = ScriptedJudge(ok)
    judge = BudgetJudge(inner, Budget(max_tokens=350), estimate=lambda b: 100)
    results = judge.judge([bundle(f"b{i}") for i in range(5)])
    assert [r.status for r in results] == ["ok", "ok", "ok", "skipped_budget", "skipped_budget"]
    assert results[3].error == "token budget max_tokens=350 reached (0 spent); not sent"
    assert [r.asked for r in results] == [True, True, True, False, False]  # the audit trail: nothing left
    assert inner.calls == ["b0", "b1", "b2"] and judge.tokens == 300
    # Spent is settled from the answers: 300 of 350, so one more 100-token estimate no longer fits.
    assert judge.judge([bundle("b5")])[0].error == "token budget max_tokens=350 reached (300 spent); not sent"


def test_a_cost_budget_uses_the_dearer_price_for_its_estimate():
    config = provider(price_input_per_mtok=1.0, price_output_per_mtok=4.0)
    inner = ScriptedJudge(ok, config)
    judge = BudgetJudge(inner, Budget(max_cost=1.3), estimate=lambda b: 100_000)  # 0.4 each, estimated
    results = judge.judge([bundle(f"b{i}") for i in range(4)])
    assert [r.status for r in results] == ["ok", "ok", "ok", "skipped_budget"]
    assert judge.judge([bundle("b9")])[0].error == "cost budget max_cost=1.3 reached (1.5000 spent); not sent"


def test_no_budget_sends_everything():
    inner = ScriptedJudge(ok)
    results = BudgetJudge(inner, Budget(), estimate=lambda b: 10**9).judge([bundle(f"b{i}") for i in range(20)])
    assert {r.status for r in results} == {"ok"}


def rows(count):
    return [
        {"sourcetype": "OktaIM2:log", "row_id": str(i), "actor.alternateId": f"u{i}@example.com", "urgency": "high"}
        for i in range(count)
    ]


def test_a_search_budget_option_marks_rows_past_it_with_a_baseline_bucket():
    providers = []

    def factory(config):
        providers.append(ScriptedProvider(config, verdict_json))
        return providers[-1]

    # ScriptedProvider reports 140 tokens per call; every estimate is a few hundred tokens.
    session = TriageSession(
        TriageOptions(max_tokens=2000),
        SplunkdConfig(configured().fetch),
        provider_factory=factory,
        policy=RetryPolicy(base_delay=0.001),
    )
    out = list(session.triage(iter(rows(30))))
    statuses = [row["triage_status"] for row in out]
    assert 0 < statuses.count("ok") < 30 and set(statuses) == {"ok", "skipped_budget"}
    assert sum(int(row["triage_tokens"] or 0) for row in out) <= 2000
    skipped = next(row for row in out if row["triage_status"] == "skipped_budget")
    assert skipped["triage_error"].startswith("token budget max_tokens=2000 reached")
    assert (skipped["triage_source"], skipped["triage_bucket"]) == ("baseline", "needs_enrichment")
    assert len(providers[0].requests) == statuses.count("ok")
