"""`llmeval`'s logic: rows of triage results with their dispositions in, one row of figures per slice out.

Rows are gathered across all of a search's chunks (a `Tally` per slice keeps only the outcomes and the
exclusion counts, not the rows), then reported once. Figures are written as plain decimal text, an
empty string when a figure is undefined (no escalations: no precision).
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Optional, Union

from llm_triage.evaluation.labelled import (
    EXCLUSION_TEXT,
    Labelled,
    Row,
    labelled,
    outcome_of,
    slice_field,
    slice_key,
    triage_field,
)
from llm_triage.evaluation.metrics import (
    DEFAULT_BINS,
    DEFAULT_MINUTES_PER_ALERT,
    Interval,
    Metrics,
    Outcome,
    evaluate,
)

OUTPUTS = ("slices", "calibration", "confusion")
ALL = "all"

# The figures of a slice row, in order (intervals add _low and _high after their value).
INTERVAL_FIGURES = ("precision", "recall", "escalation_rate", "accuracy")
SLICE_COLUMNS = (
    "slice",
    "n",
    "tp",
    "fp",
    "fn",
    "tn",
    *(name + suffix for name in INTERVAL_FIGURES for suffix in ("", "_low", "_high")),
    "kappa",
    "fp_burden_minutes",
    "brier",
    "ece",
    "calibrated",
    "excluded",
    "excluded_reasons",
    "enriched",  # results whose verdict was given again with enrichment's context
    "accuracy_before_enrichment",  # accuracy had each of those kept its first answer
    "kappa_before_enrichment",
)


def number(value: Optional[float], places: int = 4) -> str:
    """A figure as text: rounded, trailing zeros kept off, empty when undefined."""
    if value is None:
        return ""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass
class Tally:
    """What one slice has gathered so far."""

    outcomes: list[Outcome] = field(default_factory=list)
    excluded: Counter = field(default_factory=Counter)
    before: list[Outcome] = field(default_factory=list)  # the same results, enriched ones as first answered
    enriched: int = 0


class Evaluation:
    """Gathers rows (from as many chunks as come) into slices; `rows()` reports them."""

    def __init__(
        self,
        by: Sequence[str] = (),
        minutes_per_alert: float = DEFAULT_MINUTES_PER_ALERT,
        bins: int = DEFAULT_BINS,
        label: str = "disposition",
        state: str = "review_state",
    ):
        self.by = tuple(by)
        self.minutes_per_alert = minutes_per_alert
        self.bins = bins
        self._label = label
        self._state = state
        self.slices: dict[tuple[str, ...], Tally] = {}
        self.rows_seen = 0

    def add(self, rows: Iterable[Row]) -> None:
        """Count rows into their slices."""
        for row in rows:
            self.rows_seen += 1
            tally = self.slices.setdefault(slice_key(row, self.by), Tally())
            item = labelled(row, self._label, self._state)
            if isinstance(item, Labelled):
                tally.outcomes.append(item.outcome)
                first = before_enrichment(row, item)
                tally.before.append(first.outcome)
                tally.enriched += first is not item
            else:
                tally.excluded[item] += 1

    def add_outcome(self, key: tuple[str, ...], item: Union[Labelled, str]) -> None:
        """Count one already-labelled outcome (or exclusion reason) into slice `key` (used by replays)."""
        tally = self.slices.setdefault(key, Tally())
        if isinstance(item, Labelled):
            tally.outcomes.append(item.outcome)
            tally.before.append(item.outcome)
        else:
            tally.excluded[item] += 1

    @property
    def excluded(self) -> Counter:
        """Exclusions over every slice, by reason."""
        total: Counter = Counter()
        for tally in self.slices.values():
            total.update(tally.excluded)
        return total

    def summary(self) -> str:
        """One line for the search's messages: how many rows counted, how many did not and why."""
        excluded = self.excluded
        counted = self.rows_seen - sum(excluded.values())
        text = (
            f"llmeval: {self.rows_seen} rows, {counted} with an approved label evaluated in {len(self.slices)} slices"
        )
        if excluded:
            reasons = "; ".join(f"{count} {EXCLUSION_TEXT[reason]}" for reason, count in sorted(excluded.items()))
            text += f"; {sum(excluded.values())} excluded ({reasons})"
        return text

    def metrics(self) -> list[tuple[tuple[str, ...], Metrics, Counter]]:
        """Each slice's key, figures and exclusions, in slice order."""
        return [
            (key, evaluate(tally.outcomes, self.minutes_per_alert, self.bins), tally.excluded)
            for key, tally in sorted(self.slices.items())
        ]

    def before_enrichment(self, key: tuple[str, ...]) -> dict[str, str]:
        """A slice's agreement had its enriched results kept their first answers."""
        tally = self.slices[key]
        if not tally.enriched:
            return {"enriched": "0", "accuracy_before_enrichment": "", "kappa_before_enrichment": ""}
        first = evaluate(tally.before, self.minutes_per_alert, self.bins)
        return {"enriched": str(tally.enriched), "accuracy_before_enrichment": number(first.accuracy.value),
                "kappa_before_enrichment": number(first.kappa)}  # fmt: skip

    def rows(self, output: str = "slices") -> list[dict[str, str]]:
        """The report: one row per slice (`slices`), per slice and bin (`calibration`), or per slice and
        model decision (`confusion`)."""
        if output not in OUTPUTS:
            raise ValueError(f"output must be one of {', '.join(OUTPUTS)}")
        rows: list[dict[str, str]] = []
        for key, metrics, excluded in self.metrics():
            head = self.slice_fields(key)
            if output == "slices":
                rows.append({**head, **slice_figures(metrics, excluded), **self.before_enrichment(key)})
            elif output == "calibration":
                rows.extend({**head, **bin_row} for bin_row in calibration_rows(metrics))
            else:
                rows.extend({**head, **cell} for cell in confusion_rows(metrics))
        return rows

    def slice_fields(self, key: tuple[str, ...]) -> dict[str, str]:
        """The slice's label and one field per `by` name (under the field it reads)."""
        label = ", ".join(f"{slice_field(name)}={value}" for name, value in zip(self.by, key)) or ALL
        return {"slice": label, **{slice_field(name): value for name, value in zip(self.by, key)}}


def before_enrichment(row: Row, item: Labelled) -> Labelled:
    """The labelled outcome of the row's first answer when enrichment answered it again; else `item`."""
    initial = triage_field(row, "triage_bucket_initial")
    if not initial or triage_field(row, "triage_enriched") != "true":
        return item
    first = outcome_of("ok", initial, "", item.disposition)
    return first if isinstance(first, Labelled) else item


def slice_figures(metrics: Metrics, excluded: Counter) -> dict[str, str]:
    """A slice row's figures (see SLICE_COLUMNS)."""
    row = {"n": str(metrics.n), "tp": str(metrics.tp), "fp": str(metrics.fp), "fn": str(metrics.fn)}
    row["tn"] = str(metrics.tn)
    for name in INTERVAL_FIGURES:
        interval: Interval = getattr(metrics, name)
        row.update({name: number(interval.value), f"{name}_low": number(interval.low)})
        row[f"{name}_high"] = number(interval.high)
    row.update(
        kappa=number(metrics.kappa),
        fp_burden_minutes=number(metrics.fp_burden_minutes, 2),
        brier=number(metrics.brier),
        ece=number(metrics.ece),
        calibrated=str(metrics.calibrated),
        excluded=str(sum(excluded.values())),
        excluded_reasons=", ".join(f"{reason}={count}" for reason, count in sorted(excluded.items())),
    )
    return row


def calibration_rows(metrics: Metrics) -> list[dict[str, str]]:
    """One row per reliability bin: its range, count, mean stated confidence and observed accuracy."""
    return [
        {
            "bin": f"{number(b.low, 2)}-{number(b.high, 2)}",
            "bin_low": number(b.low, 2),
            "bin_high": number(b.high, 2),
            "count": str(b.count),
            "mean_confidence": number(b.mean_confidence),
            "accuracy": number(b.accuracy),
        }
        for b in metrics.bins
    ]


def confusion_rows(metrics: Metrics) -> list[dict[str, str]]:
    """The 2x2 table: the model's decision against the analysts' approved labels."""
    return [
        {"model": "escalated", "analyst_true_positive": str(metrics.tp), "analyst_benign": str(metrics.fp)},
        {"model": "not_escalated", "analyst_true_positive": str(metrics.fn), "analyst_benign": str(metrics.tn)},
    ]


def parse_by(arguments: Sequence[str]) -> list[str]:
    """Slice names from a command's positional arguments: `by profile, triage_provider` (the `by` optional)."""
    names = [part for argument in arguments for part in argument.replace(",", " ").split()]
    if names and names[0].lower() == "by":
        names = names[1:]
    if any(name.lower() == "by" for name in names):
        raise ValueError("by may appear once, before the slice fields")
    return names
