"""Concurrency: N rows with U distinct bundles against a loopback server with latency L and C slots.

The engine sends each distinct bundle once, at most C at a time, so its wall time is bounded below by
ceil(U/C) * L. The baseline is what the command did before the engine: every row asked in turn
(ProviderJudge, one request per row), N * L at best, measured for real beside it on the same server.
Both run in this process, through TriageSession with the real provider, transport and sockets; only
splunkd is a dict. The server's own peak of requests in flight is checked against C.

Targets (issue 4): within 10% of the bound, and at least C times faster than row-by-row.

    python -m bench.bench_concurrency [--quick]
"""

from __future__ import annotations

import math
import random
import time
from typing import Any

from bench.common import Result, main, result
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.providers import create_provider
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.verdict.judge import ProviderJudge
from llm_triage.verdict.prompt import load_prompt
from tests.llm_triage.triage_fakes import FakeSplunkd
from tests.servers.openai_compat import OpenAICompatServer

# (rows N, distinct bundles U, slots C, latency L in seconds)
FULL = (240, 120, 8, 0.25)
QUICK = (48, 24, 8, 0.2)


def alert_rows(count: int, distinct: int) -> list[dict[str, Any]]:
    """`count` identity alerts, `distinct` different ones, repeats spread through the search."""
    rows: list[dict[str, Any]] = [
        {
            "_time": str(1764064000 + number % distinct),
            "sourcetype": "OktaIM2:log",
            "eventType": "user.session.start",
            "actor.alternateId": f"user{number % distinct}@example.com",
            "client.ipAddress": f"198.51.100.{number % distinct % 250}",
            "outcome.result": "FAILURE",
        }
        for number in range(count)
    ]
    random.Random(7).shuffle(rows)
    return rows


def splunkd_with(base_url: str, provider: dict[str, str], settings: dict[str, str]) -> FakeSplunkd:
    """A splunkd whose default provider `lab` is the loopback server."""
    lab = {"type": "openai_compatible", "base_url": base_url, "model": "m1", "timeout": "30", **provider}
    return FakeSplunkd(
        confs={
            "llm_triage_settings": {"triage": {"default_provider": "lab", **settings}},
            "llm_triage_providers": {"lab": lab},
        }
    )


def engine_run(base_url: str, rows: list[dict[str, Any]], slots: int) -> tuple[float, str]:
    """Wall time of one search through the engine, and its summary."""
    splunkd = splunkd_with(base_url, {"max_concurrency": str(slots)}, {"cache_ttl": "0", "max_rows": str(len(rows))})
    session = TriageSession(TriageOptions(), SplunkdConfig(splunkd.fetch))
    started = time.monotonic()
    out = list(session.triage(iter([dict(row) for row in rows])))
    seconds = time.monotonic() - started
    session.close()
    if {row["triage_status"] for row in out} != {"ok"}:
        raise RuntimeError(f"not every row was triaged: {session.summary()}")
    return seconds, session.summary()


def sequential_run(base_url: str, rows: list[dict[str, Any]]) -> float:
    """Wall time of asking about every row in turn, as the row loop did before the engine."""
    splunkd = splunkd_with(base_url, {}, {})
    choice = SplunkdConfig(splunkd.fetch).provider("lab", SplunkdConfig(splunkd.fetch).settings())
    assert choice.config is not None
    judge = ProviderJudge(create_provider(choice.config), load_prompt())
    started = time.monotonic()
    for row in rows:
        judgement = judge.judge([build_bundle(row, select_profile(row))])[0]
        if judgement.status != "ok":
            raise RuntimeError(f"sequential run failed: {judgement.error}")
    return time.monotonic() - started


def run(quick: bool = False) -> list[Result]:
    """The engine's wall time against its bound and against row-by-row, side by side."""
    count, distinct, slots, latency = QUICK if quick else FULL
    rows = alert_rows(count, distinct)
    with OpenAICompatServer() as server:
        server.behave("latency", seconds=latency)
        engine_run(server.base_url, rows[:slots], slots)  # warm-up: imports, prompt, first connections
        server.clear_requests()
        seconds, _ = engine_run(server.base_url, rows, slots)
        sent = len(server.chat_requests)
        peak = server.peak_concurrency
        sequential = sequential_run(server.base_url, rows)
    bound = math.ceil(distinct / slots) * latency
    label = f"N={count} U={distinct} C={slots} L={latency:g}s"
    return [
        result(
            f"engine wall time vs ceil(U/C)*L ({label})",
            seconds,
            "s",
            baseline=bound,
            target="<= 1.10 x bound",
            met=seconds <= 1.10 * bound,
        ),
        result(
            f"row-by-row sequential vs engine ({label})",
            sequential,
            "s",
            baseline=seconds,
            target=f">= {slots} x faster",
            met=sequential >= slots * seconds,
        ),
        result(
            f"requests sent for {count} rows ({distinct} distinct bundles)",
            sent,
            "requests",
            baseline=distinct,
            target="= U",
            met=sent == distinct,
        ),
        result(
            "peak requests in flight at the server",
            peak,
            "requests",
            baseline=slots,
            target="<= C",
            met=peak <= slots,
        ),
    ]


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__ or ""))
