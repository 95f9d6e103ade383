"""The provider's fair gate: a bound on requests in flight across searches, and turns taken fairly."""

import threading
import time

import pytest

from llm_triage.engine.fairness import FairGate, NoTurn


def _wait_until(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def _waiters(gate):
    with gate._cond:
        return len(gate._waiting)


def test_no_more_than_capacity_in_flight_and_a_freed_slot_lets_the_next_in():
    gate = FairGate(2)
    assert gate.enter("a") is False
    gate.admitted()
    assert gate.enter("a") is False
    gate.admitted()
    entered = threading.Event()

    def third():
        gate.enter("b")
        gate.admitted()
        entered.set()

    thread = threading.Thread(target=third, daemon=True)
    thread.start()
    _wait_until(lambda: _waiters(gate) == 1)
    assert not entered.is_set() and gate.in_flight == 2
    gate.leave("a")
    thread.join(10)
    assert entered.is_set() and gate.in_flight == 2 and gate.queued == 1


def _order_of_turns(gate, queued):
    """Queue (search, user) requests behind a gate of one slot held by "blocker", in the given order; then
    end one call at a time and record the order the requests are let through."""
    order = []
    releases = []
    lock = threading.Lock()

    def request(search, user, release):
        gate.enter(search, user)
        with lock:
            order.append((search, release))
        gate.admitted()
        release.wait(10)
        gate.leave(search)

    threads = []
    for search, user in queued:
        release = threading.Event()
        releases.append(release)
        thread = threading.Thread(target=request, args=(search, user, release), daemon=True)
        thread.start()
        threads.append(thread)
        expected = len(threads)
        _wait_until(lambda expected=expected: _waiters(gate) == expected)  # arrivals in a known order
    gate.leave("blocker")
    for count in range(len(queued)):
        _wait_until(lambda count=count: len(order) == count + 1)
        order[-1][1].set()  # its call is over: the slot goes to the next turn
    for thread in threads:
        thread.join(10)
    return [search for search, _ in order]


def test_a_search_with_one_request_waiting_gets_every_other_turn_against_one_with_eight():
    gate = FairGate(1)
    gate.enter("blocker", "nobody")
    gate.admitted()
    queued = [("big", "ann")] * 8 + [("small", "bob")]
    order = _order_of_turns(gate, queued)
    # First come, first served would let "small" through last; taking turns lets it through second.
    assert order[:2] == ["big", "small"]
    assert order.count("big") == 8


def test_turns_alternate_between_searches_that_both_keep_requests_waiting():
    gate = FairGate(1)
    gate.enter("blocker", "nobody")
    gate.admitted()
    queued = [("one", "ann")] * 4 + [("two", "bob")] * 4
    assert _order_of_turns(gate, queued) == ["one", "two"] * 4


def test_a_user_naming_each_request_a_new_search_shares_turns_with_others_as_one():
    gate = FairGate(2)
    gate.enter("blocker", "nobody")
    gate.admitted()
    gate.enter("sneaky-0", "mallory")  # one of mallory's requests in flight
    gate.admitted()
    order = []

    done = threading.Event()

    def request(search, user):
        gate.enter(search, user)
        order.append(search)
        gate.admitted()
        done.wait(10)
        gate.leave(search)

    threads = [threading.Thread(target=request, args=(f"sneaky-{n}", "mallory"), daemon=True) for n in range(1, 4)]
    threads.append(threading.Thread(target=request, args=("honest", "bob"), daemon=True))
    for count, thread in enumerate(threads, start=1):
        thread.start()
        _wait_until(lambda count=count: _waiters(gate) == count)
    gate.leave("blocker")
    _wait_until(lambda: len(order) == 1)
    assert order == ["honest"]  # mallory already has one in flight; bob has none
    done.set()
    gate.leave("sneaky-0")
    for thread in threads:
        thread.join(10)
    assert sorted(order) == ["honest", "sneaky-1", "sneaky-2", "sneaky-3"]


def test_the_turn_is_held_until_admitted_so_the_rate_limits_are_passed_in_turn_order():
    gate = FairGate(4)
    gate.enter("a")
    second_in = threading.Event()

    def second():
        gate.enter("b")
        second_in.set()
        gate.admitted()

    thread = threading.Thread(target=second, daemon=True)
    thread.start()
    _wait_until(lambda: _waiters(gate) == 1)
    assert not second_in.is_set()  # slots are free, but "a" still holds the turn
    gate.admitted()
    thread.join(10)
    assert second_in.is_set()


# -- a request's patience: a search stops waiting for its answer, so its request leaves the queue unsent -----


def test_a_request_whose_patience_runs_out_leaves_the_queue_holding_nothing():
    gate = FairGate(1)
    gate.enter("busy")
    gate.admitted()
    started = time.monotonic()
    with pytest.raises(NoTurn):
        gate.enter("late", "ana", patience=0.05)
    assert 0.05 <= time.monotonic() - started < 5
    assert _waiters(gate) == 0 and gate.in_flight == 1
    with gate._cond:
        assert "late" not in gate._users  # nothing of it kept
    gate.leave("busy")
    assert gate.enter("next", patience=0) is False  # the slot and the turn are free again
    gate.admitted()
    assert gate.in_flight == 1


def test_one_request_giving_up_lets_the_one_behind_it_through():
    gate = FairGate(1)
    gate.enter("busy")
    gate.admitted()
    entered = threading.Event()

    def patient():
        gate.enter("patient")
        gate.admitted()
        entered.set()

    # The impatient request arrives first, so it would be served first.
    failures = []

    def impatient():
        try:
            gate.enter("impatient", patience=0.1)
        except NoTurn:
            failures.append("impatient")

    first = threading.Thread(target=impatient, daemon=True)
    first.start()
    _wait_until(lambda: _waiters(gate) == 1)
    second = threading.Thread(target=patient, daemon=True)
    second.start()
    first.join(10)
    assert failures == ["impatient"] and not entered.is_set()
    gate.leave("busy")
    second.join(10)
    assert entered.is_set() and gate.in_flight == 1
