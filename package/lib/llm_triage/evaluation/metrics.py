"""How well the model's queue decisions agree with analysts' approved dispositions: pure arithmetic.

What counts as positive, in one place:

- The model **escalates** a result when its bucket is `probable_incident` or `high_confidence_malicious`
  (the buckets an analyst is sent to work); `likely_benign` and `needs_enrichment` are not escalations.
- The analyst's label is **positive** when the disposition is `true_positive` (malicious activity that
  needs a response). `false_positive` (the detection was wrong) and `benign_true_positive` (the detection
  was right but the activity was allowed: a sanctioned scan, an admin's change) are both negative: neither
  needs a response, so an escalated one is analyst time spent on a benign alert, the false-positive burden.

From those two yes/no answers per result: tp (escalated, positive), fp (escalated, negative), fn (not
escalated, positive), tn (neither). Precision tp/(tp+fp), recall tp/(tp+fn), escalation rate
(tp+fp)/n, each with a Wilson score interval; Cohen's kappa between escalation and the positive label;
false-positive burden fp x the minutes an analyst spends on one alert.

Calibration is of the model's stated confidence in its own answer (`triage_confidence`, top-label
calibration): a result counts as correct when its escalation decision agrees with the label. Reliability
bins are equal-width over [0, 1] (1.0 falls in the last bin); the Brier score is the mean of
(confidence - correct)^2 over results that carry a confidence.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Optional

ESCALATED_BUCKETS = ("probable_incident", "high_confidence_malicious")
NOT_ESCALATED_BUCKETS = ("likely_benign", "needs_enrichment")
POSITIVE_DISPOSITIONS = ("true_positive",)
NEGATIVE_DISPOSITIONS = ("false_positive", "benign_true_positive")
Z_95 = 1.959963984540054  # the normal quantile of a two-sided 95% interval
DEFAULT_BINS = 10
DEFAULT_MINUTES_PER_ALERT = 15.0


@dataclass(frozen=True)
class Outcome:
    """One labelled result: did the model escalate it, is the approved label positive, with what confidence."""

    escalated: bool
    positive: bool
    confidence: Optional[float] = None

    @property
    def correct(self) -> bool:
        """Whether the model's decision agrees with the analyst's label."""
        return self.escalated == self.positive


@dataclass(frozen=True)
class Interval:
    """A proportion with its Wilson score interval; all None when nothing was counted."""

    successes: int
    trials: int
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]


@dataclass(frozen=True)
class ReliabilityBin:
    """One calibration bin: confidences in [low, high) (the last bin includes 1.0)."""

    low: float
    high: float
    count: int
    mean_confidence: Optional[float]
    accuracy: Optional[float]


@dataclass(frozen=True)
class Metrics:
    """The figures of one slice."""

    n: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: Interval
    recall: Interval
    escalation_rate: Interval
    accuracy: Interval
    kappa: Optional[float]
    fp_burden_minutes: float
    brier: Optional[float]
    calibrated: int  # results that carried a confidence (what the bins and Brier score count)
    ece: Optional[float]  # expected calibration error: bins' |accuracy - mean confidence| weighted by count
    bins: tuple[ReliabilityBin, ...]


def is_escalated(bucket: str) -> bool:
    """Whether a bucket sends the result to an analyst (see the module docstring)."""
    return bucket in ESCALATED_BUCKETS


def is_positive(disposition: str) -> bool:
    """Whether an analyst's disposition needs a response (see the module docstring)."""
    return disposition in POSITIVE_DISPOSITIONS


def wilson(successes: int, trials: int, z: float = Z_95) -> Interval:
    """The proportion successes/trials and its Wilson score interval (None when there were no trials)."""
    if trials <= 0:
        return Interval(successes, trials, None, None, None)
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return Interval(successes, trials, p, max(0.0, centre - half), min(1.0, centre + half))


def cohen_kappa(tp: int, fp: int, fn: int, tn: int) -> Optional[float]:
    """Cohen's kappa of two yes/no raters from their 2x2 table; None when chance agreement is total
    (both raters said the same thing every time, so kappa is undefined)."""
    n = tp + fp + fn + tn
    if n == 0:
        return None
    observed = (tp + tn) / n
    chance = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n)
    if chance >= 1.0:
        return None
    return (observed - chance) / (1 - chance)


def reliability(outcomes: Sequence[Outcome], bins: int = DEFAULT_BINS) -> tuple[ReliabilityBin, ...]:
    """Equal-width bins of stated confidence, each with its mean confidence and observed accuracy."""
    members: list[list[Outcome]] = [[] for _ in range(bins)]
    for outcome in outcomes:
        if outcome.confidence is not None:
            # Rounded first so that 0.7 * 10 lands in bin 7 whatever the float's last bit says.
            members[min(int(round(outcome.confidence * bins, 9)), bins - 1)].append(outcome)
    result = []
    for index, inside in enumerate(members):
        count = len(inside)
        mean = sum(o.confidence or 0.0 for o in inside) / count if count else None
        accuracy = sum(o.correct for o in inside) / count if count else None
        result.append(ReliabilityBin(index / bins, (index + 1) / bins, count, mean, accuracy))
    return tuple(result)


def brier_score(outcomes: Iterable[Outcome]) -> Optional[float]:
    """Mean squared difference between stated confidence and correctness (0 is perfect); None without any."""
    scored = [(o.confidence, 1.0 if o.correct else 0.0) for o in outcomes if o.confidence is not None]
    if not scored:
        return None
    return sum((confidence - correct) ** 2 for confidence, correct in scored) / len(scored)


def evaluate(
    outcomes: Sequence[Outcome], minutes_per_alert: float = DEFAULT_MINUTES_PER_ALERT, bins: int = DEFAULT_BINS
) -> Metrics:
    """Every figure of one slice of labelled results."""
    tp = sum(o.escalated and o.positive for o in outcomes)
    fp = sum(o.escalated and not o.positive for o in outcomes)
    fn = sum(not o.escalated and o.positive for o in outcomes)
    tn = sum(not o.escalated and not o.positive for o in outcomes)
    n = len(outcomes)
    reliability_bins = reliability(outcomes, bins)
    calibrated = sum(b.count for b in reliability_bins)
    ece = (
        sum(b.count * abs((b.accuracy or 0.0) - (b.mean_confidence or 0.0)) for b in reliability_bins) / calibrated
        if calibrated
        else None
    )
    return Metrics(
        n=n,
        tp=tp,
        fp=fp,
        fn=fn,
        tn=tn,
        precision=wilson(tp, tp + fp),
        recall=wilson(tp, tp + fn),
        escalation_rate=wilson(tp + fp, n),
        accuracy=wilson(tp + tn, n),
        kappa=cohen_kappa(tp, fp, fn, tn),
        fp_burden_minutes=fp * minutes_per_alert,
        brier=brier_score(outcomes),
        calibrated=calibrated,
        ece=ece,
        bins=reliability_bins,
    )
