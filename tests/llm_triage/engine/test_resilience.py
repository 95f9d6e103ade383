import random
import threading
import time

import pytest

from llm_triage.engine.resilience import GuardedJudge, Guards, RetryPolicy, estimate_tokens
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


# -- with a deadline (the endpoint's, from the search waiting for the answer) no call ends after it ------------


def bounded(answers, config, deadline_in, clock=None, policy=None):
    """A guarded judge whose calls must end within `deadline_in` seconds of now, on a fake clock."""
    answers = iter(answers)
    clock = clock or FakeClock()
    policy = policy or RetryPolicy()
    judge = ScriptedJudge(lambda b: next(answers), config)
    guards = Guards.for_provider(config, policy, clock=clock, sleep=clock.sleep)
    deadline = None if deadline_in is None else clock() + deadline_in
    g = GuardedJudge(
        judge, policy, clock=clock, sleep=clock.sleep, jitter=lambda: 0.5, guards=guards, deadline=deadline
    )
    return g, judge, clock


def test_a_request_the_rate_limits_would_keep_past_its_deadline_is_not_sent_and_says_the_provider_is_busy():
    config = provider(requests_per_minute=1, timeout=30)
    g, judge, clock = bounded([OK, OK], config, deadline_in=40.0)  # let through by 10 s from now at the latest
    assert g.judge([bundle("a")])[0] is OK  # the minute's one request
    [late] = g.judge([bundle("b")])
    assert late.status == "unavailable" and not late.asked
    assert late.error.startswith("provider lab was busy: not sent, as no slot or rate-limit turn came in time")
    assert judge.calls == [bundle("a").hash] and clock.sleeps == []
    assert g.breaker.allow() and g.attempts == 1  # a busy provider is not a failing one


def test_a_request_too_late_for_a_whole_call_is_not_sent_even_with_a_free_slot():
    g, judge, _ = bounded([OK], provider(timeout=30), deadline_in=29.0)
    [late] = g.judge([bundle("a")])
    assert "too little of the search's wait was left for a call of up to 30s" in late.error and judge.calls == []


def test_without_a_deadline_the_same_request_waits_its_turn():
    config = provider(requests_per_minute=1)
    g, judge, clock = bounded([OK, OK], config, deadline_in=None)
    assert [j.status for j in g.judge([bundle("a"), bundle("b")])] == ["ok", "ok"]
    assert clock.sleeps == [60.0]


def test_a_retry_the_rate_limits_would_keep_past_the_time_out_is_not_made_and_the_row_says_so():
    config = provider(requests_per_minute=1, timeout=30)
    g, judge, clock = bounded([failed("unavailable", "HTTP 503"), OK], config, deadline_in=1000.0)
    [result] = g.judge([bundle("b")])
    assert result.error == "HTTP 503 (1 attempt; the provider was busy for another in time)"
    assert len(judge.calls) == 1 and g.retries == 0
    assert clock.sleeps == [0.375]  # the backoff, then no 60 s wait for the next request of the minute


def test_a_retry_that_could_not_end_by_the_deadline_is_not_made():
    g, judge, clock = bounded([failed("unavailable", "HTTP 503"), OK], provider(timeout=30), deadline_in=30.2)
    [result] = g.judge([bundle("b")])  # the first call could end by the deadline; a second could not
    assert len(judge.calls) == 1 and "busy for another in time" in result.error


def test_a_wait_for_the_first_call_does_not_spend_the_time_its_retries_have():
    config = provider(timeout=20)
    g, judge, clock = bounded([failed("unavailable", "HTTP 503"), OK], config, deadline_in=100.0)
    g.limiter.hold(25.0)  # the provider asked everyone to wait, longer than a time-out
    [result] = g.judge([bundle("b")])
    assert result is OK and len(judge.calls) == 2
    assert clock.sleeps == [25.0, 0.375]


def test_a_probe_that_gets_no_turn_hands_the_breaker_back_instead_of_holding_it_half_open():
    config = provider(requests_per_minute=1, timeout=5)
    policy = RetryPolicy(breaker_threshold=1, breaker_cooldown=30.0)
    clock = FakeClock()
    answers = iter([failed("unavailable", "HTTP 503"), OK, OK])
    inner = ScriptedJudge(lambda b: next(answers), config)
    guards = Guards.for_provider(config, policy, clock=clock, sleep=clock.sleep)

    def judge(deadline_in):  # type: ignore[no-untyped-def]
        return GuardedJudge(
            inner, policy, clock=clock, sleep=clock.sleep, jitter=lambda: 0.5, guards=guards,
            deadline=clock() + deadline_in,
        )  # fmt: skip

    judge(100.0).judge([bundle("a")])  # fails: the breaker opens, and the minute's one request is spent
    assert guards.breaker.state == "open"
    clock.now += 30.0  # the cool-down passed: the next request is the probe...
    [probe] = judge(15.0).judge([bundle("probe")])  # ...and the rate limits keep it 30 s more: not sent
    assert "was busy" in probe.error and guards.breaker.state == "open"
    [next_one] = judge(100.0).judge([bundle("next")])  # the next request probes at once, and closes it
    assert next_one is OK and guards.breaker.state == "closed"


def test_a_wait_for_a_slot_leaves_only_what_is_left_for_the_rate_limits():
    config = provider(max_concurrency=1, timeout=1)
    guards = Guards.for_provider(config, RetryPolicy())
    release = threading.Event()
    inner = ScriptedJudge(lambda b: (release.wait(0.3) if b.hash == "slow" else None) or OK, config)
    holder = threading.Thread(target=lambda: GuardedJudge(inner, guards=guards, search="a").judge([bundle("slow")]))
    holder.start()
    while guards.gate.in_flight == 0:
        time.sleep(0.001)
    guards.limiter.hold(0.6)  # the provider asked everyone to wait 0.6 s, from now
    started = time.monotonic()
    late = GuardedJudge(inner, guards=guards, search="b", deadline=started + 1.5)  # let through by 0.5 s
    [result] = late.judge([bundle("late")])
    took = time.monotonic() - started
    holder.join()
    assert took < 0.5 + 0.1, f"let through after {took:.2f}s, past the 0.5 s it had"
    assert result.status == "unavailable" and "was busy" in result.error


@pytest.mark.parametrize("seed", range(40))
def test_no_call_ends_after_the_deadline(seed):
    """Answers that are slow, refused, unavailable or ask to wait, under rate limits: whatever the calls of a
    request do, each ends by the deadline (a call lasts at most its time-out)."""
    rng = random.Random(seed)
    config = provider(timeout=rng.choice([5.0, 30.0]), requests_per_minute=rng.choice([0, 1, 2, 30]))
    clock = FakeClock()
    ends: list = []

    def answer(b):  # type: ignore[no-untyped-def]
        clock.now += rng.uniform(0, config.timeout)
        ends.append(clock())
        return rng.choice(
            [
                OK,
                failed("unavailable", "HTTP 503"),
                failed("unavailable", "HTTP 429", http_status=429, retry_after=rng.uniform(0, 40)),
                failed("error", "rejected"),
            ]
        )

    policy = RetryPolicy(breaker_threshold=1000)
    judge = ScriptedJudge(answer, config)
    guards = Guards.for_provider(config, policy, clock=clock, sleep=clock.sleep)
    for number in range(30):
        deadline = clock() + rng.choice([0.0, 3.0, 2 * config.timeout, 60.0, 100.0])
        g = GuardedJudge(judge, policy, clock=clock, sleep=clock.sleep, guards=guards, deadline=deadline)
        ends.clear()
        g.judge([bundle(f"{seed}-{number}")])
        assert all(end <= deadline + 1e-9 for end in ends)
