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
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "package" / "lib"), str(REPO)]

from llm_triage.trust.redaction import CATALOGUE, load_catalogue, redact_evidence  # noqa: E402

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="store_true", help="measure against the corpus of planted secrets")
    options = parser.parse_args(argv)
    found = problems()
    for problem in found:
        print(f"secret_catalogue.json: {problem}")
    rules, _ = load_catalogue()
    print(f"{len(rules)} rules, {len({rule.kind for rule in rules})} kinds" + ("" if found else "; all checks pass"))
    if options.corpus:
        print(json.dumps(corpus_report(), indent=1))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
