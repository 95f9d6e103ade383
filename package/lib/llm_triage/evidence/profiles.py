"""Use-case profiles: which fields of an event become evidence, under which CIM names.

Profiles are versioned data files in `profiles/` (one per use case, checked against
`schemas/profile.schema.json`), so a SOC can read and review exactly what leaves the search head.
`_common.json` lists the fields every profile keeps first (time, rule, severity, ...).
"""

import fnmatch
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from llm_triage.verdict.schema import schema_errors

PROFILE_DIR = Path(__file__).with_name("profiles")
PROFILE_SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "profile.schema.json"

AUTO = "auto"
GENERIC = "generic"
EXPLICIT_FIELDS = "fields"  # the profile name recorded when an analyst lists the fields with fields=
DEFAULT_MAX_CHARS = 500


class ProfileError(ValueError):
    """A profile file that breaks the profile schema, or a profile name that does not exist."""


@dataclass(frozen=True)
class FieldSpec:
    """One evidence field: its CIM name and where its value comes from."""

    name: str
    sources: tuple[str, ...] = ()  # candidate field names, first non-empty wins
    prefixes: tuple[str, ...] = ()  # or: every field under these prefixes, as name.<rest>
    max_fields: int = 10
    max_chars: int = DEFAULT_MAX_CHARS
    identifier: bool = False


@dataclass(frozen=True)
class Profile:
    """A use case's field selection, as loaded from its data file."""

    id: str
    version: int
    title: str
    sourcetypes: tuple[str, ...]
    match_fields: tuple[str, ...]
    min_fields: int
    fields: tuple[FieldSpec, ...]

    @property
    def label(self) -> str:
        """The id and version, as recorded on every triaged row."""
        return f"{self.id}/{self.version}"


def profile_names() -> tuple[str, ...]:
    """Every profile an analyst may ask for, `auto` first."""
    return (AUTO,) + tuple(profile.id for profile in load_profiles())


@lru_cache(maxsize=1)
def load_profiles() -> tuple[Profile, ...]:
    """All shipped profiles, generic last, each checked against the profile schema."""
    with PROFILE_SCHEMA_PATH.open(encoding="utf-8") as handle:
        schema = json.load(handle)
    common = _read_json(PROFILE_DIR / "_common.json")
    common_fields = tuple(_field_spec(entry, "_common.json") for entry in common["fields"])
    profiles = []
    for path in sorted(PROFILE_DIR.glob("[a-z]*.json")):
        data = _read_json(path)
        errors = schema_errors(data, schema)
        if errors:
            raise ProfileError(f"{path.name}: " + "; ".join(errors))
        if data["id"] != path.stem:
            raise ProfileError(f"{path.name}: id {data['id']!r} does not match the file name")
        own_fields = tuple(_field_spec(entry, path.name) for entry in data["fields"])
        match = data["match"]
        profiles.append(
            Profile(
                id=data["id"],
                version=data["version"],
                title=data["title"],
                sourcetypes=tuple(match["sourcetypes"]),
                match_fields=tuple(match["fields"]),
                min_fields=match["min_fields"],
                fields=_without_duplicates(path.name, common_fields + own_fields),
            )
        )
    profiles.sort(key=lambda profile: profile.id == GENERIC)
    return tuple(profiles)


def get_profile(name: str) -> Profile:
    """The profile called `name`; ProfileError names the choices when there is none."""
    for profile in load_profiles():
        if profile.id == name:
            return profile
    raise ProfileError(f"unknown profile {name!r}; choose one of: {', '.join(profile_names())}")


def select_profile(row: Mapping[str, object], requested: str = AUTO) -> Profile:
    """The profile for one row: the one requested, or with `auto` the best match of sourcetype and fields."""
    if requested != AUTO:
        return get_profile(requested)
    sourcetype = str(row.get("sourcetype") or "").lower()
    by_sourcetype = _profile_for_sourcetype(sourcetype) if sourcetype else None
    if by_sourcetype is not None:
        return by_sourcetype  # a sourcetype match outweighs any number of matching field names
    best: Optional[Profile] = None
    best_score = 0
    for profile in load_profiles():
        score = _field_score(profile, row)
        if score > best_score:
            best, best_score = profile, score
    return best or get_profile(GENERIC)


@lru_cache(maxsize=512)
def _profile_for_sourcetype(sourcetype: str) -> Optional[Profile]:
    """The first profile whose sourcetype patterns match; memoised, as a search sees few sourcetypes."""
    for profile in load_profiles():
        if any(fnmatch.fnmatchcase(sourcetype, pattern.lower()) for pattern in profile.sourcetypes):
            return profile
    return None


def explicit_profile(field_names: Sequence[str]) -> Profile:
    """A profile that keeps exactly the fields an analyst named, under their own names, after the common ones."""
    common = [spec for spec in get_profile(GENERIC).fields if spec.name in _common_names()]
    named = [FieldSpec(name=name, sources=(name,)) for name in field_names if name not in _common_names()]
    return Profile(
        id=EXPLICIT_FIELDS,
        version=1,
        title="Fields named by the analyst",
        sourcetypes=(),
        match_fields=(),
        min_fields=1,
        fields=tuple(common + named),
    )


def _field_score(profile: Profile, row: Mapping[str, object]) -> int:
    if not profile.match_fields:
        return 0
    present = sum(1 for name in profile.match_fields if has_value(row.get(name)))
    return present if present >= profile.min_fields else 0


# JSON's null reaches a search as the text "null" (Splunk's JSON extraction writes it so): no evidence.
_EMPTY_TEXTS = frozenset({"", "null"})


def has_value(value: object) -> bool:
    """Whether a field's value says anything: not missing, blank or null, nor a multivalue of those."""
    if isinstance(value, (list, tuple)):
        return any(has_value(item) for item in value)
    return value is not None and str(value).strip() not in _EMPTY_TEXTS


@lru_cache(maxsize=1)
def _common_names() -> tuple[str, ...]:
    return tuple(str(entry["name"]) for entry in _read_json(PROFILE_DIR / "_common.json")["fields"])


def _field_spec(entry: Mapping[str, Any], origin: str) -> FieldSpec:
    sources: tuple[str, ...] = tuple(entry.get("from", ()))
    prefixes: tuple[str, ...] = tuple(entry.get("prefix", ()))
    if bool(sources) == bool(prefixes):
        raise ProfileError(f"{origin}: field {entry.get('name')!r} needs exactly one of 'from' and 'prefix'")
    return FieldSpec(
        name=str(entry["name"]),
        sources=sources,
        prefixes=prefixes,
        max_fields=int(entry.get("max_fields", 10)),
        max_chars=int(entry.get("max_chars", DEFAULT_MAX_CHARS)),
        identifier=bool(entry.get("identifier", False)),
    )


def _without_duplicates(origin: str, specs: Iterable[FieldSpec]) -> tuple[FieldSpec, ...]:
    seen: dict[str, FieldSpec] = {}
    for spec in specs:
        if spec.name in seen:
            raise ProfileError(f"{origin}: field {spec.name!r} is defined twice")
        seen[spec.name] = spec
    return tuple(seen.values())


def _read_json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data
