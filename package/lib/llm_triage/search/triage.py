"""One search's triage: rows in, the same rows out, in order, each with the triage fields added.

Nothing here raises past a row: a row whose triage failed says why in `triage_status` and
`triage_error`, and keeps every field it came with.
"""

import logging
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, replace
from typing import Callable, Optional

from llm_triage.decision.decide import Decider
from llm_triage.endpoint.client import RemoteJudge, preview
from llm_triage.engine.budget import Budget, BudgetJudge
from llm_triage.engine.cache import CachedJudge, FileVerdictCache, VerdictCache
from llm_triage.engine.concurrency import ConcurrentJudge
from llm_triage.engine.resilience import CHARS_PER_TOKEN, GuardedJudge, Guards, RetryPolicy, estimate_tokens
from llm_triage.engine.stack import choose_provider, provider_stack
from llm_triage.engine.stream import DEFAULT_GROUP_SIZE, Ticket, TriageEngine
from llm_triage.evidence.bundle import Bundle, Limits, build_bundle
from llm_triage.evidence.entities import row_entities, rule_of
from llm_triage.evidence.fields import (
    SOURCE_MODEL,
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
from llm_triage.providers.base import Provider, ProviderError
from llm_triage.splunkd.conf import ConfigUnavailable, ProviderChoice, SplunkdConfig
from llm_triage.splunkd.kvstore import StoreUnavailable
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
from llm_triage.stories.similar import MAX_CANDIDATES, ApprovedSource, SimilarIncidents, with_similar
from llm_triage.trust.injection.detector import floor_bucket, injection_labels
from llm_triage.trust.pseudonyms import Pseudonymizer, file_key
from llm_triage.trust.redaction import scrub_secrets
from llm_triage.verdict.baseline import baseline_fields
from llm_triage.verdict.judge import Judge, Judgement
from llm_triage.verdict.prompt import Prompt, load_prompt, prompt_for

LOG = logging.getLogger("llm_triage")

TRACES_LOGGED = 3
# Rows waiting for their judgements at most: enough to keep every provider slot busy, few enough that
# memory does not grow with the search (each chunk is emptied before the next is read anyway).
WINDOW_ROWS = 2000

Row = MutableMapping[str, object]


@dataclass(frozen=True)
class TriageOptions:
    """What the analyst asked for on the command line; None means "use the configured default"."""

    provider: str = ""
    profile: str = ""
    fields: Sequence[str] = ()
    dryrun: bool = False
    max_rows: Optional[int] = None
    timeout: Optional[float] = None
    max_tokens: Optional[int] = None
    max_cost: Optional[float] = None
    shadow: bool = False  # shadow mode for this search: decisions recorded, never routed
    group_by: str = ""  # `by <field>`: rows sharing its value are judged as one bundle (stories/grouping.py)
    similar: Optional[int] = None  # approved past cases shown with each bundle (stories/similar.py); 0: none


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
    ):
        self.options = options
        self._feedback = feedback  # approved dispositions, for similar past incidents
        self._similar: Optional[SimilarIncidents] = None
        self._config = config
        self._provider_factory = provider_factory
        self._endpoint = endpoint
        self.prompt = prompt or load_prompt()
        self.rows_seen = 0
        self.counts: dict[str, int] = {}
        self.warnings: list[str] = []
        self._settings: Optional[TriageSettings] = None
        self._limits: Optional[Limits] = None  # the settings' bundle caps, made once rather than per row
        self._settings_problem: Optional[ProviderChoice] = None
        self._judge: Optional[Judge] = None
        self._provider_problem: Optional[ProviderChoice] = None
        self._cache = cache
        self._policy = policy or RetryPolicy()
        self._engine: Optional[TriageEngine] = None
        self._guarded: Optional[GuardedJudge] = None
        self._concurrent: Optional[ConcurrentJudge] = None
        self._budget: Optional[BudgetJudge] = None
        self._cached: Optional[CachedJudge] = None
        self._breaker_warnings = 0
        self._cache_warnings = 0
        self.accounting = Accounting()
        self._secrets: list[str] = []
        self._key_note = ""
        self._internal_errors = 0
        # After each judgement: operational confidence, its factors and the policy's decision (decision/).
        self._decider = Decider(config, endpoint, shadow=options.shadow)
        self._decider_warnings = 0
        self._row_profiles: dict[int, Profile] = {}
        self._previews: dict[str, tuple[str, str]] = {}  # dryrun with pseudonyms: bundle hash -> (text, problem)
        self._group_parts: dict[str, int] = {}  # `by`: how many chunks each group value was seen in

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
                yield self._finish(*window.popleft())
        if self._engine is not None:
            self._engine.flush()
        while window:
            yield self._finish(*window.popleft())

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
                for member in group.members:
                    fields = chunk[member.index][1]
                    fields.update(triage_group=group.label(field, part), triage_bundle_hash=group.bundle.hash)
                    if ticket is None:
                        fields["triage_bundle"] = group.bundle.text
                    else:  # the group's call is counted on its first row only
                        tickets[member.index] = ticket if member.index == first else Ticket(ticket.slot, repeat=True)
            for index, (row, _fields, bundle) in enumerate(chunk):
                if bundle is not None and index not in tickets and not self.options.dryrun:
                    if not group_key(row, field):
                        tickets[index] = self._engine_for_search().ticket(bundle)
        except Exception as exc:  # a bug must cost the chunk its verdicts, never the search its rows
            for _row, fields, _bundle in chunk:
                if not fields["triage_status"]:
                    self._internal_error(exc, fields)
            tickets = {}
        if self._engine is not None:
            self._engine.flush()
        for index, (row, fields, _bundle) in enumerate(chunk):
            yield self._finish(row, fields, tickets.get(index))

    def summary(self) -> str:
        """Counts by status, and what the model calls cost, for the search's messages."""
        parts = ", ".join(f"{status} {count}" for status, count in sorted(self.counts.items()))
        text = f"llmtriage: {self.rows_seen} rows ({parts})"
        if self._engine is None:
            return text
        return (
            f"{text}; {self.accounting.calls} model answers, {self.accounting.cached} from cache, "
            f"{self.accounting.repeats} repeats, {self.accounting.baseline} baseline buckets; "
            f"{self.accounting.tokens} tokens, cost {self.accounting.cost:.4f}, "
            f"model time {self.accounting.latency_ms / 1000:.1f}s"
        )

    def close(self) -> None:
        """Let the engine's threads go (at the end of the search)."""
        if self._engine is not None:
            self._engine.close()
        if self._concurrent is not None:
            self._concurrent.close()

    def _internal_error(self, exc: Exception, fields: dict[str, FieldValue]) -> None:
        self._internal_errors += 1
        if self._internal_errors <= TRACES_LOGGED:  # the first few say why; the rest would bury search.log
            trace = scrub_secrets(traceback.format_exc(), self._secrets)
            LOG.error("llmtriage: unexpected failure on row %d\n%s", self.rows_seen, trace)
        fields.update(triage_status=STATUS_ERROR, triage_error=f"internal error: {exc.__class__.__name__}")

    def _finish(self, row: Row, fields: dict[str, FieldValue], ticket: Optional[Ticket]) -> Row:
        """The row with its judgement (or a baseline bucket) written in, counted."""
        try:
            if ticket is not None and self._engine is not None:
                self._apply(self._engine.result(ticket), ticket.repeat, fields)
            injection = fields["triage_injection"]
            injection = injection if isinstance(injection, list) else []
            if fields["triage_status"] not in (STATUS_OK, STATUS_DRYRUN):
                fields.update(baseline_fields(row, injection))
                self.accounting.baseline += 1
            elif fields["triage_bucket"]:
                # A model's verdict stays as it answered; only the queue place is floored, and says so.
                bucket, floored = floor_bucket(str(fields["triage_bucket"]), injection)
                if floored:
                    fields.update(triage_bucket=bucket, triage_rationale=f"{fields['triage_rationale']} {floored}")
        except Exception as exc:  # a bug must cost one row its triage, never the search its rows
            self._internal_error(exc, fields)
        self._decide(row, fields)
        status = str(fields["triage_status"])
        self.counts[status] = self.counts.get(status, 0) + 1
        row.update(fields)
        return row

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
        fields.update(
            triage_profile=profile.label,
            triage_prompt_version=self.prompt.label,
            triage_bundle_hash=bundle.hash,
            triage_id=triage_id(bundle.hash, row),
        )
        bundle = self._with_similar(row, profile, bundle, fields, settings)
        if self.options.dryrun:
            fields.update(triage_status=STATUS_DRYRUN, triage_bundle=self._as_sent(bundle, settings, fields))
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
        return replace(bundle, triage_id=str(fields["triage_id"]))  # for the audit trail

    def _as_sent(self, bundle: Bundle, settings: TriageSettings, fields: dict[str, FieldValue]) -> str:
        """What `dryrun` shows: the bundle exactly as it would be sent. With `pseudonymize = 1` the app's
        endpoint makes the pseudonyms (only it holds the key), so it is asked for a preview; when it cannot
        answer, the row shows the bundle before pseudonymization and says so in triage_error."""
        if not settings.pseudonymize:
            return bundle.text
        if bundle.hash not in self._previews:
            if len(self._previews) >= WINDOW_ROWS:
                self._previews.clear()
            if self._endpoint is not None:
                shown, problem = preview(self._endpoint, bundle)
            else:
                pseudonymizer = self._local_pseudonymizer(settings)
                shown = pseudonymizer.bundle(bundle).bundle if pseudonymizer is not None else None
                problem = "" if shown is not None else "no readable pseudonym_key_file"
            self._previews[bundle.hash] = (shown.text, "") if shown is not None else (bundle.text, problem)
        text, problem = self._previews[bundle.hash]
        if problem:
            fields["triage_error"] = (
                f"pseudonymize = 1, but the pseudonymized bundle could not be made ({problem}): "
                "triage_bundle shows it before pseudonymization"
            )
        return text

    @staticmethod
    def _local_pseudonymizer(settings: TriageSettings) -> Optional[Pseudonymizer]:
        """Without the app's endpoint (tests, tools): the key from `pseudonym_key_file`, if readable."""
        key = file_key(settings.pseudonym_key_file) if settings.pseudonym_key_file else None
        try:
            return Pseudonymizer(key) if key else None
        except ValueError:
            return None

    def _with_similar(
        self, row: Row, profile: Profile, bundle: Bundle, fields: dict[str, FieldValue], settings: TriageSettings
    ) -> Bundle:
        """similar=<n>: the bundle with the approved past cases most like the row, named in triage_similar."""
        count = self.options.similar if self.options.similar is not None else settings.similar
        if count <= 0 or self._feedback is None or self.options.group_by:  # a group bundle keeps events only
            return bundle
        if self._similar is None:  # once per search
            try:
                self._similar = SimilarIncidents(self._feedback.approved(limit=MAX_CANDIDATES))
            except StoreUnavailable as exc:
                self.warnings.append(f"llmtriage: similar past incidents unavailable: {exc}")
                self._similar = SimilarIncidents(())
        cases = self._similar.find(bundle.text, rule_of(row), row_entities(row, profile), count)
        if not cases:
            return bundle
        bundle = with_similar(bundle, cases)
        fields.update(triage_similar=[case.label() for case in cases], triage_bundle_hash=bundle.hash)
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
        if self._judge is None and self._provider_problem is None:
            self._choose_provider(settings)
        if self._provider_problem is not None:
            status = STATUS_UNAVAILABLE if self._provider_problem.unavailable else STATUS_ERROR
            fields.update(triage_status=status, triage_error=self._provider_problem.problem)
            return None
        return self._judge

    def _choose_provider(self, settings: TriageSettings) -> None:
        """Once per search: set the provider, or the problem that every row will report instead."""
        if self._settings_problem is not None and self.options.provider in ("", DEFAULT_STANZA):
            self._provider_problem = self._settings_problem  # without the settings, no default is known
            return
        choice = choose_provider(
            self._config, self.options.provider, settings, self._endpoint is None, self.options.timeout
        )
        self._key_note = choice.note
        if choice.config is None:
            self._provider_problem = choice
            self.warnings.append(f"llmtriage: {choice.problem}")
            return
        config = choice.config
        self.prompt = prompt_for(config.batch_size, self.prompt)
        if self._endpoint is not None:  # the endpoint stacks the provider's side: limits, retries, breaker
            self._judge = RemoteJudge(self._endpoint, config, timeout=self.options.timeout)
            return
        self._secrets.extend((config.api_key, config.proxy_password))
        pseudonymizer = None
        if settings.pseudonymize:  # without the endpoint, pseudonyms are made here, with the key file's key
            pseudonymizer = self._local_pseudonymizer(settings)
            if pseudonymizer is None:
                problem = "pseudonymize = 1 needs the app's endpoint, or a readable pseudonym_key_file without it"
                self._provider_problem = ProviderChoice(problem=problem)
                return
        try:
            provider = self._provider_factory(config)
        except ProviderError as exc:
            self._provider_problem = ProviderChoice(problem=exc.message)
            return
        # This search's own guards: no other search in this process asks with its key.
        stack = provider_stack(provider, self.prompt, Guards.for_provider(config, self._policy), self._policy,
                               pseudonymizer=pseudonymizer)  # fmt: skip
        self._judge, self._guarded = stack.judge, stack.guarded

    def _engine_for_search(self) -> TriageEngine:
        """Once per search, after the provider is chosen: the judges stacked over it, and the engine.

        From the top: the verdict cache (only misses go further), the search's token and cost budget, the
        provider's concurrency bound; below that, the provider's side (engine.stack), here or in the endpoint.
        """
        if self._engine is None:
            assert self._judge is not None
            settings = self.settings()
            overhead = (len(self.prompt.system) + len(self.prompt.user_template)) // CHARS_PER_TOKEN
            self._concurrent = ConcurrentJudge(self._judge, scrub=lambda text: scrub_secrets(text, self._secrets))
            provider = self._judge.provider
            budget = Budget(
                max_tokens=self.options.max_tokens if self.options.max_tokens is not None else settings.max_tokens,
                max_cost=self.options.max_cost if self.options.max_cost is not None else settings.max_cost,
            )
            self._budget = BudgetJudge(
                self._concurrent, budget, lambda bundle: estimate_tokens(bundle, provider, overhead)
            )
            top: Judge = self._budget
            cache = self._verdict_cache(settings)
            if cache is not None:
                self._cached = CachedJudge(top, cache, self.prompt.label, settings.cache_ttl)
                top = self._cached
            group_size = max(DEFAULT_GROUP_SIZE, 4 * self._concurrent.max_concurrency)
            eager = self._concurrent.max_concurrency
            self._engine = TriageEngine(top, group_size=group_size, eager_size=eager)
        return self._engine

    def _verdict_cache(self, settings: TriageSettings) -> Optional[VerdictCache]:
        """The cache this search reads and writes itself: a local `cache_file`, or the one handed in when
        the search asks a provider directly. Behind the app's endpoint the shared KV store cache is the
        endpoint's alone (analysts cannot read its collection): it answers and audits cache hits."""
        if settings.cache_ttl <= 0 or self.options.dryrun:
            return None
        if settings.cache_file:
            return FileVerdictCache(settings.cache_file)
        return self._cache if self._endpoint is None else None

    def _apply(self, judgement: Judgement, repeat: bool, fields: dict[str, FieldValue]) -> None:
        """Write one judgement into a row's fields, with what this row's call cost (nothing for a repeat
        or a cached answer: the search's totals are the sum of its rows)."""
        if judgement.model:
            fields["triage_model"] = judgement.model
        new_call = not repeat and not judgement.cached and (judgement.model != "" or judgement.tokens > 0)
        if new_call:
            self.accounting.add(judgement)
            fields.update(
                triage_tokens=str(judgement.tokens),
                triage_cost=f"{judgement.cost:.6f}",
                triage_latency_ms=str(judgement.latency_ms),
            )
        elif judgement.status == STATUS_OK:
            fields.update(triage_tokens="0", triage_cost=f"{0:.6f}", triage_latency_ms="0")
        self.accounting.cached += judgement.cached
        self.accounting.repeats += repeat
        if judgement.status == STATUS_OK:
            fields.update(
                judgement.fields,
                triage_status=STATUS_OK,
                triage_source=SOURCE_MODEL,
                triage_cached="true" if judgement.cached else "false",
            )
        else:
            message = scrub_secrets(judgement.error, self._secrets)
            if judgement.http_status in (401, 403) and self._key_note:
                message = f"{message}; {self._key_note}"
            fields.update(triage_status=judgement.status, triage_error=message)
        self._note_problems()

    def _note_problems(self) -> None:
        """Say once in the search's messages when the breaker opened or the cache could not be used."""
        if self._guarded is not None and self._guarded.breaker.times_opened > self._breaker_warnings:
            self._breaker_warnings = self._guarded.breaker.times_opened
            self.warnings.append(f"llmtriage: {self._guarded.breaker.refusal(self._guarded.provider.name)}")
        if isinstance(self._judge, RemoteJudge):  # the endpoint's warnings, e.g. an audit trail not written
            for warning in self._judge.warnings:
                if warning not in self.warnings:
                    self.warnings.append(warning)
        if self._cached is not None:
            for problem in self._cached.problems[self._cache_warnings :]:
                self.warnings.append(f"llmtriage: {problem}")
            self._cache_warnings = len(self._cached.problems)


@dataclass
class Accounting:
    """What one search's new model calls cost."""

    calls: int = 0
    tokens: int = 0
    cost: float = 0.0
    latency_ms: int = 0
    cached: int = 0
    repeats: int = 0
    baseline: int = 0

    def add(self, judgement: Judgement) -> None:
        """Count one new call's answer."""
        self.calls += 1
        self.tokens += judgement.tokens
        self.cost += judgement.cost
        self.latency_ms += judgement.latency_ms
