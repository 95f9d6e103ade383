"""Enrichment's cost: rows per second of `llmtriage` with enrichment (`enrich=auto`) against without
(`enrich=off`), in one process over the same rows, and model calls per enriched row.

Every row is answered needs_enrichment by a scripted model (until its bundle holds context, when it is
answered probable_incident), each context search takes 0.2 s as the stand-in for splunkd's search API
answers it, and the shipped catalog's items that apply to the rows run (at most `max_items_per_row`, 3).
The rows are distinct users, so no search is reused, and `max_searches_per_triage` is raised past the
rows' searches (its shipped 50 would leave all but the first 17 rows unenriched). Rows are enriched side
by side, as many at once as the engine has model calls in flight (search/finishing.py): the bench also runs
with `max_concurrency = 1`, one row at a time, which is how every search enriched before. The ratio says what
enrichment costs a search whose every row is uncertain; the share of uncertain rows scales it. Target
(issue 18): at most one more model call per enriched row.

    python -m bench.bench_enrichment [--quick]
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from bench.common import REPO, Result, main, result
from llm_triage.engine.resilience import RetryPolicy
from llm_triage.enrichment.render import RenderedSearch
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.search_api import SearchOutcome
from tests.llm_triage.triage_fakes import ScriptedProvider, configured, refs_of, verdict_json
from tools.harness.splunk_conf import parse_conf, with_default_inheritance

SEARCH_SECONDS = 0.2
ROWS, QUICK_ROWS = 60, 15
_POLICY = RetryPolicy(base_delay=0.001, max_delay=0.002, breaker_cooldown=600)


def _rows(count: int) -> list[OrderedDict[str, object]]:
    return [
        OrderedDict([("_time", str(1764064000 + index)), ("sourcetype", "OktaIM2:log"), ("serial", str(index)),
                     ("eventType", "user.session.start"), ("actor.alternateId", f"user{index}@example.com"),
                     ("client.ipAddress", f"198.51.100.{index % 250}")])
        for index in range(count)
    ]  # fmt: skip


def _answer(request: Any) -> str:
    context = [ref for ref in refs_of(request) if ref.startswith("cx:")]
    if not context:
        return verdict_json(request)
    return verdict_json(request, bucket="probable_incident", verdict="malicious", evidence=context[:1])


def _search(search: RenderedSearch, timeout: float) -> SearchOutcome:
    time.sleep(SEARCH_SECONDS)
    return SearchOutcome(search.spl, [{"action": "failure", "count": "12"}], SEARCH_SECONDS)


def measure(enrich: str, count: int, max_concurrency: int = 0) -> tuple[float, int, int]:
    """Seconds for `count` rows, model calls, rows enriched; `max_concurrency` (0: the provider's default)
    bounds the model calls in flight and so the rows enriched at once."""
    shipped = (REPO / "package" / "default" / "llm_triage_enrichments.conf").read_text(encoding="utf-8")
    splunkd = configured()
    # Every row's searches within the cap: the shipped 50 per triage search would stop after 17 rows.
    settings = {**splunkd.confs["llm_triage_settings"], "enrichment": {"max_searches_per_triage": str(3 * count)}}
    providers_conf = splunkd.confs["llm_triage_providers"]
    if max_concurrency:
        providers_conf = {**providers_conf, "lab": {**providers_conf["lab"], "max_concurrency": str(max_concurrency)}}
    splunkd.confs = {**splunkd.confs, "llm_triage_settings": settings, "llm_triage_providers": providers_conf,
                     "llm_triage_enrichments": with_default_inheritance(parse_conf(shipped))}  # fmt: skip
    providers: list[ScriptedProvider] = []

    def factory(config: Any) -> ScriptedProvider:
        providers.append(ScriptedProvider(config, _answer))
        return providers[-1]

    session = TriageSession(
        TriageOptions(enrich=enrich), SplunkdConfig(splunkd.fetch), factory, policy=_POLICY, searcher=_search
    )
    started = time.perf_counter()
    out = list(session.triage(_rows(count)))
    elapsed = time.perf_counter() - started
    session.close()
    calls = sum(len(provider.requests) for provider in providers)
    return elapsed, calls, sum(row.get("triage_enriched") == "true" for row in out)


def run(quick: bool = False) -> list[Result]:
    """Rows per second with and without enrichment, side by side; model calls per enriched row."""
    count = QUICK_ROWS if quick else ROWS
    off_seconds, off_calls, _ = measure("off", count)
    auto_seconds, auto_calls, enriched = measure("auto", count)
    one_seconds, _, _ = measure("auto", count, max_concurrency=1)
    extra_calls = (auto_calls - off_calls) / enriched if enriched else 0.0
    return [
        result(
            "rows/s enriched side by side (default max_concurrency) against one at a time (max_concurrency=1)",
            count / auto_seconds,
            "rows/s",
            count / one_seconds,
        ),  # fmt: skip
        result(
            f"rows/s, every row enriched (searches {SEARCH_SECONDS} s each), {count} rows",
            count / auto_seconds,
            "rows/s",
            count / off_seconds,
        ),  # fmt: skip
        result("rows enriched", enriched, "rows", target=f"= {count}", met=enriched == count),
        result("model calls added per enriched row", extra_calls, "calls", target="<= 1", met=extra_calls <= 1),
    ]


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__.split("\n\n")[0]))
