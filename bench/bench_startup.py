"""Start-up: from splunkd's getinfo chunk to llmtriage's first provider request, against the no-op command.

splunkd starts a command and writes getinfo to it at once, so the clock starts when the process is
started. Each run drives the built app's `bin/llmtriage.py` over the chunked protocol as splunkd does
(tools.harness.command_process): getinfo, then one execute chunk of one alert. The command reads its
settings, provider and key from a splunkd stand-in and asks a loopback OpenAI-compatible server, which
records when the request arrives. The baseline is the no-op splunklib streaming command
(tests/harness/fixtures/noop_command.py) driven the same way, timed to its first output (the reply to
that execute chunk). Both run under this interpreter without bytecode caches (PYTHONDONTWRITEBYTECODE=1,
as the harness runs the built app), so every run compiles its modules: the worst case, a fresh install.
Medians of several runs.

The import cost of the command's modules comes from `python -X importtime`: the self time of every
module that importing bin/llmtriage.py loads, summed by package (splunklib, llm_triage, the standard
library), against importing the no-op command, fastest of several runs. A lazy import that turns eager
shows up here.

    python -m bench.bench_startup [--quick]
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.common import NOOP_COMMAND, Result, main, median, require_built_app, result
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.app_endpoints import serve_app
from tools.harness.chunked import encode_rows
from tools.harness.command_process import CommandFailed, CommandProcess, command_argv
from tools.harness.pipeline import SearchContext, command_environment
from tools.harness.redaction import Redactor
from tools.harness.spl import parse_pipeline
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.standin_config import content_for_app
from tools.harness.ucc_credentials import store_provider_key

TARGET_SECONDS = 0.5
RUNS, QUICK_RUNS = 7, 3
IMPORT_RUNS, QUICK_IMPORT_RUNS = 7, 2
API_KEY = "sk-bench-startup-6b1e0c4d2a9f7e35"
ALERT = {
    "_time": "1764064000",
    "sourcetype": "aws:cloudtrail",
    "eventName": "StopLogging",
    "eventSource": "cloudtrail.amazonaws.com",
    "userIdentity.arn": "arn:aws:sts::111122223333:assumed-role/ci/x",
    "sourceIPAddress": "203.0.113.9",
}
_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


class TimedServer(OpenAICompatServer):
    """The loopback OpenAI-compatible server, noting when each chat request arrives (monotonic clock)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.arrivals: list[float] = []

    def _handle(self, handler: Any, method: str) -> None:
        if method == "POST" and handler.path.split("?", 1)[0] == "/v1/chat/completions":
            self.arrivals.append(handler.started)  # when the request line and headers were read
        super()._handle(handler, method)


class _Quiet:
    """Sinks that keep what a command says, for an error message if a run fails."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def stderr(self, command: str, line: str) -> None:
        self.lines.append(line)


def drive_once(script: Path, spl: str, standin: SplunkdStandIn, on_request: list[float] | None) -> tuple[float, float]:
    """Start `script`, send getinfo and one execute chunk of one alert; return (seconds from start to the
    first provider request (0 when `on_request` is None), seconds from start to the first output)."""
    call = parse_pipeline(spl)[0]
    quiet = _Quiet()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as root:
        context = SearchContext(
            splunkd_uri=standin.uri,
            session_key=standin.session_key,
            dispatch_dir=Path(root),
            sid=f"{time.time():.3f}",
            search=spl,
        )
        process = CommandProcess(
            call.name,
            command_argv(sys.executable, script),
            cwd=Path(root),
            env=command_environment(),
            on_stderr=quiet.stderr,
            redactor=Redactor([standin.session_key, API_KEY]),
            reply_timeout=60.0,
        )
        seen = len(on_request) if on_request is not None else 0
        started = time.monotonic()
        process.start()
        try:
            process.exchange(context.getinfo(call))
            process.send({"action": "execute", "finished": True}, encode_rows([ALERT]))
            reply = process.receive()
            first_output = time.monotonic() - started
            if b"StopLogging" not in reply.body:
                raise CommandFailed(f"{call.name} answered without the row: {reply.body[:200]!r}")
            status = process.close()
        finally:
            process.kill()
    if status != 0:
        raise CommandFailed(f"{call.name} exited with status {status}: " + "\n".join(quiet.lines[-10:]))
    if on_request is None:
        return 0.0, first_output
    if len(on_request) <= seen:
        raise CommandFailed(f"{call.name} never asked the provider: " + "\n".join(quiet.lines[-10:]))
    return on_request[seen] - started, first_output


@contextmanager
def llmtriage_world(app: SplunkApp) -> Iterator[tuple[TimedServer, SplunkdStandIn]]:
    """A loopback model and a splunkd stand-in serving the app's conf files, that model and its key."""
    model = TimedServer(api_key=API_KEY)
    with model:
        content = content_for_app(app)
        content.set_stanza("llm_triage_providers", "lab", {"base_url": model.base_url, "model": "gpt-4o-mini"})
        # No verdict cache: every run must reach the provider (the same alert would be a cache hit).
        content.set_stanza("llm_triage_settings", "triage", {"default_provider": "lab", "cache_ttl": "0"})
        store_provider_key(content, "lab", API_KEY)
        with SplunkdStandIn(content) as standin:
            serve_app(standin, app)  # the app's endpoint (which calls the model) and its KV store
            yield model, standin


def import_profile(script: Path, module: str) -> dict[str, float]:
    """Milliseconds of import self time by package when `script` is imported as `module` (not run)."""
    code = f"import sys; sys.path.insert(0, {str(script.parent)!r}); import {module}"
    with tempfile.TemporaryDirectory(prefix="bench-import-") as root:
        completed = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            cwd=root,
            env=command_environment(),
            capture_output=True,
            text=True,
            check=True,
        )
    totals: dict[str, float] = {}
    inside = False
    for line in completed.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match is None:
            continue
        self_us, _cumulative, _indent, name = match.groups()
        if name == "site":
            inside = True  # what the interpreter imports before `-c` runs ends with site
            continue
        if not inside:
            continue
        package = name.split(".")[0]
        group = package if package in ("splunklib", "llm_triage", module) else "standard library"
        totals[group] = totals.get(group, 0.0) + int(self_us) / 1000
    totals["total"] = sum(totals.values())
    return totals


def run(quick: bool = False) -> list[Result]:
    """Median start-up to the first provider request and to the first output, and import costs."""
    built = require_built_app()
    app = SplunkApp(built)
    script = built / "bin" / "llmtriage.py"
    runs = QUICK_RUNS if quick else RUNS
    to_request, to_output, noop_output = [], [], []
    with llmtriage_world(app) as (model, standin):
        for _ in range(runs):
            # Alternate, so a slow moment of the machine falls on both sides alike.
            request_seconds, output_seconds = drive_once(script, "llmtriage", standin, model.arrivals)
            to_request.append(request_seconds)
            to_output.append(output_seconds)
            noop_output.append(drive_once(NOOP_COMMAND, "noop", standin, None)[1])
    noop = median(noop_output)
    results = [
        result(
            f"start-up: getinfo to first provider request (median of {runs})",
            median(to_request),
            "s",
            baseline=noop,
            target=f"< {TARGET_SECONDS} s",
            met=median(to_request) < TARGET_SECONDS,
        ),
        result(f"start-up: getinfo to first output row (median of {runs})", median(to_output), "s", baseline=noop),
    ]
    import_runs = QUICK_IMPORT_RUNS if quick else IMPORT_RUNS
    ours, noops = [], []
    for _ in range(import_runs):
        ours.append(import_profile(script, "llmtriage"))
        noops.append(import_profile(NOOP_COMMAND, NOOP_COMMAND.stem))
    # Fastest of N (as timeit does): a busy machine only ever adds time, and imports are short enough to
    # be hit hard by it; the fastest run is the import's own cost.
    best, noop_best = _fastest(ours), _fastest(noops)
    label = f"import bin/llmtriage.py (fastest of {import_runs})"
    results += [
        result(f"{label}: all modules", best["total"], "ms", noop_best["total"]),
        result(f"{label}: splunklib modules", best.get("splunklib", 0.0), "ms", noop_best.get("splunklib", 0.0)),
        result(f"{label}: llm_triage modules", best.get("llm_triage", 0.0), "ms"),
        result(f"{label}: standard library modules", best.get("standard library", 0.0), "ms"),
    ]
    return results


def _fastest(profiles: list[dict[str, float]]) -> dict[str, float]:
    """The profile of the fastest run (its parts add up, unlike minima taken part by part)."""
    return min(profiles, key=lambda profile: profile["total"])


if __name__ == "__main__":
    sys.exit(main(run, __doc__.split("\n\n")[0]))
