"""Replaying labelled history through a candidate provider, before a SOC switches model or prompt.

Each approved, labelled result carries the evidence bundle its model was shown (the feedback document's
`bundle`, or `triage_bundle`); that exact bundle goes to the candidate, through the same judges a search
uses (the app's endpoint, rate limits, retries, the breaker, bounded concurrency), and the candidate's
bucket is scored against the same approved label as the recorded one. Figures are computed over the
results both sides have a verdict for (paired), so the two columns count the same results; results the
candidate could not answer are counted and listed, not dropped silently. Slices are the recorded rows'
(a replayed row keeps the profile, rule and tenant it came with).

A candidate prompt is named by `prompt` (a shipped verdict prompt, `triage-1` to `triage-4`): the endpoint
asks with it, or with its batch counterpart when the provider batches (`batch_size`); without one, the
endpoint's default. The rows record the prompt version the candidate's answers were actually given with
(with its example set when approved examples were shown).
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from llm_triage.endpoint.client import RemoteJudge
from llm_triage.engine.concurrency import ConcurrentJudge
from llm_triage.engine.stack import choose_provider
from llm_triage.evaluation.labelled import (
    EXCLUSION_TEXT,
    Labelled,
    Row,
    label_of,
    labelled,
    outcome_of,
    slice_key,
    triage_field,
    values,
)
from llm_triage.evaluation.metrics import DEFAULT_BINS, DEFAULT_MINUTES_PER_ALERT, Metrics
from llm_triage.evaluation.report import Evaluation, number
from llm_triage.evidence.bundle import BUNDLE_FORMAT, Bundle
from llm_triage.evidence.canonical import content_hash, strict_json_loads
from llm_triage.evidence.fields import STATUS_OK
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import ConfigError
from llm_triage.trust.injection.detector import bundle_findings, floor_bucket
from llm_triage.verdict.judge import Judge, Judgement
from llm_triage.verdict.prompt import load_prompt, prompt_for, verdict_prompt

OUTPUTS = ("slices", "rows")
BUNDLE_FIELDS = ("bundle", "triage_bundle")  # a feedback document's copy, or a dry run's
EXCLUDED_NO_BUNDLE = "no_bundle"
EXCLUSION_TEXT_REPLAY = {**EXCLUSION_TEXT, EXCLUDED_NO_BUNDLE: "no stored evidence bundle to replay"}
COMPARED = ("precision", "recall", "escalation_rate", "accuracy", "kappa", "fp_burden_minutes", "brier")

CHANGE_FIXED = "fixed"  # the recorded answer disagreed with the label, the candidate's agrees
CHANGE_BROKEN = "broken"  # the other way round
CHANGE_BUCKET = "bucket_changed"  # a different bucket, equally right or wrong
CHANGE_NO_VERDICT = "candidate_no_verdict"  # the candidate gave no verdict (unavailable, error)
CHANGE_NEW = "recorded_no_verdict"  # the recorded result had none; the candidate's is shown


def bundle_from_text(text: str) -> Bundle:
    """A stored bundle, ready to send again (ValueError when the text is not one): the same bytes and hash,
    its references rebuilt from its events' fields (in the canonical text's sorted order)."""
    document = strict_json_loads(text)
    if not isinstance(document, dict) or document.get("format") != BUNDLE_FORMAT:
        raise ValueError(f"not an evidence bundle ({BUNDLE_FORMAT})")
    events = document.get("events")
    if not isinstance(events, list) or not events:
        raise ValueError("an evidence bundle without events")
    refs: list[str] = []
    for event in events:
        if not isinstance(event, dict) or not isinstance(event.get("fields"), dict) or not event.get("ref"):
            raise ValueError("an evidence bundle event without ref and fields")
        refs.extend(f"{event['ref']}/{name}" for name in event["fields"])
    return Bundle(
        profile=str(document.get("profile", "")),
        text=text,
        hash=content_hash(text),
        refs=tuple(refs),
        event_ref=str(events[0]["ref"]),
    )


@dataclass(frozen=True)
class Replayed:
    """One replayed result: its slice, label and both answers."""

    key: tuple[str, ...]
    triage_id: str
    disposition: str
    recorded: Union[Labelled, str]
    recorded_confidence: str
    candidate: Union[Labelled, str]
    judgement: Judgement

    @property
    def change(self) -> str:
        """How the candidate's answer differs from the recorded one ("" when it does not)."""
        if not isinstance(self.candidate, Labelled):
            return CHANGE_NO_VERDICT
        if not isinstance(self.recorded, Labelled):
            return CHANGE_NEW
        if self.recorded.outcome.correct != self.candidate.outcome.correct:
            return CHANGE_FIXED if self.candidate.outcome.correct else CHANGE_BROKEN
        return CHANGE_BUCKET if self.recorded.bucket != self.candidate.bucket else ""


class ReplayRun:
    """Replays rows (from as many chunks as come) through `judge`; `rows()` reports side by side."""

    def __init__(
        self,
        judge: Judge,
        prompt_label: str = "",
        by: Sequence[str] = (),
        minutes_per_alert: float = DEFAULT_MINUTES_PER_ALERT,
        bins: int = DEFAULT_BINS,
    ):
        self._judge = judge
        self.prompt_label = prompt_label
        self.by = tuple(by)
        self._minutes = minutes_per_alert
        self._bins = bins
        self.replayed: list[Replayed] = []
        self.excluded: dict[tuple[str, ...], Counter] = {}
        self.rows_seen = 0
        self.models: Counter = Counter()
        self.prompts: Counter = Counter()  # the prompt versions answers name (few-shot examples' labels)

    def add(self, rows: Iterable[Row]) -> None:
        """Replay one chunk's approved, labelled rows (their bundles in one go, so they are asked concurrently)."""
        waiting: list[tuple[Row, str, Bundle]] = []
        for row in rows:
            self.rows_seen += 1
            key = slice_key(row, self.by)
            disposition, reason = label_of(row)
            bundle: Optional[Bundle] = None
            if disposition is not None:
                bundle, reason = _stored_bundle(row)
            if disposition is None or bundle is None:
                self.excluded.setdefault(key, Counter())[reason] += 1
                continue
            waiting.append((row, disposition, bundle))
        judgements = self._judge.judge([bundle for _, _, bundle in waiting]) if waiting else []
        for (row, disposition, bundle), judgement in zip(waiting, judgements):
            self._record(row, disposition, judgement, bundle)

    def _record(self, row: Row, disposition: str, judgement: Judgement, bundle: Bundle) -> None:
        fields: dict[str, Any] = judgement.fields
        status = judgement.status if judgement.status != STATUS_OK else ""
        bucket = str(fields.get("triage_bucket", ""))
        if judgement.status == STATUS_OK:
            # Floored as a search floors it: by the detector's findings in the very bundle replayed (never the
            # recorded labels, which a label's poster supplies) and by what the candidate itself reported.
            bucket, _ = floor_bucket(bucket, [*bundle_findings(bundle.text), *values(fields, "triage_injection")])
        candidate = outcome_of(status or "", bucket, str(fields.get("triage_confidence", "")), disposition)
        if judgement.model:
            self.models[judgement.model] += 1
        if judgement.status == STATUS_OK:
            self.prompts[str(fields.get("triage_prompt_version", "")) or self.prompt_label] += 1
        self.replayed.append(
            Replayed(
                key=slice_key(row, self.by),
                triage_id=triage_field(row, "triage_id"),
                disposition=disposition,
                recorded=labelled(row),
                recorded_confidence=triage_field(row, "triage_confidence"),
                candidate=candidate,
                judgement=judgement,
            )
        )

    def summary(self, provider: str) -> str:
        """One line for the search's messages."""
        excluded: Counter = Counter()
        for counts in self.excluded.values():
            excluded.update(counts)
        paired = sum(isinstance(r.recorded, Labelled) and isinstance(r.candidate, Labelled) for r in self.replayed)
        changes = Counter(r.change for r in self.replayed if r.change)
        text = (
            f"llmreplay: {self.rows_seen} rows, {len(self.replayed)} replayed through {provider}, "
            f"{paired} compared; {changes[CHANGE_FIXED]} fixed, {changes[CHANGE_BROKEN]} broken, "
            f"{changes[CHANGE_BUCKET]} other bucket changes, {changes[CHANGE_NO_VERDICT]} without a candidate verdict"
        )
        if excluded:
            reasons = "; ".join(f"{n} {EXCLUSION_TEXT_REPLAY[reason]}" for reason, n in sorted(excluded.items()))
            text += f"; {sum(excluded.values())} not replayed ({reasons})"
        return text

    def rows(self, output: str = "slices") -> list[dict[str, str]]:
        """`slices`: one row per slice, recorded and candidate figures side by side with their difference;
        `rows`: one row per replayed result whose answer changed."""
        if output not in OUTPUTS:
            raise ValueError(f"output must be one of {', '.join(OUTPUTS)}")
        return self._slice_rows() if output == "slices" else self._difference_rows()

    def _slice_rows(self) -> list[dict[str, str]]:
        recorded, candidate = (
            Evaluation(self.by, self._minutes, self._bins),
            Evaluation(self.by, self._minutes, self._bins),
        )
        changes: dict[tuple[str, ...], Counter] = {}
        for item in self.replayed:
            changes.setdefault(item.key, Counter())[item.change] += 1
            if isinstance(item.recorded, Labelled) and isinstance(item.candidate, Labelled):
                recorded.add_outcome(item.key, item.recorded)
                candidate.add_outcome(item.key, item.candidate)
        keys = sorted(set(changes) | set(self.excluded))
        before = {key: metrics for key, metrics, _ in recorded.metrics()}
        after = {key: metrics for key, metrics, _ in candidate.metrics()}
        rows = []
        for key in keys:
            counts = changes.get(key, Counter())
            excluded = self.excluded.get(key, Counter())
            row = recorded.slice_fields(key)
            row["n"] = str(before[key].n if key in before else 0)
            row.update(_side_by_side(before.get(key), after.get(key)))
            row.update(
                replayed=str(sum(counts.values())),
                fixed=str(counts[CHANGE_FIXED]),
                broken=str(counts[CHANGE_BROKEN]),
                bucket_changed=str(counts[CHANGE_BUCKET]),
                candidate_no_verdict=str(counts[CHANGE_NO_VERDICT]),
                recorded_no_verdict=str(counts[CHANGE_NEW]),
                excluded=str(sum(excluded.values())),
                excluded_reasons=", ".join(f"{reason}={n}" for reason, n in sorted(excluded.items())),
                candidate_provider=self._judge.provider.name,
                candidate_model=",".join(sorted(self.models)) or self._judge.provider.model,
                candidate_prompt_version=",".join(sorted(p for p in self.prompts if p)) or self.prompt_label,
            )
            rows.append(row)
        return rows

    def _difference_rows(self) -> list[dict[str, str]]:
        rows = []
        for item in self.replayed:
            if not item.change:
                continue
            fields = item.judgement.fields
            row = {"triage_id": item.triage_id, **Evaluation(self.by).slice_fields(item.key)}
            row.update(
                disposition=item.disposition,
                change=item.change,
                recorded_bucket=item.recorded.bucket if isinstance(item.recorded, Labelled) else "",
                candidate_bucket=item.candidate.bucket if isinstance(item.candidate, Labelled) else "",
                recorded_confidence=item.recorded_confidence,
                candidate_confidence=str(fields.get("triage_confidence", "")),
                recorded_correct=_correct(item.recorded),
                candidate_correct=_correct(item.candidate),
                candidate_status=item.judgement.status,
                candidate_rationale=str(fields.get("triage_rationale", "")),
                candidate_error=item.judgement.error,
            )
            rows.append(row)
        return rows


def _stored_bundle(row: Row) -> tuple[Optional[Bundle], str]:
    for name in BUNDLE_FIELDS:
        for text in values(row, name):
            try:
                return bundle_from_text(text), ""
            except ValueError:
                continue
    return None, EXCLUDED_NO_BUNDLE


def _correct(item: Union[Labelled, str]) -> str:
    return ("true" if item.outcome.correct else "false") if isinstance(item, Labelled) else ""


def _figure(metrics: Optional[Metrics], name: str) -> Optional[float]:
    if metrics is None:
        return None
    value = getattr(metrics, name)
    return value if value is None or isinstance(value, (int, float)) else value.value


def _side_by_side(before: Optional[Metrics], after: Optional[Metrics]) -> dict[str, str]:
    row = {}
    for name in COMPARED:
        old, new = _figure(before, name), _figure(after, name)
        places = 2 if name == "fp_burden_minutes" else 4
        row[f"recorded_{name}"] = number(old, places)
        row[f"candidate_{name}"] = number(new, places)
        row[f"delta_{name}"] = number(new - old, places) if old is not None and new is not None else ""
    return row


class CandidateProblem(Exception):
    """The candidate provider cannot be used; the message says why (and holds no secret)."""


def candidate_judge(
    rest: SplunkdRest, provider: str, timeout: Optional[float] = None, prompt: str = ""
) -> tuple[Judge, str, Callable[[], None]]:
    """The judges a search stacks over the app's endpoint, for `provider` (asking with the shipped verdict
    prompt `prompt`, or the endpoint's default): its bounded concurrency; the endpoint keeps the provider's
    rate limits, retries and breaker (engine.stack). Returns the judge, the label of the prompt the
    provider's requests use, and what to call when done; CandidateProblem when the provider or the prompt
    cannot be used."""
    try:
        single = verdict_prompt(prompt) if prompt else load_prompt()
    except ValueError as exc:
        raise CandidateProblem(str(exc)) from None
    config_reader = SplunkdConfig(rest.get)
    try:
        settings = config_reader.settings()
    except (ConfigUnavailable, ConfigError) as exc:
        raise CandidateProblem(f"settings unreadable: {exc}") from None
    choice = choose_provider(config_reader, provider, settings, with_key=False, timeout=timeout)
    if choice.config is None:
        raise CandidateProblem(choice.problem)
    asked = prompt_for(choice.config.batch_size, single)
    concurrent = ConcurrentJudge(RemoteJudge(rest, choice.config, timeout=timeout, prompt=prompt))
    return concurrent, asked.label, concurrent.close
