"""Rows leaving the window in order while their slow work (enrichment) runs side by side."""

import threading
import time

from llm_triage.search.finishing import NOTHING_TO_DO, InOrder


def test_items_leave_in_order_each_once_its_own_work_is_done():
    in_order: InOrder[int] = InOrder(lambda: 4, max_waiting=100)
    out = []
    for index in range(10):
        # Later items finish first: the even ones sleep longer than the odd ones, which have no work at all.
        work = (lambda index=index: time.sleep(0.05 * (10 - index)) or index * 10) if index % 2 == 0 else None
        out.extend(in_order.add(index, work))
    out.extend(in_order.drain())
    in_order.close()
    assert [item for item, _ in out] == list(range(10))
    assert [outcome.value for _, outcome in out] == [index * 10 if index % 2 == 0 else None for index in range(10)]
    assert all(outcome is NOTHING_TO_DO for index, (_, outcome) in enumerate(out) if index % 2)


def test_at_most_workers_run_at_once_and_at_most_ahead_are_handed_out():
    lock = threading.Lock()
    running, most, release = [0], [0], threading.Event()

    def work() -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        release.wait(5)
        with lock:
            running[0] -= 1

    in_order: InOrder[int] = InOrder(lambda: 2, max_waiting=100)
    left = []
    for index in range(4):
        left.extend(in_order.add(index, work))
    assert left == []  # four handed out (twice the workers), none done: none leaves yet
    release.set()
    left.extend(item for item, _ in in_order.add(4, work))  # a fifth: past twice the workers, the oldest waited for
    assert left[:1] == [0]
    left.extend(item for item, _ in in_order.drain())
    in_order.close()
    assert left == [0, 1, 2, 3, 4] and most[0] == 2


def test_a_work_that_raises_gives_its_item_the_exception_and_where_it_was_raised():
    in_order: InOrder[str] = InOrder(lambda: 2, max_waiting=10)

    def broken() -> None:
        raise KeyError("field")

    out = list(in_order.add("a", broken)) + list(in_order.add("b", lambda: "fine")) + list(in_order.drain())
    in_order.close()
    (_, failed), (_, fine) = out
    assert isinstance(failed.error, KeyError) and "in broken" in failed.trace
    assert fine.value == "fine" and fine.error is None


def test_at_most_max_waiting_items_wait_behind_a_slow_one():
    in_order: InOrder[int] = InOrder(lambda: 1, max_waiting=3)
    gate = threading.Event()
    assert list(in_order.add(0, lambda: gate.wait(5))) == []
    assert list(in_order.add(1, None)) == [] and list(in_order.add(2, None)) == []
    threading.Timer(0.05, gate.set).start()
    assert [item for item, _ in in_order.add(3, None)] == [0, 1, 2, 3]  # a fourth waiting: the slow one is waited for
    in_order.close()
