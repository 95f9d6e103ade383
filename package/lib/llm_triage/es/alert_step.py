"""The alert action's Enterprise Security work for one firing, after triage: risk events, the write-back
to notables and findings, the notables' links to their triage results, and adaptive response results.

Each part is chosen by the alert's parameters (`risk`, `notable_update` with `notable_urgency`,
`notable_status`, `notable_owner`); adaptive response results are written for every result that came
from ES. Only model-judged rows create risk or touch a notable (es.rows). When the action's deadline has
passed, the write-backs not yet made become dead letters (kind `es_notable`, the form without any
session) and are audited, so nothing is dropped unsaid.
"""

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable

from llm_triage import names
from llm_triage.es import adaptive_response
from llm_triage.es.notables import (
    ES_NOTABLE,
    FAILED,
    REFUSED,
    SKIPPED,
    WRITTEN,
    NotableSettings,
    NotableWriter,
    WriteResult,
    comment,
    notable_id,
    notable_settings,
    update_fields,
)
from llm_triage.es.risk import RISK_INDEX, RISK_SOURCETYPE, risk_events
from llm_triage.es.rows import first, model_judged
from llm_triage.evidence.canonical import canonical_json, content_hash
from llm_triage.routing.audit import Auditor, audit_event
from llm_triage.routing.queues import DeadLetters
from llm_triage.splunkd.index import IndexUnavailable, NoSuchIndex, send_lines
from llm_triage.splunkd.kvstore import Collection, StoreUnavailable
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import is_true

NOTABLE_UPDATE = "notable_update"
DEADLINE_PASSED = "the action's deadline passed before this write-back"
SOURCE = "llm_triage:alert_action"


@dataclass(frozen=True)
class EsPlan:
    """What the alert asks of ES."""

    risk: bool = False
    risk_index: str = RISK_INDEX
    notables: bool = False
    notable: NotableSettings = NotableSettings()
    ar_index: str = adaptive_response.AR_INDEX


def es_plan(param: Callable[[str], str]) -> EsPlan:
    """The plan from the alert's parameters; ValueError naming one that cannot be used."""
    return EsPlan(
        risk=is_true(param("risk")),
        risk_index=param("risk_index") or RISK_INDEX,
        notables=is_true(param("notable_update")),
        notable=notable_settings(param("notable_urgency"), param("notable_status"), param("notable_owner")),
        ar_index=param("ar_index") or adaptive_response.AR_INDEX,
    )


@dataclass
class EsReport:
    """What the step did."""

    risk_events: int = 0
    notables: dict[str, int] = field(default_factory=dict)
    ar_results: int = 0
    links: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth a warning, not a failure

    def summary(self) -> str:
        """One log line."""
        notables = ", ".join(f"{k} {v}" for k, v in sorted(self.notables.items())) or "none"
        return f"ES: {self.risk_events} risk events; notables: {notables}; {self.ar_results} adaptive response results"


class EsStep:
    """One firing's ES work through the alert's splunkd session."""

    def __init__(
        self,
        rest: SplunkdRest,
        plan: EsPlan,
        search: Mapping[str, str],
        auditor: Auditor,
        dead_letters: DeadLetters,
        deadline_passed: Callable[[], bool] = lambda: False,
    ) -> None:
        self.rest = rest
        self.plan = plan
        self.search = search
        self.auditor = auditor
        self.dead_letters = dead_letters
        self.deadline_passed = deadline_passed
        self.report = EsReport()

    def run(self, rows: Sequence[Mapping[str, Any]]) -> EsReport:
        """Risk, write-backs, links and adaptive response results for `rows` (in this order)."""
        if self.plan.risk:
            self._risk(rows)
        written: list[WriteResult] = [self._write_back(row) for row in rows]
        self._links(rows)
        self._ar_results(rows, written)
        return self.report

    def _risk(self, rows: Sequence[Mapping[str, Any]]) -> None:
        rule = self.search.get("search_name", "") or "LLM Triage"
        lines = risk_events(rows, rule)
        if not lines:
            return
        try:
            # ES reads a risk event's source as the rule that raised it, as its own risk action writes it.
            send_lines(self.rest, lines, self.plan.risk_index, RISK_SOURCETYPE, rule)
        except IndexUnavailable as exc:
            self.report.problems.append(f"risk events not written: {exc}")
            return
        self.report.risk_events = len(lines)

    def _write_back(self, row: Mapping[str, Any]) -> WriteResult:
        if not self.plan.notables or not first(row, "event_id"):
            return WriteResult(SKIPPED)
        if self.deadline_passed() and model_judged(row) and notable_id(row)[0]:
            result = self._dead_letter(row, DEADLINE_PASSED)
        else:
            result = NotableWriter(self.rest, self.plan.notable).write(row)
            if result.outcome == FAILED:
                result = self._dead_letter(row, result.detail)
        self._count(result.outcome)
        details: dict[str, Any] = {"outcome": result.outcome, "event_id": result.event_id, "detail": result.detail}
        if result.outcome == REFUSED:
            who = first(row, "triage_id") or "a result"
            self.report.problems.append(f"{who}: notable not updated: {result.detail}")
        self.auditor.record(
            audit_event(NOTABLE_UPDATE, first(row, "triage_id"), self.search.get("owner", ""), **details,
                        search_name=self.search.get("search_name", ""), sid=self.search.get("sid", ""))
        )  # fmt: skip
        return result

    def _dead_letter(self, row: Mapping[str, Any], error: str) -> WriteResult:
        event_id = notable_id(row)[0]
        built = {
            "id": content_hash(canonical_json([ES_NOTABLE, event_id, first(row, "triage_id")]))[:32],
            "kind": ES_NOTABLE,
            "target": NOTABLE_UPDATE,
            "triage_id": first(row, "triage_id"),
            "actions": [NOTABLE_UPDATE],
            "request": {"event_id": event_id, "comment": comment(row), **update_fields(row, self.plan.notable)},
        }
        try:
            key = self.dead_letters.record(built, error, 1, "alert", self.search.get("owner", ""))
        except StoreUnavailable as exc:
            self.report.problems.append(f"write-back to {event_id} lost: no dead letter ({exc})")
            return WriteResult(FAILED, event_id, error)
        self.report.problems.append(f"write-back to {event_id} kept as dead letter {key}: {error}")
        return WriteResult("dead_letter", event_id, error)

    def _links(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Which triage result each notable had, for the ES dispositions input."""
        now = round(time.time(), 3)
        documents = []
        for row in rows:
            event_id = notable_id(row)[0]
            if event_id and model_judged(row):
                documents.append(
                    {"_key": content_hash(event_id)[:32], "event_id": event_id, "triage_id": first(row, "triage_id"),
                     "search_name": self.search.get("search_name", ""), "updated": now}
                )  # fmt: skip
        if not documents:
            return
        try:
            Collection(self.rest, names.NOTABLES_COLLECTION).save_many(documents)
        except StoreUnavailable as exc:
            self.report.problems.append(f"notable links not kept (ES dispositions cannot find them): {exc}")
            return
        self.report.links = len(documents)

    def _ar_results(self, rows: Sequence[Mapping[str, Any]], written: Sequence[WriteResult]) -> None:
        lines = []
        for rid, (row, result) in enumerate(zip(rows, written)):
            if not adaptive_response.from_es(row):
                continue
            ok = model_judged(row) and result.outcome in (WRITTEN, SKIPPED)
            lines.append(
                adaptive_response.ar_result(
                    row, rid, self.search, adaptive_response.SUCCESS if ok else adaptive_response.FAILURE,
                    _signature(row, result),
                )
            )  # fmt: skip
        if not lines:
            return
        try:
            send_lines(self.rest, lines, self.plan.ar_index, adaptive_response.AR_SOURCETYPE, SOURCE)
        except NoSuchIndex:
            # Results that look like notables on a search head without ES: nowhere to show them, nothing lost.
            self.report.notes.append(f"no index {self.plan.ar_index!r}: adaptive response results not written")
            return
        except IndexUnavailable as exc:
            self.report.problems.append(f"adaptive response results not written: {exc}")
            return
        self.report.ar_results = len(lines)

    def _count(self, outcome: str) -> None:
        self.report.notables[outcome] = self.report.notables.get(outcome, 0) + 1


def _signature(row: Mapping[str, Any], result: WriteResult) -> str:
    """What the analyst reads in the notable's Adaptive Responses panel."""
    if not model_judged(row):
        status = first(row, "triage_status") or "not triaged"
        return f"LLM triage: no model verdict ({status}); nothing written to ES"
    final = first(row, "triage_op_bucket") or first(row, "triage_bucket")
    text = f"LLM triage: {final} (op confidence {first(row, 'triage_op_confidence') or 'n/a'})"
    if result.outcome != SKIPPED:
        text += f"; notable {result.outcome}" + (f": {result.detail}" if result.outcome != WRITTEN else "")
    return text
