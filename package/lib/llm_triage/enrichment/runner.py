"""Running the catalog for one triage search: which items apply to a row, their searches (each at most
once per triage search), and what each found or why it did not run.

The searches run as the user who runs the triage search, through a `Searcher` the command hands in (its
own splunkd session). Nothing here raises for a search that fails, is slow or finds nothing: the row keeps
its first answer and `triage_enrichment` says why.
"""

import threading
from collections.abc import Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Optional, Union

from llm_triage.enrichment.catalog import EnrichmentItem
from llm_triage.enrichment.context import ContextResult
from llm_triage.enrichment.render import Refusal, RenderedSearch, render_search
from llm_triage.enrichment.settings import EnrichmentSettings
from llm_triage.enrichment.window import row_time as row_time_of
from llm_triage.splunkd.search_api import SearchOutcome

Searcher = Callable[[RenderedSearch, float], SearchOutcome]
"""Runs one rendered search within a timeout (seconds) as the searching user."""

MAX_RECORDED_SPL_CHARS = 4000  # as the judge endpoint accepts them (endpoint/wire.py)
MAX_RECORDED_ERROR_CHARS = 300
_Key = tuple[str, str, float, float]  # a search's SPL, kept fields and window: what makes it the same search


@dataclass(frozen=True)
class SearchRecord:
    """One enrichment search as the audit trail keeps it."""

    item: str
    spl: str
    earliest: float
    latest: float
    results: int
    duration_ms: int
    error: str = ""
    reused: bool = False  # the same search ran earlier in this triage search; its answer was used again

    def as_audit(self) -> dict[str, object]:
        return {"item": self.item, "spl": self.spl[:MAX_RECORDED_SPL_CHARS], "earliest": self.earliest,
                "latest": self.latest, "results": self.results, "duration_ms": self.duration_ms,
                "error": self.error[:MAX_RECORDED_ERROR_CHARS], "reused": self.reused}  # fmt: skip


@dataclass
class RowEnrichment:
    """What enrichment did for one row."""

    results: list[ContextResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # triage_enrichment: `<item>: <n> results`, or why not
    records: list[SearchRecord] = field(default_factory=list)
    searches: list[RenderedSearch] = field(default_factory=list)  # what ran, or would run (propose, dryrun)

    @property
    def found(self) -> bool:
        """Whether any search found anything to show the model."""
        return any(result.rows for result in self.results)


class Enricher:
    """The catalog and its limits for one triage search."""

    def __init__(self, items: Sequence[EnrichmentItem], settings: EnrichmentSettings, searcher: Optional[Searcher]):
        self.items = tuple(items)
        self.settings = settings
        self._searcher = searcher
        self._ran: dict[_Key, Future[SearchOutcome]] = {}  # claimed searches, answered or still running
        self._lock = threading.Lock()  # rows are enriched side by side (search/finishing.py)
        self.searches_run = 0
        self._applicable: dict[tuple[frozenset[str], str], list[EnrichmentItem]] = {}
        self._offers: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}

    def applicable(self, entities: Sequence[str], profile: str) -> list[EnrichmentItem]:
        """The items that apply to a row with these entities under this profile, in catalog order."""
        kinds = frozenset(entity.split(":", 1)[0] for entity in entities if ":" in entity)
        key = (kinds, profile)
        if key not in self._applicable:  # a handful of kinds and profiles: a few entries per search
            self._applicable[key] = [item for item in self.items if item.applies_to(entities, profile)]
        return self._applicable[key]

    def offer(self, entities: Sequence[str], profile: str) -> "tuple[tuple[str, str], ...]":
        """(name, what it finds) of each item that applies to the row: what its bundle offers the model."""
        items = self.applicable(entities, profile)
        names = tuple(item.name for item in items)
        if names not in self._offers:
            self._offers[names] = tuple((item.name, item.description) for item in items)
        return self._offers[names]

    def plan(
        self,
        entities: Sequence[str],
        profile: str,
        row_time: object,
        done: "Collection[str]" = (),
        proposed: "Collection[str]" = (),
    ) -> RowEnrichment:
        """The searches a row would run: the applicable items the model `proposed` (all of them when it
        proposed none that apply), but those `done` in an earlier round, at most max_items_per_row, in
        catalog order; and why each other one would not run."""
        plan = RowEnrichment()
        applicable = [item for item in self.applicable(entities, profile) if item.name not in done]
        chosen = [item for item in applicable if item.name in proposed] or applicable
        if not chosen:
            plan.notes.append("no catalog item applies to this row's entities")
            return plan
        moment = row_time_of(row_time)
        for item in chosen[: self.settings.max_items_per_row]:
            rendered: Union[RenderedSearch, Refusal] = render_search(item, entities, moment)
            if isinstance(rendered, Refusal):
                plan.notes.append(f"{item.name}: not searched: {rendered.reason}")
            else:
                plan.searches.append(rendered)
        for item in chosen[self.settings.max_items_per_row :]:
            plan.notes.append(f"{item.name}: not searched: past max_items_per_row={self.settings.max_items_per_row}")
        return plan

    def claim(self, plan: RowEnrichment) -> "Claimed":
        """Decide which of the planned searches run for this row, which reuse a search claimed earlier in the
        triage search, and which are past the caps. Thread-safe; rows claim in their order, so which row runs
        a shared search and which rows meet the cap do not depend on which row's searches finish first."""
        claimed = Claimed(plan)
        with self._lock:
            for search in plan.searches:
                key = (search.spl, ",".join(search.fields), search.earliest, search.latest)
                if key in self._ran:
                    claimed.wanted.append((search, self._ran[key], True))
                elif self._searcher is None:
                    plan.notes.append(f"{search.item}: not searched: this search cannot reach splunkd's search API")
                elif self.searches_run >= self.settings.max_searches_per_triage:
                    limit = self.settings.max_searches_per_triage
                    plan.notes.append(f"{search.item}: not searched: past max_searches_per_triage={limit}")
                else:
                    self.searches_run += 1
                    outcome: Future[SearchOutcome] = Future()
                    self._ran[key] = outcome
                    claimed.to_run.append((search, outcome))
                    claimed.wanted.append((search, outcome, False))
        return claimed

    def collect(self, claimed: "Claimed") -> RowEnrichment:
        """Run the searches this row claimed (side by side: it waits for the slowest only), wait for those it
        reuses, and note what each found. Every search claimed gets an outcome, even when the searcher raises,
        so no row that reuses it waits for ever."""
        self._run_all(claimed.to_run)
        plan = claimed.plan
        descriptions = {item.name: item.description for item in self.items}
        for search, future, reused in claimed.wanted:
            outcome: SearchOutcome = future.result()
            plan.records.append(
                SearchRecord(
                    search.item,
                    search.spl,
                    search.earliest,
                    search.latest,
                    len(outcome.rows),
                    round(outcome.duration * 1000),
                    outcome.error,
                    reused,
                )  # fmt: skip
            )
            if outcome.error:
                plan.notes.append(f"{search.item}: failed: {outcome.error}")
                continue
            more = " (more not shown)" if outcome.truncated else ""
            plan.notes.append(f"{search.item}: {len(outcome.rows)} results{more}")
            if outcome.rows:
                plan.results.append(
                    ContextResult(
                        search.item,
                        descriptions.get(search.item, ""),
                        outcome.rows,
                        (search.earliest, search.latest),
                        outcome.truncated,
                        search.fields,
                    )  # fmt: skip
                )
        return plan

    def _run_all(self, searches: "list[tuple[RenderedSearch, Future[SearchOutcome]]]") -> None:
        """Each search's outcome into its future; a row's few searches run at once."""
        searcher = self._searcher
        timeout = float(self.settings.search_timeout)

        def one(search: RenderedSearch, outcome: "Future[SearchOutcome]") -> None:
            try:  # the searcher times its search (run_search does) and should not raise; if it does, say so
                assert searcher is not None
                outcome.set_result(searcher(search, timeout))
            except Exception as exc:
                failure = f"internal error: {exc.__class__.__name__}"
                outcome.set_result(SearchOutcome(search.spl, [], 0.0, error=failure))

        if len(searches) <= 1:
            for search, outcome in searches:
                one(search, outcome)
            return
        with ThreadPoolExecutor(max_workers=len(searches)) as pool:
            for search, outcome in searches:
                pool.submit(one, search, outcome)


@dataclass
class Claimed:
    """A row's planned searches once claimed (Enricher.claim): those it runs, and every one it will use."""

    plan: RowEnrichment
    to_run: "list[tuple[RenderedSearch, Future[SearchOutcome]]]" = field(default_factory=list)
    wanted: "list[tuple[RenderedSearch, Future[SearchOutcome], bool]]" = field(default_factory=list)
