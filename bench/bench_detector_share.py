"""What the injection detector costs `llmtriage dryrun=true`: the built command as shipped, against the same
command with the detector replaced by one that finds nothing (bench/without_detector.py), on the same rows
through the chunked protocol, the two alternating, median of three runs each. Issue 19's budget: the
detector may take at most 10% of `dryrun`'s throughput (with it / without it at least 0.90).

- bench_memory's alerts of three shapes, 100,000 of them (10,000 with --quick): the throughput the issue
  names. Each distinct value is scored once per search, so the detector's memory answers most rows.
- The Panther events of ../shared/datasets as Splunk results, with `_raw` (3,003; 600 with --quick): each
  value new, so every row pays the detector's first sight.

    python -m bench.bench_detector_share [--quick]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.bench_memory import QUICK_LARGE, SMALL, alert_rows
from bench.common import Result, Skipped, main, median, panther_results, require_built_app, result
from tools.harness.pipeline import SearchContext, Stage, command_environment, run_pipeline
from tools.harness.spl import parse_pipeline
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.standin_config import content_for_app

RUNS = 3
MIN_RATIO = 0.90  # issue 19: throughput may fall by at most 10%
WITHOUT_DETECTOR = Path(__file__).with_name("without_detector.py")


def rows_per_second(rows: Callable[[], Iterable[dict[str, Any]]], count: int, detector: bool) -> float:
    """Stream `rows()` (`count` of them) through `llmtriage dryrun=true`, as built or without the detector;
    rows a second, every row checked to come back in order as a dryrun."""
    app = SplunkApp(require_built_app())
    spl = f"llmtriage dryrun=true max_rows={count}"
    script = app.command_script("llmtriage")
    environment = command_environment()
    if not detector:
        environment["LLM_TRIAGE_BENCH_SCRIPT"] = str(script.absolute())
    stage = Stage(parse_pipeline(spl)[0], script if detector else WITHOUT_DETECTOR)
    returned = 0
    with SplunkdStandIn(content_for_app(app)) as standin, tempfile.TemporaryDirectory(prefix="bench-det-") as root:
        context = SearchContext(standin.uri, standin.session_key, Path(root), f"{time.time():.3f}", spl)
        started = time.monotonic()
        for row in run_pipeline(rows(), [stage], context, on_message=_errors, on_stderr=_stderr, env=environment):
            if row.get("triage_status") != "dryrun":
                raise AssertionError(f"row {returned}: triage_status {row.get('triage_status')!r}")
            returned += 1
        seconds = time.monotonic() - started
    if returned != count:
        raise AssertionError(f"{count} rows sent, {returned} came back")
    return count / seconds


def side_by_side(name: str, rows: Callable[[], Iterable[dict[str, Any]]], count: int) -> list[Result]:
    """Throughput with and without the detector, alternating runs, and their ratio against the budget."""
    timings: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(RUNS):
        for detector in (True, False):
            timings[detector].append(rows_per_second(rows, count, detector))
    with_it, without_it = median(timings[True]), median(timings[False])
    return [
        result(
            f"dryrun throughput with the detector (baseline: without it), {name}",
            with_it,
            "rows/s",
            baseline=without_it,
            target=f"ratio >= {MIN_RATIO:.2f}",
            met=with_it >= MIN_RATIO * without_it,
        )
    ]


def run(quick: bool = False) -> list[Result]:
    require_built_app()
    alerts = SMALL if quick else QUICK_LARGE
    results = side_by_side(f"{alerts:,} alerts of three shapes", lambda: alert_rows(alerts), alerts)
    try:
        events = panther_results()[: 600 if quick else None]
    except Skipped as skipped:
        print(f"the Panther events are skipped: {skipped}", file=sys.stderr)
        return results
    return results + side_by_side(f"{len(events):,} Panther events with _raw, first sight", lambda: events, len(events))


def _errors(command: str, level: str, text: str) -> None:
    if level in ("ERROR", "FATAL"):
        print(f"{command}: {level}: {text}", file=sys.stderr)


def _stderr(command: str, text: str) -> None:
    if "progress:" not in text:  # the command's progress lines, every ten seconds
        print(f"[{command}] {text}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__))
