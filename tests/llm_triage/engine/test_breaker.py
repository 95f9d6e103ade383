from llm_triage.engine.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker
from tests.llm_triage.engine_fakes import FakeClock


def test_opens_after_threshold_failures_in_a_row_and_refuses_at_once():
    clock = FakeClock()
    breaker = CircuitBreaker(threshold=3, cooldown=30, clock=clock)
    for _ in range(2):
        assert breaker.allow()
        breaker.failed("HTTP 503")
    assert breaker.state == CLOSED
    breaker.failed("HTTP 503")
    assert breaker.state == OPEN and not breaker.allow()
    assert breaker.refusal("lab") == (
        "provider 'lab' unavailable: 3 failures in a row (last: HTTP 503); not asked again for 30s"
    )


def test_a_success_resets_the_count():
    breaker = CircuitBreaker(threshold=3, clock=FakeClock())
    for _ in range(10):
        breaker.failed("x")
        breaker.failed("x")
        breaker.succeeded()
    assert breaker.state == CLOSED


def test_half_open_lets_one_probe_through_after_the_cooldown():
    clock = FakeClock()
    breaker = CircuitBreaker(threshold=1, cooldown=30, clock=clock)
    breaker.failed("down")
    clock.now += 29.9
    assert not breaker.allow()
    clock.now += 0.1
    assert breaker.allow() and breaker.state == HALF_OPEN
    assert not breaker.allow()  # only one probe
    breaker.failed("still down")
    assert breaker.state == OPEN and not breaker.allow()
    clock.now += 30
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.state == CLOSED and breaker.allow()
    assert breaker.times_opened == 1
