"""Operational confidence: how strongly a result calls for action, from the model's verdict and its context.

    op = clamp(0.5 + model + signal + asset + identity + history, 0, 1)

Each factor is its weight (settings, `[scoring]`) times a value from -1 to +1, rounded to 0.01, so the
factors the analyst sees add up to the result:

| factor | value from -1 to +1 |
| --- | --- |
| model | (2p - 1) x confidence, p = the model's bucket's place: likely_benign 0, needs_enrichment 1/3, |
|  | probable_incident 2/3, high_confidence_malicious 1; 0 without a model verdict (baseline rows) |
| signal | 2s - 1, s = the strongest of risk_score / 100 and severity or urgency (informational 0, low 0.25, |
|  | medium 0.5, high 0.75, critical 1); 0 when the row has neither |
| asset | the most critical asset the row names: low -0.5, medium 0, high +0.5, critical +1; 0 when unknown |
| identity | the sum over the categories of the identities it names, within -1..+1: admin +1, |
|  | service_account +0.5, vip +0.5, traveller -0.5; 0 when none is known |
| history | (tp - fp) / (tp + fp + 2) over approved dispositions of the same rule sharing an entity, tp the |
|  | true positives, fp the false and benign true positives; 0 without any |

The final bucket (`triage_op_bucket`) is where op falls among the thresholds (below the first:
likely_benign). A row flagged for prompt injection (`triage_injection` not empty) never ends below the
model's bucket, nor in likely_benign: an injection attempt inside a log is itself suspicious. A row no model
judged (a baseline bucket) never ends in likely_benign either: only a model's answer can call a row benign.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional

from llm_triage.decision.scoring_settings import ScoringSettings
from llm_triage.verdict.baseline import SEVERITY_FIELDS
from llm_triage.verdict.schema import verdict_schema

BUCKETS: tuple[str, ...] = tuple(verdict_schema()["properties"]["bucket"]["enum"])
LIKELY_BENIGN, NEEDS_ENRICHMENT = BUCKETS[0], BUCKETS[1]
SEVERITY_STRENGTH = {"informational": 0.0, "info": 0.0, "low": 0.25, "medium": 0.5, "high": 0.75, "critical": 1.0}
CRITICALITY_VALUES = {"low": -0.5, "medium": 0.0, "high": 0.5, "critical": 1.0}
CRITICALITY_ORDER = ("low", "medium", "high", "critical")
IDENTITY_VALUES = {"admin": 1.0, "service_account": 0.5, "vip": 0.5, "traveller": -0.5}
TRUE_POSITIVE = "true_positive"
BENIGN_LABELS = ("false_positive", "benign_true_positive")
HISTORY_PRIOR = 2  # dispositions' worth of doubt: one false positive moves history by a third of its weight
BASE = 0.5


@dataclass(frozen=True)
class Factor:
    """One factor's contribution to operational confidence, and what it was based on."""

    name: str
    detail: str
    contribution: float

    def text(self) -> str:
        """As the analyst sees it in `triage_factors`: `asset_criticality=high:+0.10`."""
        return f"{self.name}={self.detail}:{self.contribution:+.2f}"


@dataclass(frozen=True)
class Context:
    """What is known about a row beyond its verdict; an empty value with a `*_problem` says why it is unknown."""

    criticality: str = ""  # low, medium, high, critical; "" when unknown
    criticality_from: str = ""  # which entity or field said so
    criticality_problem: str = ""
    identity_categories: tuple[str, ...] = ()
    identity_problem: str = ""
    history: Optional[Mapping[str, int]] = None  # disposition -> count; None when it could not be read
    history_problem: str = ""


@dataclass(frozen=True)
class OperationalConfidence:
    """The result: op confidence, the final bucket, and each factor's part in it."""

    value: float
    bucket: str
    factors: tuple[Factor, ...]

    def factor_texts(self) -> list[str]:
        """`triage_factors`, one entry per factor."""
        return [factor.text() for factor in self.factors]


def operational_confidence(
    settings: ScoringSettings,
    row: Mapping[str, object],
    model_bucket: str,
    model_confidence: str,
    from_model: bool,
    context: Context,
    injection: str = "",
) -> OperationalConfidence:
    """Combine the model's verdict (`from_model` false for a baseline bucket) with the row's signals and
    `context` into op confidence and the final bucket; see the module docstring for the formula."""
    factors = [
        Factor("base", "neutral", BASE),
        model_factor(settings.weight_model, model_bucket, model_confidence, from_model),
        signal_factor(settings.weight_signal, row),
        asset_factor(settings.weight_asset, context),
        identity_factor(settings.weight_identity, context),
        history_factor(settings.weight_history, context),
    ]
    value = round(min(1.0, max(0.0, sum(factor.contribution for factor in factors))), 2)
    bucket = bucket_for(settings, value)
    if injection:
        floor = max(_place(model_bucket), _place(NEEDS_ENRICHMENT))
        bucket = BUCKETS[max(_place(bucket), floor)]
        factors.append(Factor("injection", f"flagged, bucket at least {BUCKETS[floor]}", 0.0))
    if not from_model and _place(bucket) < _place(NEEDS_ENRICHMENT):
        bucket = NEEDS_ENRICHMENT
        factors.append(Factor("unjudged", f"no model verdict, bucket at least {NEEDS_ENRICHMENT}", 0.0))
    return OperationalConfidence(value, bucket, tuple(factors))


def bucket_for(settings: ScoringSettings, value: float) -> str:
    """The bucket op confidence `value` falls in."""
    thresholds = (
        settings.threshold_needs_enrichment,
        settings.threshold_probable_incident,
        settings.threshold_high_confidence_malicious,
    )
    return BUCKETS[sum(1 for threshold in thresholds if value >= threshold)]


def model_factor(weight: float, bucket: str, confidence: str, from_model: bool) -> Factor:
    """The model's bucket, signed and scaled by its confidence."""
    if not from_model or bucket not in BUCKETS:
        return Factor("model", "no verdict", 0.0)
    try:
        level = min(1.0, max(0.0, float(confidence)))
    except ValueError:
        return Factor("model", f"{bucket}, no confidence", 0.0)
    value = (2 * _place(bucket) / (len(BUCKETS) - 1) - 1) * level
    return Factor("model", f"{bucket}@{level:.2f}", _weighted(weight, value))


def signal_factor(weight: float, row: Mapping[str, object]) -> Factor:
    """The detection's own strength: its risk score or its severity (or urgency), the stronger."""
    found: list[tuple[float, str]] = []
    risk = _first(row, "risk_score")
    try:
        score = float(risk)
    except ValueError:
        score = float("nan")
    if score == score and risk:  # not NaN
        found.append((min(1.0, max(0.0, score / 100)), f"risk_score {score:g}"))
    for name in SEVERITY_FIELDS:
        level = _first(row, name).lower()
        if level in SEVERITY_STRENGTH:
            found.append((SEVERITY_STRENGTH[level], f"{name} {level}"))
            break
    if not found:
        return Factor("signal", "no risk score or severity", 0.0)
    strength, detail = max(found)
    return Factor("signal", detail, _weighted(weight, 2 * strength - 1))


def asset_factor(weight: float, context: Context) -> Factor:
    """The most critical asset the row names."""
    if context.criticality not in CRITICALITY_VALUES:
        return Factor("asset_criticality", context.criticality_problem or "unknown", 0.0)
    detail = context.criticality + (f" ({context.criticality_from})" if context.criticality_from else "")
    return Factor("asset_criticality", detail, _weighted(weight, CRITICALITY_VALUES[context.criticality]))


def identity_factor(weight: float, context: Context) -> Factor:
    """Who the row is about: admins and VIPs raise it, known travellers lower it."""
    known = [category for category in context.identity_categories if category in IDENTITY_VALUES]
    if not known:
        return Factor("identity", context.identity_problem or "no known identity", 0.0)
    value = min(1.0, max(-1.0, sum(IDENTITY_VALUES[category] for category in known)))
    return Factor("identity", ",".join(known), _weighted(weight, value))


def history_factor(weight: float, context: Context) -> Factor:
    """What analysts decided before about the same rule and entities (approved dispositions only)."""
    if context.history is None:
        return Factor("history", context.history_problem or "not read", 0.0)
    positives = context.history.get(TRUE_POSITIVE, 0)
    negatives = sum(context.history.get(label, 0) for label in BENIGN_LABELS)
    if not positives and not negatives:
        return Factor("history", context.history_problem or "no approved dispositions", 0.0)
    labels = (TRUE_POSITIVE, *BENIGN_LABELS)
    parts = [f"{context.history[label]} {label}" for label in labels if context.history.get(label)]
    value = (positives - negatives) / (positives + negatives + HISTORY_PRIOR)
    return Factor("history", ", ".join(parts), _weighted(weight, value))


def _weighted(weight: float, value: float) -> float:
    return round(weight * value, 2) + 0.0  # + 0.0: no "-0.00"


def _place(bucket: str) -> int:
    return BUCKETS.index(bucket) if bucket in BUCKETS else 0


def _first(row: Mapping[str, object], name: str) -> str:
    value = row.get(name)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def strongest_criticality(levels: Sequence[str]) -> str:
    """The most critical of `levels` (unknown ones ignored), or ""."""
    known = [level for level in levels if level in CRITICALITY_ORDER]
    return max(known, key=CRITICALITY_ORDER.index) if known else ""
