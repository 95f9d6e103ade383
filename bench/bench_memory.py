"""Peak memory of llmtriage streaming 10,000 and 1,000,000 rows, against the no-op command.

Rows go through the chunked protocol as splunkd sends them (tools.harness.pipeline, 6,000-row execute
chunks) to the built app's `bin/llmtriage.py` with `dryrun=true max_rows=<all>`: every row takes the
whole row path except the model call (its profile is chosen, its bundle built, hashed and written back
in `triage_bundle`), so nothing waits on a model and a million rows finish in minutes. (`max_rows` alone
would let rows past the budget skip the bundle.) The baseline is the no-op splunklib streaming command
(tests/harness/fixtures/noop_command.py) fed the same rows.

Each measurement runs in a fresh worker process whose only child is the command, so the command's peak
resident set size is exact: `getrusage(RUSAGE_CHILDREN).ru_maxrss` once it has exited (the kernel's high
water mark, nothing missed between polls). The worker also checks that every row came back, in order,
with `triage_status=dryrun`. Target: flat, under 50 MB of growth from 10,000 to 1,000,000 rows
(quick mode: 10,000 to 100,000).

    python -m bench.bench_memory [--quick]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.common import NOOP_COMMAND, REPO, Result, Skipped, require_built_app, result, table
from tools.harness.pipeline import SearchContext, Stage, run_pipeline
from tools.harness.spl import parse_pipeline
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.standin_config import content_for_app

SMALL, LARGE, QUICK_LARGE = 10_000, 1_000_000, 100_000
TARGET_GROWTH_MB = 50.0
COMMANDS = ("llmtriage", "noop")

_SHAPES: tuple[dict[str, Any], ...] = (
    {
        "sourcetype": "aws:cloudtrail",
        "eventName": "StopLogging",
        "eventSource": "cloudtrail.amazonaws.com",
        "userIdentity.arn": "arn:aws:sts::111122223333:assumed-role/ci/x",
        "sourceIPAddress": "203.0.113.9",
        "awsRegion": "eu-west-1",
    },
    {
        "sourcetype": "OktaIM2:log",
        "eventType": "user.session.start",
        "outcome.result": "FAILURE",
        "actor.alternateId": "ana@example.com",
        "client.ipAddress": "198.51.100.7",
        "client.geographicalContext.country": "Brasil — São Paulo",
    },
    {
        "sourcetype": "stash",
        "rule_name": "Excessive failed logins",
        "src": ["10.0.0.5", "10.0.0.6"],
        "user": "svc_backup",
        "urgency": "high",
        "description": "More than 50 failed logins in 5 minutes from one source",
    },
)


def alert_rows(count: int) -> Iterator[dict[str, Any]]:
    """`count` alerts of three shapes, made one at a time (the driver holds none of them), each numbered."""
    for index in range(count):
        yield dict(_SHAPES[index % 3], serial=str(index), _time=str(1764064000 + index))


def measure(command: str, count: int) -> dict[str, float]:
    """In this process: stream `count` rows through `command`; its peak RSS (MB), the seconds, the rows."""
    app = SplunkApp(require_built_app())
    spl = f"llmtriage dryrun=true max_rows={count}" if command == "llmtriage" else "noop"
    script = app.command_script("llmtriage") if command == "llmtriage" else NOOP_COMMAND
    stages = [Stage(parse_pipeline(spl)[0], script)]
    quiet = _Discard()
    returned = 0
    with SplunkdStandIn(content_for_app(app)) as standin, tempfile.TemporaryDirectory(prefix="bench-mem-") as root:
        context = SearchContext(standin.uri, standin.session_key, Path(root), f"{time.time():.3f}", spl)
        started = time.monotonic()
        for row in run_pipeline(alert_rows(count), stages, context, on_message=quiet.message, on_stderr=quiet.line):
            if row.get("serial") != str(returned):
                raise AssertionError(f"row {returned} came back as {row.get('serial')!r}")
            if command == "llmtriage" and row.get("triage_status") != "dryrun":
                raise AssertionError(f"row {returned}: triage_status {row.get('triage_status')!r}")
            returned += 1
        seconds = time.monotonic() - started
    if returned != count:
        raise AssertionError(f"{count} rows sent, {returned} came back")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {"peak_mb": peak_kib * 1024 / 1e6, "seconds": seconds, "rows": returned}


class _Discard:
    def message(self, command: str, level: str, text: str) -> None:
        if level in ("ERROR", "FATAL"):
            print(f"{command}: {level}: {text}", file=sys.stderr)

    def line(self, command: str, text: str) -> None:
        print(f"[{command}] {text}", file=sys.stderr)


def measure_in_worker(command: str, count: int) -> dict[str, float]:
    """`measure` in a fresh process, so no earlier child's peak counts."""
    completed = subprocess.run(
        [sys.executable, "-m", "bench.bench_memory", "--measure", command, str(count)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"measuring {command} on {count:,} rows failed:\n{completed.stderr[-3000:]}")
    measured: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return measured


def run(quick: bool = False) -> list[Result]:
    """Peak RSS at each size, its growth, and throughput, for llmtriage and the no-op command."""
    require_built_app()
    if sys.platform != "linux":
        raise Skipped("peak RSS is read from getrusage in kilobytes, as Linux reports it")
    large = QUICK_LARGE if quick else LARGE
    peaks: dict[tuple[str, int], dict[str, float]] = {}
    for count in (SMALL, large):
        for command in COMMANDS:
            peaks[command, count] = measure_in_worker(command, count)
    ours = {count: peaks["llmtriage", count] for count in (SMALL, large)}
    noop = {count: peaks["noop", count] for count in (SMALL, large)}
    growth = ours[large]["peak_mb"] - ours[SMALL]["peak_mb"]
    results = [
        result(f"peak RSS, llmtriage dryrun=true, {count:,} rows", ours[count]["peak_mb"], "MB", noop[count]["peak_mb"])
        for count in (SMALL, large)
    ]
    results.append(
        result(
            f"peak RSS growth, {SMALL:,} to {large:,} rows",
            growth,
            "MB",
            baseline=noop[large]["peak_mb"] - noop[SMALL]["peak_mb"],
            target=f"< {TARGET_GROWTH_MB:.0f} MB",
            met=growth < TARGET_GROWTH_MB,
        )
    )
    results.append(
        result(
            f"throughput, llmtriage dryrun=true, {large:,} rows",
            large / ours[large]["seconds"],
            "rows/s",
            baseline=large / noop[large]["seconds"],
        )
    )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_memory", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{SMALL:,} to {QUICK_LARGE:,} rows")
    parser.add_argument("--measure", nargs=2, metavar=("COMMAND", "ROWS"), help="worker mode: one measurement")
    options = parser.parse_args(argv)
    if options.measure:
        command, count = options.measure
        if command not in COMMANDS:
            parser.error(f"COMMAND must be one of {', '.join(COMMANDS)}")
        print(json.dumps(measure(command, int(count))))
        return 0
    try:
        print(table(run(quick=options.quick)))
    except Skipped as skipped:
        print(f"skipped: {skipped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
