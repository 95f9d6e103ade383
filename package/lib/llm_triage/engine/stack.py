"""The one place a provider is chosen and its judge put together.

From the provider up, the provider side of the stack (`provider_stack`):
    ProviderJudge        the request on the provider's wire format; each answer checked
    GuardedJudge         rate limits, retries with backoff, the circuit breaker: one set per provider,
                         shared by every request this process serves (`PROCESS_GUARDS`)
    PseudonymizingJudge  with `pseudonymize` on: the model sees pseudonyms, the row gets real names
    DailyCapJudge        with a ledger (the endpoint's): the day's caps across search heads, usage counted
    CachedJudge          only misses go further; keyed by the real bundle
The app's endpoint builds it with the key it reads; a search builds it only when it asks a provider
itself (a local key, tests). Over whatever answers it, a search stacks what is its own: bounded,
ordered concurrency and its budget (search.triage), its deadline in the request to the endpoint.
"""

import threading
import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Callable, Optional

from llm_triage.engine.cache import CachedJudge, VerdictCache
from llm_triage.engine.resilience import (
    DEFAULT_POLICY,
    GuardedJudge,
    Guards,
    RetryPolicy,
    estimate_tokens,
    instruction_tokens,
)
from llm_triage.engine.spend import Caps, DailyCapJudge, SpendLedger
from llm_triage.providers.base import Provider, ProviderConfig
from llm_triage.splunkd.conf import ProviderChoice, SplunkdConfig
from llm_triage.splunkd.settings import TriageSettings
from llm_triage.trust.pseudonyms import Pseudonymizer, PseudonymizingJudge
from llm_triage.verdict.judge import Judge, ProviderJudge
from llm_triage.verdict.prompt import Prompt


class SharedGuards:
    """Each provider's rate limits, fair gate and breaker, made once and shared by every caller in this process."""

    def __init__(
        self,
        policy: RetryPolicy = DEFAULT_POLICY,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.policy = policy
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._guards: dict[Hashable, Guards] = {}

    def for_provider(self, config: ProviderConfig, members: int = 1) -> Guards:
        """The guards of `config`'s provider, holding this process's share when `members` search heads share
        the provider's limits; an admin's change of its address, model or limits (or of the cluster's size)
        starts anew."""
        key = (config.name, config.type, config.base_url, config.model, config.requests_per_minute,
               config.tokens_per_minute, config.max_concurrency, members)  # fmt: skip
        with self._lock:
            guards = self._guards.get(key)
            if guards is None:
                guards = Guards.for_provider(config, self.policy, self._clock, self._sleep, members)
                self._guards[key] = guards
            return guards

    def clear(self) -> None:
        """Forget every provider's guards (a test starting clean)."""
        with self._lock:
            self._guards.clear()


PROCESS_GUARDS = SharedGuards()  # a persistent endpoint process serves many searches: they share these


@dataclass(frozen=True)
class ProviderStack:
    """The top of the stack, and the layers callers read from: the guarded layer (its breaker, for
    warnings) and the pseudonymizing one (what was sent, for the audit trail)."""

    judge: Judge
    guarded: GuardedJudge
    pseudonymizing: Optional[PseudonymizingJudge]
    capped: Optional[DailyCapJudge] = None


def provider_stack(
    provider: Provider,
    prompt: Prompt,
    guards: Guards,
    policy: RetryPolicy = DEFAULT_POLICY,
    secrets: Sequence[str] = (),
    pseudonymizer: Optional[Pseudonymizer] = None,
    cache: Optional[VerdictCache] = None,
    cache_ttl: int = 0,
    search: str = "",
    user: str = "",
    ledger: Optional[SpendLedger] = None,
    caps: Optional[Caps] = None,
    deadline: Optional[float] = None,
) -> ProviderStack:
    """The provider side of the stack over `provider`, asking with `prompt` (see the module's docstring);
    `search` and `user` name whose turn its requests take at the provider's fair gate, and whose spend the
    `ledger` counts against `caps`; no call that could end past `deadline` (time.monotonic) is sent (GuardedJudge)."""
    asker = ProviderJudge(provider, prompt, secrets=secrets)
    overhead = instruction_tokens(asker.prompt)
    guarded = GuardedJudge(
        asker, policy, overhead_tokens=overhead, guards=guards, search=search, user=user, deadline=deadline
    )
    judge: Judge = guarded
    pseudonymizing = None
    if pseudonymizer is not None:
        judge = pseudonymizing = PseudonymizingJudge(guarded, pseudonymizer)
    capped = None
    if ledger is not None:
        config = provider.config
        judge = capped = DailyCapJudge(
            judge, ledger, user, caps or Caps(), lambda b: estimate_tokens(b, config, overhead)
        )
    if cache is not None and cache_ttl > 0:
        judge = CachedJudge(judge, cache, asker.prompt_label, cache_ttl)
    return ProviderStack(judge, guarded, pseudonymizing, capped)


def choose_provider(
    config: SplunkdConfig, requested: str, settings: TriageSettings, with_key: bool, timeout: Optional[float]
) -> ProviderChoice:
    """The provider `requested` (or the default) as `config` reads it, with the caller's `timeout` in place
    of the configured one when given; the problem instead when it cannot be used. Never raises."""
    choice = config.provider(requested, settings, with_key=with_key)
    if choice.config is None or not timeout:
        return choice
    return replace(choice, config=replace(choice.config, timeout=timeout))
