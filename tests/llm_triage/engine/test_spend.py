"""Daily caps from usage records summed across processes: no shared counter, bounded overshoot."""

import pytest

from llm_triage.engine.spend import RETRY_SECONDS, Caps, DailyCapJudge, SpendLedger, utc_day
from llm_triage.evidence.fields import STATUS_OK, STATUS_SKIPPED_DAILY_COST, STATUS_SKIPPED_DAILY_QUOTA
from llm_triage.verdict.judge import Judgement
from tests.llm_triage.engine_fakes import FakeClock, ScriptedJudge, bundle, provider

DAY_START = 1_796_342_400.0  # 2026-12-04 00:00 UTC


class MemoryStore:
    """Usage records by key, as the KV store keeps them (a replace per key, no increment)."""

    def __init__(self):
        self.documents = {}
        self.saves = 0
        self.reads = 0
        self.down = False

    def save(self, records):
        if self.down:
            raise RuntimeError("down")
        self.saves += 1
        for record in records:
            self.documents[record["_key"]] = dict(record)

    def of_day(self, day):
        if self.down:
            raise RuntimeError("down")
        self.reads += 1
        return [dict(document) for document in self.documents.values() if document["day"] == day]


def clock_at(seconds=0.0):
    clock = FakeClock()
    clock.now = DAY_START + seconds
    return clock


def answered(cost=0.01, tokens=(400, 100)):
    return lambda b: Judgement(STATUS_OK, {}, "m1", tokens[0], tokens[1], 5, cost)


def test_a_cost_cap_reached_mid_search_refuses_the_rest_with_the_caps_name_and_every_bundle_comes_back():
    store, clock = MemoryStore(), clock_at(3600)
    ledger = SpendLedger(store, "sh1", "p1", clock=clock)
    config = provider(price_input_per_mtok=10.0, price_output_per_mtok=10.0)
    inner = ScriptedJudge(answered(cost=0.01), config)
    judge = DailyCapJudge(inner, ledger, "alice", Caps(cost_per_day=0.05), estimate=lambda b: 500)
    bundles = [bundle(f"b{i}") for i in range(10)]
    results = [judge.judge([b])[0] for b in bundles]  # one request after another, as a search sends them
    assert len(results) == 10
    statuses = [r.status for r in results]
    # Each reservation is 500 tokens at the dearer price: 0.005; each answer costs 0.01.
    assert statuses[:5] == [STATUS_OK] * 5 and set(statuses[5:]) == {STATUS_SKIPPED_DAILY_COST}
    assert "max_cost_per_day=0.05" in results[5].error and "'lab'" in results[5].error
    assert ledger.spent("lab")[0] == pytest.approx(0.05)
    assert inner.calls == [f"b{i}" for i in range(5)]


def test_a_users_token_quota_counts_every_provider_and_names_the_role():
    store, clock = MemoryStore(), clock_at()
    ledger = SpendLedger(store, "sh1", "p1", clock=clock)
    caps = Caps(tokens_per_day=1200, quota_role="llm_triage_analyst")
    first = DailyCapJudge(ScriptedJudge(answered(), provider(name="a")), ledger, "bob", caps, lambda b: 500)
    second = DailyCapJudge(ScriptedJudge(answered(), provider(name="b")), ledger, "bob", caps, lambda b: 500)
    assert first.judge([bundle("x")])[0].status == STATUS_OK  # 500 used
    assert second.judge([bundle("y")])[0].status == STATUS_OK  # 1000 used
    refused = second.judge([bundle("z")])[0]
    assert refused.status == STATUS_SKIPPED_DAILY_QUOTA and not refused.asked  # the audit trail: nothing left
    assert "'llm_triage_analyst'" in refused.error and "'bob'" in refused.error and "1000 tokens" in refused.error
    carol = DailyCapJudge(ScriptedJudge(answered(), provider(name="a")), ledger, "carol", caps, lambda b: 500)
    assert carol.judge([bundle("w")])[0].status == STATUS_OK  # a quota is each user's own


def test_requests_in_flight_are_reserved_so_they_cannot_pass_the_cap_together():
    store, clock = MemoryStore(), clock_at()
    ledger = SpendLedger(store, "sh1", "p1", clock=clock)
    caps = Caps(cost_per_day=1.0)
    admitted = [ledger.reserve("lab", "u", caps, 1000, 0.3)[0] for _ in range(5)]
    assert admitted == ["", "", "", STATUS_SKIPPED_DAILY_COST, STATUS_SKIPPED_DAILY_COST]
    ledger.settle("lab", "m1", "u", (1000, 0.3), (100, 0, 0.05))  # the answer cost less than reserved
    assert ledger.reserve("lab", "u", caps, 1000, 0.3)[0] == ""


def test_records_are_written_whole_under_keys_only_their_process_writes_and_summed_across_processes():
    store, clock = MemoryStore(), clock_at()
    one = SpendLedger(store, "sh1", "p1", clock=clock)
    two = SpendLedger(store, "sh2", "p7", clock=clock)
    one.settle("lab", "m1", "alice", (0, 0.0), (300, 100, 0.2))
    two.settle("lab", "m1", "bob", (0, 0.0), (300, 100, 0.3))
    one.sync(force=True)
    two.sync(force=True)
    one.sync(force=True)
    assert len(store.documents) == 2
    assert {d["member"] for d in store.documents.values()} == {"sh1", "sh2"}
    assert one.spent("lab")[0] == pytest.approx(0.5) and two.spent("lab")[0] == pytest.approx(0.5)
    one.settle("lab", "m1", "alice", (0, 0.0), (0, 0, 0.1))
    one.sync(force=True)
    assert len(store.documents) == 2  # the same record replaced, not another added
    assert sum(d["cost"] for d in store.documents.values()) == pytest.approx(0.6)


def test_a_sync_happens_at_most_every_sync_seconds_on_the_request_path():
    store, clock = MemoryStore(), clock_at()
    ledger = SpendLedger(store, "sh1", "p1", clock=clock, sync_seconds=5.0)
    for _ in range(100):
        ledger.reserve("lab", "u", Caps(cost_per_day=100.0), 10, 0.0)
        clock.now += 0.1  # ten seconds in all
    assert store.reads == 2


def test_an_unreachable_store_still_caps_this_processs_own_spend_and_says_so():
    store, clock = MemoryStore(), clock_at()
    store.down = True
    ledger = SpendLedger(store, "sh1", "p1", clock=clock)
    assert ledger.reserve("lab", "u", Caps(cost_per_day=0.1), 10, 0.05)[0] == ""
    ledger.settle("lab", "m1", "u", (10, 0.05), (10, 0, 0.1))
    assert ledger.reserve("lab", "u", Caps(cost_per_day=0.1), 10, 0.05)[0] == STATUS_SKIPPED_DAILY_COST
    assert "usage records unavailable" in ledger.last_problem
    store.down = False
    clock.now += 10
    ledger.sync()  # after a failed sync the next waits RETRY_SECONDS: each attempt on a hung store holds a request
    assert "usage records unavailable" in ledger.last_problem and not store.documents
    clock.now += RETRY_SECONDS
    ledger.sync()
    assert ledger.last_problem == "" and len(store.documents) == 1  # written once the store is back


def test_caps_start_anew_at_midnight_utc_and_the_last_days_records_are_still_written():
    store, clock = MemoryStore(), clock_at(86400 - 2)
    ledger = SpendLedger(store, "sh1", "p1", clock=clock)
    caps = Caps(cost_per_day=0.1)
    ledger.reserve("lab", "u", caps, 10, 0.0)
    ledger.settle("lab", "m1", "u", (10, 0.0), (10, 0, 0.1))
    assert ledger.reserve("lab", "u", caps, 10, 0.01)[0] == STATUS_SKIPPED_DAILY_COST
    clock.now += 6  # past midnight, and past the next sync
    assert utc_day(clock.now) == "2026-12-05"
    assert ledger.reserve("lab", "u", caps, 10, 0.01)[0] == ""
    assert {d["day"] for d in store.documents.values()} == {"2026-12-04"}


def test_how_far_two_members_overshoot_a_shared_cap_is_bounded_by_one_sync_of_the_others_spend():
    """Two cluster members spend against one cap, each sending a request every half second costing 0.01,
    syncing every 5 s. A member knows the other's spend as the other last wrote it, read when it last
    read: up to two sync intervals old. Together they pass the cap by at most the other's spending in
    two intervals (20 requests, 0.2) plus a request in flight; measured here: 0.09, 9% of the cap."""
    store, clock = MemoryStore(), clock_at()
    members = [SpendLedger(store, f"sh{n}", f"p{n}", clock=clock, sync_seconds=5.0) for n in (1, 2)]
    caps = Caps(cost_per_day=1.0)
    spent = 0.0
    for _ in range(400):
        clock.now += 0.5
        for ledger in members:
            status, _ = ledger.reserve("lab", "u", caps, 100, 0.01)
            if not status:
                ledger.settle("lab", "m1", "u", (100, 0.01), (100, 0, 0.01))
                spent += 0.01
    overshoot = spent - caps.cost_per_day
    assert 0 < overshoot <= 2 * 5.0 * 0.02 + 0.01 + 1e-9
    assert overshoot == pytest.approx(0.09)  # what the README reports
    assert spent >= caps.cost_per_day - 0.01  # and the cap is used, not left far short
