"""Who and what a row is about, and which detection raised it: the keys that history, feedback, similar
incidents and clustering match on.

Entities come from the fields the row's profile marks as identifiers, under their CIM names, so the
profiles stay the one place that says where a user, a host or an address lives in each log type.
"""

from collections.abc import Mapping
from functools import lru_cache
from typing import Optional

from llm_triage.evidence.profiles import Profile, has_value, load_profiles

# The fields a notable, an alert or a rule hit names its detection in, most specific first.
RULE_FIELDS = ("rule_name", "search_name", "savedsearch_name", "rule_title", "rule_id", "signature")
MAX_ENTITIES = 20


def row_entities(row: Mapping[str, object], profile: Profile) -> tuple[str, ...]:
    """`kind:value` for each identifier field of `profile` the row has (`user:alice`, `src:203.0.113.9`),
    values lower-cased (names and hosts are case-insensitive where it matters), sorted, at most MAX_ENTITIES."""
    found: set[str] = set()
    for spec in profile.fields:
        if not spec.identifier:
            continue
        value = _first_value(row, spec.sources)
        for item in value if isinstance(value, list) else [value] if value is not None else []:
            text = str(item).strip().lower()
            if text:
                found.add(f"{spec.name}:{text}")
    return tuple(sorted(found)[:MAX_ENTITIES])


def rule_of(row: Mapping[str, object]) -> str:
    """The detection that raised the row (a correlation search, a rule), or "" when the row names none."""
    for name in RULE_FIELDS:
        value = row.get(name)
        if has_value(value):
            return str(value[0] if isinstance(value, (list, tuple)) else value).strip()
    return ""


def _first_value(row: Mapping[str, object], sources: tuple[str, ...]) -> Optional[object]:
    for name in sources:
        value = row.get(name)
        if has_value(value):
            return list(value) if isinstance(value, (list, tuple)) else value
    return None


@lru_cache(maxsize=1)
def entity_kinds() -> frozenset[str]:
    """Every kind an entity can have (`user`, `src`, ...): the identifier fields of the shipped profiles."""
    return frozenset(spec.name for profile in load_profiles() for spec in profile.fields if spec.identifier)
