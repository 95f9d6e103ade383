"""Profile coverage: per log type, which profile `auto` picks, how many of the fields an analyst needs
survive into the bundle, and how big the bundle is.

    python -m tools.profile_coverage [--dataset PATH] [--markdown PATH]      (or: make coverage)

Reads ../shared/datasets/panther-tests.jsonl (90 log types from panther-analysis' rule tests; skipped
with a message when absent). Each event is flattened into a Splunk row as the harness does and curated
exactly as `llmtriage profile=auto` would with the shipped settings. What an analyst needs is data, not
code: tools/analyst_needs.json maps each log type to a family (cloud audit, identity, endpoint, network,
email, generic) and each family to needs (who, what, from where, ...); a need is present in an event when
a field matching its pattern has a value, and kept when the bundle holds a field that satisfies it.
Sizes are the bundle's characters and its tokens by bench/token_estimate.py (calibrated against a real
BPE tokenizer to within 0.1% on these bundles).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "package" / "lib"), str(REPO)]

from bench.token_estimate import estimate_tokens  # noqa: E402
from llm_triage.evidence.bundle import build_bundle  # noqa: E402
from llm_triage.evidence.profiles import has_value, select_profile  # noqa: E402
from llm_triage.splunkd.settings import TriageSettings  # noqa: E402
from tools.harness.inputs import flatten_json  # noqa: E402

NEEDS_FILE = Path(__file__).with_name("analyst_needs.json")
DATASET = REPO.parent / "shared" / "datasets" / "panther-tests.jsonl"


@dataclass(frozen=True)
class Need:
    """One thing an analyst needs: where it may be found in an event, and what keeps it in a bundle."""

    name: str
    pattern: re.Pattern[str]
    kept_as: tuple[str, ...]


@dataclass(frozen=True)
class Needs:
    """tools/analyst_needs.json, loaded."""

    version: int
    families: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # (family, log type patterns, needs)
    needs: Mapping[str, Need]

    def family_of(self, log_type: str) -> tuple[str, tuple[Need, ...]]:
        """The family of `log_type` and its needs (the first family whose pattern matches)."""
        for family, patterns, names in self.families:
            if any(fnmatch.fnmatchcase(log_type, pattern) for pattern in patterns):
                return family, tuple(self.needs[name] for name in names)
        raise ValueError(f"no family matches {log_type!r}: end the families with a '*' one")


def load_needs(path: Path = NEEDS_FILE) -> Needs:
    """The needs file; ValueError when a family names a need that is not defined."""
    data = json.loads(path.read_text(encoding="utf-8"))
    needs = {
        name: Need(name, re.compile(entry["pattern"], re.IGNORECASE), tuple(entry["kept_as"]))
        for name, entry in data["needs"].items()
    }
    families = []
    for entry in data["families"]:
        unknown = [name for name in entry["needs"] if name not in needs]
        if unknown:
            raise ValueError(f"family {entry['family']!r} names undefined needs: {', '.join(unknown)}")
        families.append((entry["family"], tuple(entry["log_types"]), tuple(entry["needs"])))
    return Needs(int(data["version"]), tuple(families), needs)


@dataclass
class Coverage:
    """One log type's totals."""

    log_type: str
    family: str
    events: int = 0
    with_evidence: int = 0
    profiles: Counter[str] = field(default_factory=Counter)
    present: int = 0  # needs present in the events, summed over events
    kept: int = 0  # of those, kept in the bundles
    missed: Counter[str] = field(default_factory=Counter)  # needs present but not kept, by name
    chars: int = 0
    tokens: int = 0

    @property
    def kept_share(self) -> float:
        """Kept needs over present needs (1.0 when none was present)."""
        return self.kept / self.present if self.present else 1.0


def present_needs(row: Mapping[str, object], needs: Iterable[Need]) -> list[Need]:
    """The needs `row` holds a value for."""
    keys = [key for key, value in row.items() if has_value(value)]
    return [need for need in needs if any(need.pattern.search(key) for key in keys)]


def measure(cases: Iterable[Mapping[str, Any]], needs: Needs, settings: TriageSettings | None = None) -> list[Coverage]:
    """Coverage per log type, in the order log types first appear."""
    settings = settings or TriageSettings()
    by_type: dict[str, Coverage] = {}
    for case in cases:
        log = case.get("log")
        if not isinstance(log, dict):
            continue
        log_type = str(case.get("log_type", ""))
        family, family_needs = needs.family_of(log_type)
        coverage = by_type.setdefault(log_type, Coverage(log_type, family))
        row = dict(flatten_json(log))
        profile = select_profile(row, settings.default_profile)
        bundle = build_bundle(row, profile, settings.limits)
        kept_fields = {ref.rsplit("/", 1)[1] for ref in bundle.refs}
        kept_fields |= {name.split(".", 1)[0] for name in kept_fields}  # request.userName counts as request
        coverage.events += 1
        coverage.with_evidence += bool(bundle.refs)
        coverage.profiles[profile.id] += 1
        for need in present_needs(row, family_needs):
            coverage.present += 1
            if kept_fields & set(need.kept_as):
                coverage.kept += 1
            else:
                coverage.missed[need.name] += 1
        coverage.chars += len(bundle.text)
        coverage.tokens += estimate_tokens(bundle.text)
    return list(by_type.values())


def read_cases(path: Path) -> Iterator[dict[str, Any]]:
    """The dataset's cases, one JSON object per line."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def markdown(rows: Sequence[Coverage], needs: Needs) -> str:
    """The coverage table, a total line, and what each family needs."""
    lines = [
        f"Profile coverage (needs v{needs.version}): per log type, the profile `auto` picks (events), the needs"
        " present in the events that the bundle keeps, the needs most often lost, and the mean bundle size.",
        "",
        "| log type | family | events | profile (auto) | with evidence | needs kept | kept % | lost most"
        " | chars | tokens |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for row in sorted(rows, key=lambda item: (item.family, -item.events, item.log_type)):
        profiles = ", ".join(f"{name} {count}" for name, count in row.profiles.most_common())
        lost = ", ".join(f"{name} {count}" for name, count in row.missed.most_common(2)) or "-"
        lines.append(
            f"| {row.log_type} | {row.family} | {row.events} | {profiles} | {row.with_evidence} | "
            f"{row.kept}/{row.present} | {100 * row.kept_share:.0f} | {lost} | "
            f"{row.chars / row.events:.0f} | {row.tokens / row.events:.0f} |"
        )
    total = summary(rows)
    lines += [
        "",
        f"All: {total['log_types']} log types, {total['events']} events, {total['with_evidence']} with evidence;"
        f" needs kept {total['kept']}/{total['present']} ({100 * total['kept_share']:.1f}%);"
        f" mean bundle {total['chars_per_event']:.0f} chars, {total['tokens_per_event']:.0f} tokens.",
        "",
        "| family | needs |",
        "| --- | --- |",
    ]
    for family, _, names in needs.families:
        lines.append(f"| {family} | {', '.join(names)} |")
    return "\n".join(lines) + "\n"


def summary(rows: Sequence[Coverage]) -> dict[str, Any]:
    """Totals over every log type."""
    events = sum(row.events for row in rows)
    present = sum(row.present for row in rows)
    kept = sum(row.kept for row in rows)
    return {
        "log_types": len(rows),
        "events": events,
        "with_evidence": sum(row.with_evidence for row in rows),
        "present": present,
        "kept": kept,
        "kept_share": kept / present if present else 1.0,
        "chars_per_event": sum(row.chars for row in rows) / events if events else 0.0,
        "tokens_per_event": sum(row.tokens for row in rows) / events if events else 0.0,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Print (or write) the coverage table; 0, or 0 with a note when the dataset is absent."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--dataset", type=Path, default=DATASET, help="panther-tests.jsonl")
    parser.add_argument("--markdown", type=Path, help="write the table here as well")
    args = parser.parse_args(argv)
    if not args.dataset.is_file():
        print(f"profile_coverage: skipped: {args.dataset} is absent (it is only on the project's own machines)")
        return 0
    needs = load_needs()
    text = markdown(measure(read_cases(args.dataset), needs), needs)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
