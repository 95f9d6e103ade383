"""Evidence bundles: the compact, curated, canonical form of an event that a model is shown.

A bundle keeps the fields its profile names, under CIM names, with empty values dropped, secrets found in
values masked (`[redacted:aws_access_key]`, see redaction.py) and long values cut. Each event gets a
reference derived from its evidence, and each field a reference of its own (`ev:3fa2c1d0/user`), so an
answer can cite exactly what it relied on and the same evidence always gives the same bytes, the same hash
and the same references.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Optional, Union

from llm_triage.evidence.canonical import canonical_json, content_hash
from llm_triage.evidence.profiles import FieldSpec, Profile, has_value
from llm_triage.trust.redaction import redact_evidence

BUNDLE_FORMAT = "llm_triage.bundle/1"
MAX_VALUES_PER_FIELD = 10  # multivalue fields keep their first values only
DEFAULT_MAX_BUNDLE_CHARS = 8000

Value = Union[str, list[str]]


@dataclass(frozen=True)
class Limits:
    """What a bundle may carry: size caps per value (a profile may set a lower one per field) and for the
    whole bundle, and whether e-mail addresses and phone numbers in free-text fields are masked."""

    max_field_chars: int = 1200
    max_bundle_chars: int = DEFAULT_MAX_BUNDLE_CHARS
    mask_contacts: bool = False  # identifier fields keep theirs: `pseudonymize` is what hides those


INJECTION_CHECK = "injection_check"  # Bundle.purpose of the model-side injection check
PURPOSES = ("", INJECTION_CHECK)


@dataclass(frozen=True)
class Bundle:
    """One evidence bundle, ready to send: its canonical text, hash and citable references."""

    profile: str
    text: str
    hash: str
    refs: tuple[str, ...]
    event_ref: str
    # The result's triage_id (fields.py), when the search knows it: the audit trail records it. Not part of
    # the evidence: two rows with the same evidence share one bundle and one inference.
    triage_id: str = field(default="", compare=False)
    # The enrichment searches whose results the bundle holds (enrichment/runner.SearchRecord.as_audit), for
    # the audit trail; like triage_id, not evidence.
    enrichment: "tuple[dict[str, object], ...]" = field(default=(), compare=False)
    # Why the bundle is asked: "" for a result's judgement, INJECTION_CHECK for the second ask without its
    # free text (search/swaying.py); the audit trail files that one apart, so no count of verdicts holds it.
    purpose: str = field(default="", compare=False)
    # The hash of the bundle this one asks again about: the row's bundle before its context was added
    # (enrichment/context.with_context) or before its free text was withheld (search/swaying.withheld). The
    # judge endpoint carries what was found on one to the other's record (endpoint/followed.py); not evidence.
    follows: str = field(default="", compare=False)


def build_bundle(row: Mapping[str, object], profile: Profile, limits: Limits = Limits()) -> Bundle:
    """Curate one row into an evidence bundle under `profile`, within `limits`."""
    fields, truncated = _curate(row, profile, limits)
    event_ref = "ev:" + content_hash(canonical_json(fields))[:8]
    dropped: list[str] = []
    while True:
        document = _document(profile.label, event_ref, fields, truncated, dropped)
        text = canonical_json(document)
        # Over the cap, the lowest-priority field goes first: profiles list fields by importance.
        if len(text) <= limits.max_bundle_chars or len(fields) <= 1:
            break
        name = next(reversed(fields))
        del fields[name]
        dropped.append(name)
        truncated.discard(name)
    refs = tuple(f"{event_ref}/{name}" for name in fields)
    return Bundle(profile=profile.label, text=text, hash=content_hash(text), refs=refs, event_ref=event_ref)


def _document(
    profile_label: str, event_ref: str, fields: Mapping[str, Value], truncated: "set[str]", dropped: Sequence[str]
) -> dict[str, object]:
    event: dict[str, object] = {"ref": event_ref, "fields": dict(fields)}
    if truncated:
        event["truncated"] = sorted(truncated)
    if dropped:
        event["dropped_for_size"] = sorted(dropped)
    return {"format": BUNDLE_FORMAT, "profile": profile_label, "events": [event]}


def _curate(row: Mapping[str, object], profile: Profile, limits: Limits) -> tuple[dict[str, Value], "set[str]"]:
    fields: dict[str, Value] = {}
    truncated: set[str] = set()
    named: Optional[list[str]] = None  # the row's fields that hold a value, once a prefix asks for them
    for spec in profile.fields:
        cap = min(spec.max_chars, limits.max_field_chars)
        contacts = limits.mask_contacts and not spec.identifier
        if spec.sources:
            for source in spec.sources:  # the first with a value wins
                raw = row.get(source)
                if raw is not None and has_value(raw):  # most sources are absent: skip has_value for them
                    _keep(fields, truncated, spec.name, raw, cap, contacts)
                    break
            continue
        if named is None:
            # splunkd sends every field of a chunk with each row, most of them empty: set those aside once.
            named = [key for key, value in row.items() if value != "" and value is not None]
        values, left_out = _prefixed_values(row, named, spec)
        if left_out:
            truncated.add(f"{spec.name}.*")  # more fields under the prefix than the profile keeps
        for name, raw in values:
            _keep(fields, truncated, name, raw, cap, contacts)
    return fields, truncated


def _prefixed_values(
    row: Mapping[str, object], named: Sequence[str], spec: FieldSpec
) -> tuple[list[tuple[str, object]], int]:
    """The (name, value) pairs of the fields under `spec`'s prefixes (among `named`, the row's fields that
    hold a value), and how many its max_fields left out."""
    found = []
    for prefix in spec.prefixes:
        start = len(prefix)
        for key in sorted([key for key in named if key.startswith(prefix) and len(key) > start]):
            value = row[key]
            if has_value(value):
                found.append((f"{spec.name}.{key[start:]}", value))
    return found[: spec.max_fields], max(0, len(found) - spec.max_fields)


def _keep(
    fields: dict[str, Value], truncated: "set[str]", name: str, raw: object, cap: int, contacts: bool = False
) -> None:
    """Put `raw` (which has a value) into `fields` as `name`, secrets (and with `contacts`, e-mail addresses
    and phone numbers) masked, cut to `cap`, noting a cut in `truncated`. Secrets are masked before the
    cut, so no cut can leave half a key unrecognised."""
    if isinstance(raw, (list, tuple)):
        items = [redact_evidence(str(item).strip(), name, contacts) for item in raw if has_value(item)]
        if len(items) > 1:
            fields[name], was_cut = _cut_values(items, cap)
        else:
            fields[name], was_cut = _cut(items[0], cap)
    else:
        text = str(raw).strip()
        kept = _iso_time(text) if name == "time" else redact_evidence(text, name, contacts)
        fields[name], was_cut = _cut(kept, cap)
    if was_cut:
        truncated.add(name)


def _cut_values(items: Sequence[str], cap: int) -> tuple[list[str], bool]:
    cut_items = [_cut(item, cap) for item in items[:MAX_VALUES_PER_FIELD]]
    values = [text for text, _ in cut_items]
    if len(items) > MAX_VALUES_PER_FIELD:
        # Say how many were left out: fifty sources is evidence in itself (a spray, a fan-out).
        values.append(f"…[{len(items) - MAX_VALUES_PER_FIELD} more values]")
    return values, len(items) > MAX_VALUES_PER_FIELD or any(was_cut for _, was_cut in cut_items)


def _cut(text: str, cap: int) -> tuple[str, bool]:
    if len(text) <= cap:
        return text, False
    kept = text[:cap]
    return f"{kept}…[{len(text) - cap} more chars]", True


def _iso_time(text: str) -> str:
    """Splunk's `_time` (epoch seconds) as ISO 8601 UTC; anything else is kept as it came."""
    try:
        moment = datetime.datetime.fromtimestamp(float(text), tz=datetime.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return text
    if moment.microsecond:
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return moment.isoformat().replace("+00:00", "Z")
