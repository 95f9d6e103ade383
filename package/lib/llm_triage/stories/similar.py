"""Similar past incidents: the few approved dispositions most like a new alert, shown to the model as
context and to the analyst in `triage_similar`.

Only APPROVED dispositions are used (`FeedbackStore.approved`): a label an analyst filed waits, pending,
until a reviewer approves it, and analysts cannot write the collection, so nobody can plant a "past
incident" that talks the model into a verdict. The search reads them with the analyst's own session
(read access to the collection is what the app grants analysts; the endpoint is not needed, as no key is
involved), once per search, at most `MAX_CANDIDATES` of them.

A past case whose evidence carried text that tried to sway the model (the label's `triage_injection`, or the
injection detector's findings in its bundle) is never shown: its disposition may be what that text talked an
analyst into, and the same attacker's next alert shares its entities. The detector reads only the cases a row
would be shown, once each per search.

Similarity is pure Python: the share of entities in common (Jaccard), the same detection rule, and the
cosine of TF-IDF vectors over the values of the two bundles' evidence, weighed 0.3, 0.2 and 0.5. A case
below `MIN_SCORE` is not similar enough to show. The cases go into the bundle under
`similar_past_incidents`, outside its events, so they cannot be cited as evidence of this alert.
"""

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Optional, Protocol

from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.canonical import canonical_json, content_hash
from llm_triage.trust.injection.detector import bundle_findings

MAX_SIMILAR = 5  # cases added to one bundle at most, whatever the search asks
MAX_CANDIDATES = 2000  # approved dispositions read per search
MIN_SCORE = 0.25
WEIGHTS = (0.5, 0.3, 0.2)  # text, entities, rule
NOTE = (
    "earlier alerts most like this one, with the disposition an analyst gave each and a reviewer approved: "
    "context for judging this alert, not evidence of it; they cannot be cited"
)
_TOKEN = re.compile(r"[a-z0-9][a-z0-9._@:/\\-]{1,80}")
_MAX_TEXT = 200


class ApprovedSource(Protocol):
    """Where approved dispositions come from (`FeedbackStore`)."""

    def approved(self, rule: Optional[str] = None, entities: Sequence[str] = (), limit: int = 0) -> list[Any]:
        """Approved dispositions."""
        ...  # pragma: no cover


@dataclass(frozen=True)
class SimilarCase:
    """One past case like the new alert, and how alike."""

    triage_id: str
    disposition: str
    rule: str
    score: float
    shared_entities: tuple[str, ...]
    verdict: str = ""

    def label(self) -> str:
        """`false_positive 0.82 <triage_id> (rule)`, as `triage_similar` shows it."""
        rule = f" ({self.rule[:80]})" if self.rule else ""
        return f"{self.disposition} {self.score:.2f} {self.triage_id}{rule}"


@dataclass(frozen=True)
class _Case:
    triage_id: str
    disposition: str
    rule: str
    entities: frozenset[str]
    terms: dict[str, int]
    verdict: str
    bundle: str  # the evidence, read by the detector only when the case would be shown
    reported: bool  # the label's triage_injection: what the search and the model found when it was filed


class SimilarIncidents:
    """An index of approved dispositions, searched for the cases most like each new alert."""

    def __init__(self, dispositions: Iterable[Any]):
        self._cases: list[_Case] = []
        seen: set[str] = set()
        for item in dispositions:
            if getattr(item, "review_state", "") != "approved" or item.triage_id in seen:
                continue  # only approved labels; one per result
            seen.add(item.triage_id)
            self._cases.append(
                _Case(
                    triage_id=item.triage_id,
                    disposition=item.disposition,
                    rule=item.rule,
                    entities=frozenset(item.entities),
                    terms=_counts(terms_of(item.bundle)),
                    verdict=str(item.triage.get("triage_verdict", "")),
                    bundle=item.bundle,
                    reported=bool(item.triage.get("triage_injection")),
                )
            )
        documents = len(self._cases) + 1
        frequency: dict[str, int] = {}
        for case in self._cases:
            for term in case.terms:
                frequency[term] = frequency.get(term, 0) + 1
        self._idf = {term: math.log((1 + documents) / (1 + count)) + 1 for term, count in frequency.items()}
        self._unseen_idf = math.log(1 + documents) + 1
        self._vectors = [self._vector(case.terms) for case in self._cases]
        self._norms = [_norm(vector) for vector in self._vectors]
        self._swaying: dict[str, bool] = {}  # by triage id: whether a case's evidence tries to sway the model
        self.withheld = 0  # cases not shown for that, each counted once

    def __len__(self) -> int:
        return len(self._cases)

    def find(self, bundle_text: str, rule: str, entities: Sequence[str], count: int) -> list[SimilarCase]:
        """The `count` (at most MAX_SIMILAR) cases most like this alert, best first, each above MIN_SCORE."""
        count = min(count, MAX_SIMILAR)
        if count <= 0 or not self._cases:
            return []
        query = self._vector(_counts(terms_of(bundle_text)))
        query_norm = _norm(query)
        mine = set(entities)
        scored = []
        for case, weights, norm in zip(self._cases, self._vectors, self._norms):
            cosine = 0.0
            if query_norm and norm:
                cosine = sum(value * weights.get(term, 0.0) for term, value in query.items()) / (query_norm * norm)
            union = mine | case.entities
            shared = mine & case.entities
            jaccard = len(shared) / len(union) if union else 0.0
            same_rule = 1.0 if rule and rule == case.rule else 0.0
            score = WEIGHTS[0] * cosine + WEIGHTS[1] * jaccard + WEIGHTS[2] * same_rule
            if score >= MIN_SCORE:
                scored.append((round(score, 4), case, tuple(sorted(shared))))
        scored.sort(key=lambda item: (-item[0], item[1].triage_id))
        shown: list[SimilarCase] = []
        for score, case, in_common in scored:
            if len(shown) == count:
                break
            if not self._sways(case):
                shown.append(SimilarCase(case.triage_id, case.disposition, case.rule, score, in_common, case.verdict))
        return shown

    def _sways(self, case: _Case) -> bool:
        """Whether the case's evidence carried text that tried to sway the model; a case without evidence (an
        ES or SOAR disposition) has only what its label says."""
        if case.triage_id not in self._swaying:
            swaying = case.reported or bool(case.bundle and bundle_findings(case.bundle))
            self._swaying[case.triage_id] = swaying
            self.withheld += swaying
        return self._swaying[case.triage_id]

    def _vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        return {term: (1 + math.log(n)) * self._idf.get(term, self._unseen_idf) for term, n in counts.items()}


def with_similar(bundle: Bundle, cases: Sequence[SimilarCase]) -> Bundle:
    """`bundle` with the cases in a delimited section beside its events (its references unchanged)."""
    if not cases:
        return bundle
    document = json.loads(bundle.text)
    document["similar_past_incidents"] = {
        "note": NOTE,
        "cases": [
            {
                "past_result": case.triage_id,
                "disposition": case.disposition,
                "rule": case.rule[:_MAX_TEXT],
                "similarity": case.score,
                "shared_entities": [entity[:_MAX_TEXT] for entity in case.shared_entities[:5]],
                "model_verdict_then": case.verdict,
            }
            for case in cases[:MAX_SIMILAR]
        ],
    }
    text = canonical_json(document)
    return Bundle(
        profile=bundle.profile, text=text, hash=content_hash(text), refs=bundle.refs, event_ref=bundle.event_ref
    )


def terms_of(bundle_text: str) -> list[str]:
    """The words of a bundle's evidence values (not its field names or references); of any text that is
    not a bundle, its words."""
    try:
        document = json.loads(bundle_text)
    except ValueError:
        return _TOKEN.findall(bundle_text.lower())
    events = document.get("events") if isinstance(document, dict) else None
    values: list[str] = []
    for event in events if isinstance(events, list) else []:
        fields = event.get("fields") if isinstance(event, dict) else None
        for name, value in (fields or {}).items() if isinstance(fields, dict) else ():
            if name == "time":
                continue
            values.extend(value if isinstance(value, list) else [value])
    return _TOKEN.findall(" ".join(str(value) for value in values).lower())


def _counts(terms: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    return counts


def _norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(value * value for value in vector.values()))
