"""What secret and personal-data redaction costs the row path, and that it stays linear on hostile input.

Issue 17's bounds: `dryrun` throughput on 100,000 rows may fall by at most 10%, and redaction takes
bounded, linear time on hostile input. Measured side by side in one process:

- Throughput: the Panther test events of ../shared/datasets as Splunk results (fields flattened, `_raw`
  kept), repeated to 100,000 rows (quick: 20,000), each chosen a profile and built into a bundle as
  `llmtriage dryrun=true` does: with redaction as shipped (its memo of short values emptied first), with
  the redaction of the commit before issue 17's catalogue (BEFORE, read with `git show`: eight formats,
  no personal data) and with redaction replaced by the identity; median of 3 alternating runs. The
  issue's bound compares the first two; the third says what redaction costs in all. The bundle is only part
  of what a dryrun row costs (the injection detector and the protocol come on top), so the fall of the
  whole command's throughput is smaller than the fall measured here: this bounds it from above.
- Hostile input: values made of one fragment that wakes a rule (`password=`, `net user `, digits and
  spaces, `"password": "`, ...) repeated to 10,000 and to 40,000 characters; four times the text should
  take about four times as long (a pattern that backtracks would take sixteen).

    python -m bench.bench_redaction [--quick]
"""

from __future__ import annotations

import itertools
import subprocess
import time
import types
from collections.abc import Callable, Sequence
from typing import Any

from bench.common import REPO, Result, Skipped, main, median, panther_results, result
from llm_triage.evidence import bundle as bundle_module
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.trust import redaction

ROWS, QUICK_ROWS = 100_000, 20_000
RUNS = 3
BEFORE = "816bc16^"  # the commit before the secret catalogue (issue 17, step 1)
MAX_FALL = 0.10  # the bound: throughput may fall by at most 10%

HOSTILE = {
    "password=": "password=",
    "json password": '{"password": "',
    "net user": "net user a ",
    "-p flag": "-p ",
    "key: value": "api_key: ",
    "Bearer": "Bearer ",
    "url credentials": "https://a:",
    "card digits": "4 ",
    "digit groups": "123 ",  # every run of them is tried as a card from each of its separators
    "IBAN-like": "AB12 ",
    "e-mail": "a@b.",
}
SHORT, LONG = 10_000, 40_000
MAX_GROWTH = 6.0  # linear: about 4 for 4x the text; quadratic would be 16


def rows(count: int) -> list[dict[str, Any]]:
    """`count` results: the dataset's events in order, again and again."""
    return list(itertools.islice(itertools.cycle(panther_results()), count))


def _unredacted(value: str, name: str = "", contacts: bool = False) -> str:
    return value


def redaction_before() -> Callable[..., str]:
    """`redact_evidence` as it was before issue 17, from the repository's history; Skipped without it."""
    source = f"{BEFORE}:package/lib/llm_triage/trust/redaction.py"
    shown = subprocess.run(["git", "show", source], cwd=REPO, capture_output=True, text=True, check=False)
    if shown.returncode:
        raise Skipped(f"git show {source} failed (no history here?): {shown.stderr.strip()}")
    module = types.ModuleType("redaction_before_issue_17")
    exec(compile(shown.stdout, source, "exec"), module.__dict__)  # noqa: S102 - the project's own history
    old = module.redact_evidence

    def redact(value: str, name: str = "", contacts: bool = False) -> str:
        return str(old(value, name))  # it knew no contacts

    return redact


def _seconds(batch: Sequence[dict[str, Any]], redact: Callable[..., str]) -> float:
    bundle_module.redact_evidence = redact
    redaction._redacted_short.cache_clear()
    try:
        started = time.perf_counter()
        for row in batch:
            build_bundle(row, select_profile(row))
        return time.perf_counter() - started
    finally:
        bundle_module.redact_evidence = redaction.redact_evidence


def _hostile_growth(unit: str) -> float:
    """Seconds for LONG characters of `unit` over seconds for SHORT (best of 3 each)."""

    def best(length: int) -> float:
        text = unit * (length // len(unit))
        times = []
        for _ in range(3):
            started = time.perf_counter()
            redaction.redact_evidence(text, "", True)
            times.append(time.perf_counter() - started)
        return min(times)

    return best(LONG) / best(SHORT)


def run(quick: bool = False) -> list[Result]:
    batch = rows(QUICK_ROWS if quick else ROWS)
    before = redaction_before()
    seconds: dict[str, list[float]] = {"shipped": [], "before": [], "off": []}
    for _ in range(RUNS):
        seconds["shipped"].append(_seconds(batch, redaction.redact_evidence))
        seconds["before"].append(_seconds(batch, before))
        seconds["off"].append(_seconds(batch, _unredacted))
    shipped, old, off = (len(batch) / median(seconds[name]) for name in ("shipped", "before", "off"))
    where = f"{len(batch):,} Panther rows with _raw"
    results = [
        result(
            f"bundles built per second, {where}: the catalogue (baseline: redaction before issue 17)",
            shipped,
            "rows/s",
            baseline=old,
            target=f"falls at most {MAX_FALL:.0%}",
            met=shipped >= (1 - MAX_FALL) * old,
        ),
        result(f"bundles built per second, {where}: the catalogue (baseline: no redaction)", shipped, "rows/s", off),
    ]
    for name, unit in HOSTILE.items():
        growth = _hostile_growth(unit)
        results.append(
            result(
                f"hostile value '{name}' repeated: time at {LONG:,} chars over {SHORT:,}",
                growth,
                "x",
                target=f"linear: at most {MAX_GROWTH:g}",
                met=growth <= MAX_GROWTH,
            )
        )
    return results


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__.split("\n\n")[0]))
