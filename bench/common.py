"""What every benchmark shares: the shape of a result, skipping, paths, and a command line of its own.

A benchmark is a module `bench/bench_<name>.py` with `run(quick: bool = False) -> list[dict]`. Each dict
is one measured number beside its baseline, both measured in the same run (so a ratio compares like with
like on the same machine at the same moment):

    name      what was measured
    value     the number
    unit      its unit (s, ms, MB, tokens, ...)
    baseline  the side-by-side comparison, measured in the same run, or None
    ratio     value / baseline, or None
    target    the target in words ("< 0.5 s"), or "" when there is none
    met       whether the target is met, or None when there is no target

A benchmark that cannot run here (no ../shared, app not built) raises `Skipped` with the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PACKAGE_LIB = REPO / "package" / "lib"
BUILT_APP = REPO / "output" / "llm_triage"
SHARED = Path(os.environ.get("LLM_TRIAGE_SHARED") or REPO.parent / "shared")
"""../shared (the project's datasets), or the folder LLM_TRIAGE_SHARED names (a worktree elsewhere, a test)."""
NOOP_COMMAND = REPO / "tests" / "harness" / "fixtures" / "noop_command.py"
"""A splunklib streaming command that returns every record unchanged: the baseline for command costs."""

RESULT_KEYS = ("name", "value", "unit", "baseline", "ratio", "target", "met")

Result = dict[str, Any]
RunFunction = Callable[..., list[Result]]

# The pure package, imported from source as the tests do.
if str(PACKAGE_LIB) not in sys.path:
    sys.path.insert(0, str(PACKAGE_LIB))


class Skipped(Exception):
    """This benchmark cannot run here; the message says what is missing."""


def result(
    name: str,
    value: float,
    unit: str,
    baseline: float | None = None,
    target: str = "",
    met: bool | None = None,
) -> Result:
    """One result row; the ratio is value / baseline when there is a non-zero baseline."""
    ratio = value / baseline if baseline else None
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "ratio": ratio,
        "target": target,
        "met": met,
    }


def median(values: Sequence[float]) -> float:
    """The median of several runs (robust to one run disturbed by the machine)."""
    return float(statistics.median(values))


def require_built_app() -> Path:
    """The built app (`make build`), or Skipped."""
    if not (BUILT_APP / "default" / "app.conf").is_file() or not (BUILT_APP / "lib" / "splunklib").is_dir():
        raise Skipped("the app is not built: run `make build` first")
    return BUILT_APP


def require_shared(relative: str) -> Path:
    """A file under ../shared, or Skipped (a fresh clone has no ../shared)."""
    path = SHARED / relative
    if not path.is_file():
        raise Skipped(f"{path} is absent (../shared is only on the project's own machines)")
    return path


PANTHER_EVENTS = "datasets/panther-tests.jsonl"


def panther_results() -> list[dict[str, Any]]:
    """The Panther test events of ../shared as Splunk results: fields flattened, `_raw` kept as the
    event's JSON; Skipped without them."""
    from tools.harness.inputs import flatten_json  # the repository root is on the path as for `-m bench.*`

    path = require_shared(PANTHER_EVENTS)
    events = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            log = json.loads(line)["log"]
            events.append(dict(flatten_json(log), _raw=json.dumps(log, ensure_ascii=False)))
    if not events:
        raise Skipped(f"no events in {PANTHER_EVENTS}")
    return events


def format_number(value: Any) -> str:
    """A number for a table: three significant digits, thousands separated; '' for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) >= 1000):
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if value else "0"


def format_met(met: bool | None) -> str:
    """A target's outcome for a table."""
    return "" if met is None else ("yes" if met else "NO")


def table(results: Sequence[Result]) -> str:
    """Results as a plain-text table, for a terminal."""
    header = ("benchmark", "value", "unit", "baseline", "ratio", "target", "met")
    lines = [
        (
            str(row["name"]),
            format_number(row["value"]),
            str(row["unit"]),
            format_number(row["baseline"]),
            format_number(row["ratio"]),
            str(row["target"]),
            format_met(row["met"]),
        )
        for row in results
    ]
    widths = [max(len(cells[index]) for cells in [header, *lines]) for index in range(len(header))]
    out = ["  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip() for cells in [header, *lines]]
    out.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(out)


def main(run: RunFunction, description: str, argv: Sequence[str] | None = None) -> int:
    """`python -m bench.bench_<name> [--quick]`: run one benchmark and print its table."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer repetitions")
    options = parser.parse_args(argv)
    try:
        results = run(quick=options.quick)
    except Skipped as skipped:
        print(f"skipped: {skipped}")
        return 0
    print(table(results))
    return 0
