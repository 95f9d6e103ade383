"""Cache-hit throughput: `llmtriage` answering every row from its verdict cache, through tools/search,
against the no-op splunklib streaming command driven the same way.

Both are whole `tools/search` runs (process start, getinfo, execute chunks of 6,000 rows, output to a
file) over the same CSV of distinct alerts. The cache is the file implementation (`cache_file`, the one
tools/search runs use), filled beforehand with a verdict for every row, keyed exactly as the command
keys them; the provider is a loopback server that must receive no request. So the difference is the
engine's own cost per row: building the bundle, one batched cache lookup per group, writing the fields.
Medians of several runs.

Target (issue 4): at most 1.5 times the no-op's time. A second, fairer baseline is `addfields`, the no-op
command adding the very fields llmtriage adds (taken from llmtriage's own first output row) to every
row: what splunklib and tools/search spend writing and reading those fields, which no
implementation of the triage can avoid.

    python -m bench.bench_cache [--quick]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import NOOP_COMMAND, REPO, Result, main, median, require_built_app, result
from llm_triage.engine.cache import CacheKey, record_of
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.fields import OUTPUT_FIELDS
from llm_triage.evidence.profiles import select_profile
from llm_triage.splunkd.settings import TriageSettings
from llm_triage.verdict.judge import Judgement
from llm_triage.verdict.prompt import load_prompt
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.inputs import read_rows

ROWS, QUICK_ROWS = 30_000, 6_000
RUNS, QUICK_RUNS = 3, 1
TARGET_RATIO = 1.5
PROVIDER, MODEL = "local", "local-model"  # what tools/search --provider-url configures
SEARCH = REPO / "tools" / "search"
ADDFIELDS_COMMAND = REPO / "tests" / "harness" / "fixtures" / "addfields_command.py"
COLUMNS = ("_time", "sourcetype", "eventType", "actor.alternateId", "client.ipAddress", "severity", "outcome.result")


def write_alerts(path: Path, count: int) -> None:
    """A CSV of `count` distinct identity alerts."""
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(",".join(COLUMNS) + "\n")
        for number in range(count):
            values = (
                str(1764064000 + number),
                "OktaIM2:log",
                "user.session.start",
                f"user{number}@example.com",
                f"198.51.{number // 250 % 250}.{number % 250}",
                "high" if number % 3 else "low",
                "FAILURE" if number % 2 else "SUCCESS",
            )
            file.write(",".join(values) + "\n")


def fill_cache(rows_file: Path, cache_file: Path) -> int:
    """A verdict for every row, under the key the command will look up; returns how many."""
    prompt, limits = load_prompt(), TriageSettings().limits
    now = time.time()
    count = 0
    with cache_file.open("w", encoding="utf-8") as out:
        for row in read_rows(rows_file):
            bundle = build_bundle(row, select_profile(row), limits)
            key = CacheKey(bundle.hash, prompt.label, PROVIDER, MODEL)
            fields: dict[str, Any] = {
                "triage_verdict": "suspicious",
                "triage_bucket": "needs_enrichment",
                "triage_confidence": "0.55",
                "triage_rationale": "Sign-in from an address this user has not used before.",
                "triage_evidence": list(bundle.refs[:2]),
                "triage_attack": ["T1078"],
                "triage_next_action": "Ask the user to confirm the sign-in.",
                "triage_questions": ["Is the user travelling?"],
            }
            judgement = Judgement("ok", fields=fields, model=MODEL, prompt_tokens=700, completion_tokens=120)
            out.write(json.dumps({"_key": key.id, **record_of(key, judgement, now)}) + "\n")
            count += 1
    return count


def noop_app(folder: Path) -> Path:
    """An app with the no-op splunklib streaming command, `noop`, and `addfields`, the no-op adding fields."""
    app = folder / "llm_triage"
    (app / "bin").mkdir(parents=True)
    (app / "default").mkdir()
    (app / "bin" / "noop.py").symlink_to(NOOP_COMMAND)
    (app / "bin" / "addfields.py").symlink_to(ADDFIELDS_COMMAND)
    stanzas = "".join(f"[{name}]\nfilename = {name}.py\nchunked = true\n" for name in ("noop", "addfields"))
    (app / "default" / "commands.conf").write_text(stanzas, encoding="utf-8")
    return app


def triage_fields(output: Path, path: Path) -> None:
    """Write the fields llmtriage added to its first output row, as `addfields` reads them."""
    with output.open(encoding="utf-8") as lines:
        first = json.loads(lines.readline())
    path.write_text(json.dumps({name: first[name] for name in OUTPUT_FIELDS if name in first}), encoding="utf-8")


def timed_search(arguments: list[str], output: Path) -> float:
    """Seconds for one tools/search run; raises when it fails."""
    started = time.monotonic()
    with output.open("wb") as out:
        finished = subprocess.run([sys.executable, str(SEARCH), *arguments], stdout=out, stderr=subprocess.PIPE)
    seconds = time.monotonic() - started
    if finished.returncode != 0:
        raise RuntimeError(f"tools/search failed: {finished.stderr.decode('utf-8', 'replace')[-500:]}")
    return seconds


def run(quick: bool = False) -> list[Result]:
    """Cache-hit llmtriage against the no-op command, through tools/search."""
    built = require_built_app()
    count, runs = (QUICK_ROWS, QUICK_RUNS) if quick else (ROWS, RUNS)
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as scratch:
        folder = Path(scratch)
        rows_file, cache_file, output = folder / "alerts.csv", folder / "verdicts.jsonl", folder / "out.jsonl"
        write_alerts(rows_file, count)
        fill_cache(rows_file, cache_file)
        config = folder / "search.ini"
        config.write_text(f"[conf-llm_triage_settings/triage]\ncache_file = {cache_file}\n", encoding="utf-8")
        app = noop_app(folder)
        with OpenAICompatServer() as server:
            llm_args = ["--app", str(built), "--provider-url", server.base_url, "--config", str(config), "--json"]
            llm_args += [str(rows_file), f"llmtriage max_rows={count}"]
            noop_args = ["--app", str(app), "--json", str(rows_file), "noop"]
            fields_file = folder / "fields.json"
            fields_args = ["--app", str(app), "--json", str(rows_file), f'addfields path="{fields_file}"']
            timed_search(llm_args, output)  # warms the file cache of the OS; its first row gives addfields' fields
            triage_fields(output, fields_file)
            noop_times, fields_times, llm_times = [], [], []
            for _ in range(runs):
                noop_times.append(timed_search(noop_args, output))
                fields_times.append(timed_search(fields_args, output))
                llm_times.append(timed_search(llm_args, output))
            asked = len(server.chat_requests)
        with output.open(encoding="utf-8") as lines:
            cached = sum(json.loads(line).get("triage_cached") == "true" for line in lines)
    if asked or cached != count:
        raise RuntimeError(f"not every row came from the cache: {cached} of {count} cached, {asked} requests sent")
    noop, fields, llm = median(noop_times), median(fields_times), median(llm_times)
    return [
        result(
            f"llmtriage, every row a cache hit ({count:,} rows) vs noop",
            llm,
            "s",
            baseline=noop,
            target=f"<= {TARGET_RATIO:g} x noop",
            met=llm <= TARGET_RATIO * noop,
        ),
        result(
            f"addfields: noop adding the fields llmtriage adds ({count:,} rows) vs noop",
            fields,
            "s",
            baseline=noop,
        ),
        result(f"llmtriage, every row a cache hit ({count:,} rows) vs addfields", llm, "s", baseline=fields),
        result(f"llmtriage cache-hit throughput ({count:,} rows)", count / llm, "rows/s", baseline=count / noop),
    ]


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__ or ""))
