"""Rows per minute per `max_concurrency` at a hosted provider's latency, as Splunk runs the search.

The built app's `| llmtriage` runs over the chunked protocol (tools/harness) against the splunkd stand-in
serving the app's endpoint, which asks the lab provider stand-in (tests/servers/openai_compat.py, provider
`lab` as tests/harness/lab_provider.py configures it) answering every request after LATENCY seconds, the
middle of the 1.5-3 s a hosted model takes for one verdict. Each run has ROUNDS x max_concurrency distinct
rows (no cache, no repeats), so every slot is busy for ROUNDS answers; the wall time includes the command's
start-up. The baseline beside each figure is the bound the latency sets: max_concurrency x 60 / LATENCY
rows per minute. Two more runs at 1.5 s and 3 s with 8 slots show the figure scales with 1 / latency.

Target: within 15% of the bound at every concurrency (the command adds no queueing of its own; its start-up,
about half a second, is most of what it loses). A quick run's answers are too short for the target to apply.

    python -m bench.bench_throughput [--quick]
"""

from __future__ import annotations

import time
from typing import Any

from bench.common import Result, main, require_built_app, result
from tests.harness.collector import Collector
from tests.harness.lab_provider import lab_content, serving
from tests.protocol.llmtriage_searches import search
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.splunk_app import SplunkApp

LATENCY = 2.0
ROUNDS = 8
SLOTS = (1, 4, 8, 16)
LATENCIES = (1.5, 3.0)  # at 8 slots
QUICK_LATENCY, QUICK_SLOTS, QUICK_LATENCIES = 0.5, (1, 8), ()
API_KEY = "bench-throughput-key"


def alerts(count: int, run: str) -> list[dict[str, Any]]:
    """`count` distinct sign-ins (a run's own users: no verdict is shared between runs)."""
    return [
        {
            "sourcetype": "OktaIM2:log",
            "eventType": "user.session.start",
            "actor.alternateId": f"{run}-user{index}@example.com",
            "client.ipAddress": f"198.51.100.{index % 250}",
        }
        for index in range(count)
    ]


def rows_per_minute(app: SplunkApp, latency: float, slots: int) -> float:
    """One search of ROUNDS x `slots` rows with `slots` requests in flight, each answered after `latency` s."""
    with OpenAICompatServer(api_key=API_KEY) as model:
        model.behave("latency", seconds=latency)
        content = lab_content(app, model.base_url, API_KEY, cache_ttl="0", max_rows="100000")
        content.set_stanza("llm_triage_providers", "lab", {"max_concurrency": str(slots), "timeout": "60"})
        with serving(app, content) as (standin, _services):
            rows = alerts(ROUNDS * slots, f"c{slots}l{latency}")
            started = time.monotonic()
            out = search(app, standin, rows, "llmtriage", Collector(), chunk_rows=len(rows))
            seconds = time.monotonic() - started
    if [row.get("triage_status") for row in out] != ["ok"] * len(rows):
        raise RuntimeError(f"not every row was judged at {slots} slots, {latency} s")
    return len(rows) / seconds * 60


def run(quick: bool = False) -> list[Result]:
    """Measured rows per minute beside the latency's bound, per max_concurrency."""
    app = SplunkApp(require_built_app())
    latency = QUICK_LATENCY if quick else LATENCY
    points = [(latency, slots) for slots in (QUICK_SLOTS if quick else SLOTS)]
    points += [(other, 8) for other in (QUICK_LATENCIES if quick else LATENCIES)]
    results = []
    for point_latency, slots in points:
        measured = rows_per_minute(app, point_latency, slots)
        bound = slots * 60 / point_latency
        results.append(
            result(
                f"rows per minute, max_concurrency={slots}, {point_latency:g} s per answer (bound {bound:g})",
                measured,
                "rows/min",
                baseline=bound,
                target="" if quick else "within 15% of the bound",
                met=None if quick else measured >= 0.85 * bound,
            )
        )
    return results


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__ or ""))
