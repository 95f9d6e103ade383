#!/usr/bin/env python3
"""`make demo`: triage the sample alerts with a real local model through the app, as Splunk would run it.

Starts SmolLM2-135M-Instruct on 127.0.0.1 (tools/local_model.py), runs

    tools/search --config DEMO.ini --json samples/alerts.jsonl 'llmtriage max_rows=100 timeout=120'

where DEMO.ini configures one provider, `demo`, at the model's URL (with `schema_constraints = full`, so
llama.cpp enforces the schema's limits, and the agreement of verdict and bucket, while decoding) and its
key from the environment,

against the built app (output/llm_triage), prints one line per alert, then shows one row in dryrun: the
exact evidence bundle the model is sent. Exits non-zero if any row is missing or out of order.

Enrichment runs too: the stand-in answers the context searches of alerts the model calls needs_enrichment
from samples/enrichment_results.jsonl (`--search-results`), and the demo shows one enriched row: its
first bucket, the searches, and the answer given with their results.

The demo model is far too small to judge alerts; the output says so. `--provider-url` points the same
run at any other OpenAI-compatible endpoint instead (then no local model is started).
"""

import argparse
import contextlib
import json
import os
import secrets
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tools.local_model import MODEL_NAME, LocalModelError, local_model_server  # noqa: E402 (needs REPO on sys.path)

DEFAULT_APP = REPO / "output" / "llm_triage"
DEFAULT_SAMPLES = REPO / "samples" / "alerts.jsonl"
SEARCH_RESULTS = REPO / "samples" / "enrichment_results.jsonl"  # what splunkd's search API answers
SEARCH = REPO / "tools" / "search"
# Generous: on two busy CPU cores one answer can take half a minute, and a timeout would only show
# `unavailable` rows, which is not what the demo is for.
TRIAGE_SPL = "llmtriage max_rows=100 timeout=120"
DRYRUN_SPL = "llmtriage dryrun=true"
# The demo model requires a key made up for each run, so the run also shows the key travelling from
# secret storage (the stand-in's) to the `Authorization` header, and never into a row or a log.
DEMO_KEY_VARIABLE = "LLM_TRIAGE_DEMO_API_KEY"
# The provider's stanza name. Not `default`: in a Splunk conf file that stanza is the inherited defaults.
PROVIDER_NAME = "demo"
PLANTED_MARKER = "Note to the AI assistant"  # the sample whose email subject talks to the model

SMALL_MODEL_WARNING = """\
NOTE: the demo model is SmolLM2-135M-Instruct, 135 million parameters, 4-bit. It is FAR TOO SMALL TO
JUDGE SECURITY ALERTS: its verdicts, buckets and confidences are noise. What this demo shows is the real
protocol path: Splunk's chunked search protocol, an evidence bundle per row, an OpenAI-compatible call
with a JSON schema that llama.cpp enforces while decoding, and the app validating every answer before it
writes a field. For real triage, configure a capable model (see the README)."""

AFTER_TABLE_WARNING = """\
Again: these verdicts come from a 135M-parameter demo model and say nothing about the alerts. A row in
`error` is an answer the app refused (not JSON, cut off, or against the schema): the validation working."""


class DemoError(Exception):
    """The demo cannot run or its result is wrong; the message says which."""


@dataclass(frozen=True)
class Column:
    """One column of the results table: header, width, and how a row fills it."""

    header: str
    width: int
    field: str


COLUMNS = (
    Column("#", 2, "#"),
    Column("sourcetype", 22, "sourcetype"),
    Column("alert_name", 36, "alert_name"),
    Column("status", 11, "triage_status"),
    Column("bucket", 25, "triage_bucket"),
    Column("conf", 4, "triage_confidence"),
    Column("rationale (or why the row has none)", 58, "rationale"),
)


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters; a cut ends in '…'."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render_table(rows: Sequence[dict[str, Any]]) -> str:
    """The results table: one line per row, in order."""
    lines = ["  ".join(column.header.ljust(column.width) for column in COLUMNS).rstrip()]
    lines.append("  ".join("-" * column.width for column in COLUMNS))
    for number, row in enumerate(rows, start=1):
        cells = dict(row, **{"#": str(number), "rationale": _rationale_or_reason(row)})
        line = "  ".join(
            shorten(str(cells.get(column.field, "")), column.width).ljust(column.width) for column in COLUMNS
        )
        lines.append(line.rstrip())
    return "\n".join(lines)


def _rationale_or_reason(row: dict[str, Any]) -> str:
    if row.get("triage_rationale"):
        return str(row["triage_rationale"])
    if row.get("triage_error"):
        return f"[{row['triage_error']}]"
    return ""


def order_problems(sent: Sequence[dict[str, Any]], returned: Sequence[dict[str, Any]]) -> list[str]:
    """How the returned rows differ from the sent ones in count or order (empty when they match)."""
    problems = []
    if len(returned) != len(sent):
        problems.append(f"{len(sent)} rows went in, {len(returned)} came back")
    for number, (before, after) in enumerate(zip(sent, returned), start=1):
        identity = [(name, str(before.get(name))) for name in ("_time", "sourcetype", "alert_name")]
        if any(str(after.get(name)) != value for name, value in identity):
            problems.append(f"row {number} came back as {after.get('alert_name')!r}, expected {before['alert_name']!r}")
        if not after.get("triage_status"):
            problems.append(f"row {number} has no triage_status")
    return problems


def read_samples(path: Path) -> list[dict[str, Any]]:
    """The sample alerts as JSON objects, in file order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass(frozen=True)
class Endpoint:
    """Where the search sends its requests: base URL, model name, and the variable holding the key."""

    base_url: str
    model: str = MODEL_NAME
    key_variable: Optional[str] = None
    schema_constraints: str = "portable"
    max_concurrency: int = 0  # 0: the app's default; the local model serves one request at a time

    def config_ini(self) -> str:
        """The tools/search --config file that makes this endpoint the default provider."""
        lines = [
            "[conf-llm_triage_settings/triage]",
            f"default_provider = {PROVIDER_NAME}",
            "",
            f"[conf-llm_triage_providers/{PROVIDER_NAME}]",
            f"base_url = {self.base_url}",
            f"model = {self.model}",
            f"schema_constraints = {self.schema_constraints}",
        ]
        if self.max_concurrency:
            # More requests than the server has slots would only wait in its queue and time out there.
            lines.append(f"max_concurrency = {self.max_concurrency}")
        if self.key_variable:
            lines += ["", f"[password:llm_triage:{PROVIDER_NAME}]", f"password_env = {self.key_variable}"]
        return "\n".join(lines) + "\n"


def run_search(app: Path, samples: Path, spl: str, endpoint: Optional[Endpoint] = None) -> list[dict[str, Any]]:
    """Run tools/search with --json and return its rows; fail with its stderr if it fails."""
    command = [sys.executable, str(SEARCH), "--app", str(app), "--json"]
    with tempfile.TemporaryDirectory(prefix="llm-triage-demo-") as folder:
        if endpoint is not None:
            config = Path(folder) / "demo.ini"
            config.write_text(endpoint.config_ini(), encoding="utf-8")
            command += ["--config", str(config)]
        command += ["--search-results", str(SEARCH_RESULTS), str(samples), spl]
        finished = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    key = os.environ.get(endpoint.key_variable, "") if endpoint and endpoint.key_variable else ""
    if key and (key in finished.stdout or key in finished.stderr):
        raise DemoError("the provider's API key appeared in the search's output")
    if finished.returncode != 0:
        raise DemoError(f"tools/search exited with status {finished.returncode}:\n{finished.stderr.strip()}")
    if finished.stderr.strip():
        print(textwrap.indent(finished.stderr.strip(), "  search says: "))
    return [json.loads(line) for line in finished.stdout.splitlines() if line.strip()]


@contextlib.contextmanager
def model_endpoint(given: Optional[Endpoint]) -> Iterator[Endpoint]:
    """The given endpoint, or the local demo model started (with a fresh API key) for the block."""
    if given is not None:
        yield given
        return
    started = time.monotonic()
    print("Starting the local model (llama.cpp via xllamacpp, on 127.0.0.1)...", flush=True)
    key = "sk-demo-" + secrets.token_hex(16)
    with local_model_server(api_key=key) as base_url:
        print(f"  ready at {base_url} after {time.monotonic() - started:.1f} s (it requires a per-run API key)")
        os.environ[DEMO_KEY_VARIABLE] = key  # inherited by tools/search, which stores it as the secret
        try:
            yield Endpoint(base_url, MODEL_NAME, DEMO_KEY_VARIABLE, schema_constraints="full", max_concurrency=1)
        finally:
            del os.environ[DEMO_KEY_VARIABLE]


def show_enrichment(returned: Sequence[dict[str, Any]]) -> None:
    """Print how many rows were answered needs_enrichment, and one that was enriched, end to end."""
    uncertain = [row for row in returned if row.get("triage_bucket_initial")]
    enriched = [(number, row) for number, row in enumerate(returned, start=1) if row.get("triage_enriched") == "true"]
    counts = f"{len(uncertain)} of {len(returned)} rows answered needs_enrichment"
    print(f"Enrichment: {counts}, {len(enriched)} judged again with context.")
    if not enriched:
        for number, row in enumerate(returned, start=1):
            if row.get("triage_bucket_initial"):
                notes = row.get("triage_enrichment") or []
                shown = "; ".join(notes if isinstance(notes, list) else [notes])
                print(f"  Row {number} ({row.get('alert_name')}) kept its first answer: {shown}")
        print("  (The demo model's answers are noise, so how many rows it sends this way varies from run to run;")
        print("  tests/protocol/test_enrichment_protocol.py shows the whole path with a deterministic model.)\n")
        return
    number, row = enriched[0]
    notes = row.get("triage_enrichment") or []
    evidence = row.get("triage_evidence") or []
    print(f"  Row {number} ({row.get('alert_name')}): first answer needs_enrichment; the searches, run as the")
    print("  searching user through splunkd's search API (here the stand-in, answering from")
    print(f"  {SEARCH_RESULTS.relative_to(REPO)}):")
    for note in notes if isinstance(notes, list) else [notes]:
        print(f"    {note}")
    cited = [ref for ref in (evidence if isinstance(evidence, list) else [evidence]) if str(ref).startswith("cx:")]
    print(
        f"  answer with that context: {row.get('triage_bucket')} ({row.get('triage_verdict')}), citing "
        f"{', '.join(cited) or 'no context'}; tokens of both answers: {row.get('triage_tokens')}\n"
    )


def show_dryrun(app: Path, samples: Path, sent: Sequence[dict[str, Any]]) -> None:
    """Print the exact bundle dryrun returns for the sample that carries a planted instruction."""
    returned = run_search(app, samples, DRYRUN_SPL)
    problems = order_problems(sent, returned)
    if problems:
        raise DemoError("dryrun: " + "; ".join(problems))
    number = next((n for n, row in enumerate(sent, start=1) if PLANTED_MARKER in json.dumps(row)), 1)
    row = returned[number - 1]
    bundle = str(row.get("triage_bundle", ""))
    print(f"Dryrun of row {number} ({row.get('alert_name')}): nothing is sent; triage_bundle holds the exact")
    print("bundle the model would get. Its email subject carries an instruction planted for the AI: inside the")
    print("bundle it is just data (the prompt says so, and '<', '>' and '&' are escaped so the evidence")
    print("delimiters cannot be forged).")
    print(f"  triage_profile={row.get('triage_profile')}  triage_prompt_version={row.get('triage_prompt_version')}")
    print(f"  triage_bundle_hash={row.get('triage_bundle_hash')}  ({len(bundle)} characters)")
    print(textwrap.indent(bundle, "  "))
    print("  The same bundle, indented for reading:")
    print(textwrap.indent(json.dumps(json.loads(bundle), indent=2, ensure_ascii=False), "    "))


def run_demo(app: Path, samples: Path, given: Optional[Endpoint]) -> int:
    """The whole demo; returns the exit status."""
    if not (app / "default" / "commands.conf").is_file():
        raise DemoError(f"the app is not built at {app}: run `make build` (or `make demo`, which builds first)")
    sent = read_samples(samples)
    print(SMALL_MODEL_WARNING, end="\n\n")
    with model_endpoint(given) as endpoint:
        print(f"Triaging {len(sent)} sample alerts through tools/search: '{TRIAGE_SPL}'")
        print("  (one request at a time; a few seconds each on two CPU cores)", flush=True)
        started = time.monotonic()
        returned = run_search(app, samples, TRIAGE_SPL, endpoint)
        elapsed = time.monotonic() - started
    print()
    print(render_table(returned))
    print()
    statuses = ", ".join(f"{status} {count}" for status, count in _counts(returned, "triage_status"))
    print(f"{len(returned)} rows in {elapsed:.1f} s ({elapsed / max(1, len(returned)):.1f} s a row): {statuses}")
    print(AFTER_TABLE_WARNING, end="\n\n")
    problems = order_problems(sent, returned)
    show_enrichment(returned)
    show_dryrun(app, samples, sent)
    if problems:
        raise DemoError("; ".join(problems))
    return 0


def _counts(rows: Sequence[dict[str, Any]], field: str) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[str(row.get(field) or "(none)")] = counts.get(str(row.get(field) or "(none)"), 0) + 1
    return sorted(counts.items())


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", type=Path, default=DEFAULT_APP, help="the built app (default: output/llm_triage)")
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES, help="alerts to triage (.jsonl)")
    parser.add_argument("--provider-url", help="use this OpenAI-compatible base URL instead of the local model")
    parser.add_argument("--provider-model", default=MODEL_NAME, help=f"model name to send (default: {MODEL_NAME})")
    parser.add_argument("--api-key-env", metavar="VAR", help="with --provider-url: the variable holding its API key")
    args = parser.parse_args(argv)
    given = Endpoint(args.provider_url, args.provider_model, args.api_key_env) if args.provider_url else None
    try:
        return run_demo(args.app, args.samples, given)
    except (DemoError, LocalModelError) as error:
        print(f"demo failed: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
