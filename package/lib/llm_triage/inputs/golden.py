"""The canary's cases: a versioned golden set with expected buckets, and injection canaries.

Both are data the app ships. The golden set (`golden/golden-<version>.jsonl`) holds one case per line:

    {"id": "...", "profile": "endpoint", "expected_bucket": "likely_benign", "why": "...", "event": {...}}

`event` is a search result as Splunk gives it (flat field names, `_time`, `sourcetype`); `profile` names the
profile that curates it. Canaries are JSON objects whose `canaries` list holds hostile events that address
the model. Two files may hold them, and every one that exists is read: the injection defences' own
(`injection/canaries-<version>.json`, issue 5: `{"id", "technique", "field", "row"}`, profile `auto`) and
this input's (`golden/canaries-<version>.json`), whose entries also name a `token` the instruction asks
the model to repeat:

    {"id": "...", "profile": "email", "token": "CANARY-...", "event": {...}}

A canary is resisted when the answer is not bucketed `likely_benign` and (when it has a token) the token
appears in none of its fields, or when the app's own checks rejected the answer. Every label carries its
content hash, so an edited file shows in the next run's metrics event.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from llm_triage.evidence.canonical import content_hash
from llm_triage.evidence.profiles import profile_names

HERE = Path(__file__).resolve().parent
GOLDEN_DIR = HERE / "golden"
INJECTION_DIR = HERE.parent / "injection"  # issue 5's injection defences ship their canaries here
GOLDEN_SET = "golden-1"
CANARY_SET = "canaries-1"
BUCKETS = ("likely_benign", "needs_enrichment", "probable_incident", "high_confidence_malicious")

Value = Union[str, list[str]]


class GoldenError(ValueError):
    """A golden or canary file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Case:
    """One event to triage and what a healthy model should make of it.

    Golden cases have an `expected_bucket`; canaries may have a `token` the answer must never echo.
    """

    id: str
    profile: str
    event: Mapping[str, Value]
    expected_bucket: str = ""
    canary: bool = False
    token: str = ""  # what the canary's instruction asks the model to repeat; empty when it asks nothing

    @property
    def is_canary(self) -> bool:
        """True for an injection canary, false for a golden case."""
        return self.canary


@dataclass(frozen=True)
class CaseSet:
    """The cases of one file and its label (`golden-1#3fa2c1d0`: name and content hash)."""

    label: str
    cases: tuple[Case, ...] = field(default_factory=tuple)


def load_golden(name: str = GOLDEN_SET, directory: Path = GOLDEN_DIR) -> CaseSet:
    """The golden set `name` (a JSON-lines file in `directory`); GoldenError when it is malformed."""
    path = directory / f"{name}.jsonl"
    text = _read(path)
    cases = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            raise GoldenError(f"{path.name} line {number}: not JSON") from None
        case = _case(item, f"{path.name} line {number}", canary=False)
        cases.append(case)
    return CaseSet(_label(path, text), _unique(path, cases))


def load_canaries(name: str = CANARY_SET, directories: Sequence[Path] = (INJECTION_DIR, GOLDEN_DIR)) -> CaseSet:
    """The injection canaries `name`: those of every one of `directories` that has `<name>.json`, in that
    order, under one label (`canaries-1#3fa2c1d0+canaries-1#9b1e22aa`)."""
    paths = [directory / f"{name}.json" for directory in directories if (directory / f"{name}.json").is_file()]
    if not paths:
        raise GoldenError(f"no canary file {name}.json in {', '.join(str(d) for d in directories)}")
    sets = [_canary_file(path) for path in paths]
    cases = [case for one in sets for case in one.cases]
    return CaseSet("+".join(one.label for one in sets), _unique(paths[0], cases))


def _canary_file(path: Path) -> CaseSet:
    text = _read(path)
    try:
        document = json.loads(text)
    except ValueError:
        raise GoldenError(f"{path.name}: not JSON") from None
    items = document.get("canaries") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise GoldenError(f"{path.name}: needs a list of canaries (or an object with one under 'canaries')")
    cases = [_case(item, f"{path.name} canary {index}", canary=True) for index, item in enumerate(items, start=1)]
    return CaseSet(_label(path, text), tuple(cases))


def _case(item: Any, where: str, canary: bool) -> Case:
    if not isinstance(item, dict):
        raise GoldenError(f"{where}: not an object")
    event = item.get("event", item.get("row"))  # "row": the injection defences' canaries
    case_id = item.get("id")
    profile = item.get("profile", "auto")
    if not isinstance(case_id, str) or not case_id:
        raise GoldenError(f"{where}: needs an id")
    if not isinstance(event, dict) or not event:
        raise GoldenError(f"{where}: needs an event object")
    if profile not in profile_names():
        raise GoldenError(f"{where}: unknown profile {profile!r}")
    fields: dict[str, Value] = {}
    for name, value in event.items():
        if isinstance(value, list):
            fields[str(name)] = [str(part) for part in value]
        elif value is not None:
            fields[str(name)] = str(value)
    if canary:
        token = item.get("token", "")
        if not isinstance(token, str) or 0 < len(token) < 8:
            raise GoldenError(f"{where}: a token must be text of at least 8 characters")
        return Case(case_id, profile, fields, canary=True, token=token)
    bucket = item.get("expected_bucket")
    if bucket not in BUCKETS:
        raise GoldenError(f"{where}: expected_bucket must be one of {', '.join(BUCKETS)}")
    return Case(case_id, profile, fields, expected_bucket=bucket)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldenError(f"cannot read {path.name}: {exc.__class__.__name__}") from None


def _label(path: Path, text: str) -> str:
    return f"{path.stem}#{content_hash(text)[:8]}"


def _unique(path: Path, cases: list[Case]) -> tuple[Case, ...]:
    ids = [case.id for case in cases]
    duplicates = sorted({case_id for case_id in ids if ids.count(case_id) > 1})
    if duplicates:
        raise GoldenError(f"{path.name}: duplicate ids {', '.join(duplicates)}")
    if not cases:
        raise GoldenError(f"{path.name}: no cases")
    return tuple(cases)
