"""Run every benchmark (`bench/bench_*.py`), print one table, and write JSON and a markdown table.

    python -m bench.run [--quick] [--only NAME ...] [--json FILE] [--markdown FILE]

NAME is a benchmark's name without `bench_` (`tokens`, `startup`, ...). Exit status: 0 when every
benchmark ran or was skipped, 1 when one failed (its error is printed and recorded; the others still run).
Targets that are missed are reported, not failed on: the numbers are for the README, not a test.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import platform
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import RESULT_KEYS, Result, Skipped, format_met, format_number, table

BENCH_DIR = Path(__file__).resolve().parent
PREFIX = "bench_"


@dataclass
class Outcome:
    """What one benchmark did: its results, or why it was skipped, or how it failed."""

    name: str
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str | None = None
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "seconds": round(self.seconds, 3),
            "skipped": self.skipped,
            "error": self.error,
            "results": self.results,
        }


def discover(folder: Path = BENCH_DIR) -> list[str]:
    """Names of the benchmarks in `folder` (bench_<name>.py), sorted."""
    return sorted(path.stem[len(PREFIX) :] for path in folder.glob(f"{PREFIX}*.py"))


def run_one(name: str, quick: bool, package: str = "bench") -> Outcome:
    """Import bench.bench_<name>, run it, and check the shape of what it returned."""
    outcome = Outcome(name)
    started = time.monotonic()
    try:
        module = importlib.import_module(f"{package}.{PREFIX}{name}")
        results = module.run(quick=quick)
        outcome.results = [_checked(name, row) for row in results]
    except Skipped as skipped:
        outcome.skipped = str(skipped) or "skipped"
    except Exception:
        outcome.error = traceback.format_exc()
    outcome.seconds = time.monotonic() - started
    return outcome


def _checked(benchmark: str, row: Any) -> Result:
    if not isinstance(row, dict) or tuple(row) != RESULT_KEYS:
        raise TypeError(f"bench_{benchmark} returned a result without exactly the keys {RESULT_KEYS}: {row!r}")
    if not isinstance(row["value"], (int, float)) or not row["name"]:
        raise TypeError(f"bench_{benchmark} returned a result without a name or a numeric value: {row!r}")
    if row["met"] not in (True, False, None):
        raise TypeError(f"bench_{benchmark}: met must be true, false or null: {row!r}")
    return row


def markdown(outcomes: Sequence[Outcome]) -> str:
    """A markdown table of every result (skipped benchmarks say why), for the README."""
    lines = [
        "| benchmark | measured | baseline (same run) | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for outcome in outcomes:
        if outcome.skipped is not None:
            lines.append(f"| {outcome.name} | skipped: {_cell(outcome.skipped)} | | | | |")
        if outcome.error is not None:
            lines.append(f"| {outcome.name} | failed (see the JSON report) | | | | |")
        for row in outcome.results:
            unit = f" {row['unit']}" if row["unit"] else ""
            baseline = f"{format_number(row['baseline'])}{unit}" if row["baseline"] is not None else ""
            ratio = f"{format_number(row['ratio'])}×" if row["ratio"] is not None else ""
            lines.append(
                f"| {_cell(row['name'])} | {format_number(row['value'])}{unit} | {baseline} | {ratio} | "
                f"{_cell(row['target'])} | {format_met(row['met'])} |"
            )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def environment(quick: bool) -> dict[str, Any]:
    """Where and when the numbers were measured."""
    return {
        "when": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "quick": quick,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "system": platform.system(),
        "cpus": os.cpu_count(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks the command line asks for; see the module docstring."""
    available = discover()
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repetitions")
    parser.add_argument(
        "--only", action="append", choices=available, metavar="NAME", help=f"run only these: {', '.join(available)}"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every result, with the environment, as JSON")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="write the results as a markdown table")
    options = parser.parse_args(argv)

    outcomes = []
    for name in options.only or available:
        print(f"== {name}", flush=True)
        outcome = run_one(name, options.quick)
        outcomes.append(outcome)
        if outcome.skipped is not None:
            print(f"skipped: {outcome.skipped}")
        elif outcome.error is not None:
            print(f"FAILED:\n{outcome.error}", file=sys.stderr)
        else:
            print(table(outcome.results))
        print(f"({outcome.seconds:.1f} s)\n", flush=True)

    if options.json is not None:
        report = {"environment": environment(options.quick), "benchmarks": [o.as_json() for o in outcomes]}
        options.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if options.markdown is not None:
        options.markdown.write_text(markdown(outcomes), encoding="utf-8")
    return 1 if any(outcome.error is not None for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
