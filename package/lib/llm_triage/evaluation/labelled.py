"""Rows of triage results joined with analyst dispositions: which count, under which slice, and why not.

A row comes from `... | lookup llm_triage_feedback_lookup triage_id OUTPUT disposition review_state ...`,
so `disposition` and `review_state` may be multivalue (one value per label on the result, in the same
order). Only approved labels count; a result whose approved labels disagree (one says true positive,
another benign) is left out as conflicting, not guessed. The triage fields are the row's own
(`triage_bucket`), or the snapshot a feedback document keeps (`triage.triage_bucket`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional, Union

from llm_triage.evaluation.metrics import (
    ESCALATED_BUCKETS,
    NEGATIVE_DISPOSITIONS,
    NOT_ESCALATED_BUCKETS,
    POSITIVE_DISPOSITIONS,
    Outcome,
    is_escalated,
    is_positive,
)
from llm_triage.evidence.entities import rule_of

Row = Mapping[str, object]

APPROVED = "approved"
SNAPSHOT_PREFIX = "triage."  # a feedback document's copy of the triage fields, as a KV store lookup names them

# Why a row was left out; the keys are what llmeval reports.
EXCLUDED_NO_LABEL = "no_label"
EXCLUDED_PENDING = "pending_review"
EXCLUDED_REJECTED = "rejected"
EXCLUDED_CONFLICT = "conflicting_labels"
EXCLUDED_UNKNOWN = "unknown_disposition"
EXCLUDED_NO_VERDICT = "no_model_verdict"
EXCLUSION_TEXT = {
    EXCLUDED_NO_LABEL: "no disposition",
    EXCLUDED_PENDING: "labels still pending review",
    EXCLUDED_REJECTED: "labels rejected in review",
    EXCLUDED_CONFLICT: "approved labels disagree",
    EXCLUDED_UNKNOWN: "an approved disposition that is none of true_positive, false_positive, benign_true_positive",
    EXCLUDED_NO_VERDICT: "no model verdict (unavailable, error, skipped or dry run)",
}

# Slice names an analyst may use, and the field each reads. `rule` falls back to the detection's name.
SLICE_FIELDS = {
    "profile": "triage_profile",
    "use_case": "triage_profile",
    "provider": "triage_provider",
    "model": "triage_model",
    "prompt": "triage_prompt_version",
    "prompt_version": "triage_prompt_version",
    "rule": "rule",
    "tenant": "tenant",
}
NO_VALUE = "(none)"


@dataclass(frozen=True)
class Labelled:
    """One row that counts: its outcome, its approved disposition and its triage fields."""

    outcome: Outcome
    disposition: str
    bucket: str


def values(row: Row, name: str) -> list[str]:
    """A field's values as strings (a multivalue field's each, a single value as one, absent as none)."""
    value = row.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [str(value)]


def triage_field(row: Row, name: str) -> str:
    """A triage field from the row, else from a feedback document's snapshot of it."""
    for key in (name, SNAPSHOT_PREFIX + name):
        found = values(row, key)
        if found:
            return found[0]
    return ""


def slice_field(name: str) -> str:
    """The field a slice name reads (`profile` -> `triage_profile`); other names are fields themselves."""
    return SLICE_FIELDS.get(name, name)


def slice_value(row: Row, name: str) -> str:
    """The row's value for a slice; `(none)` when it has none (so such rows form their own slice)."""
    field = slice_field(name)
    value = triage_field(row, field) if field.startswith("triage_") else ",".join(values(row, field))
    if not value and field == "rule":
        value = rule_of(row)
    return value or NO_VALUE


def slice_key(row: Row, by: Sequence[str]) -> tuple[str, ...]:
    """The row's slice under `by`."""
    return tuple(slice_value(row, name) for name in by)


def label_of(row: Row, label: str = "disposition", state: str = "review_state") -> tuple[Optional[str], str]:
    """(the approved disposition, "") or (None, why the row has none that counts)."""
    dispositions = values(row, label)
    states = values(row, state)
    if not dispositions:
        return None, EXCLUDED_NO_LABEL
    if len(states) != len(dispositions):
        # One state for several labels is ambiguous; with no state at all nothing says it was approved.
        states = states * len(dispositions) if len(states) == 1 else [""] * len(dispositions)
    approved = [d for d, s in zip(dispositions, states) if s == APPROVED]
    if not approved:
        return None, EXCLUDED_PENDING if "pending" in states or "" in states else EXCLUDED_REJECTED
    known = POSITIVE_DISPOSITIONS + NEGATIVE_DISPOSITIONS
    if any(d not in known for d in approved):
        return None, EXCLUDED_UNKNOWN
    if len({is_positive(d) for d in approved}) > 1:
        return None, EXCLUDED_CONFLICT
    # Agreeing labels: the most common one names the disposition (ties: the first given).
    return max(approved, key=approved.count), ""


def confidence_of(text: str) -> Optional[float]:
    """A stated confidence in [0, 1], or None when the row has none that is usable."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


def labelled(row: Row, label: str = "disposition", state: str = "review_state") -> Union[Labelled, str]:
    """The row as a labelled outcome, or the key of why it does not count."""
    disposition, reason = label_of(row, label, state)
    if disposition is None:
        return reason
    status, bucket = triage_field(row, "triage_status"), triage_field(row, "triage_bucket")
    return outcome_of(status, bucket, triage_field(row, "triage_confidence"), disposition)


def outcome_of(status: str, bucket: str, confidence: str, disposition: str) -> Union[Labelled, str]:
    """A verdict's fields and an approved disposition as a labelled outcome, or EXCLUDED_NO_VERDICT."""
    if status not in ("", "ok") or bucket not in ESCALATED_BUCKETS + NOT_ESCALATED_BUCKETS:
        return EXCLUDED_NO_VERDICT
    outcome = Outcome(is_escalated(bucket), is_positive(disposition), confidence_of(confidence))
    return Labelled(outcome, disposition, bucket)
