"""One search's triage: rows in, the same rows out, in order, each with the triage fields added.

Nothing here raises past a row: a row whose triage failed says why in `triage_status` and
`triage_error`, and keeps every field it came with.
"""

import logging
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import replace
from functools import partial
from typing import Callable, Optional

from llm_triage.decision.decide import Decider
from llm_triage.engine.cache import VerdictCache
from llm_triage.engine.resilience import RetryPolicy
from llm_triage.engine.stream import Ticket, TriageEngine
from llm_triage.enrichment.runner import Searcher
from llm_triage.enrichment.settings import OFF
from llm_triage.evidence.bundle import Bundle, Limits, build_bundle
from llm_triage.evidence.fields import (
    STATUS_DRYRUN,
    STATUS_ERROR,
    STATUS_OK,
    STATUS_SKIPPED_BUDGET,
    STATUS_UNAVAILABLE,
    FieldValue,
    empty_fields,
    triage_id,
)
from llm_triage.evidence.profiles import Profile, ProfileError, explicit_profile, select_profile
from llm_triage.providers import create_provider
from llm_triage.providers.base import Provider
from llm_triage.search.enriching import SearchEnrichment, Waiting
from llm_triage.search.finishing import InOrder, Outcome
from llm_triage.search.judging import Accounting, SearchJudges
from llm_triage.search.options import TriageOptions
from llm_triage.search.similar_cases import SearchSimilar
from llm_triage.search.swaying import OFF as SWAY_OFF
from llm_triage.search.swaying import SwayCheck
from llm_triage.splunkd.conf import ConfigUnavailable, ProviderChoice, SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import DEFAULT_STANZA, ConfigError, TriageSettings
from llm_triage.stories.grouping import (
    GROUP_CHARS_FACTOR,
    Member,
    build_group_bundle,
    group_key,
    group_members,
    row_time,
)
from llm_triage.stories.similar import ApprovedSource
from llm_triage.trust.injection.detector import IN_ITS_GROUP, floor_bucket, injection_labels, own_reports
from llm_triage.trust.redaction import redaction_labels, scrub_secrets
from llm_triage.verdict.baseline import RULES_FAILED, baseline_fields
from llm_triage.verdict.judge import Judge, Judgement
from llm_triage.verdict.prompt import Prompt, load_prompt

LOG = logging.getLogger("llm_triage")

TRACES_LOGGED = 3
# Rows waiting for their judgements at most: enough to keep every provider slot busy, few enough that
# memory does not grow with the search (each chunk is emptied before the next is read anyway).
WINDOW_ROWS = 2000

Row = MutableMapping[str, object]


class TriageSession:
    """The state one search shares across its chunks: configuration, provider, counters.

    With `endpoint` (in Splunk), bundles go to the app's REST endpoint, which holds the keys: the search
    reads only what any analyst may (the provider's settings, never its key). Without it (tests), the
    session reads the key through `config` and asks the provider `provider_factory` makes directly.
    """

    def __init__(
        self,
        options: TriageOptions,
        config: SplunkdConfig,
        provider_factory: Callable[..., Provider] = create_provider,
        prompt: Optional[Prompt] = None,
        endpoint: Optional[SplunkdRest] = None,
        cache: Optional[VerdictCache] = None,
        policy: Optional[RetryPolicy] = None,
        feedback: Optional[ApprovedSource] = None,
        searcher: Optional[Searcher] = None,
        time_left: Optional[Callable[[], Optional[float]]] = None,
    ):
        self.options = options
        self._searcher = searcher  # context searches as the searching user (enrichment); None: none possible
        self._enrichment: Optional[SearchEnrichment] = None
        # Rows out of the window, enriched side by side: as many at once as the engine asks the model.
        self._in_order: InOrder[tuple[Row, dict[str, FieldValue]]] = InOrder(lambda: self._judges.concurrency)
        self._row_bundles: dict[int, Waiting] = {}  # what enrichment needs of the rows in the window
        self._sway: Optional[SwayCheck] = None  # the injection check (search/swaying.py), made on first use
        self._sent: dict[int, Bundle] = {}  # the bundles of the rows in the window, for that check
        # Each row's own event in the bundle it was judged in, while it waits in the window: what the model
        # reported on that event is the row's, what it reported on a group-mate's is its group's.
        self._own_events: dict[int, str] = {}
        self._config = config
        self.rows_seen = 0
        self.counts: dict[str, int] = {}
        self.warnings: list[str] = []
        self._similar = SearchSimilar(feedback, self.warnings)  # approved past cases like each row
        # `time_left`: seconds the caller has left (an alert action's deadline), so no answer is waited for past it.
        self._judges = SearchJudges(
            config, provider_factory, prompt or load_prompt(), endpoint, cache, policy or RetryPolicy(), self.warnings,
            time_left,
        )  # fmt: skip
        self._settings: Optional[TriageSettings] = None
        self._limits: Optional[Limits] = None  # the settings' bundle caps, made once rather than per row
        self._settings_problem: Optional[ProviderChoice] = None
        self.accounting = Accounting()
        self._internal_errors = 0
        # After each judgement: operational confidence, its factors and the policy's decision (decision/).
        self._decider = Decider(config, endpoint, shadow=options.shadow)
        self._decider_warnings = 0
        self._row_profiles: dict[int, Profile] = {}
        self._group_parts: dict[str, int] = {}  # `by`: how many chunks each group value was seen in

    @property
    def prompt(self) -> Prompt:
        """The prompt rows are asked with (the batch prompt once a batching provider is chosen)."""
        return self._judges.prompt

    def triage(self, rows: Iterable[Row]) -> Iterator[Row]:
        """Yield every row of `rows`, in order, with the triage fields set.

        Rows wait in a window of at most WINDOW_ROWS while their bundles are judged concurrently; the
        window is emptied before this returns, so each of splunkd's chunks comes back whole.
        """
        if self.options.group_by:
            yield from self._triage_groups(rows)
            return
        window: deque[tuple[Row, dict[str, FieldValue], Optional[Ticket]]] = deque()
        for row in rows:
            self.rows_seen += 1
            fields = empty_fields()
            ticket = None
            try:
                bundle = self._triage_row(row, fields)
                if bundle is not None:
                    ticket = self._engine_for_search().ticket(bundle)
            except Exception as exc:  # a bug must cost one row its triage, never the search its rows
                self._internal_error(exc, fields)
            window.append((row, fields, ticket))
            if len(window) > WINDOW_ROWS:
                yield from self._finish(*window.popleft())
        if self._judges.engine is not None:
            self._judges.engine.flush()
        while window:
            yield from self._finish(*window.popleft())
        yield from self._finished(self._in_order.drain())

    def _triage_groups(self, rows: Iterable[Row]) -> Iterator[Row]:
        """`by <field>`: this chunk's rows grouped by the field's value, each group judged as one time-ordered
        bundle whose verdict every member gets; rows without the field are judged alone. Rows come back in order."""
        field = self.options.group_by
        chunk: list[tuple[Row, dict[str, FieldValue], Optional[Bundle]]] = []
        keyed: list[tuple[str, Member]] = []
        for row in rows:
            self.rows_seen += 1
            fields = empty_fields()
            bundle = None
            try:
                bundle = self._triage_row(row, fields)
                if bundle is None and fields["triage_status"] == STATUS_DRYRUN:
                    bundle = build_bundle(row, self._profile_for(row, self.settings()), self._limits or Limits())
            except Exception as exc:  # a bug must cost one row its triage, never the search its rows
                self._internal_error(exc, fields)
            if bundle is not None:
                keyed.append((group_key(row, field), Member(len(chunk), bundle, row_time(row))))
            chunk.append((row, fields, bundle))
        tickets: dict[int, Ticket] = {}
        try:
            max_chars = GROUP_CHARS_FACTOR * (self._limits or self.settings().limits).max_bundle_chars
            for key, members in group_members(keyed).items():
                self._group_parts[key] = part = self._group_parts.get(key, 0) + 1
                group = build_group_bundle(field, key, members, max_chars)
                ticket = None if self.options.dryrun else self._engine_for_search().ticket(group.bundle)
                first = min(member.index for member in group.members)
                sent_events = {member.bundle.event_ref for member in group.members[: group.included]}
                flagged = {m.index for m in group.members[: group.included] if _injection(chunk[m.index][1])}
                for member in group.members:
                    row, fields = chunk[member.index][0], chunk[member.index][1]
                    fields.update(triage_group=group.label(field, part), triage_bundle_hash=group.bundle.hash)
                    if member.bundle.event_ref not in sent_events:  # cut from the bundle: no report is its own
                        self._own_events[id(row)] = ""
                    if flagged - {member.index}:  # its verdict was read beside a group-mate's instruction
                        fields["triage_injection"] = [*_injection(fields), IN_ITS_GROUP]
                    if ticket is None:
                        fields["triage_bundle"] = group.bundle.text
                        continue
                    # The group's call is counted on its first row only.
                    tickets[member.index] = ticket if member.index == first else Ticket(ticket.slot, repeat=True)
                    if self._sway_check().mode != SWAY_OFF:  # checked once for the group (search/swaying.py)
                        self._sent[id(row)] = group.bundle
            for index, (row, _fields, bundle) in enumerate(chunk):
                if bundle is not None and index not in tickets and not self.options.dryrun:
                    if not group_key(row, field):
                        tickets[index] = self._engine_for_search().ticket(bundle)
        except Exception as exc:  # a bug must cost the chunk its verdicts, never the search its rows
            for _row, fields, _bundle in chunk:
                if not fields["triage_status"]:
                    self._internal_error(exc, fields)
            tickets = {}
        if self._judges.engine is not None:
            self._judges.engine.flush()
        for index, (row, fields, _bundle) in enumerate(chunk):
            yield from self._finish(row, fields, tickets.get(index))
        yield from self._finished(self._in_order.drain())

    def summary(self) -> str:
        """Counts by status, and what the model calls cost, for the search's messages."""
        sway = self._sway
        checks = (sway.calls, sway.swayed, sway.unchecked) if sway is not None else (0, 0, 0)
        return self.accounting.summary(self.rows_seen, self.counts, checks, self._judges.engine is not None)

    def close(self) -> None:
        """Let the engine's threads go (at the end of the search)."""
        self._in_order.close()
        self._judges.close()

    def _internal_error(self, exc: Exception, fields: dict[str, FieldValue], trace: str = "") -> None:
        self._internal_errors += 1
        if self._internal_errors <= TRACES_LOGGED:  # the first few say why; the rest would bury search.log
            trace = scrub_secrets(trace or traceback.format_exc(), self._judges.secrets)
            LOG.error("llmtriage: unexpected failure on row %d\n%s", self.rows_seen, trace)
        fields.update(triage_status=STATUS_ERROR, triage_error=f"internal error: {exc.__class__.__name__}")

    def _finish(self, row: Row, fields: dict[str, FieldValue], ticket: Optional[Ticket]) -> Iterator[Row]:
        """The row's first answer written in, its enrichment started (search/finishing.py); the rows done, out."""
        work = None
        try:
            engine = self._judges.engine
            if ticket is not None and engine is not None:
                self._apply(engine.result(ticket), ticket.repeat, fields)
            waiting = self._row_bundles.pop(id(row), None)
            if waiting is not None and engine is not None and fields["triage_status"] == STATUS_OK:
                enrichment = self._enrichment_for_search()
                started = enrichment.start(row, fields, waiting)
                if started is not None:
                    work = partial(enrichment.finish, started, fields, engine, self._apply)
        except Exception as exc:  # a bug must cost one row its triage, never the search its rows
            self._internal_error(exc, fields)
            self._sent.pop(id(row), None)
        yield from self._finished(self._in_order.add((row, fields), work))

    def _finished(self, leaving: Iterable[tuple[tuple[Row, dict[str, FieldValue]], Outcome]]) -> Iterator[Row]:
        """Each row that leaves, with its judgement (or a baseline bucket) written in, counted."""
        for (row, fields), outcome in leaving:
            sent = self._sent.pop(id(row), None)
            event = self._own_events.pop(id(row), None)
            try:
                if outcome.error is not None:
                    self._internal_error(outcome.error, fields, outcome.trace)
                else:
                    self._settle(fields, outcome.value if isinstance(outcome.value, Bundle) else sent, event)
            except Exception as exc:  # a bug must cost one row its triage, never the search its rows
                self._internal_error(exc, fields)
            if fields["triage_status"] not in (STATUS_OK, STATUS_DRYRUN):
                # Outside the try above: a row whose judgement or enrichment failed half-way still gets its
                # place in the queue, never a model's likely_benign left over from before the failure.
                self._baseline(row, fields)
            self._decide(row, fields)
            status = str(fields["triage_status"])
            self.counts[status] = self.counts.get(status, 0) + 1
            row.update(fields)
            yield row

    def _settle(self, fields: dict[str, FieldValue], sent: Optional[Bundle], event: Optional[str] = None) -> None:
        """The injection check (about the final answer: with context, if enrichment gave it), the row's own
        share of what the model reported (about its `event`; a group-mate's is its group's), the floor."""
        engine = self._judges.engine
        if sent is not None and engine is not None:
            self._sway_check().check(fields, sent, partial(self._judges.judge_again, engine, fields, self.accounting))
        if event is not None and _injection(fields):  # "" for a group member its bundle left out
            fields["triage_injection"] = own_reports(_injection(fields), event)
        if fields["triage_status"] == STATUS_OK and fields["triage_bucket"]:
            # A model's verdict stays as it answered; only the queue place is floored, and says so.
            bucket, floored = floor_bucket(str(fields["triage_bucket"]), _injection(fields))
            if floored:
                fields.update(triage_bucket=bucket, triage_rationale=f"{fields['triage_rationale']} {floored}")

    def _baseline(self, row: Row, fields: dict[str, FieldValue]) -> None:
        """The baseline's bucket for a row no model verdict stands for (never raises)."""
        try:
            fields.update(baseline_fields(row, _injection(fields)))
        except Exception as exc:  # a bug in the rules must not cost the row its place in the queue
            self._internal_error(exc, fields)
            fields.update(RULES_FAILED)
        self.accounting.baseline += 1

    def _enrichment_for_search(self) -> SearchEnrichment:
        if self._enrichment is None:
            mode = self.options.enrich or ("" if self._searcher is not None or self.options.dryrun else OFF)
            self._enrichment = SearchEnrichment(
                self._config, self._searcher, mode, self.warnings, self.settings().limits
            )
        return self._enrichment

    def _decide(self, row: Row, fields: dict[str, FieldValue]) -> None:
        """Operational confidence and the policy's decision for a row with a bucket (never raises)."""
        profile = self._row_profiles.pop(id(row), None)
        if fields["triage_status"] == STATUS_DRYRUN:
            return
        if profile is None or self.options.fields:  # entities come from a profile's identifiers, not fields=
            try:
                profile = select_profile(row, self.options.profile or self.settings().default_profile)
            except ProfileError:  # already reported on the row; its entities as the generic profile names them
                profile = select_profile(row, "generic")
        self._decider.decide(row, fields, profile)
        self.warnings.extend(self._decider.warnings[self._decider_warnings :])
        self._decider_warnings = len(self._decider.warnings)

    def _triage_row(self, row: Row, fields: dict[str, FieldValue]) -> Optional[Bundle]:
        """Fill what is known before the model is asked; the bundle to judge, or None when the row is done."""
        # Before anything is sent (and for dryrun and skipped rows too): does the row address the model?
        injection = injection_labels(row)
        if injection:
            fields["triage_injection"] = injection
        settings = self.settings()
        max_rows = self.options.max_rows or settings.max_rows
        if self.rows_seen > max_rows:
            fields.update(triage_status=STATUS_SKIPPED_BUDGET, triage_error=f"past max_rows={max_rows}; not triaged")
            return None
        profile = self._profile_for(row, settings)
        self._row_profiles[id(row)] = profile  # for its decision in _finish, while the row waits in the window
        if self._limits is None:
            self._limits = settings.limits
        bundle = build_bundle(row, profile, self._limits)
        self._own_events[id(row)] = bundle.event_ref
        redactions = redaction_labels(bundle.text)
        if redactions:
            fields["triage_redactions"] = redactions
        fields.update(
            triage_profile=profile.label,
            triage_prompt_version=self.prompt.label,
            triage_bundle_hash=bundle.hash,
            triage_id=triage_id(bundle.hash, row),
        )
        if not self.options.group_by:  # a group bundle keeps events only
            count = self.options.similar if self.options.similar is not None else settings.similar
            bundle = self._similar.with_similar(row, profile, bundle, fields, count)
        waiting = None if self.options.group_by else self._enrichment_for_search().offer(row, profile, bundle, fields)
        bundle = waiting.bundle if waiting is not None else bundle
        if self.options.dryrun:
            fields.update(triage_status=STATUS_DRYRUN, triage_bundle=self._judges.shown(bundle, settings, fields))
            if waiting is not None:
                self._enrichment_for_search().preview(fields, waiting, row)
            return None
        if not bundle.refs:
            fields.update(
                triage_status=STATUS_ERROR,
                triage_error=f"no evidence: the row has none of the fields profile {profile.label} keeps; "
                "try profile=generic or fields=",
            )
            return None
        judge = self._judge_or_reason(fields, settings)
        if judge is None:
            return None
        fields.update(triage_provider=judge.provider.name, triage_model=judge.provider.model)
        fields["triage_prompt_version"] = self.prompt.label  # the batch prompt's, when the provider batches
        bundle = replace(bundle, triage_id=str(fields["triage_id"]))  # for the audit trail
        if waiting is not None:
            self._row_bundles[id(row)] = waiting._replace(bundle=bundle)
        # A group member's check is about its group bundle (_triage_groups); a row without the field is alone.
        alone = not self.options.group_by or not group_key(row, self.options.group_by)
        if alone and self._sway_check().mode != SWAY_OFF:
            self._sent[id(row)] = bundle
        return bundle

    def settings(self) -> TriageSettings:
        """The search settings; the shipped defaults when splunkd cannot say (noted once as a warning)."""
        if self._settings is None:
            try:
                self._settings = self._config.settings()
            except (ConfigUnavailable, ConfigError) as exc:
                self.warnings.append(f"llmtriage: using shipped settings: {exc}")
                self._settings = TriageSettings()
                # Without the settings the default provider is unknown: say why, not "none is set".
                unavailable = isinstance(exc, ConfigUnavailable)
                self._settings_problem = ProviderChoice(problem=f"settings unreadable: {exc}", unavailable=unavailable)
        return self._settings

    def _profile_for(self, row: Row, settings: TriageSettings) -> Profile:
        if self.options.fields:
            return explicit_profile(list(self.options.fields))
        return select_profile(row, self.options.profile or settings.default_profile)

    def _judge_or_reason(self, fields: dict[str, FieldValue], settings: TriageSettings) -> Optional[Judge]:
        if self._settings_problem is not None and self.options.provider in ("", DEFAULT_STANZA):
            self._judges.refuse(self._settings_problem)  # without the settings, no default is known
        checks = self._sway_check().mode != SWAY_OFF  # told to the endpoint, whose records await checks either way
        chosen = self._judges.judge(self.options.provider, self.options.timeout, settings, checks)
        if not isinstance(chosen, ProviderChoice):
            return chosen
        status = STATUS_UNAVAILABLE if chosen.unavailable else STATUS_ERROR
        fields.update(triage_status=status, triage_error=chosen.problem)
        return None

    def _engine_for_search(self) -> TriageEngine:
        options = self.options
        return self._judges.engine_for(self.settings(), options.max_tokens, options.max_cost, options.dryrun)

    def _apply(self, judgement: Judgement, repeat: bool, fields: dict[str, FieldValue]) -> None:
        with self.accounting.lock:  # from the rows being enriched, too
            self._judges.apply(judgement, repeat, fields, self.accounting)

    def _sway_check(self) -> SwayCheck:
        if self._sway is None:
            self._sway = SwayCheck(self.options.injection_check or self.settings().injection_check)
        return self._sway


def _injection(fields: dict[str, FieldValue]) -> list[str]:
    injection = fields["triage_injection"]
    return injection if isinstance(injection, list) else []
