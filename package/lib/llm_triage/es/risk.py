"""Risk modifiers for Enterprise Security's risk framework from model-judged rows.

One modifier per entity the row names: users (`user`, `src_user`) as risk_object_type `user`, hosts and
addresses (`dest`, `src`, `dvc`) as `system`. The score is the final bucket's ceiling times operational
confidence, so a confident probable incident on a critical asset weighs more than a hesitant one:

    high_confidence_malicious 100, probable_incident 75, needs_enrichment 40, likely_benign 0 (no risk)

The message names the final bucket, op confidence and the start of the rationale; the row's ATT&CK
technique ids go to `annotations.mitre_attack.mitre_technique_id`. The `llm_triage_risk` macro
(default/macros.conf) computes the same fields in SPL for `sendalert risk`; tests hold the two together.
Only model-judged rows (es.rows.model_judged) create risk.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from llm_triage.es.kv import kv_line
from llm_triage.es.rows import first, model_judged, number, one_line, values

BUCKET_CEILING = {"high_confidence_malicious": 100, "probable_incident": 75, "needs_enrichment": 40, "likely_benign": 0}
OBJECT_FIELDS = (("user", "user"), ("src_user", "user"), ("dest", "system"), ("src", "system"), ("dvc", "system"))
TECHNIQUE = re.compile(r"^T[0-9]{4}(\.[0-9]{3})?$")  # the verdict schema's own pattern
MESSAGE_RATIONALE = 200
MAX_OBJECT = 256
RISK_INDEX = "risk"
RISK_SOURCETYPE = "stash"


@dataclass(frozen=True)
class RiskModifier:
    """One risk event: who or what, how much, why."""

    risk_object: str
    risk_object_type: str
    risk_score: int
    risk_message: str
    techniques: tuple[str, ...]
    triage_id: str


def risk_score(row: Mapping[str, Any]) -> int:
    """The final bucket's ceiling times operational confidence (the model's own confidence when no decision
    was computed), rounded; 0 when the bucket is unknown or benign."""
    bucket = first(row, "triage_op_bucket") or first(row, "triage_bucket")
    confidence = number(row, "triage_op_confidence")
    if confidence is None:
        confidence = number(row, "triage_confidence") or 0.0
    return int(round(BUCKET_CEILING.get(bucket, 0) * confidence))


def risk_message(row: Mapping[str, Any]) -> str:
    """`LLM triage: <final bucket> (op <confidence>): <rationale, first 200 characters>`."""
    bucket = first(row, "triage_op_bucket") or first(row, "triage_bucket")
    confidence = first(row, "triage_op_confidence") or first(row, "triage_confidence")
    rationale = one_line(first(row, "triage_rationale"), MESSAGE_RATIONALE)
    return f"LLM triage: {bucket} (op {confidence}): {rationale}"


def risk_modifiers(row: Mapping[str, Any]) -> list[RiskModifier]:
    """The row's modifiers: none unless a model judged it and the score is above 0."""
    if not model_judged(row):
        return []
    score = risk_score(row)
    if score <= 0:
        return []
    techniques = tuple(t for t in values(row, "triage_attack") if TECHNIQUE.match(t))
    message = risk_message(row)
    seen: set[tuple[str, str]] = set()
    found = []
    for field, kind in OBJECT_FIELDS:
        for value in values(row, field):
            if not _usable_object(value) or (value.lower(), kind) in seen:
                continue
            seen.add((value.lower(), kind))
            found.append(RiskModifier(value, kind, score, message, techniques, first(row, "triage_id")))
    return found


def risk_event(modifier: RiskModifier, search_name: str) -> str:
    """The modifier as ES's risk index holds one (`key="value"` text, sourcetype stash, timed when indexed)."""
    pairs: list[tuple[str, object]] = [
        ("search_name", search_name),
        ("risk_object", modifier.risk_object),
        ("risk_object_type", modifier.risk_object_type),
        ("risk_score", modifier.risk_score),
        ("risk_message", modifier.risk_message),
        ("triage_id", modifier.triage_id),
        ("source_app", "llm_triage"),
    ]
    pairs += [("annotations.mitre_attack.mitre_technique_id", t) for t in modifier.techniques]
    return kv_line(pairs)


def risk_events(rows: Sequence[Mapping[str, Any]], search_name: str) -> list[str]:
    """Every modifier of every row, as risk events."""
    return [risk_event(m, search_name) for row in rows for m in risk_modifiers(row)]


def _usable_object(value: str) -> bool:
    # A risk object names one entity as it is: printable, not absurdly long, never a wildcard, a placeholder,
    # or a value the risk event would have to alter to carry (a double quote or backslash).
    plain = value.isprintable() and not any(char in value for char in '*"\\')
    return 0 < len(value) <= MAX_OBJECT and plain and value not in ("-", "unknown")
