import threading
import time

from llm_triage.engine.concurrency import ConcurrentJudge
from llm_triage.engine.stream import TriageEngine
from llm_triage.verdict.judge import Judgement, failed
from tests.llm_triage.engine_fakes import ScriptedJudge, bundle


def ok(b):
    return Judgement("ok", fields={"triage_verdict": "benign", "for": b.hash}, model="m", prompt_tokens=10)


def test_judgements_come_back_for_the_right_bundles_in_any_order_of_completion():
    judge = ScriptedJudge(ok)
    engine = TriageEngine(judge, group_size=3)
    tickets = [engine.ticket(bundle(f"b{i}")) for i in range(10)]
    assert [engine.result(t).fields["for"] for t in tickets] == [f"b{i}" for i in range(10)]
    engine.close()


def test_identical_bundles_are_judged_once_and_repeats_share_the_answer():
    judge = ScriptedJudge(ok)
    engine = TriageEngine(judge, group_size=4)
    tickets = [engine.ticket(bundle(f"b{i % 3}")) for i in range(12)]
    results = [engine.result(t) for t in tickets]
    assert sorted(judge.calls) == ["b0", "b1", "b2"]
    assert [t.repeat for t in tickets] == [False] * 3 + [True] * 9
    assert results[0] is results[3] and (engine.distinct, engine.repeats) == (3, 9)


def test_unavailable_answers_are_not_remembered_so_a_repeat_asks_again():
    answers = iter([failed("unavailable", "down"), ok(bundle("b0"))])
    judge = ScriptedJudge(lambda b: next(answers))
    engine = TriageEngine(judge, group_size=1)
    first = engine.result(engine.ticket(bundle("b0")))
    second_ticket = engine.ticket(bundle("b0"))
    assert first.status == "unavailable"
    assert not second_ticket.repeat and engine.result(second_ticket).status == "ok"
    assert judge.calls == ["b0", "b0"]


def test_the_memo_is_bounded_and_forgets_the_oldest():
    judge = ScriptedJudge(ok)
    engine = TriageEngine(judge, group_size=1, memo_size=2)
    for name in ("a", "b", "c", "a"):
        engine.result(engine.ticket(bundle(name)))
    assert judge.calls == ["a", "b", "c", "a"]


def test_a_judge_that_raises_costs_its_group_an_error_not_the_search():
    def explode(b):
        raise RuntimeError("bug")

    engine = TriageEngine(ScriptedJudge(explode), group_size=2)
    tickets = [engine.ticket(bundle(f"b{i}")) for i in range(3)]
    assert [engine.result(t).error for t in tickets] == ["internal error: RuntimeError"] * 3


def test_concurrency_never_exceeds_the_providers_bound_and_is_used():
    judge = ScriptedJudge(ok, delay=0.05)
    concurrent = ConcurrentJudge(judge, max_concurrency=4)
    engine = TriageEngine(concurrent, group_size=8, group_threads=4)
    started = time.monotonic()
    tickets = [engine.ticket(bundle(f"b{i}")) for i in range(32)]
    results = [engine.result(t) for t in tickets]
    elapsed = time.monotonic() - started
    assert judge.peak == 4
    assert len(results) == 32 and elapsed < 32 * 0.05 / 2
    concurrent.close()


def test_a_concurrent_judge_that_raises_logs_a_scrubbed_trace_and_marks_the_bundle(caplog):
    def explode(b):
        raise KeyError("secret-value-123")

    concurrent = ConcurrentJudge(ScriptedJudge(explode), max_concurrency=2, scrub=lambda t: t.replace("secret", "[x]"))
    with caplog.at_level("ERROR", logger="llm_triage"):
        [result] = concurrent.judge([bundle("b")])
    assert result.error == "internal error: KeyError"
    assert "[x]-value-123" in caplog.text and "secret-value" not in caplog.text


def test_results_wait_for_slow_groups_while_other_groups_run():
    release = threading.Event()

    def slow_first(b):
        if b.hash == "b0":
            release.wait(2)
        return ok(b)

    engine = TriageEngine(ConcurrentJudge(ScriptedJudge(slow_first), max_concurrency=4), group_size=1)
    tickets = [engine.ticket(bundle(f"b{i}")) for i in range(4)]
    assert engine.result(tickets[3]).fields["for"] == "b3"  # not held up by b0
    release.set()
    assert engine.result(tickets[0]).fields["for"] == "b0"
