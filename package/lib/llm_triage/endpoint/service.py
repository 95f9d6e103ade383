"""The app's REST endpoint: bundles in, judgements out, the provider's key never leaving splunkd.

A search command runs with the analyst's session, which must not need `list_storage_passwords` (that
would expose every app's secrets). So the command POSTs its bundles to this endpoint
(restmap.conf `[script:llm_triage_judge]`, gated by the `llm_triage_run` capability), which splunkd runs
as a persistent handler with its system token: the endpoint reads the provider's settings and key with
that token, asks the model, checks each answer, and returns only the judgements.

The request and reply formats are in endpoint.wire; endpoint.handler serves it in splunkd's
persistent-handler envelope (llm_triage.splunkd.handler).
"""

import logging
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Callable, Optional, Union

from llm_triage.endpoint.followed import findings, followed_hashes
from llm_triage.endpoint.limits import PROCESS_LIMITS, ProcessLimits
from llm_triage.endpoint.wire import (
    ENDPOINT_WORK_SECONDS,
    KIND_NARRATIVE,
    KIND_VERDICT,
    JudgeRequest,
    judgement_to_wire,
)
from llm_triage.engine.cache import VerdictCache
from llm_triage.engine.spend import Caps, SpendLedger
from llm_triage.engine.stack import PROCESS_GUARDS, ProviderStack, SharedGuards, provider_stack
from llm_triage.enrichment.catalog import build_catalog
from llm_triage.enrichment.context import offered_as
from llm_triage.evidence.bundle import Bundle
from llm_triage.feedback.examples import ExampleStore
from llm_triage.feedback.fewshot import FewShotJudge
from llm_triage.feedback.settings import STANZA as FEEDBACK_STANZA
from llm_triage.feedback.settings import FeedbackSettingsError, feedback_settings
from llm_triage.feedback.store import FeedbackStore
from llm_triage.feedback.triaged import TriagedEvidence
from llm_triage.names import ENRICHMENTS_CONF
from llm_triage.providers import create_provider
from llm_triage.providers.base import Provider, ProviderConfig, ProviderError
from llm_triage.search.withholding import Catalog
from llm_triage.splunkd.conf import ConfigUnavailable, ProviderChoice, SplunkdConfig
from llm_triage.splunkd.deployment import cluster_members, user_roles
from llm_triage.splunkd.handler import Reply, refusal
from llm_triage.splunkd.kvstore import StoreUnavailable
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import (
    LIMITS_STANZA,
    SETTINGS_CONF,
    ConfigError,
    LimitSettings,
    TriageSettings,
    limit_settings_from_conf,
)
from llm_triage.stories.narrative import NarrativeJudge
from llm_triage.trust.audit import AUDIT_STANZA, AuditSettings, AuditTrail, audit_settings_from_conf, inference_event
from llm_triage.trust.pseudonyms import (
    Pseudonymizer,
    PseudonymizingJudge,
    PseudonymKeyUnavailable,
    stored_key,
)
from llm_triage.trust.redaction import scrub_secrets
from llm_triage.verdict.judge import Judge, Judgement
from llm_triage.verdict.prompt import Prompt, load_prompt, prompt_for, verdict_prompt

LOG = logging.getLogger("llm_triage")


# How long the endpoint reuses what it read for a provider (settings, its config, its key): a search sends
# many requests, and each would otherwise re-read two conf files and secret storage. An admin's change
# takes effect within this time.
MEMO_SECONDS = 15.0


class ConfigMemo:
    """The settings and provider choices one persistent endpoint process read recently, by provider name."""

    def __init__(self, seconds: float = MEMO_SECONDS, clock: Callable[[], float] = time.monotonic):
        self._seconds = seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, TriageSettings, ProviderChoice]] = {}
        self._extras: dict[str, tuple[float, Any]] = {}  # the pseudonym key, the audit settings

    def get(self, provider: str) -> Optional[tuple[TriageSettings, ProviderChoice]]:
        """What was read for `provider` within the last `seconds`, or None."""
        with self._lock:
            entry = self._entries.get(provider)
            if entry is None or entry[0] <= self._clock():
                self._entries.pop(provider, None)
                return None
            return entry[1], entry[2]

    def put(self, provider: str, settings: TriageSettings, choice: ProviderChoice) -> None:
        """Keep a usable choice for `seconds`."""
        with self._lock:
            self._entries[provider] = (self._clock() + self._seconds, settings, choice)

    def extra(self, name: str) -> Any:
        """Something else read within the last `seconds` (None when not, or too long ago)."""
        with self._lock:
            entry = self._extras.get(name)
            if entry is None or entry[0] <= self._clock():
                self._extras.pop(name, None)
                return None
            return entry[1]

    def put_extra(self, name: str, value: Any) -> None:
        """Keep `value` for `seconds`."""
        with self._lock:
            self._extras[name] = (self._clock() + self._seconds, value)


class _SearchesSeen:
    """Every context search (name, description as offered) this process has read in the admin's catalog, up to
    a bound: a few thousand descriptions of at most 300 characters."""

    def __init__(self, limit: int = 4096):
        self._limit = limit
        self._lock = threading.Lock()
        self._seen: set[tuple[str, str]] = set()

    def seen(self, catalog: Catalog) -> Catalog:
        """`catalog` with every search seen before it."""
        with self._lock:
            seen = self._seen | catalog
            self._seen = seen if len(seen) <= self._limit else set(catalog)
            return frozenset(self._seen)


_ADMINS_SEARCHES = _SearchesSeen()


class TriageService:
    """Answers one request with the configuration and secrets `config` reads (with the system token)."""

    def __init__(
        self,
        config: SplunkdConfig,
        provider_factory: Callable[[ProviderConfig], Provider] = create_provider,
        prompt: Optional[Prompt] = None,
        cache: Optional[VerdictCache] = None,
        memo: Optional[ConfigMemo] = None,
        examples: Optional[ExampleStore] = None,
        labels: Optional[FeedbackStore] = None,
        rest: Optional[SplunkdRest] = None,
        actor: str = "",
        triaged: Optional[TriagedEvidence] = None,
        guards: Optional[SharedGuards] = None,
        limits: Optional[ProcessLimits] = None,
    ):
        self._config = config
        self._guards = guards or PROCESS_GUARDS  # the providers' limits and breakers: one set per process
        self._limits = limits or PROCESS_LIMITS  # the day's spend, summed across processes and search heads
        self._provider_factory = provider_factory
        self._prompt = prompt or load_prompt()
        self._cache = cache
        self._memo = memo
        self._examples = examples  # approved few-shot examples, when the feedback settings turn them on
        self._labels = labels  # the dispositions, to check each chosen example is still approved
        self._rest = rest  # with the system token: the pseudonym key and the audit trail (None: neither)
        self._actor = actor  # the searching user, for the audit trail
        self._triaged = triaged  # the evidence labels may be about (feedback.triaged)
        self.secrets: list[str] = []  # what it read, to scrub from any failure's trace

    def answer(self, request: JudgeRequest) -> Reply:
        """Judge every bundle of `request` with its provider; a refusal when the provider cannot be used."""
        # Every call must end while the caller still waits, less the work after the calls: counted from here,
        # so that what the endpoint reads first (settings, the cache, examples) is counted too.
        deadline = None if request.wait is None else time.monotonic() + request.wait - ENDPOINT_WORK_SECONDS
        if request.preview:
            return self._preview(request)
        remembered = self._memo.get(request.provider) if self._memo is not None else None
        if remembered is None:
            settings = self._settings()
            if isinstance(settings, Reply):
                return settings
            choice = self._config.provider(request.provider, settings, with_key=True)
            if choice.config is None:
                return refusal(503 if choice.unavailable else 400, choice.problem)
            if self._memo is not None:
                self._memo.put(request.provider, settings, choice)
        else:
            settings, choice = remembered
        config = choice.config
        assert config is not None  # only usable choices are remembered
        if request.timeout is not None:
            config = replace(config, timeout=request.timeout)
        secrets = (config.api_key, config.proxy.password)
        self.secrets.extend(secret for secret in secrets if secret)
        try:
            pseudonymizer = self._pseudonymizer(settings)
        except PseudonymKeyUnavailable as exc:
            return refusal(503, f"pseudonymize = 1, but the pseudonym key is unavailable: {exc}")
        try:
            if request.kind == KIND_NARRATIVE:  # a cluster's story (llmcluster); not cached
                return self._narrate(request, config, secrets, pseudonymizer)
            prompt = verdict_prompt(request.prompt) if request.prompt else self._prompt
            limits = self._limit_settings()
            if isinstance(limits, Reply):
                return limits
            provider = self._provider_factory(config)
            # The endpoint, not the analyst's search, writes the shared verdict cache.
            shared_cache = self._cache if not settings.cache_file else None
            guards = self._guards.for_provider(config, self._members(limits))
            ledger = self._limits.bind(self._rest)
            stacks: list[ProviderStack] = []

            def stack_for(shown: Prompt, cache: Optional[VerdictCache], pseudonyms: Optional[Pseudonymizer]) -> Judge:
                stack = provider_stack(
                    provider, shown, guards, self._guards.policy, secrets, pseudonyms, cache, settings.cache_ttl,
                    search=f"{self._actor}/{request.search}", user=self._actor, ledger=ledger,
                    caps=self._caps(config, limits), deadline=deadline,
                )  # fmt: skip
                stacks.append(stack)
                return stack.judge

            judge = stack_for(prompt, shared_cache, pseudonymizer)
            pseudonymizing = stacks[0].pseudonymizing
            if pseudonymizer is None:  # examples would show past cases' real names beside pseudonyms
                judge = self._with_examples(judge, provider, settings, prompt, stack_for, shared_cache)
            tripped = self._limits.breakers.apply(config.name, guards.breaker)  # down on another search head
            opened = guards.breaker.times_opened
            judgements = judge.judge(request.bundles)
        except ProviderError as exc:
            return refusal(400, scrub_secrets(exc.message, secrets))
        opened_now = guards.breaker.times_opened > opened  # said once, in the search that saw it open
        if opened_now:
            self._limits.breakers.publish(config.name, guards.breaker.last_failure, guards.breaker.cooldown)
        breaker = f"llmtriage: {guards.breaker.refusal(config.name)}" if opened_now or tripped else None
        warnings = [breaker, *self._count_usage(config, ledger, stacks)]
        return self._answered(request, config, judgements, pseudonymizing, prompt, warnings)

    def _count_usage(self, config: ProviderConfig, ledger: SpendLedger, stacks: Sequence[ProviderStack]) -> list[str]:
        """Count the requests sent and throttled for the usage dashboard; what the search should be told
        about the day's caps and the limits' shared records."""
        sent = sum(stack.guarded.attempts for stack in stacks)
        throttled = sum(stack.guarded.throttled for stack in stacks)
        ledger.note(config.name, config.model, self._actor, requests=sent, throttled=throttled)
        warnings = []
        refused = [judgement for stack in stacks if stack.capped is not None for judgement in stack.capped.refused]
        if refused:
            warnings.append(
                f"llmtriage: {refused[0].error}. {len(refused)} result(s) of this request came back with the "
                f"baseline bucket and triage_status={refused[0].status}"
            )
        if any(stack.guarded.not_sent for stack in stacks):  # said once a search: the same words each time
            warnings.append(
                f"llmtriage: provider {config.name} was busy: some results were not sent in time for the search's "
                "wait and read unavailable (raise its max_concurrency or rate limits, or triage fewer at once)"
            )
        for problem in (ledger.last_problem, self._limits.breakers.last_problem):
            if problem:
                warnings.append(f"llmtriage: {problem}")
        return warnings

    def _limit_settings(self) -> Union[LimitSettings, Reply]:
        """`[limits]` of the settings, or the refusal saying why they cannot be read."""
        remembered = self._memo.extra("limits") if self._memo is not None else None
        if isinstance(remembered, LimitSettings):
            return remembered
        try:
            limits = limit_settings_from_conf(self._config.conf(SETTINGS_CONF).get(LIMITS_STANZA, {}))
        except ConfigUnavailable as exc:
            return refusal(503, f"settings unreadable: {exc}")
        except ConfigError as exc:
            return refusal(409, f"settings unreadable: {exc}")
        if self._memo is not None:
            self._memo.put_extra("limits", limits)
        return limits

    def _members(self, limits: LimitSettings) -> int:
        """How many search heads share each provider's limits: the setting, else the cluster's members up."""
        if limits.cluster_members:
            return limits.cluster_members
        if self._rest is None:
            return 1
        remembered = self._memo.extra("members") if self._memo is not None else None
        if isinstance(remembered, int):
            return remembered
        members = cluster_members(self._rest.get)
        if self._memo is not None:
            self._memo.put_extra("members", members)
        return members

    def _caps(self, config: ProviderConfig, limits: LimitSettings) -> Caps:
        """The provider's daily cost cap and the asking user's daily token quota (by their roles)."""
        quota, role = 0, ""
        if limits.daily_token_quotas and self._rest is not None:
            name = f"roles:{self._actor}"
            roles = self._memo.extra(name) if self._memo is not None else None
            if roles is None:
                roles = user_roles(self._rest.get, self._actor)
                if self._memo is not None:
                    self._memo.put_extra(name, roles)
            quota, role = limits.quota(roles)
        return Caps(cost_per_day=config.max_cost_per_day, tokens_per_day=quota, quota_role=role)

    def _narrate(
        self,
        request: JudgeRequest,
        config: ProviderConfig,
        secrets: tuple[str, str],
        pseudonymizer: Optional[Pseudonymizer],
    ) -> Reply:
        """Cluster narratives (llmcluster): pseudonymized like verdicts when that is on, audited, never cached."""
        judge: Judge = NarrativeJudge(self._provider_factory(config), secrets=secrets)
        pseudonymizing = None
        if pseudonymizer is not None:
            judge = pseudonymizing = PseudonymizingJudge(judge, pseudonymizer)
        judgements = judge.judge(request.bundles)
        return self._answered(request, config, judgements, pseudonymizing)

    def _answered(
        self,
        request: JudgeRequest,
        config: ProviderConfig,
        judgements: Sequence[Judgement],
        pseudonymizing: Optional[PseudonymizingJudge],
        prompt: Optional[Prompt] = None,
        told: Sequence[Optional[str]] = (),
    ) -> Reply:
        """The judgements as the reply, audited, with what the search should be `told`; a failed audit is a
        warning in the reply, never a refusal."""
        payload: dict[str, Any] = {"provider": config.name, "judgements": [judgement_to_wire(j) for j in judgements]}
        sent = pseudonymizing.sent if pseudonymizing is not None else {}
        audited = self._audit(request.bundles, judgements, sent, config, pseudonymizing is not None, prompt)
        warnings = [*told, audited]
        if request.kind == KIND_VERDICT:
            warnings.append(self._record_triaged(request.bundles, judgements, request.checks))
        for warning in filter(None, warnings):
            LOG.warning("llm_triage endpoint: %s", warning)
            payload.setdefault("warnings", []).append(warning)
        return Reply(200, payload)

    def _record_triaged(
        self, bundles: Sequence[Bundle], judgements: Sequence[Judgement], checks: Optional[bool]
    ) -> str:
        """Record the evidence labels may be about, with what the request found (endpoint/followed.py), when the
        caller is a search (`checks`: whether it asks the injection check of its benign answers). A replay or
        an evaluation says nothing, and records nothing: nobody labels its rows, and a label on evidence only
        it saw would be on evidence whose benign answer nobody awaits a check of. A failure is a warning,
        never a lost verdict."""
        if self._triaged is None or checks is None:
            return ""
        try:
            followed = self._triaged.lookup(followed_hashes(bundles))
            found = findings(bundles, judgements, followed, checks, self._catalog())
            reports = self._triaged.record(bundles, self._actor, found, read=followed)
        except StoreUnavailable as exc:
            return f"triaged evidence not recorded (labels on it will be refused or make no example): {exc}"
        try:
            # Approved labels on evidence that reports anything take it (similar cases read labels, never the
            # records): on every request that touches it, so one that failed here is made good by the next.
            if reports and self._labels is not None:
                self._labels.mark_reported(reports)
        except StoreUnavailable as exc:
            return f"labels on reported evidence not updated (the next triage of it will): {exc}"
        return ""

    def _catalog(self) -> Optional[Catalog]:
        """The admin's context searches as bundles offer them, so that an offer or a context a caller wrote
        counts as free text (endpoint/followed.py): read at each request that records, and with every search
        this process read before, since a search that started before an admin edited a description still
        offers the old one, the admin's words too (thirteenth review, M1). None when unreadable: offers are then
        kept as written, as a record's hashes, once written, are kept for good, and an unreadable catalog must
        not keep honest evidence from ever making an example."""
        try:
            items, _ = build_catalog(self._config.conf(ENRICHMENTS_CONF))
        except (ConfigUnavailable, ConfigError):
            return None
        return _ADMINS_SEARCHES.seen(offered_as((item.name, item.description) for item in items))

    def _settings(self) -> Union[TriageSettings, Reply]:
        """The search settings, or the refusal saying why they cannot be read."""
        try:
            return self._config.settings()
        except ConfigUnavailable as exc:
            return refusal(503, f"settings unreadable: {exc}")
        except ConfigError as exc:
            return refusal(409, f"settings unreadable: {exc}")

    def _preview(self, request: JudgeRequest) -> Reply:
        """The bundles exactly as they would be sent (pseudonymized when that is on); no model is asked."""
        settings = self._settings()
        if isinstance(settings, Reply):
            return settings
        try:
            pseudonymizer = self._pseudonymizer(settings)
        except PseudonymKeyUnavailable as exc:
            return refusal(503, f"pseudonymize = 1, but the pseudonym key is unavailable: {exc}")
        previews = []
        for bundle in request.bundles:
            sent = pseudonymizer.bundle(bundle).bundle if pseudonymizer is not None else bundle
            previews.append({"text": sent.text, "hash": sent.hash})
        return Reply(200, {"pseudonymized": pseudonymizer is not None, "previews": previews})

    def _pseudonymizer(self, settings: TriageSettings) -> Optional[Pseudonymizer]:
        """The deployment's pseudonymizer when `pseudonymize` is on; PseudonymKeyUnavailable without a key."""
        if not settings.pseudonymize:
            return None
        key = self._memo.extra("pseudonym_key") if self._memo is not None else None
        if key is None:
            if self._rest is None:
                raise PseudonymKeyUnavailable("the endpoint cannot reach secret storage")
            key = stored_key(self._rest)
            if self._memo is not None:
                self._memo.put_extra("pseudonym_key", key)
        self.secrets.append(key)
        return Pseudonymizer(key)

    def _audit(
        self,
        bundles: Sequence[Bundle],
        judgements: Sequence[Judgement],
        sent: Mapping[str, str],
        config: ProviderConfig,
        pseudonymized: bool,
        asked: Optional[Prompt] = None,
    ) -> Optional[str]:
        """Record one event per bundle judged; a warning for the search when that failed."""
        if self._rest is None:
            return None
        warning = ""
        audit = self._memo.extra("audit") if self._memo is not None else None
        if audit is None:
            try:
                audit = audit_settings_from_conf(self._config.conf(SETTINGS_CONF).get(AUDIT_STANZA, {}))
            except (ConfigUnavailable, ConfigError) as exc:
                # An unreadable setting must not lose the record: the shipped default index takes it.
                audit, warning = (
                    AuditSettings(),
                    f"audit settings unreadable ({exc}); audit written to {AuditSettings().index}",
                )
            if self._memo is not None and not warning:
                self._memo.put_extra("audit", audit)
        trail = AuditTrail(self._rest, audit)
        prompt = prompt_for(config.batch_size, asked or self._prompt)
        now = trail.clock()
        events = [
            inference_event(
                bundle,
                judgement,
                sent.get(bundle.hash, bundle.text),
                prompt,
                config,
                self._actor,
                pseudonymized,
                now,
                secrets=self.secrets,
            )
            for bundle, judgement in zip(bundles, judgements)
        ]
        failure = trail.write(events)
        return "; ".join(part for part in (warning, failure) if part) or None

    def _with_examples(
        self,
        judge: Judge,
        provider: Provider,
        settings: TriageSettings,
        prompt: Prompt,
        stack_for: Callable[[Prompt, Optional[VerdictCache], Optional[Pseudonymizer]], Judge],
        cache: Optional[VerdictCache],
    ) -> Judge:
        """`judge`, or with `[feedback] examples` on, a judge showing each bundle its approved examples
        (llm_triage.feedback.fewshot), read here with the system token, never taken from the search."""
        if self._examples is None or self._labels is None:
            return judge
        try:
            feedback = feedback_settings(self._config.conf(SETTINGS_CONF).get(FEEDBACK_STANZA, {}))
        except (ConfigUnavailable, FeedbackSettingsError) as exc:
            LOG.warning("llm_triage endpoint: no few-shot examples: %s", exc)
            return judge
        if not feedback.examples:
            return judge

        def judge_for(shown: Prompt) -> Judge:
            return stack_for(shown, cache, None)

        return FewShotJudge(
            provider.config, prompt, judge_for, self._examples, feedback, self._labels, triaged=self._triaged
        )
