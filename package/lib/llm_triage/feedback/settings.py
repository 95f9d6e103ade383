"""The `[feedback]` stanza of llm_triage_settings.conf: rate limit, few-shot examples, audit index, and how long
the triaged evidence stays labelable."""

from collections.abc import Mapping
from dataclasses import dataclass

from llm_triage import names
from llm_triage.splunkd.settings import _FALSE, _TRUE

STANZA = "feedback"


class FeedbackSettingsError(ValueError):
    """A `[feedback]` value that cannot be used; the message names it."""


@dataclass(frozen=True)
class FeedbackSettings:
    """What the feedback endpoint and the judge endpoint read from `[feedback]`."""

    max_labels_per_hour: int = 60  # per analyst; 0: no limit
    examples: bool = False  # give approved examples to the model as few-shot examples
    examples_max: int = 3  # at most this many per bundle
    examples_max_chars: int = 6000  # their evidence together at most this many characters
    audit_index: str = names.AUDIT_INDEX  # where review decisions are indexed (sourcetype llm_triage:audit)
    # Days a triaged-evidence record is kept after its evidence was last triaged (labels can be filed on it
    # meanwhile); the KV store pruning input removes older ones unless a pending label names them.
    triaged_retention_days: int = 90


def feedback_settings(stanza: Mapping[str, str]) -> FeedbackSettings:
    """The settings of `stanza` (absent keys take their defaults); FeedbackSettingsError names a bad one."""
    defaults = FeedbackSettings()
    return FeedbackSettings(
        max_labels_per_hour=_count(stanza, "max_labels_per_hour", defaults.max_labels_per_hour, 0),
        examples=_flag(stanza, "examples", defaults.examples),
        examples_max=_count(stanza, "examples_max", defaults.examples_max, 1, 20),
        examples_max_chars=_count(stanza, "examples_max_chars", defaults.examples_max_chars, 100, 100_000),
        audit_index=str(stanza.get("audit_index") or defaults.audit_index).strip(),
        triaged_retention_days=_count(stanza, "triaged_retention_days", defaults.triaged_retention_days, 1, 3650),
    )


def _flag(stanza: Mapping[str, str], key: str, default: bool) -> bool:
    value = str(stanza.get(key, "")).strip().lower()
    if key not in stanza or value == "":
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise FeedbackSettingsError(f"llm_triage_settings.conf [{STANZA}] {key} must be true or false")


def _count(stanza: Mapping[str, str], key: str, default: int, low: int, high: int = 10_000_000) -> int:
    text = str(stanza.get(key, "")).strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise FeedbackSettingsError(f"llm_triage_settings.conf [{STANZA}] {key} must be a whole number {low} to {high}")
    return value
