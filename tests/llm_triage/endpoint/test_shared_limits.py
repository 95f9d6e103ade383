"""Limits that hold across searches: concurrent searches share one provider's rate limit and concurrency
through the endpoint, a cluster member holds its share, and a daily cap reached mid-search stops it
cleanly with every bundle answered."""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from llm_triage.endpoint import limits as limits_module
from llm_triage.endpoint.limits import ProcessLimits
from llm_triage.endpoint.service import TriageService
from llm_triage.endpoint.wire import ENDPOINT_PATH, bundle_to_wire, parse_request
from llm_triage.engine.resilience import RetryPolicy
from llm_triage.engine.stack import SharedGuards
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.fields import STATUS_OK, STATUS_SKIPPED_DAILY_COST, STATUS_SKIPPED_DAILY_QUOTA
from llm_triage.evidence.profiles import select_profile
from llm_triage.providers.base import Completion, ProviderError
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.breakers import COLLECTION as BREAKERS
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.usage import COLLECTION
from tests.harness.in_process_rest import rest_for
from tests.llm_triage.triage_fakes import configured, verdict_json
from tools.harness.kvstore_standin import KvStoreService
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn

DAY = 1_796_342_400.0 + 3600  # 2026-12-04 01:00 UTC


class SimClock:
    """Virtual time shared by threads: a sleep moves it forward (never back), so waits never overlap and
    time passes at least as fast as any real run would let it: a limit that holds here holds in real time."""

    def __init__(self, now=0.0):
        self.now = now
        self._lock = threading.Lock()

    def __call__(self):
        with self._lock:
            return self.now

    def sleep(self, seconds):
        with self._lock:
            self.now += max(0.0, seconds)


class CountingProvider:
    """Answers every request; records when (virtual time) each went, and how many were in flight at once."""

    def __init__(self, config, clock, log):
        self.config = config
        self._clock = clock
        self._log = log

    def complete(self, request):
        log = self._log
        with log["lock"]:
            log["times"].append(self._clock())
            log["in_flight"] += 1
            log["peak"] = max(log["peak"], log["in_flight"])
        threading.Event().wait(0.001)  # a real, short call, so requests overlap
        with log["lock"]:
            log["in_flight"] -= 1
        return Completion(content=verdict_json(request), model="m1", prompt_tokens=300, completion_tokens=100)


def bundle(i):
    row = {"sourcetype": "OktaIM2:log", "eventType": "user.session.start", "actor.alternateId": f"u{i}@example.com"}
    return build_bundle(row, select_profile(row, "auto"))


def request(*bundles, search=""):
    return parse_request(
        json.dumps({"provider": "lab", "bundles": [bundle_to_wire(b) for b in bundles], "search": search})
    )


def splunkd_with(**provider):
    splunkd = configured()
    splunkd.confs["llm_triage_providers"]["lab"].update({key: str(value) for key, value in provider.items()})
    return splunkd


def log_book():
    return {"lock": threading.Lock(), "times": [], "in_flight": 0, "peak": 0}


@pytest.mark.parametrize("searches", [2, 8])
def test_concurrent_searches_stay_within_the_providers_60_requests_a_minute_together(searches):
    clock = SimClock()
    guards = SharedGuards(clock=clock, sleep=clock.sleep)
    log = log_book()
    splunkd = splunkd_with(requests_per_minute=60, max_concurrency=4)
    limits = ProcessLimits(clock=lambda: DAY, member="sh1", process="p1")

    def service():
        return TriageService(
            SplunkdConfig(splunkd.fetch),
            provider_factory=lambda config: CountingProvider(config, clock, log),
            guards=guards,
            limits=limits,
            actor="ana",
        )

    per_search = 120 // searches  # 120 requests in all: twice the minute's burst

    def one_search(number):
        """A search keeping 3 requests in flight to the endpoint, as the command's ConcurrentJudge does."""
        with ThreadPoolExecutor(3) as pool:
            replies = list(
                pool.map(
                    lambda i: service().answer(request(bundle(number * 1000 + i), search=f"s{number}")),
                    range(per_search),
                )
            )
        return [judgement["status"] for reply in replies for judgement in reply.payload["judgements"]]

    with ThreadPoolExecutor(searches) as pool:
        statuses = [status for result in pool.map(one_search, range(searches)) for status in result]
    assert statuses == [STATUS_OK] * 120
    times = sorted(log["times"])
    start = times[0]
    # A bucket of 60 a minute: a burst of 60, then one a second; never more by any moment.
    for count, at in enumerate(times, start=1):
        assert count <= 60 + (at - start) + 1e-6, f"request {count} went at {at - start:.2f}s"
    assert times[-1] - start >= 59.0  # the 60 past the burst waited, whatever searches they came from
    assert log["peak"] <= 4  # max_concurrency held by every search together


def test_a_cluster_member_holds_its_share_of_the_rate_limit_and_concurrency():
    clock = SimClock()
    guards = SharedGuards(clock=clock, sleep=clock.sleep)
    log = log_book()
    splunkd = splunkd_with(requests_per_minute=60, max_concurrency=4)
    splunkd.confs["llm_triage_settings"]["limits"] = {"cluster_members": "3"}
    service = TriageService(
        SplunkdConfig(splunkd.fetch),
        provider_factory=lambda config: CountingProvider(config, clock, log),
        guards=guards,
        limits=ProcessLimits(clock=lambda: DAY, member="sh1", process="p1"),
        actor="ana",
    )
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: service.answer(request(bundle(i))), range(40)))
    times = sorted(log["times"])
    for count, at in enumerate(times, start=1):  # a third of 60 a minute: a burst of 20, then one in 3 s
        assert count <= 20 + (at - times[0]) / 3 + 1e-6
    assert times[-1] - times[0] >= 59.0
    assert log["peak"] <= 1  # 4 // 3


@pytest.fixture
def kvstore():
    content = SplunkdContent()
    content.set_stanza("collections", COLLECTION, {})
    content.set_stanza("collections", BREAKERS, {})
    standin = SplunkdStandIn(content).start()
    service = KvStoreService(content)
    standin.add_service(service)
    yield standin, service
    standin.stop()


def with_roles(rest, roles):
    """splunkd's REST API where `authentication/users/<user>` lists `roles`."""

    def request(method, path, body, timeout=None):
        if path.startswith("authentication/users/"):
            entry = {"name": path.rsplit("/", 1)[1], "content": {"roles": roles}}
            return 200, json.dumps({"entry": [entry]}).encode()
        return rest.request(method, path, body)

    return SplunkdRest(request)


def test_a_cost_cap_reached_mid_search_stops_it_cleanly_every_bundle_answered_and_the_search_told(kvstore):
    standin, store = kvstore
    splunkd = splunkd_with(price_input_per_mtok=1000, price_output_per_mtok=1000, max_cost_per_day=2.5)
    log = log_book()
    service = TriageService(
        SplunkdConfig(splunkd.fetch),
        provider_factory=lambda config: CountingProvider(config, SimClock(), log),
        guards=SharedGuards(),
        limits=ProcessLimits(clock=lambda: DAY, member="sh1", process="p1"),
        rest=rest_for(standin, standin.session_key),
        actor="ana",
    )
    statuses, warnings = [], []
    for start in range(0, 20, 5):  # a search of 20 results, 5 to a request
        reply = service.answer(request(*[bundle(i) for i in range(start, start + 5)], search="s1"))
        assert reply.status == 200 and len(reply.payload["judgements"]) == 5
        statuses += [judgement["status"] for judgement in reply.payload["judgements"]]
        warnings += reply.payload.get("warnings", [])
    # Each answer costs 0.4 (400 tokens at 1000 a million); a request goes only while what was spent and
    # its cautious estimate (its bundle, the instructions, half the output cap, at the dearer price) stay
    # under the cap, so the search stops short of it rather than past it.
    answered = statuses.count(STATUS_OK)
    assert 1 <= answered < 20 and statuses == [STATUS_OK] * answered + [STATUS_SKIPPED_DAILY_COST] * (20 - answered)
    assert len(log["times"]) == answered
    told = [warning for warning in warnings if "max_cost_per_day=2.5" in warning]
    assert told and "skipped_daily_cost" in told[0] and "baseline" in told[0]
    # What was spent is in the usage records, for every process and the dashboard to sum.
    service._limits.ledger.sync(force=True)
    (record,) = store.collections[COLLECTION].values()
    assert record["provider"] == "lab" and record["user"] == "ana" and record["requests"] == answered
    assert record["refused"] == 20 - answered and record["cost"] == pytest.approx(0.4 * answered)
    assert record["cost"] <= 2.5


def test_a_hung_kv_store_holds_the_request_that_syncs_the_limits_for_seconds_and_loses_no_spend(kvstore, monkeypatch):
    # The request that syncs the spend ledger waits for it: with splunkd's own 60 s for each call, a KV store that
    # never answered held that request's reply for minutes. Each use is bounded now (STORE_SECONDS, 0.3 s here),
    # and what was not saved is saved at the next sync.
    monkeypatch.setattr(limits_module, "STORE_SECONDS", 0.3)
    standin, store = kvstore
    answers = rest_for(standin, standin.session_key)
    hung = threading.Event()
    hung.set()

    def request(method, path, body, timeout=None):
        if hung.is_set():  # never answers: waits out its time-out (5 s stands for splunkd's 60) and fails
            time.sleep(min(60.0 if timeout is None else timeout, 5.0))
            raise TimeoutError("timed out")
        return answers.request(method, path, body, timeout)

    ledger = ProcessLimits(clock=lambda: DAY, member="sh1", process="p1").bind(SplunkdRest(request))
    ledger.settle("lab", "m1", "ana", (0, 0.0), (1200, 300, 0.25))
    started = time.monotonic()
    ledger.sync(force=True)
    assert time.monotonic() - started < 2
    assert ledger.last_problem.startswith("usage records unavailable")
    hung.clear()
    ledger.sync(force=True)
    [saved] = store.collections[COLLECTION].values()
    assert (saved["user"], saved["tokens"], saved["cost"]) == ("ana", 1500, 0.25) and ledger.last_problem == ""


def test_spend_on_another_search_head_counts_against_the_cap_here(kvstore):
    standin, store = kvstore
    splunkd = splunkd_with(price_input_per_mtok=1000, price_output_per_mtok=1000, max_cost_per_day=2.0)
    elsewhere = ProcessLimits(clock=lambda: DAY, member="sh2", process="p9").bind(
        rest_for(standin, standin.session_key)
    )
    elsewhere.settle("lab", "m1", "bob", (0, 0.0), (1500, 500, 1.9))
    elsewhere.sync(force=True)
    service = TriageService(
        SplunkdConfig(splunkd.fetch),
        provider_factory=lambda config: CountingProvider(config, SimClock(), log_book()),
        guards=SharedGuards(),
        limits=ProcessLimits(clock=lambda: DAY, member="sh1", process="p1"),
        rest=rest_for(standin, standin.session_key),
        actor="ana",
    )
    reply = service.answer(request(bundle(1)))
    assert [j["status"] for j in reply.payload["judgements"]] == [STATUS_SKIPPED_DAILY_COST]
    assert "1.9000 spent today" in reply.payload["judgements"][0]["fields"]["triage_error"]


def test_a_users_daily_token_quota_follows_their_roles(kvstore):
    standin, _ = kvstore
    splunkd = splunkd_with()
    splunkd.confs["llm_triage_settings"]["limits"] = {"daily_token_quotas": "llm_triage_analyst=1500, soc_lead=9000"}
    rest = with_roles(rest_for(standin, standin.session_key), ["user", "llm_triage_analyst"])
    service = TriageService(
        SplunkdConfig(splunkd.fetch),
        provider_factory=lambda config: CountingProvider(config, SimClock(), log_book()),
        guards=SharedGuards(),
        limits=ProcessLimits(clock=lambda: DAY, member="sh1", process="p1"),
        rest=rest,
        actor="ana",
    )
    reply = service.answer(request(*[bundle(i) for i in range(6)]))
    statuses = [j["status"] for j in reply.payload["judgements"]]
    assert STATUS_OK in statuses and statuses[-1] == STATUS_SKIPPED_DAILY_QUOTA
    refused = [j for j in reply.payload["judgements"] if j["status"] == STATUS_SKIPPED_DAILY_QUOTA][0]
    assert "'llm_triage_analyst'" in refused["fields"]["triage_error"] and "'ana'" in refused["fields"]["triage_error"]


def test_a_search_stopped_by_a_cap_returns_every_row_in_order_with_the_baseline_and_says_which_cap(kvstore):
    standin, _ = kvstore
    splunkd = splunkd_with(price_input_per_mtok=1000, price_output_per_mtok=1000, max_cost_per_day=3.0)
    service = TriageService(
        SplunkdConfig(splunkd.fetch),
        provider_factory=lambda config: CountingProvider(config, SimClock(), log_book()),
        guards=SharedGuards(),
        limits=ProcessLimits(clock=lambda: DAY, member="sh1", process="p1"),
        rest=rest_for(standin, standin.session_key),
        actor="ana",
    )

    def endpoint(method, path, body, timeout=None):
        assert (method, path) == ("POST", ENDPOINT_PATH)
        reply = service.answer(parse_request(body))
        return reply.status, json.dumps(reply.payload).encode()

    session = TriageSession(TriageOptions(), SplunkdConfig(splunkd.fetch), endpoint=SplunkdRest(endpoint))
    rows = [
        {"sourcetype": "OktaIM2:log", "row_id": str(i), "actor.alternateId": f"u{i}@example.com", "urgency": "low"}
        for i in range(30)
    ]
    out = list(session.triage(iter([dict(row) for row in rows])))
    session.close()
    assert [row["row_id"] for row in out] == [str(i) for i in range(30)]
    statuses = [row["triage_status"] for row in out]
    assert 0 < statuses.count(STATUS_OK) < 30 and set(statuses) == {STATUS_OK, STATUS_SKIPPED_DAILY_COST}
    for row in out:
        if row["triage_status"] == STATUS_SKIPPED_DAILY_COST:
            assert row["triage_source"] == "baseline" and row["triage_bucket"] == "needs_enrichment"
            assert row["triage_verdict"] == "" and "max_cost_per_day=3" in row["triage_error"]
    told = [warning for warning in session.warnings if "max_cost_per_day=3" in warning]
    assert len(told) >= 1 and "skipped_daily_cost" in told[0]


class DownProvider:
    """A provider that cannot be reached; counts the calls it was asked."""

    def __init__(self, config, calls):
        self.config = config
        self._calls = calls

    def complete(self, request):
        self._calls.append(1)
        raise ProviderError("connection refused by 127.0.0.1:9", unavailable=True)


def test_a_provider_down_on_one_search_head_fails_the_next_search_on_another_at_once(kvstore):
    standin, _ = kvstore
    splunkd = splunkd_with()
    policy = RetryPolicy(max_attempts=1, breaker_threshold=2, breaker_cooldown=30.0)
    calls_here, calls_there = [], []

    def member(name, calls):
        return TriageService(
            SplunkdConfig(splunkd.fetch),
            provider_factory=lambda config: DownProvider(config, calls),
            guards=SharedGuards(policy=policy),
            limits=ProcessLimits(member=name, process="p1"),
            rest=rest_for(standin, standin.session_key),
            actor="ana",
        )

    first, second = member("sh1", calls_here), member("sh2", calls_there)
    reply = first.answer(request(bundle(1), bundle(2), bundle(3)))
    assert [j["status"] for j in reply.payload["judgements"]] == ["unavailable"] * 3
    assert len(calls_here) == 2  # the breaker opened after two failures; the third was refused at once
    reply = second.answer(request(bundle(4), bundle(5)))
    assert calls_there == []  # never asked: the other search head had seen it down
    statuses = [j["status"] for j in reply.payload["judgements"]]
    assert statuses == ["unavailable"] * 2
    error = reply.payload["judgements"][0]["fields"]["triage_error"]
    assert "connection refused" in error and "another search head" in error
    assert any("unavailable" in warning for warning in reply.payload.get("warnings", []))
