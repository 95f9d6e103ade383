"""The secret catalogue's check and report: every rule compiles, names a kind in snake_case, says where
its format is publicly described, and runs only on values holding one of its lower-case needles; then
what the catalogue catches of the measurement corpus (tests/llm_triage/trust/secret_corpus.py) and how
many events of ../shared/datasets it touches.

    python -m tools.secret_catalogue [--corpus] [--datasets]

Adding or updating a format: read the vendor's description of it (prefix, alphabet, length; or the
tool's manual for a command-line form), add a rule to package/lib/llm_triage/trust/secret_catalogue.json
with that page as its `source`, run this check, and add the format to the corpus only from the
description, never from the rule's pattern.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "package" / "lib"), str(REPO)]

from llm_triage.trust.redaction import CATALOGUE, load_catalogue, redact_evidence, redaction_counts  # noqa: E402

KIND = re.compile(r"^[a-z][a-z0-9_]*$")


def problems(path: Path = CATALOGUE) -> list[str]:
    """What is wrong with the catalogue at `path`; empty when nothing."""
    found: list[str] = []
    try:
        load_catalogue(path)
    except (ValueError, KeyError) as exc:
        return [str(exc)]
    for index, rule in enumerate(json.loads(path.read_text(encoding="utf-8"))["rules"]):
        where = f"rule {index} ({rule.get('kind')})"
        if not KIND.match(str(rule.get("kind", ""))):
            found.append(f"{where}: kind must be snake_case")
        if not str(rule.get("source", "")).startswith("https://"):
            found.append(f"{where}: source must be the https:// page describing the format")
        needles = rule.get("needles") or []
        if not needles or any(needle != needle.lower() or not needle for needle in needles):
            found.append(f"{where}: needles must be non-empty lower-case texts")
        if not 0 <= int(rule.get("group", 0)) <= re.compile(rule["pattern"]).groups:
            found.append(f"{where}: group {rule.get('group')} is not a group of its pattern")
    return found


def corpus_report() -> dict[str, Any]:
    """Per format and per context, how many planted secrets stayed in the redacted text."""
    from tests.llm_triage.trust.secret_corpus import FORMS, TOKENS, planted

    report: dict[str, Any] = {}
    for name, formats in (("tokens", TOKENS), ("forms", FORMS)):
        stayed: Counter[str] = Counter()
        by_context: Counter[str] = Counter()
        total = 0
        for item in planted(formats):
            total += 1
            if item.secret in redact_evidence(item.text):
                stayed[item.format] += 1
                by_context[item.context] += 1
        report[name] = {"formats": len(formats), "planted": total, "stayed_in": sum(stayed.values()),
                        "missed_formats": dict(stayed), "stayed_by_context": dict(by_context)}  # fmt: skip
    return report


# The values an analyst pivots on, by the last part of their field's name: they must never be masked.
ANALYST_NEEDS = re.compile(
    r"(?:arn|requestid|request_id|eventid|event_id|sha1|sha256|md5|hash|guid|uuid|accesskeyid)$", re.IGNORECASE
)


def dataset_events(shared: Path) -> Iterator[tuple[str, Any]]:
    """(data set, event) for every event of ../shared/datasets: Panther's test events, Sigma's regression
    events and OTRF's recordings. None of them plants a secret on purpose."""
    folder = shared / "datasets"
    for line in (folder / "panther-tests.jsonl").open(encoding="utf-8"):
        yield "panther", json.loads(line)["log"]
    for line in (folder / "sigma-regression.jsonl").open(encoding="utf-8"):
        yield "sigma", json.loads(line)["event"]
    for path in sorted((folder / "otrf").glob("*.json")):
        for line in path.open(encoding="utf-8"):
            if line.strip():
                yield "otrf", json.loads(line)


def field_values(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted field name, text) for every text value of a JSON event."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from field_values(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for value in node:
            yield from field_values(value, path)
    elif isinstance(node, str):
        yield path, node


def datasets_report(shared: Path = REPO.parent / "shared") -> dict[str, Any]:
    """Over-redaction: how many public events lose any value to redaction, by data set and by the kind of
    mask, and every analyst-needed value (a hash, an id, an ARN, an AWS key id) that was masked."""
    events: Counter[str] = Counter()
    touched: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    lost: list[str] = []
    checked = 0
    for source, event in dataset_events(shared):
        events[source] += 1
        changed = False
        for path, value in field_values(event):
            needed = bool(ANALYST_NEEDS.search(path.rsplit(".", 1)[-1])) or value.startswith("arn:")
            checked += needed
            redacted = redact_evidence(value, path)
            if redacted == value:
                continue
            changed = True
            kinds.update(redaction_counts(redacted))
            if needed:
                lost.append(f"{source} {path}={value[:80]}")
        touched[source] += changed
    total = sum(events.values())
    return {"events": dict(events), "touched": dict(touched), "touched_share": sum(touched.values()) / total,
            "masks_by_kind": dict(kinds.most_common()), "analyst_values_checked": checked,
            "analyst_values_lost": lost}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="store_true", help="measure against the corpus of planted secrets")
    parser.add_argument("--datasets", action="store_true", help="measure over-redaction on ../shared/datasets")
    options = parser.parse_args(argv)
    found = problems()
    for problem in found:
        print(f"secret_catalogue.json: {problem}")
    rules, _ = load_catalogue()
    print(f"{len(rules)} rules, {len({rule.kind for rule in rules})} kinds" + ("" if found else "; all checks pass"))
    if options.corpus:
        print(json.dumps(corpus_report(), indent=1))
    if options.datasets:
        print(json.dumps(datasets_report(), indent=1))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
