"""A breaker opened on one search head opens the others' for what is left of its cool-down."""

from llm_triage.engine.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker
from llm_triage.engine.shared_breaker import STALE_SECONDS, SharedBreakers
from tests.llm_triage.engine_fakes import FakeClock


class Memory:
    def __init__(self):
        self.records = {}
        self.down = False

    def save(self, record):
        if self.down:
            raise RuntimeError("down")
        self.records[record["_key"]] = dict(record)

    def all(self):
        if self.down:
            raise RuntimeError("down")
        return list(self.records.values())

    def delete(self, key):
        self.records.pop(key, None)


class Store:
    """The BreakerStore protocol over Memory (`records` is the protocol's name for reading them all)."""

    def __init__(self, memory):
        self.memory = memory
        self.save = memory.save
        self.records = memory.all
        self.delete = memory.delete


def test_a_tripped_breaker_refuses_until_what_is_left_of_the_cooldown_then_probes():
    clock = FakeClock()
    breaker = CircuitBreaker(threshold=5, cooldown=30.0, clock=clock)
    assert breaker.trip("connection refused", 12.0) is True
    assert breaker.state == OPEN and not breaker.allow()
    assert "connection refused" in breaker.refusal("lab")
    clock.now += 11.9
    assert not breaker.allow()
    clock.now += 0.2
    assert breaker.allow() and breaker.state == HALF_OPEN
    breaker.succeeded()
    assert breaker.state == CLOSED
    assert breaker.trip("again", 5.0) and not breaker.trip("and again", 5.0)  # only a closed breaker trips


def test_another_processs_open_breaker_opens_this_one_and_its_own_record_does_not():
    wall = FakeClock()
    memory = Memory()
    here = SharedBreakers(Store(memory), "sh1", "p1", clock=wall)
    there = SharedBreakers(Store(memory), "sh2", "p2", clock=wall)
    here.publish("lab", "HTTP 503", 30.0)
    own = CircuitBreaker(clock=FakeClock())
    assert here.apply("lab", own) is False and own.state == CLOSED  # its own news
    other = CircuitBreaker(clock=FakeClock())
    assert there.apply("lab", other) is True and other.state == OPEN
    assert "HTTP 503 (seen by another search head)" in other.refusal("lab")
    assert there.apply("other-provider", CircuitBreaker()) is False


def test_records_are_read_at_most_every_sync_interval_and_an_ended_cooldown_opens_nothing():
    wall = FakeClock()
    memory = Memory()
    there = SharedBreakers(Store(memory), "sh2", "p2", clock=wall, sync_seconds=5.0)
    assert there.apply("lab", CircuitBreaker()) is False  # read now: nothing open
    SharedBreakers(Store(memory), "sh1", "p1", clock=wall).publish("lab", "down", 30.0)
    assert there.apply("lab", CircuitBreaker()) is False  # not read again yet
    wall.now += 5
    assert there.apply("lab", CircuitBreaker()) is True
    wall.now += 30
    assert there.apply("lab", CircuitBreaker()) is False


def test_stale_records_are_removed_and_a_store_that_is_down_only_loses_the_sharing():
    wall = FakeClock()
    memory = Memory()
    SharedBreakers(Store(memory), "sh1", "p1", clock=wall).publish("lab", "down", 30.0)
    wall.now += STALE_SECONDS + 60
    reader = SharedBreakers(Store(memory), "sh2", "p2", clock=wall)
    assert reader.apply("lab", CircuitBreaker()) is False and memory.records == {}
    memory.down = True
    publisher = SharedBreakers(Store(memory), "sh1", "p1", clock=wall)
    publisher.publish("lab", "down", 30.0)
    assert "not shared" in publisher.last_problem
    wall.now += 10
    assert reader.apply("lab", CircuitBreaker()) is False and "unreadable" in reader.last_problem
