#!/usr/bin/env python3
"""The shipped sample-alerts lookup, written from samples/alerts.jsonl (its one source of truth).

    python -m tools.sample_lookup           # rewrite package/lookups/llm_triage_sample_alerts.csv
    python -m tools.sample_lookup --check   # exit 1, saying so, when the committed file is stale

A fresh install has no triaged alerts, so the quick start and the dashboards read these:

    | inputlookup llm_triage_sample_alerts | llmtriage dryrun=true

Each JSON line becomes one CSV row with the field names Splunk's JSON extraction gives (`a.b`, `a{}`; the
same flattening tools/search applies to the .jsonl, tools/harness/inputs.py). A multivalue field is one
cell with its values on separate lines, as `outputlookup` writes one. Columns: `_time` first, then every
other field in the order it first appears in the samples, so a new sample only adds columns at the end.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tools.harness.chunked import Row  # noqa: E402 (needs REPO on sys.path)
from tools.harness.inputs import read_jsonl_rows  # noqa: E402

SAMPLES = REPO / "samples" / "alerts.jsonl"
LOOKUP_NAME = "llm_triage_sample_alerts"
LOOKUP_FILE = REPO / "package" / "lookups" / f"{LOOKUP_NAME}.csv"
MULTIVALUE_SEPARATOR = "\n"


def lookup_columns(rows: Sequence[Row]) -> list[str]:
    """`_time`, then each other field in the order it first appears."""
    columns: dict[str, None] = {"_time": None}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def cell(value: str | list[str] | None) -> str:
    """One field's value as a CSV cell: a multivalue field's values one per line."""
    if value is None:
        return ""
    if isinstance(value, list):
        return MULTIVALUE_SEPARATOR.join(value)
    return value


def render_lookup(samples: Path = SAMPLES) -> str:
    """The CSV text of the lookup, from the sample alerts at `samples`."""
    rows = list(read_jsonl_rows(samples))
    columns = lookup_columns(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(name)) for name in columns])
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.sample_lookup", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the committed lookup is not up to date")
    args = parser.parse_args(argv)
    text = render_lookup()
    if args.check:
        current = LOOKUP_FILE.read_text(encoding="utf-8") if LOOKUP_FILE.is_file() else ""
        if current != text:
            print(f"{LOOKUP_FILE.relative_to(REPO)} is stale: run python -m tools.sample_lookup", file=sys.stderr)
            return 1
        return 0
    with LOOKUP_FILE.open("w", encoding="utf-8", newline="") as file:
        file.write(text)
    print(f"wrote {LOOKUP_FILE.relative_to(REPO)} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
