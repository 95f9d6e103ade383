import pytest

from llm_triage.engine.fairness import NoTurn
from llm_triage.engine.ratelimit import ProviderLimiter, TokenBucket
from tests.llm_triage.engine_fakes import FakeClock


def test_a_bucket_bursts_a_minutes_worth_then_refills_at_its_rate():
    clock = FakeClock()
    bucket = TokenBucket(60, clock)
    for _ in range(60):
        assert bucket.wait_for(1) == 0
        bucket.take(1)
    assert bucket.wait_for(1) == 1.0  # one a second
    clock.now += 0.5
    assert bucket.wait_for(1) == 0.5


def test_requests_per_minute_spread_calls_out():
    clock = FakeClock()
    limiter = ProviderLimiter(requests_per_minute=120, tokens_per_minute=0, clock=clock, sleep=clock.sleep)
    for _ in range(130):
        limiter.acquire(0)
    assert abs(sum(clock.sleeps) - 10 * 0.5) < 1e-6  # ten calls past the burst, half a second each


def test_tokens_per_minute_count_the_estimate_and_settle_the_real_use():
    clock = FakeClock()
    limiter = ProviderLimiter(requests_per_minute=0, tokens_per_minute=6000, clock=clock, sleep=clock.sleep)
    limiter.acquire(5000)
    limiter.settle(5000, 6000)  # used more than estimated: the bucket is now empty
    limiter.acquire(100)
    assert abs(sum(clock.sleeps) - 1.0) < 1e-6  # 100 tokens at 100 a second


def test_a_call_larger_than_the_bucket_still_goes_and_the_next_waits_until_it_is_paid_for():
    clock = FakeClock()
    limiter = ProviderLimiter(requests_per_minute=0, tokens_per_minute=600, clock=clock, sleep=clock.sleep)
    limiter.acquire(10_000)
    assert clock.sleeps == []
    limiter.acquire(10_000)
    assert abs(sum(clock.sleeps) - 1000.0) < 1e-6  # 10,000 tokens at 10 a second


def test_hold_pauses_everyone():
    clock = FakeClock()
    limiter = ProviderLimiter(0, 0, clock=clock, sleep=clock.sleep)
    limiter.hold(2.5)
    limiter.acquire(1)
    assert clock.sleeps == [2.5]


def test_no_limits_never_wait():
    clock = FakeClock()
    limiter = ProviderLimiter(0, 0, clock=clock, sleep=clock.sleep)
    for _ in range(1000):
        limiter.acquire(10**6)
    assert clock.sleeps == []


def test_a_request_the_limits_would_keep_past_its_patience_goes_at_once_and_counts_nothing():
    clock = FakeClock()
    limiter = ProviderLimiter(requests_per_minute=60, tokens_per_minute=0, clock=clock, sleep=clock.sleep)
    for _ in range(60):
        limiter.acquire(0)  # the burst, spent
    with pytest.raises(NoTurn):
        limiter.acquire(0, patience=0.5)  # the next slot is a second away
    assert clock.sleeps == []
    assert limiter.acquire(0, patience=1.0) == 1.0  # nothing was taken by the request that gave up
    assert clock.sleeps == [1.0]


def test_a_provider_hold_longer_than_the_patience_is_not_slept_through():
    clock = FakeClock()
    limiter = ProviderLimiter(requests_per_minute=0, tokens_per_minute=0, clock=clock, sleep=clock.sleep)
    limiter.hold(20.0)
    with pytest.raises(NoTurn):
        limiter.acquire(0, patience=5.0)
    assert clock.sleeps == []


def test_what_a_request_already_slept_counts_against_its_patience():
    clock = FakeClock()
    limiter = ProviderLimiter(requests_per_minute=0, tokens_per_minute=0, clock=clock, sleep=lambda s: None)

    def sleep(seconds: float) -> None:  # while it sleeps, the provider asks everyone to wait again
        clock.sleep(seconds)
        limiter.hold(1.0)

    limiter._sleep = sleep
    limiter.hold(1.0)
    with pytest.raises(NoTurn):
        limiter.acquire(0, patience=1.5)  # a second slept, then a second more would pass its 1.5 s
    assert clock.sleeps == [1.0]
