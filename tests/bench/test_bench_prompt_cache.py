"""The prompt-cache benchmark over the few events test_bench_run writes: the after side shares its prefix,
is served from the cache and costs less; the before side shares under a fifth of its characters."""

from __future__ import annotations

from test_bench_run import dataset  # noqa: F401 (a fixture)

from bench.bench_prompt_cache import alert_bundles, costed, prefix_shares, requests, run
from llm_triage.verdict.prompt import load_prompt


def test_the_shared_prefix_is_served_from_the_cache_and_costs_less(dataset):  # noqa: F811
    results = {row["name"]: row for row in run(quick=True)}
    share = results["shared prefix, 2 alerts, batch_size 1: mean share of a prompt's characters"]
    assert share["value"] >= 0.8 and share["baseline"] < 0.25 and share["met"] is True
    cached = results["share of prompt tokens served from OpenAI's cache, 2 alerts, batch_size 1 (baseline: version 2)"]
    assert cached["value"] > 0.3 and cached["baseline"] == 0  # the second request's prefix, not the first's
    for prices in ("OpenAI", "Anthropic"):
        cost = results[
            f"cost per 1,000 alerts, {prices}-like example prices, 2 alerts, batch_size 1 (baseline: version 2)"
        ]
        assert 0 < cost["value"] < cost["baseline"]


def test_a_version_3_prefix_is_written_once_and_read_after(dataset):  # noqa: F811
    bundles = alert_bundles(2)
    after = requests(bundles, load_prompt(), 1, narrowed=False)
    assert after[0].schema == after[1].schema and after[0].system == after[1].system
    assert min(prefix_shares(after)) >= 0.8
    before = requests(bundles, load_prompt("triage-2"), 1, narrowed=True)
    assert before[0].system != before[1].system and before[0].schema != before[1].schema
    assert costed(after, marked=True).anthropic < costed(after, marked=False).anthropic
