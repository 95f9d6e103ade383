"""Enterprise Security dispositions: what analysts decided in Incident Review, filed as pending labels.

Incident Review keeps every change an analyst makes to a notable in the KV collection `incident_review`
(app SA-ThreatIntelligence): the notable (`rule_id`, its event_id), who (`user`), when (`time`), and the
`disposition` (`disposition:1` true positive, `disposition:2` benign positive, `disposition:3` and
`disposition:4` false positives, `disposition:5` other, `disposition:6` undetermined, `disposition:0`
unassigned). This input reads the changes since its checkpoint, oldest first, and files each mapped
disposition (`disposition_map`, default: 1 true_positive, 2 benign_true_positive, 3 and 4 false_positive;
other, undetermined and unassigned are not labels) as a **pending** label for the triage result the
llm_triage alert action wrote back to that notable (KV collection `llm_triage_notables`), with the analyst
who set it as its author: the reviewer gate applies (nobody approves their own label) and only an
approved label reaches prompts.

Nobody labels twice: a label's key is the result, the analyst, the source and the notable, so the same
analyst setting the notable again replaces their label; one already filed with the same disposition
(by this input, or by the analyst with llmfeedback) is left as it is, reviewed or not. A change without a
disposition (a status or owner change) is passed over; a notable the app never wrote back to is counted as
`unlinked`. The checkpoint holds the latest change time filed and the changes filed at exactly that time,
written after each page: a restart neither repeats nor loses one.
"""

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Callable

from llm_triage import names
from llm_triage.evidence.canonical import canonical_json
from llm_triage.feedback.store import DISPOSITIONS, Disposition, FeedbackStore
from llm_triage.inputs.checkpoint import Checkpoint
from llm_triage.splunkd.kvstore import Collection
from llm_triage.splunkd.rest import SplunkdRest

ES_APP = "SA-ThreatIntelligence"
INCIDENT_REVIEW = "incident_review"
AUDIT_SOURCETYPE = names.AUDIT_SOURCETYPE
SOURCE = "es"
DEFAULT_MAP = (
    "disposition:1=true_positive, disposition:2=benign_true_positive, "
    "disposition:3=false_positive, disposition:4=false_positive"
)
DEFAULT_START_DAYS = 7
DEFAULT_PAGE_SIZE = 500
MAX_PAGES = 100  # per run: a larger backlog is read over several runs
_ES_DISPOSITION = re.compile(r"^disposition:[0-9]{1,3}$")
_USER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@\\-]{0,99}$")


@dataclass(frozen=True)
class EsParams:
    """One input stanza's settings (inputs.conf `[llm_triage_es_dispositions://<name>]`)."""

    mapping: Mapping[str, str]
    start_days: int = DEFAULT_START_DAYS
    page_size: int = DEFAULT_PAGE_SIZE


def parse_params(stanza: Mapping[str, Any]) -> EsParams:
    """The stanza's parameters, checked; ValueError says which is wrong."""
    mapping: dict[str, str] = {}
    for part in str(stanza.get("disposition_map") or DEFAULT_MAP).split(","):
        if not part.strip():
            continue
        match, equals, disposition = part.strip().rpartition("=")
        if not equals or not _ES_DISPOSITION.match(match.strip()) or disposition.strip() not in DISPOSITIONS:
            raise ValueError(f"disposition_map: {part.strip()!r} is not disposition:<n>=<{'|'.join(DISPOSITIONS)}>")
        mapping[match.strip()] = disposition.strip()
    if not mapping:
        raise ValueError("disposition_map maps nothing")
    numbers = {}
    for key, default, low, high in (
        ("start_days", DEFAULT_START_DAYS, 0, 3650),
        ("page_size", DEFAULT_PAGE_SIZE, 1, 5000),
    ):
        text = str(stanza.get(key) or default).strip()
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"{key} must be a whole number from {low} to {high}")
        numbers[key] = int(text)
    return EsParams(mapping, numbers["start_days"], numbers["page_size"])


@dataclass
class EsReport:
    """What one run did, for its log line."""

    filed: int = 0
    unlinked: int = 0
    unmapped: int = 0
    no_disposition: int = 0
    already_filed: int = 0
    pages: int = 0
    high_water: float = 0.0


class IncidentReview:
    """Incident Review's changes and the app's notable links, through splunkd's KV store."""

    def __init__(self, rest: SplunkdRest) -> None:
        self.changes = Collection(rest, INCIDENT_REVIEW, app=ES_APP)
        self.links = Collection(rest, names.NOTABLES_COLLECTION)

    def since(self, high_water: float, limit: int) -> list[dict[str, Any]]:
        """Changes made at or after `high_water`, oldest first."""
        return self.changes.find({"time": {"$gte": high_water}}, limit=limit, sort="time")

    def triage_ids(self, event_ids: Sequence[str]) -> dict[str, str]:
        """The triage result the alert action wrote back to each notable it knows of."""
        if not event_ids:
            return {}
        found = self.links.find({"$or": [{"event_id": event_id} for event_id in sorted(set(event_ids))]})
        return {str(d.get("event_id")): str(d.get("triage_id") or "") for d in found if d.get("triage_id")}


def run_input(
    params: EsParams,
    review: IncidentReview,
    store: FeedbackStore,
    checkpoint: Checkpoint,
    write: Callable[[Mapping[str, Any]], None],
    clock: Callable[[], float] = time.time,
) -> EsReport:
    """File every disposition set since the checkpoint, a page at a time, checkpointing after each page.
    Raises StoreUnavailable or CheckpointError, leaving the checkpoint at the last page filed."""
    state = checkpoint.load()
    high_water = float(state.get("high_water") or clock() - params.start_days * 86400)
    seen = {str(key) for key in state.get("seen") or []}
    report = EsReport(high_water=high_water)
    limit = params.page_size + len(seen)  # the changes already filed at the mark come back too
    while report.pages < MAX_PAGES:
        changes = [c for c in review.since(high_water, limit) if _time(c) >= high_water]
        report.pages += 1
        fresh = [c for c in changes if not (_time(c) == high_water and _key(c) in seen)]
        links = review.triage_ids([str(c.get("rule_id") or "") for c in fresh if c.get("rule_id")])
        labels: dict[str, Disposition] = {}
        for change in fresh:
            label = _label(change, params.mapping, links, report)
            if label is not None:
                labels[label.key] = label  # the analyst's latest change to a notable in this page wins
        candidates = list(labels.values())
        filed = _not_yet_filed(store, candidates)
        report.already_filed += len(candidates) - len(filed)
        if filed:
            store.file_pending(filed)
            for item in filed:
                write(item.filed_event(clock()))
            report.filed += len(filed)
        if changes:
            latest = max(_time(c) for c in changes)
            if latest != high_water:
                high_water, seen = latest, set()
            seen |= {_key(c) for c in changes if _time(c) == high_water}
        checkpoint.save({"high_water": high_water, "seen": sorted(seen)})
        report.high_water = high_water
        if len(fresh) == 0 or len(changes) < limit:
            break
        limit = params.page_size + len(seen)
    return report


def _label(
    change: Mapping[str, Any], mapping: Mapping[str, str], links: Mapping[str, str], report: EsReport
) -> "Disposition | None":
    es_disposition = str(change.get("disposition") or "").strip()
    if not es_disposition or es_disposition == "disposition:0":
        report.no_disposition += 1
        return None
    disposition = mapping.get(es_disposition)
    event_id = str(change.get("rule_id") or "")
    triage_id = links.get(event_id, "")
    user = str(change.get("user") or "").strip()
    if not disposition:
        report.unmapped += 1
        return None
    if not triage_id or not _USER.match(user):
        report.unlinked += 1  # a notable the app never judged, or a change no analyst can be named for
        return None
    note = f"ES Incident Review: {es_disposition} on notable {event_id}"
    comment = str(change.get("comment") or "").strip()
    if comment:
        note += f": {comment}"
    return Disposition(
        triage_id=triage_id,
        disposition=disposition,
        analyst=user,
        created=_time(change),
        source=SOURCE,
        provenance=event_id,
        note=note[:500],
        rule=str(change.get("rule_name") or ""),
    )


def _not_yet_filed(store: FeedbackStore, dispositions: list[Disposition]) -> list[Disposition]:
    """Those not already labelled the same way by the same analyst on the same result (from here or with
    llmfeedback): filing again would put a reviewed label back to pending, or count one judgement twice."""
    if not dispositions:
        return []
    stored = store.find({"$or": [{"triage_id": item.triage_id} for item in dispositions]})
    same = {(item.triage_id, item.analyst, item.disposition) for item in stored}
    return [item for item in dispositions if (item.triage_id, item.analyst, item.disposition) not in same]


def _time(change: Mapping[str, Any]) -> float:
    try:
        return float(change.get("time") or 0)
    except (TypeError, ValueError):
        return 0.0


def _key(change: Mapping[str, Any]) -> str:
    return str(change.get("_key") or canonical_json([change.get("rule_id"), change.get("time"), change.get("user")]))


def describe(report: EsReport) -> str:
    """One log line about a run."""
    return canonical_json(
        {
            "filed": report.filed,
            "unlinked": report.unlinked,
            "unmapped": report.unmapped,
            "no_disposition": report.no_disposition,
            "already_filed": report.already_filed,
            "pages": report.pages,
            "high_water": report.high_water,
        }
    )
