"""What the injection detector costs a row seen for the first time: real events, each value new.

`bench_memory` streams a few row shapes again and again, so the detector's memo of short values answers
most of them; a search over real events sees new values row after row, and every event carries `_raw`,
its whole text. Measured side by side in one process on the Panther test events of ../shared/datasets
as Splunk results (fields flattened, `_raw` kept as the event's JSON), the memo emptied before each run,
median of 3 alternating runs:

- the detector on each row with `_raw`, against the same rows without it: `_raw` holds the values the
  fields hold, and reading them twice once cost the detector fourteen times the rest of the row;
- the detector on each row as splunkd sends it (every field of the chunk, most of them empty: here the
  fields of 200 events), against the row alone: the empty fields must cost next to nothing;
- the detector on each row, against building the row's bundle (choosing its profile, redacting, hashing):
  the other work every row of `dryrun` does;
- the detector on each row with `_raw` written as key=value text (a syslog line of the event's fields),
  against the same rows with `_raw` as JSON: of text, the learned layer reads what the cut leaves and the
  rules read as much as the bundle sends as written, where a JSON event's strings mostly are fields already.

    python -m bench.bench_detector [--quick]
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.common import Result, main, median, panther_results, result
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.trust.injection.detector import load_detector

RUNS = 3
MAX_RAW_OVERHEAD = 1.5  # `_raw` of a JSON event should add little to the row's fields


def per_row_us(rows: Sequence[dict[str, Any]], work: Callable[[dict[str, Any]], object]) -> float:
    """Process time per row of `work` over `rows`, each value seen for the first time."""
    detector = load_detector()
    detector._seen.clear()  # a fresh search: no value remembered
    started = time.process_time()
    for row in rows:
        work(row)
    return (time.process_time() - started) / len(rows) * 1e6


def run(quick: bool = False) -> list[Result]:
    rows = panther_results()[: 600 if quick else None]
    without_raw = [{name: value for name, value in row.items() if name != "_raw"} for row in rows]
    chunk_fields = dict.fromkeys(sorted({name for row in rows[:200] for name in row}), "")
    as_sent = [{**chunk_fields, **row} for row in rows]
    detector = load_detector()

    def bundle(row: dict[str, Any]) -> object:
        return build_bundle(row, select_profile(row, "auto"))

    as_text = [dict(row, _raw=key_value_line(row)) for row in without_raw]

    timings: dict[str, list[float]] = {"with_raw": [], "without_raw": [], "as_sent": [], "bundle": [], "text": []}
    for _ in range(RUNS):
        timings["with_raw"].append(per_row_us(rows, detector.scan_row))
        timings["without_raw"].append(per_row_us(without_raw, detector.scan_row))
        timings["as_sent"].append(per_row_us(as_sent, detector.scan_row))
        timings["bundle"].append(per_row_us(rows, bundle))
        timings["text"].append(per_row_us(as_text, detector.scan_row))
    with_raw, without, wide, bundles, text = (
        median(timings[key]) for key in ("with_raw", "without_raw", "as_sent", "bundle", "text")
    )
    return [
        result(
            f"detector per row with _raw / without ({len(rows):,} events, first sight)",
            with_raw,
            "us",
            baseline=without,
            target=f"ratio <= {MAX_RAW_OVERHEAD}",
            met=with_raw <= MAX_RAW_OVERHEAD * without,
        ),
        result(
            f"detector per row with the chunk's {len(chunk_fields):,} fields / the row's own",
            wide,
            "us",
            baseline=with_raw,
            target=f"ratio <= {MAX_RAW_OVERHEAD}",
            met=wide <= MAX_RAW_OVERHEAD * with_raw,
        ),
        result("detector per row / building the row's bundle", with_raw, "us", baseline=bundles),
        result("detector per row with _raw as key=value text / as JSON", text, "us", baseline=with_raw),
    ]


def key_value_line(row: dict[str, Any]) -> str:
    """The row's fields as one syslog line of `name="value"` pairs (a multivalue field's values joined)."""
    pairs = " ".join(f'{name}="{value if isinstance(value, str) else ",".join(value)}"' for name, value in row.items())
    return "Dec  4 03:01:12 web-07 app[331]: " + pairs


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__))
