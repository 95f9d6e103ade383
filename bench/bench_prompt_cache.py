"""Prompt caching: prompt tokens per alert, the share a provider's prompt cache serves, and what 1,000
alerts cost, before (prompt version 2) and after (version 3, a shared prefix), at batch sizes 1 and 10.

The alerts are the first 1,000 Panther test events whose bundle holds evidence (../shared/datasets/
panther-tests.jsonl, built as bench_tokens builds them: profile=auto, the shipped limits). Each request
is built exactly as `ProviderJudge` builds it (verdict/judge.py): the prompt's messages with the canary,
and the answer schema; the prompt a provider reads is taken to be the schema's JSON, then the system
message, then the user message (OpenAI and Anthropic put the schema, or the tool definition, ahead of
the instructions). Version 2's schema narrowed the evidence to each bundle's references, as it did; the
after side sends the schema of today's `wire_schema`. Tokens are counted with bench/token_estimate.py.

Caching is played as the providers document it, over the requests in order (1,000 alerts arrive within
a cache's lifetime of five minutes or more):
- OpenAI (automatic): a request's prefix shared with an earlier request, if 1,024 tokens or more, is
  served from the cache in steps of 128 tokens. "Earlier" is the previous request and the first of the
  run, which is enough here: a version 3 prefix is the same in all of them, and version 2's ends at the
  first per-request byte (the schema's references, the canary), long before 1,024 tokens.
- Anthropic (breakpoint): version 3 marks the tools and the system prompt; the first request writes
  them to the cache, each later one reads them. Version 2 marks nothing: everything is plain input.

Costs use this example price table, per million tokens (shaped like published list prices; not a quote):
OpenAI-like input 2.50, cached input 1.25, output 10.00; Anthropic-like input 3.00, cache write 3.75,
cache read 0.30, output 15.00. Every verdict is taken to be 150 output tokens, before and after, so the
cost difference is the prompt's alone.

    python -m bench.bench_prompt_cache [--quick]
"""

from __future__ import annotations

import argparse
import json
import os.path
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.bench_tokens import cases, splunk_row
from bench.common import Result, Skipped, result, table
from bench.token_estimate import estimate_tokens
from llm_triage.evidence.bundle import Bundle, build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.splunkd.settings import TriageSettings
from llm_triage.verdict.prompt import Prompt, load_prompt, prompt_for
from llm_triage.verdict.schema import batch_ids, batch_wire_schema, wire_schema

ALERTS = 1000
QUICK_ALERTS = 200
BATCH_SIZES = (1, 10)  # 1 is the shipped default; 10 is the size the README's batching figures use
OUTPUT_TOKENS = 150  # per verdict, assumed alike before and after
OPENAI_MINIMUM, OPENAI_STEP = 1024, 128
OPENAI_PRICES = {"input": 2.50, "cached": 1.25, "output": 10.00}
ANTHROPIC_PRICES = {"input": 3.00, "write": 3.75, "read": 0.30, "output": 15.00}


@dataclass(frozen=True)
class Request:
    """One model request as a provider reads it: the schema (tool), the system message, the user message."""

    schema: str
    system: str
    user: str
    alerts: int

    @property
    def text(self) -> str:
        return self.schema + self.system + self.user


@dataclass
class Totals:
    """What a run of requests costs: prompt tokens, those served from the cache, and the money."""

    alerts: int = 0
    prompt: int = 0
    cached: int = 0
    openai: float = 0.0
    anthropic: float = 0.0


def alert_bundles(count: int) -> list[Bundle]:
    """The first `count` Panther test events whose bundle holds evidence, as llmtriage builds them."""
    settings = TriageSettings()
    found: list[Bundle] = []
    for case in cases(quick=False):
        row = splunk_row(case)
        bundle = build_bundle(row, select_profile(row, settings.default_profile), settings.limits)
        if bundle.refs:
            found.append(bundle)
            if len(found) == count:
                return found
    if not found:
        raise Skipped("no event of the dataset keeps evidence")
    return found


def version2_schema(refs: Sequence[str]) -> dict[str, Any]:
    """The schema prompt version 2 was sent with: the portable one, its evidence narrowed to the bundle."""
    schema = wire_schema(refs)
    schema["properties"]["evidence"]["items"] = {"type": "string", "enum": list(refs)}
    return schema


def requests(bundles: Sequence[Bundle], single: Prompt, batch_size: int, narrowed: bool) -> list[Request]:
    """The requests `ProviderJudge` would send for `bundles` with this prompt and batch size."""
    prompt = prompt_for(batch_size, single)
    built = []
    for start in range(0, len(bundles), batch_size):
        group = bundles[start : start + batch_size]
        canary = prompt.canary([bundle.hash for bundle in group])
        if batch_size == 1:
            [bundle] = group
            schema = version2_schema(bundle.refs) if narrowed else wire_schema(bundle.refs)
            system, user = prompt.messages(bundle.text, canary)
        else:
            ids = batch_ids(len(group))
            items = [(item_id, bundle.refs) for item_id, bundle in zip(ids, group)]
            schema = batch_wire_schema(items)
            if narrowed:
                schema["properties"] = {item_id: version2_schema(refs) for item_id, refs in items}
            system, user = prompt.batch_messages([(i, b.text) for i, b in zip(ids, group)], canary)
        built.append(Request(json.dumps(schema), system["content"], user["content"], len(group)))
    return built


def costed(run: Sequence[Request], marked: bool) -> Totals:
    """Prompt tokens, OpenAI's cached tokens and both example costs of `run`, in order (see the docstring)."""
    totals = Totals()
    first = run[0].text
    written = False
    for index, request in enumerate(run):
        text = request.text
        prompt = estimate_tokens(text)
        shared = 0
        if index:
            earlier = (first, run[index - 1].text)
            shared = max(len(os.path.commonprefix([text, other])) for other in earlier)
        shared_tokens = estimate_tokens(text[:shared])
        cached = 0
        if shared_tokens >= OPENAI_MINIMUM:
            cached = min(OPENAI_MINIMUM + (shared_tokens - OPENAI_MINIMUM) // OPENAI_STEP * OPENAI_STEP, prompt)
        output = OUTPUT_TOKENS * request.alerts
        totals.alerts += request.alerts
        totals.prompt += prompt
        totals.cached += cached
        totals.openai += (
            (prompt - cached) * OPENAI_PRICES["input"]
            + cached * OPENAI_PRICES["cached"]
            + output * OPENAI_PRICES["output"]
        ) / 1e6
        breakpoint_tokens = estimate_tokens(request.schema + request.system) if marked else 0
        read = breakpoint_tokens if written else 0
        write = 0 if written else breakpoint_tokens
        written = written or bool(breakpoint_tokens)
        totals.anthropic += (
            (prompt - read - write) * ANTHROPIC_PRICES["input"]
            + read * ANTHROPIC_PRICES["read"]
            + write * ANTHROPIC_PRICES["write"]
            + output * ANTHROPIC_PRICES["output"]
        ) / 1e6
    return totals


def prefix_shares(run: Sequence[Request]) -> list[float]:
    """At batch size 1: each request's share of characters before its first per-request byte, that is the
    prefix it shares with every other request of the run (the schema, the instructions, the user message's
    opening up to the evidence)."""
    shared = len(os.path.commonprefix([request.text for request in run]))
    # The bundles' own first bytes (`{"events":[{"fields":{"`) are alike by chance, not by design.
    opening = run[0].text.find("<evidence>\n", 0, shared + 1)
    if opening >= 0:
        shared = min(shared, opening + len("<evidence>\n"))
    return [shared / len(request.text) for request in run]


def run(quick: bool = False) -> list[Result]:
    """Before against after at each batch size: prompt tokens and cost per alert, the cached share."""
    bundles = alert_bundles(QUICK_ALERTS if quick else ALERTS)
    before, after = load_prompt("triage-2"), load_prompt()
    count = len(bundles)
    results: list[Result] = []
    for batch_size in BATCH_SIZES:
        old_run = requests(bundles, before, batch_size, narrowed=True)
        new_run = requests(bundles, after, batch_size, narrowed=False)
        old, new = costed(old_run, marked=False), costed(new_run, marked=True)
        where = f"{count:,} alerts, batch_size {batch_size}"
        results += [
            result(f"prompt tokens per alert, {where} (baseline: version 2)", new.prompt / count, "tokens",
                   baseline=old.prompt / count),
            result(f"share of prompt tokens served from OpenAI's cache, {where} (baseline: version 2)",
                   new.cached / new.prompt, "share", baseline=old.cached / old.prompt),
            result(f"cost per 1,000 alerts, OpenAI-like example prices, {where} (baseline: version 2)",
                   new.openai * 1000 / count, "USD", baseline=old.openai * 1000 / count),
            result(f"cost per 1,000 alerts, Anthropic-like example prices, {where} (baseline: version 2)",
                   new.anthropic * 1000 / count, "USD", baseline=old.anthropic * 1000 / count),
        ]  # fmt: skip
        if batch_size == 1:
            shares = prefix_shares(new_run)
            shared_tokens = estimate_tokens(new_run[0].text[: round(shares[0] * len(new_run[0].text))])
            results += [
                result(f"shared prefix, {where}: tokens (the schema, the instructions, the opening)",
                       shared_tokens, "tokens"),
                result(f"shared prefix, {where}: mean share of a prompt's characters", sum(shares) / count,
                       "share", baseline=sum(prefix_shares(old_run)) / count, target="at least 0.80",
                       met=sum(shares) / count >= 0.8),
                result(f"alerts whose prompt is at least 80% shared prefix, {where}",
                       sum(share >= 0.8 for share in shares), "alerts", baseline=count),
            ]  # fmt: skip
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_prompt_cache", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"the first {QUICK_ALERTS} alerts only")
    options = parser.parse_args(argv)
    try:
        print(table(run(quick=options.quick)))
    except Skipped as skipped:
        print(f"skipped: {skipped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
