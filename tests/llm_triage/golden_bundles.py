"""Golden bundles: a digest of every bundle built from the Panther test events, to pin the bundle bytes.

Each event of `../shared/datasets/panther-tests.jsonl` is flattened into a Splunk row (as the harness
does) and curated three ways: the `auto` profile with a `_time`, the `auto` profile under tight size
caps (so values are cut and fields dropped for size), and `fields=` naming a few of its own fields.
The digest of one event covers each bundle's profile, text, hash, references and event reference.

`golden_bundles.txt` holds one line per event, `<line number> <digest>`. It was written by the code
before the row-path performance work (commit 1365d87) and rewritten on purpose twice in issue 5: when
evidence redaction came in (the 139 events holding AWS key ids or secret-named fields changed) and when
the profiles went to version 2 (richer field lists; the format did not change), and once in issue 17
when the secret catalogue came in (2 events: a Snowflake `PASSWORD = '...'` and a Duo description the
first draft over-masked, since fixed; only the first changed), and again in issue 17 when AWS access key
ids became identifiers the analyst keeps (132 CloudTrail events; checked: nothing else in them changed but
the key ids and the event references that hash them). It must not change unless
the bundle format is meant to: then bump BUNDLE_FORMAT and rewrite it with

    PYTHONPATH=package/lib .venv/bin/python -m tests.llm_triage.golden_bundles --write
"""

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from llm_triage.evidence.bundle import Bundle, Limits, build_bundle
from llm_triage.evidence.profiles import AUTO, explicit_profile, select_profile
from tools.harness.inputs import flatten_json

GOLDEN = Path(__file__).with_name("golden_bundles.txt")
DATASET = Path("datasets") / "panther-tests.jsonl"
TIGHT = Limits(max_field_chars=40, max_bundle_chars=300)


def cases(shared: Path) -> Iterator[tuple[int, str, dict[str, object]]]:
    """(line number, log type, row) for every event that is a JSON object."""
    with (shared / DATASET).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            case = json.loads(line)
            if isinstance(case.get("log"), dict):
                yield number, str(case.get("log_type", "")), dict(flatten_json(case["log"]))


def bundles(number: int, row: dict[str, object]) -> list[Bundle]:
    """The three bundles of one event (see the module docstring)."""
    # Whole and fractional epoch seconds, as Splunk's _time comes.
    timed = dict(row, _time=str(1764064000 + number) if number % 2 else f"{1764064000 + number}.{number % 1000:03d}")
    named = sorted(row)[:5]
    return [
        build_bundle(timed, select_profile(timed, AUTO)),
        build_bundle(row, select_profile(row, AUTO), TIGHT),
        build_bundle(row, explicit_profile(named)),
    ]


def digest(built: list[Bundle]) -> str:
    """A short digest of everything a bundle carries."""
    hasher = hashlib.sha256()
    for bundle in built:
        for part in (bundle.profile, bundle.text, bundle.hash, " ".join(bundle.refs), bundle.event_ref):
            hasher.update(part.encode("utf-8") + b"\x1e")
    return hasher.hexdigest()[:16]


def read_golden() -> dict[int, str]:
    """The committed digests by line number."""
    pairs = (line.split() for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip())
    return {int(number): value for number, value in pairs}


def write_golden(shared: Path) -> int:
    """Rewrite the golden file from the current code; returns how many events it holds."""
    lines = [f"{number} {digest(bundles(number, row))}\n" for number, _, row in cases(shared)]
    GOLDEN.write_text("".join(lines), encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit(__doc__)
    from bench.common import SHARED

    print(f"{write_golden(SHARED)} events written to {GOLDEN}")
