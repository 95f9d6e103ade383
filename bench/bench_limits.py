"""Limits that hold across searches: what the shared limiter costs each request, and how far a daily cap
is overshot by search heads that see each other's spend late.

Overhead: the same instant judge asked N times bare, and through what the endpoint now stacks on every
request: the provider's fair gate and rate limits (engine.fairness, engine.ratelimit; limits far above
the load, so nothing waits) and the daily caps (engine.spend) writing and reading usage records in a
local KV store (the splunkd stand-in's, over loopback HTTP, as the endpoint reaches splunkd). Measured
with the shipped sync interval (5 s: most requests read only memory), and with a sync on every request
(the worst case: one KV write and one read). Target (issue 20): under 5 ms a request on a local KV store.

Overshoot: M search heads each sending a request every half second at 0.01 against a daily cap of 1.0,
syncing every 5 s (virtual time), counted as they go; how far past the cap they end together.

    python -m bench.bench_limits [--quick]
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from bench.common import Result, main, median, result
from llm_triage.engine.resilience import GuardedJudge, Guards, RetryPolicy
from llm_triage.engine.spend import Caps, DailyCapJudge, SpendLedger
from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import STATUS_OK
from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.rest import SplunkdRest, splunkd_request
from llm_triage.splunkd.usage import COLLECTION, KvUsageStore
from llm_triage.verdict.judge import Judgement
from tools.harness.kvstore_standin import KvStoreService
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn

CONFIG = ProviderConfig(
    name="lab",
    type="openai_compatible",
    base_url="http://127.0.0.1:9/v1",
    model="m1",
    requests_per_minute=10**9,
    tokens_per_minute=10**12,
    max_concurrency=8,
    price_input_per_mtok=1.0,
    price_output_per_mtok=1.0,
    max_cost_per_day=10**9,
)
ANSWER = Judgement(STATUS_OK, {}, "m1", 300, 100, 5, 0.0004)


class InstantJudge:
    """Answers at once: what is measured is everything around the model call."""

    provider = CONFIG

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        return [ANSWER] * len(bundles)


def bundles(count: int) -> list[Bundle]:
    return [Bundle("generic/1", f'{{"b":{n}}}', f"h{n}", (f"ev:{n}/user",), f"ev:{n}") for n in range(count)]


def per_request_ms(judge: object, items: Sequence[Bundle]) -> float:
    """Milliseconds a request, one after another."""
    ask = judge.judge  # type: ignore[attr-defined]
    started = time.perf_counter()
    for item in items:
        ask([item])
    return (time.perf_counter() - started) * 1000 / len(items)


def limited(rest: SplunkdRest, sync_seconds: float) -> DailyCapJudge:
    """The endpoint's layers over the instant judge: daily caps over the fair gate and rate limits."""
    ledger = SpendLedger(KvUsageStore(rest), "sh1", f"bench-{sync_seconds:g}", sync_seconds=sync_seconds)
    guarded = GuardedJudge(InstantJudge(), RetryPolicy(), guards=Guards.for_provider(CONFIG), search="s", user="u")
    caps = Caps(cost_per_day=CONFIG.max_cost_per_day, tokens_per_day=10**12, quota_role="bench")
    return DailyCapJudge(guarded, ledger, "u", caps, estimate=lambda bundle: 500)


def overshoot(members: int, sync_seconds: float = 5.0, cap: float = 1.0, cost: float = 0.01) -> float:
    """How far `members` search heads together pass `cap`, each spending `cost` every half second."""

    class Memory:
        def __init__(self) -> None:
            self.documents: dict[str, Mapping[str, Any]] = {}

        def save(self, records: Sequence[Mapping[str, Any]]) -> None:
            self.documents.update({str(record["_key"]): dict(record) for record in records})

        def of_day(self, day: str) -> list[Mapping[str, Any]]:
            return [document for document in self.documents.values() if document["day"] == day]

    now = [1_796_342_400.0 + 3600]
    store = Memory()
    ledgers = [
        SpendLedger(store, f"sh{n}", "p", clock=lambda: now[0], sync_seconds=sync_seconds) for n in range(members)
    ]
    spent = 0.0
    for _ in range(int(4 * cap / cost)):
        now[0] += 0.5
        for ledger in ledgers:
            if not ledger.reserve("lab", "u", Caps(cost_per_day=cap), 100, cost)[0]:
                ledger.settle("lab", "m1", "u", (100, cost), (100, 0, cost))
                spent += cost
    return spent - cap


def run(quick: bool = False) -> list[Result]:
    """The shared limiter's cost a request beside the bare judge, and the caps' overshoot."""
    count, repeats = (300, 3) if quick else (2000, 5)
    items = bundles(count)
    content = SplunkdContent()
    content.set_stanza("collections", COLLECTION, {})
    with SplunkdStandIn(content) as standin:
        standin.add_service(KvStoreService(content))
        rest = SplunkdRest(splunkd_request(standin.uri, standin.session_key))
        bare, shipped, every = [], [], []
        for _ in range(repeats):
            bare.append(per_request_ms(InstantJudge(), items))
            shipped.append(per_request_ms(limited(rest, 5.0), items))
            every.append(per_request_ms(limited(rest, 0.0), items[: count // 10]))
    base, normal, worst = median(bare), median(shipped), median(every)
    rows = [
        result(
            "shared limiter a request: gate, rate limits, daily caps, records synced every 5 s (local KV store)",
            normal,
            "ms",
            baseline=base,
            target="overhead < 5 ms",
            met=normal - base < 5.0,
        ),
        result(
            "the same, synced on every request (one KV write and one read each)",
            worst,
            "ms",
            baseline=base,
            target="overhead < 5 ms",
            met=worst - base < 5.0,
        ),
    ]
    for members in (2, 4):
        rows.append(
            result(
                f"daily cap overshoot, {members} search heads each spending 0.02/s, cap 1.0, sync 5 s",
                overshoot(members),
                "cost",
                baseline=2 * 5.0 * 0.02 * (members - 1) + 0.01 * members,
                target="<= two sync intervals of the others' spend",
                met=overshoot(members) <= 2 * 5.0 * 0.02 * (members - 1) + 0.01 * members + 1e-9,
            )
        )
    return rows


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__ or ""))
