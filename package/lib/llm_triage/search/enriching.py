"""Enrichment inside one llmtriage search: a row the model answered `needs_enrichment` runs the catalog's
searches that apply to it, as the searching user, and goes back to the model with their results.

`enrich=auto` (the default, from `[enrichment] mode`) does that; `propose` runs nothing and puts the
searches that would run in `triage_enrichment_spl`; `off` leaves the row as answered. With `dryrun=true`
every row shows the searches it would run if the model asked for context. The second answer is final
(`max_rounds` allows more rounds, each running the applicable items not yet run). Whatever happens to the
searches, the row keeps an answer: a failed, slow or empty search leaves the first one standing, and
`triage_enrichment` says why.
"""

from collections.abc import Mapping
from dataclasses import replace
from typing import Callable, NamedTuple, Optional

from llm_triage.engine.stream import TriageEngine
from llm_triage.enrichment.catalog import build_catalog
from llm_triage.enrichment.context import with_context, with_offer
from llm_triage.enrichment.render import RenderedSearch
from llm_triage.enrichment.runner import Claimed, Enricher, RowEnrichment, Searcher
from llm_triage.enrichment.settings import ENRICHMENT_STANZA, OFF, PROPOSE, enrichment_settings
from llm_triage.evidence.bundle import Bundle, Limits
from llm_triage.evidence.entities import row_entities
from llm_triage.evidence.fields import STATUS_OK, FieldValue, add_spend
from llm_triage.evidence.profiles import Profile
from llm_triage.names import ENRICHMENTS_CONF
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.rest import Request
from llm_triage.splunkd.search_api import SearchOutcome, run_search
from llm_triage.splunkd.settings import SETTINGS_CONF, ConfigError
from llm_triage.trust.injection.detector import injection_labels
from llm_triage.verdict.judge import Judgement

NEEDS_ENRICHMENT = "needs_enrichment"
ApplyJudgement = Callable[[Judgement, bool, "dict[str, FieldValue]"], None]  # TriageSession._apply


class Waiting(NamedTuple):
    """What enrichment needs of a row while it waits for its first answer."""

    bundle: Bundle
    entities: "tuple[str, ...]"
    profile: str  # the profile's id: catalog items may name the profiles they apply to


class Started(NamedTuple):
    """A row on its way to enrichment: what SearchEnrichment.start claimed for it, in row order."""

    row_time: object
    waiting: Waiting
    claimed: Claimed
    not_run: "list[str]"  # why the applicable items that will not run do not


class SearchEnrichment:
    """The catalog, its settings and the searches run so far, for one llmtriage search."""

    def __init__(
        self, config: SplunkdConfig, searcher: Optional[Searcher], mode: str, warnings: list[str], limits: Limits
    ):
        """`mode` as the search asked (auto, propose, off), or "" for the configured one; the catalog is
        read only when enrichment may run. A catalog or settings that cannot be read turn it off, with a
        warning when the search asked for it by name. `limits`: how the row's evidence is kept, which its
        context follows (`mask_contacts`)."""
        self.mode = OFF
        self.mask_contacts = limits.mask_contacts
        self.enricher: Optional[Enricher] = None
        if mode == OFF:
            return
        try:
            settings = enrichment_settings(config.conf(SETTINGS_CONF).get(ENRICHMENT_STANZA, {}))
            items, problems = build_catalog(config.conf(ENRICHMENTS_CONF))
        except (ConfigUnavailable, ConfigError) as exc:
            if mode:
                warnings.append(f"llmtriage: enrich={mode} cannot run: {exc}")
            return
        warnings.extend(f"llmtriage: enrichment item left out: {problem}" for problem in problems)
        self.mode = mode or settings.mode
        self.enricher = Enricher(items, settings, searcher)

    def offer(
        self, row: Mapping[str, object], profile: Profile, bundle: Bundle, fields: "dict[str, FieldValue]"
    ) -> Optional[Waiting]:
        """What enrichment needs of the row, with the bundle listing the context searches that apply to it
        (so the model may choose); None when enrichment is off for this search."""
        if self.enricher is None or self.mode == OFF:
            return None
        entities = row_entities(row, profile)
        offered = self.enricher.offer(entities, profile.id)
        if offered:
            bundle = with_offer(bundle, offered)
            fields["triage_bundle_hash"] = bundle.hash
        return Waiting(bundle, entities, profile.id)

    def preview(self, fields: "dict[str, FieldValue]", waiting: Waiting, row: Mapping[str, object]) -> None:
        """dryrun: the searches this row would run if the model asked for context."""
        if self.enricher is not None and self.mode != OFF:
            _write_plan(fields, self.enricher.plan(waiting.entities, waiting.profile, row.get("_time")))

    def start(self, row: Mapping[str, object], fields: "dict[str, FieldValue]", waiting: Waiting) -> Optional[Started]:
        """A row answered needs_enrichment, in row order: its plan, with its first round's searches claimed
        (so the caps and the reuse of a search do not depend on which row's searches finish first); or the
        searches listed (propose). None when nothing is left to run or ask. Never raises for the searches."""
        if self.enricher is None or self.mode == OFF or fields.get("triage_bucket") != NEEDS_ENRICHMENT:
            return None
        proposed = fields.get("triage_enrichment_proposed")
        fields["triage_bucket_initial"] = fields["triage_bucket"]
        fields["triage_enriched"] = "false"
        plan = self.enricher.plan(
            waiting.entities, waiting.profile, row.get("_time"), proposed=proposed if isinstance(proposed, list) else ()
        )
        if self.mode == PROPOSE:
            _write_plan(fields, plan)
            return None
        not_run = list(plan.notes)
        if not plan.searches:
            fields["triage_enrichment"] = not_run
            return None
        plan.notes = []
        return Started(row.get("_time"), waiting, self.enricher.claim(plan), not_run)

    def finish(
        self, started: Started, fields: "dict[str, FieldValue]", engine: TriageEngine, apply_judgement: ApplyJudgement
    ) -> Optional[Bundle]:
        """The row's claimed searches run and the model asked again through the search's engine, round after
        round while it still answers needs_enrichment (max_rounds). The bundle the row's final answer was
        given for when that is one with context (the injection check asks about that answer), else None.
        Runs beside other rows' (search/finishing.py): it writes this row's fields only, and `apply_judgement`
        must be safe to call from several threads. Never raises for what the searches or the model do."""
        assert self.enricher is not None
        enricher = self.enricher
        bundle, entities, profile = started.waiting

        def judge_again(enriched: Bundle) -> Judgement:
            ticket = engine.ticket(enriched)
            engine.flush()
            return engine.result(ticket)

        def apply(judgement: Judgement) -> None:  # the row's tokens and cost are both answers'
            tokens, cost = int(str(fields["triage_tokens"] or 0)), float(str(fields["triage_cost"] or 0))
            cached = int(str(fields.get("triage_tokens_cached") or 0))
            apply_judgement(judgement, False, fields)  # writes this answer's own tokens and cost
            add_spend(fields, tokens, cached, cost)

        answered: Optional[Bundle] = None
        notes: list[str] = []  # what ran first, then what did not
        done: set[str] = set()
        claimed: Optional[Claimed] = started.claimed
        for _ in range(enricher.settings.max_rounds):
            if claimed is None or not claimed.plan.searches:
                break
            done.update(search.item for search in claimed.plan.searches)
            plan = enricher.collect(claimed)
            notes.extend(plan.notes)
            asked = answered or bundle  # the bundle whose answer this round's follows
            taken = (
                self._judge_with_context(fields, bundle, asked, plan, judge_again, apply, notes) if plan.found else None
            )
            if taken is None:
                break
            answered = taken
            if fields.get("triage_bucket") != NEEDS_ENRICHMENT:
                break
            # Another round: the items not run yet, shown with what the earlier rounds found.
            plan.searches = enricher.plan(entities, profile, started.row_time, done).searches
            plan.notes = []
            claimed = enricher.claim(plan)
        fields["triage_enrichment"] = notes + [note for note in started.not_run if note not in notes]
        # Without its searches' records: they were audited with the answer they were run for.
        return replace(answered, enrichment=()) if answered is not None else None

    def _judge_with_context(
        self,
        fields: "dict[str, FieldValue]",
        bundle: Bundle,
        follows: Bundle,
        plan: RowEnrichment,
        judge_again: Callable[[Bundle], Judgement],
        apply: Callable[[Judgement], None],
        notes: "list[str]",
    ) -> Optional[Bundle]:
        """Ask again with the results (`bundle`, the row's, with them); the bundle asked about when its answer
        was taken, else None. It `follows` the bundle whose answer the row holds: the row's, or the last round's."""
        assert self.enricher is not None
        _flag_injection(fields, plan)
        enriched = with_context(bundle, plan.results, self.enricher.settings.max_result_chars, self.mask_contacts)
        # The judge endpoint carries what answers on the evidence it follows reported to this bundle's record,
        # the one a label on the row then names (endpoint/followed.py).
        enriched = replace(
            enriched, enrichment=tuple(record.as_audit() for record in plan.records), follows=follows.hash
        )
        judgement = judge_again(enriched)
        if judgement.status != STATUS_OK:
            notes.append(f"the answer with context failed ({judgement.status}): the first answer stands")
            return None
        apply(judgement)
        fields.update(triage_enriched="true", triage_bundle_hash=enriched.hash)
        return enriched


def _write_plan(fields: "dict[str, FieldValue]", plan: RowEnrichment) -> None:
    fields["triage_enrichment_spl"] = [search.spl for search in plan.searches]
    fields["triage_enrichment"] = [f"{search.item}: would run" for search in plan.searches] + plan.notes


def _flag_injection(fields: "dict[str, FieldValue]", plan: RowEnrichment) -> None:
    """Results are evidence an attacker may have written: the detector reads them as the model will see
    them (each field's values of all rows together, so an instruction split across rows is whole again)
    and their field names, and what it flags keeps the row out of likely_benign (the search's floor)."""
    found: list[str] = []
    for result in plan.results:
        merged: dict[str, list[str]] = {}
        for row in result.rows:
            for name, value in row.items():
                merged.setdefault(name, []).extend(
                    str(item) for item in (value if isinstance(value, list) else [value])
                )
        texts = {f"cx.{result.item}.{name}": " ".join(values) for name, values in merged.items()}
        texts[f"cx.{result.item}.field_names"] = " ".join(merged)
        found.extend(injection_labels(texts))
    if found:
        current = fields.get("triage_injection")
        existing = current if isinstance(current, list) else []
        fields["triage_injection"] = existing + [label for label in dict.fromkeys(found) if label not in existing]


def splunkd_searcher(splunkd: Request, user: str = "") -> Searcher:
    """Context searches through splunkd's search API as the holder of `splunkd`'s session (the command's
    own: the searching user's rights, never the app's), in `user`'s namespace (their knowledge objects)."""

    def search(rendered: RenderedSearch, timeout: float) -> SearchOutcome:
        return run_search(splunkd, rendered.spl, rendered.earliest, rendered.latest, rendered.max_results, timeout,
                          rendered.fields, user)  # fmt: skip

    return search
