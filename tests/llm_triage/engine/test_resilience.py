import pytest

from llm_triage.engine.resilience import GuardedJudge, RetryPolicy, estimate_tokens
from llm_triage.verdict.judge import Judgement, failed
from tests.llm_triage.engine_fakes import FakeClock, ScriptedJudge, bundle, provider

OK = Judgement("ok", fields={"triage_verdict": "benign"}, prompt_tokens=90, completion_tokens=10)


def guarded(answers, policy=None, config=None):
    answers = iter(answers)
    clock = FakeClock()
    judge = ScriptedJudge(lambda b: next(answers), config)
    return (
        GuardedJudge(judge, policy or RetryPolicy(), clock=clock, sleep=clock.sleep, jitter=lambda: 0.5),
        judge,
        clock,
    )


def test_unavailable_answers_are_retried_with_exponential_backoff_and_jitter():
    g, judge, clock = guarded([failed("unavailable", "HTTP 503"), failed("unavailable", "HTTP 503"), OK])
    assert g.judge([bundle("b")])[0] is OK
    assert len(judge.calls) == 3
    assert clock.sleeps == [0.375, 0.75]  # half the ceiling plus half of it again times the jitter


def test_retry_after_is_honoured_for_every_thread():
    g, judge, clock = guarded([failed("unavailable", "HTTP 429", http_status=429, retry_after=4.0), OK])
    assert g.judge([bundle("b")])[0] is OK
    assert clock.sleeps == [pytest.approx(4.0 + 0.5 * 0.4)]


def test_a_retry_after_longer_than_the_policy_allows_gives_up_at_once():
    g, judge, clock = guarded([failed("unavailable", "HTTP 429", http_status=429, retry_after=120.0)])
    [result] = g.judge([bundle("b")])
    assert result.status == "unavailable" and clock.sleeps == []
    assert result.error == "HTTP 429 (Retry-After 120s is longer than 30s; not retried)"


def test_after_the_last_attempt_the_row_says_how_many_were_made():
    g, judge, _ = guarded([failed("unavailable", "HTTP 500")] * 3)
    assert g.judge([bundle("b")])[0].error == "HTTP 500 (3 attempts)"


def test_refused_answers_are_not_retried():
    g, judge, _ = guarded([failed("error", "answer rejected: not valid JSON")])
    assert g.judge([bundle("b")])[0].error == "answer rejected: not valid JSON"
    assert len(judge.calls) == 1


def test_the_breaker_stops_retries_and_later_calls():
    policy = RetryPolicy(breaker_threshold=2)
    g, judge, _ = guarded([failed("unavailable", "refused")] * 10, policy)
    first, second = g.judge([bundle("a"), bundle("b")])
    assert first.status == second.status == "unavailable"
    assert len(judge.calls) == 2
    assert second.error == "provider 'lab' unavailable: 2 failures in a row (last: refused); not asked again for 30s"
    # The first row left twice before the breaker refused its third attempt; the second never left.
    assert (first.asked, second.asked) == (True, False)


def test_rate_limits_apply_to_every_attempt():
    config = provider(requests_per_minute=60)
    g, judge, clock = guarded([OK] * 61, config=config)
    g.judge([bundle(f"b{i}") for i in range(61)])
    assert sum(clock.sleeps) == 1.0


def test_the_estimate_counts_the_bundle_the_instructions_and_half_the_output_cap():
    b = bundle("x" * 10)
    assert estimate_tokens(b, provider(max_output_tokens=600), overhead_tokens=200) == len(b.text) // 4 + 200 + 300


def test_a_time_out_is_not_retried_because_the_time_for_this_answer_is_spent():
    clock = FakeClock()

    def timed_out(b):
        clock.now += 30
        return failed("unavailable", "no complete answer from 127.0.0.1 within 30s")

    g = GuardedJudge(ScriptedJudge(timed_out), RetryPolicy(), clock=clock, sleep=clock.sleep, jitter=lambda: 0.5)
    assert g.judge([bundle("b")])[0].error == "no complete answer from 127.0.0.1 within 30s (1 attempt)"


def test_retries_stop_when_the_next_wait_would_pass_the_time_out():
    g, judge, clock = guarded([failed("unavailable", "HTTP 429", retry_after=20.0)] * 3, config=provider(timeout=30))
    g.judge([bundle("b")])
    assert len(judge.calls) == 2  # 20 s, then another 20 s would pass 30 s
