"""The judges one search asks, put together once, and what it costs.

The provider is chosen once per search (engine.stack.choose_provider). From the top, the search stacks
what is its own: its verdict cache (a local `cache_file`, or one handed in when it asks a provider
directly), its token and cost budget, the provider's concurrency bound with the answers kept in order;
below that, the app's endpoint (RemoteJudge), which keeps the provider's side of the stack, or without
the endpoint (tests, tools) that same provider side built here (engine.stack.provider_stack).
"""

import threading
from dataclasses import dataclass, field, replace
from typing import Callable, Optional, Union

from llm_triage.bounded import remember
from llm_triage.endpoint.client import RemoteJudge, preview
from llm_triage.engine.budget import Budget, BudgetJudge
from llm_triage.engine.cache import CachedJudge, FileVerdictCache, VerdictCache
from llm_triage.engine.concurrency import ConcurrentJudge
from llm_triage.engine.resilience import GuardedJudge, Guards, RetryPolicy, estimate_tokens, instruction_tokens
from llm_triage.engine.stack import choose_provider, provider_stack
from llm_triage.engine.stream import DEFAULT_GROUP_SIZE, TriageEngine
from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import SOURCE_MODEL, STATUS_OK, FieldValue, add_spend, write_answer
from llm_triage.providers.base import Provider, ProviderError
from llm_triage.splunkd.conf import ProviderChoice, SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import TriageSettings
from llm_triage.trust.pseudonyms import Pseudonymizer, file_key
from llm_triage.trust.redaction import scrub_secrets
from llm_triage.verdict.judge import Judge, Judgement
from llm_triage.verdict.prompt import Prompt, prompt_for

PREVIEWS_KEPT = 2000  # dryrun with pseudonyms: previews remembered by bundle hash, at most


@dataclass
class Accounting:
    """What one search's new model calls cost."""

    calls: int = 0
    tokens: int = 0
    prompt_tokens: int = 0
    cached_tokens: int = 0  # of prompt_tokens, served from the provider's prompt cache
    cost: float = 0.0
    latency_ms: int = 0
    cached: int = 0
    repeats: int = 0
    baseline: int = 0
    # Held by whoever counts: rows are enriched side by side (search/finishing.py).
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, judgement: Judgement) -> None:
        """Count one new call's answer."""
        self.calls += 1
        self.tokens += judgement.tokens
        self.prompt_tokens += judgement.prompt_tokens
        self.cached_tokens += judgement.cached_prompt_tokens
        self.cost += judgement.cost
        self.latency_ms += judgement.latency_ms

    def summary(self, rows: int, counts: "dict[str, int]", checks: "tuple[int, int, int]", asked: bool) -> str:
        """The search's message: `rows` by status (`counts`), and when a model was `asked`, what its calls
        cost; `checks`: the injection checks sent, how many found the model swayed, and how many got no answer
        (failed, or not sent: the search's budget spent)."""
        parts = ", ".join(f"{status} {count}" for status, count in sorted(counts.items()))
        text = f"llmtriage: {rows} rows ({parts})"
        if not asked:
            return text
        unanswered = f", {checks[2]} without an answer" if checks[2] else ""
        made = checks[0] or checks[2]
        swayed = f", {checks[0]} injection checks ({checks[1]} swayed{unanswered})" if made else ""
        return (
            f"{text}; {self.calls} model answers{swayed}, {self.cached} from cache, "
            f"{self.repeats} repeats, {self.baseline} baseline buckets; "
            f"{self.tokens} tokens ({self.cached_tokens} of "
            f"{self.prompt_tokens} prompt tokens from the provider's prompt cache), "
            f"cost {self.cost:.4f}, "
            f"model time {self.latency_ms / 1000:.1f}s"
        )


class SearchJudges:
    """The provider one search asks and the judges stacked over it, made on first use; the problems worth
    a message go to `warnings` once each. With `endpoint` the search never reads a key."""

    def __init__(
        self,
        config: SplunkdConfig,
        provider_factory: Callable[..., Provider],
        prompt: Prompt,
        endpoint: Optional[SplunkdRest],
        cache: Optional[VerdictCache],
        policy: RetryPolicy,
        warnings: list[str],
        time_left: Optional[Callable[[], Optional[float]]] = None,
    ):
        self._config = config
        self._time_left = time_left
        self._provider_factory = provider_factory
        self.prompt = prompt  # the batch prompt once a batching provider is chosen
        self._endpoint = endpoint
        self._cache = cache
        self._policy = policy
        self.warnings = warnings
        self.secrets: list[str] = []  # what was read, kept out of every message and trace
        self.key_note = ""  # said with a credentials error: why no key was sent
        self.engine: Optional[TriageEngine] = None
        self._judge: Optional[Judge] = None
        self._problem: Optional[ProviderChoice] = None
        self._guarded: Optional[GuardedJudge] = None  # without the endpoint: the provider's breaker is here
        self._concurrent: Optional[ConcurrentJudge] = None
        self._cached: Optional[CachedJudge] = None
        self._breaker_warnings = 0
        self._cache_warnings = 0
        self._previews: dict[str, tuple[str, str]] = {}

    def judge(
        self, requested: str, timeout: Optional[float], settings: TriageSettings, checks: Optional[bool] = None
    ) -> Union[Judge, ProviderChoice]:
        """The search's provider judge, or the problem every row reports instead; chosen on the first call.
        `checks`: the search asks the injection check of its benign answers (told to the endpoint)."""
        if self._judge is None and self._problem is None:
            self._choose(requested, timeout, settings, checks)
        if self._problem is not None:
            return self._problem
        assert self._judge is not None
        return self._judge

    def refuse(self, problem: ProviderChoice) -> None:
        """No provider for this search: every row reports `problem` (settings the default needs, unread)."""
        self._problem = problem

    def engine_for(self, settings: TriageSettings, max_tokens: Optional[int], max_cost: Optional[float],
                   dryrun: bool) -> TriageEngine:  # fmt: skip
        """The engine over the search's stack, made once the provider is chosen; `max_tokens` and
        `max_cost` replace the settings' budget when given."""
        if self.engine is None:
            assert self._judge is not None
            overhead = instruction_tokens(self.prompt)
            self._concurrent = ConcurrentJudge(self._judge, scrub=lambda text: scrub_secrets(text, self.secrets))
            provider = self._judge.provider
            budget = Budget(
                max_tokens=max_tokens if max_tokens is not None else settings.max_tokens,
                max_cost=max_cost if max_cost is not None else settings.max_cost,
            )
            top: Judge = BudgetJudge(
                self._concurrent, budget, lambda bundle: estimate_tokens(bundle, provider, overhead)
            )
            cache = self._verdict_cache(settings, dryrun)
            if cache is not None:
                top = self._cached = CachedJudge(top, cache, self.prompt.label, settings.cache_ttl)
            group_size = max(DEFAULT_GROUP_SIZE, 4 * self._concurrent.max_concurrency)
            self.engine = TriageEngine(top, group_size=group_size, eager_size=self._concurrent.max_concurrency)
        return self.engine

    @property
    def concurrency(self) -> int:
        """How many model calls the search's engine has in flight at most (1 before it is made)."""
        return self._concurrent.max_concurrency if self._concurrent is not None else 1

    def as_sent(self, bundle: Bundle, settings: TriageSettings) -> tuple[str, str]:
        """What `dryrun` shows: the bundle exactly as it would be sent, and a problem ("" when none). With
        `pseudonymize = 1` the app's endpoint makes the pseudonyms (only it holds the key), so it is asked
        for a preview; when it cannot answer, the text before pseudonymization and why."""
        if not settings.pseudonymize:
            return bundle.text, ""
        known = self._previews.get(bundle.hash)
        if known is None:
            if self._endpoint is not None:
                shown, problem = preview(self._endpoint, bundle)
            else:
                pseudonymizer = local_pseudonymizer(settings)
                shown = pseudonymizer.bundle(bundle).bundle if pseudonymizer is not None else None
                problem = "" if shown is not None else "no readable pseudonym_key_file"
            known = (shown.text, "") if shown is not None else (bundle.text, problem)
            remember(self._previews, bundle.hash, known, PREVIEWS_KEPT)
        return known

    def shown(self, bundle: Bundle, settings: TriageSettings, fields: "dict[str, FieldValue]") -> str:
        """What `dryrun` shows (as_sent); a pseudonymized bundle that could not be made says why in the row."""
        text, problem = self.as_sent(bundle, settings)
        if problem:
            fields["triage_error"] = (
                f"pseudonymize = 1, but the pseudonymized bundle could not be made ({problem}): "
                "triage_bundle shows it before pseudonymization"
            )
        return text

    def apply(
        self, judgement: Judgement, repeat: bool, fields: "dict[str, FieldValue]", accounting: Accounting
    ) -> None:
        """Write one judgement into a row's fields, with what this row's call cost (nothing for a repeat
        or a cached answer: the search's totals, in `accounting`, are the sum of its rows)."""
        if judgement.model:
            fields["triage_model"] = judgement.model
        if not repeat and not judgement.cached and _answered(judgement):
            accounting.add(judgement)
            fields.update(
                triage_tokens=str(judgement.tokens),
                triage_tokens_cached=str(judgement.cached_prompt_tokens),
                triage_cost=f"{judgement.cost:.6f}",
                triage_latency_ms=str(judgement.latency_ms),
            )
        elif judgement.status == STATUS_OK:
            fields.update(triage_tokens="0", triage_tokens_cached="0", triage_cost=f"{0:.6f}", triage_latency_ms="0")
        accounting.cached += judgement.cached
        accounting.repeats += repeat
        if judgement.status == STATUS_OK:
            write_answer(fields, judgement.fields)
            fields.update(
                triage_status=STATUS_OK,
                triage_source=SOURCE_MODEL,
                triage_cached="true" if judgement.cached else "false",
            )
        else:
            message = self.scrubbed(judgement.error)
            if judgement.http_status in (401, 403) and self.key_note:
                message = f"{message}; {self.key_note}"
            fields.update(triage_status=judgement.status, triage_error=message)
        self.note_problems()

    def scrubbed(self, message: str) -> str:
        """An error message without the search's secrets, nor anything shaped like a credential."""
        return scrub_secrets(message, self.secrets)

    def judge_again(
        self, engine: TriageEngine, fields: "dict[str, FieldValue]", accounting: Accounting, bundle: Bundle
    ) -> Judgement:
        """An extra answer (the injection check), in the row's and the search's tokens and cost unless an
        identical bundle was answered earlier in the search or came from the cache. Its error, quoted in the
        row's rationale when it fails, is scrubbed of secrets as a verdict's is."""
        ticket = engine.ticket(bundle)
        judgement = engine.result(ticket)
        if judgement.error:
            judgement = replace(judgement, fields={**judgement.fields, "triage_error": self.scrubbed(judgement.error)})
        with accounting.lock:
            if ticket.repeat or judgement.cached:
                accounting.cached += judgement.cached
                return judgement
            if not _answered(judgement):  # refused before it was sent (budget, breaker) or no answer came
                return judgement
            accounting.add(judgement)
        add_spend(fields, judgement.tokens, judgement.cached_prompt_tokens, judgement.cost)
        return judgement

    def note_problems(self) -> None:
        """Say once in the search's messages when the breaker opened, the endpoint warned, or the cache
        could not be used."""
        if self._guarded is not None and self._guarded.breaker.times_opened > self._breaker_warnings:
            self._breaker_warnings = self._guarded.breaker.times_opened
            self.warnings.append(f"llmtriage: {self._guarded.breaker.refusal(self._guarded.provider.name)}")
        if isinstance(self._judge, RemoteJudge):  # the endpoint's warnings, e.g. an audit trail not written
            self.warnings.extend(warning for warning in self._judge.warnings if warning not in self.warnings)
        if self._cached is not None:
            self.warnings.extend(f"llmtriage: {problem}" for problem in self._cached.problems[self._cache_warnings :])
            self._cache_warnings = len(self._cached.problems)

    def close(self) -> None:
        """Let the engine's threads go (at the end of the search)."""
        if self.engine is not None:
            self.engine.close()
        if self._concurrent is not None:
            self._concurrent.close()

    def _choose(
        self, requested: str, timeout: Optional[float], settings: TriageSettings, checks: Optional[bool]
    ) -> None:
        """Once per search: the provider and the judge over it, or the problem."""
        choice = choose_provider(self._config, requested, settings, self._endpoint is None, timeout)
        self.key_note = choice.note
        if choice.config is None:
            self._problem = choice
            self.warnings.append(f"llmtriage: {choice.problem}")
            return
        config = choice.config
        self.prompt = prompt_for(config.batch_size, self.prompt)
        if self._endpoint is not None:  # the endpoint stacks the provider's side: limits, retries, breaker
            self._judge = RemoteJudge(self._endpoint, config, timeout=timeout, checks=checks, time_left=self._time_left)
            return
        self.secrets.extend((config.api_key, config.proxy.password))
        pseudonymizer = None
        if settings.pseudonymize:  # without the endpoint, pseudonyms are made here, with the key file's key
            pseudonymizer = local_pseudonymizer(settings)
            if pseudonymizer is None:
                problem = "pseudonymize = 1 needs the app's endpoint, or a readable pseudonym_key_file without it"
                self._problem = ProviderChoice(problem=problem)
                return
        try:
            provider = self._provider_factory(config)
        except ProviderError as exc:
            self._problem = ProviderChoice(problem=exc.message)
            return
        # This search's own guards: no other search in this process asks with its key.
        guards = Guards.for_provider(config, self._policy)
        stack = provider_stack(provider, self.prompt, guards, self._policy, pseudonymizer=pseudonymizer)
        self._judge, self._guarded = stack.judge, stack.guarded

    def _verdict_cache(self, settings: TriageSettings, dryrun: bool) -> Optional[VerdictCache]:
        """The cache this search reads and writes itself: a local `cache_file`, or the one handed in when
        the search asks a provider directly. Behind the app's endpoint the shared KV store cache is the
        endpoint's alone (analysts cannot read its collection): it answers and audits cache hits."""
        if settings.cache_ttl <= 0 or dryrun:
            return None
        if settings.cache_file:
            return FileVerdictCache(settings.cache_file)
        return self._cache if self._endpoint is None else None


def local_pseudonymizer(settings: TriageSettings) -> Optional[Pseudonymizer]:
    """Without the app's endpoint (tests, tools): the key from `pseudonym_key_file`, if readable."""
    key = file_key(settings.pseudonym_key_file) if settings.pseudonym_key_file else None
    try:
        return Pseudonymizer(key) if key else None
    except ValueError:
        return None


def _answered(judgement: Judgement) -> bool:
    """Whether a judgement is a provider's answer, to be counted and paid for: a model answered, or the call
    was billed (a judgement refused before sending, by the budget or the breaker, is neither)."""
    return judgement.model != "" or judgement.tokens > 0
