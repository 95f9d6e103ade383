"""Asking a provider politely and not forever: rate limits, retries with backoff, a circuit breaker.

`GuardedJudge` wraps any judge and asks it one request at a time: one bundle, or a group of up to the
provider's `batch_size` bundles that goes to the model in one request. Before each attempt it waits for
the provider's rate limits (a request, and its estimated tokens); an unavailable answer (connection
failure, time-out, 429, 5xx) is retried with exponential backoff and jitter, or after the provider's own
Retry-After when it gave one; and the provider's circuit breaker, shared by every thread that asks it,
refuses calls at once once it is open. Callers that should share limits and a breaker (every request an
endpoint process serves for one provider: engine.stack) hand in the same `Guards`, whose fair gate
(engine.fairness) bounds the requests in flight to `max_concurrency` and takes turns between searches.
In a search-head cluster each member's guards hold its `share` of the provider's limits.
An answer the provider gave but that was refused (status error) is not retried: the same evidence would
get the same answer. Retries happen only within the provider's `timeout` from the first attempt, so a
time-out is not retried (the server may still be working on it) and no row waits much longer than two
time-outs once its request is first let through. A retry asks again about the group's bundles that were
unavailable, together; a request counts once for the breaker (a success when any of its bundles was
answered).

A judge given a `deadline` (the endpoint's: when the search that waits for the answer stops waiting, less
the endpoint's own work after the calls) sends no call that could end after it: a request not let through
by one time-out before the deadline, or a retry not let through by then or within a time-out of the first
attempt, is not sent (the row says the provider was busy), so nothing is paid for that nobody reads.

So a dead provider costs a search about one time-out per thread before the breaker opens, not one per row.
"""

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Callable, Optional

from llm_triage.engine.breaker import HALF_OPEN, CircuitBreaker
from llm_triage.engine.fairness import FairGate, NoTurn
from llm_triage.engine.ratelimit import ProviderLimiter
from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import STATUS_UNAVAILABLE
from llm_triage.providers.base import ProviderConfig
from llm_triage.verdict.batching import model_requests, request_size
from llm_triage.verdict.judge import Judge, Judgement, failed
from llm_triage.verdict.prompt import Prompt

CHARS_PER_TOKEN = 4  # a rough, cautious estimate for rate limits and budgets; the provider's count settles it


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. Defaults suit a provider with 30 s time-outs; tests shrink the delays."""

    max_attempts: int = 3  # per bundle, the first call included
    base_delay: float = 0.5  # seconds before the first retry; doubles each time
    max_delay: float = 8.0
    max_retry_after: float = 30.0  # a longer Retry-After is not waited for: the row says unavailable
    breaker_threshold: int = 5  # unavailable answers in a row that open the breaker
    breaker_cooldown: float = 30.0  # seconds before an open breaker lets one probe through


DEFAULT_POLICY = RetryPolicy()


def instruction_tokens(prompt: Prompt) -> int:
    """The estimated tokens of what `prompt` sends with every request: its instructions and template."""
    return (len(prompt.system) + len(prompt.user_template)) // CHARS_PER_TOKEN


def estimate_tokens(bundle: Bundle, provider: ProviderConfig, overhead_tokens: int) -> int:
    """A bundle's likely share of prompt and completion tokens: the bundle, its share of the instructions
    (all of them without batching), half the output cap."""
    overhead = overhead_tokens // request_size(provider)
    return len(bundle.text) // CHARS_PER_TOKEN + overhead + provider.max_output_tokens // 2


def estimate_request_tokens(bundles: Sequence[Bundle], provider: ProviderConfig, overhead_tokens: int) -> int:
    """One request's likely prompt and completion tokens: its bundles, the instructions once, half the
    output cap per bundle."""
    texts = sum(len(bundle.text) // CHARS_PER_TOKEN for bundle in bundles)
    return texts + overhead_tokens + len(bundles) * (provider.max_output_tokens // 2)


@dataclass(frozen=True)
class Guards:
    """A provider's rate limits, fair gate and circuit breaker: one set for every caller that shares them."""

    limiter: ProviderLimiter
    breaker: CircuitBreaker
    gate: FairGate

    @classmethod
    def for_provider(
        cls,
        provider: ProviderConfig,
        policy: RetryPolicy = RetryPolicy(),
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        members: int = 1,
    ) -> "Guards":
        """New limits, gate and a closed breaker for `provider`, each limit this process's share when
        `members` search heads share it: requests and tokens per minute divided by `members`, concurrency
        too (at least one request each)."""
        members = max(1, members)
        limiter = ProviderLimiter(
            provider.requests_per_minute / members, provider.tokens_per_minute / members, clock=clock, sleep=sleep
        )
        breaker = CircuitBreaker(policy.breaker_threshold, policy.breaker_cooldown, clock=clock)
        return cls(limiter, breaker, FairGate(max(1, provider.max_concurrency // members)))


class GuardedJudge:
    """Rate-limited, retried, circuit-broken calls to an inner judge, one bundle at a time; thread-safe."""

    def __init__(
        self,
        inner: Judge,
        policy: RetryPolicy = RetryPolicy(),
        overhead_tokens: int = 0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Optional[Callable[[], float]] = None,
        guards: Optional["Guards"] = None,
        search: str = "",
        user: str = "",
        deadline: Optional[float] = None,
    ):
        self._inner = inner
        self.provider = inner.provider
        self.policy = policy
        self.deadline = deadline  # on `clock`: by when every call must have ended; None: no bound
        self._overhead = overhead_tokens
        self._clock = clock
        self._sleep = sleep
        self._jitter: Callable[[], float] = jitter or random.random
        guards = guards or Guards.for_provider(self.provider, policy, clock, sleep)
        self.limiter = guards.limiter
        self.breaker = guards.breaker
        self.gate = guards.gate
        self.search = search  # whose turn a request takes at the gate: this search, of this user
        self.user = user
        self.attempts = 0
        self.retries = 0
        self.throttled = 0  # requests that waited for a slot or the rate limits
        self.not_sent = 0  # requests that got no slot or rate-limit turn in time (a deadline), and were not sent

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One judgement per bundle, in order: a request per bundle, or per `batch_size` bundles; never raises."""
        return [
            judgement for request in model_requests(bundles, self.provider) for judgement in self.judge_group(request)
        ]

    def judge_one(self, bundle: Bundle) -> Judgement:
        """Ask about one bundle in a request of its own."""
        return self.judge_group([bundle])[0]

    def judge_group(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """Ask about `bundles` in one request, retrying those still unavailable, together, while the
        breaker allows."""
        results: list[Optional[Judgement]] = [None] * len(bundles)
        pending = list(range(len(bundles)))
        last: Optional[Judgement] = None
        tried = 0
        started = self._clock()  # once the first attempt is let through: when it was
        busy = False  # a retry got no turn in time
        for attempt in range(self.policy.max_attempts):
            allowed = self.breaker.take()
            if not allowed:
                # After the first attempt the pending bundles have left once: the audit trail must say so.
                refusal = failed(STATUS_UNAVAILABLE, self.breaker.refusal(self.provider.name), asked=attempt > 0)
                for index in pending:
                    results[index] = refusal
                return _complete(results)
            group = [bundles[index] for index in pending]
            estimate = estimate_request_tokens(group, self.provider, self._overhead)
            patience = self._patience(attempt, started)
            try:
                judgements, admitted = self._call(group, estimate, patience)
            except NoTurn:
                if allowed == HALF_OPEN:
                    self.breaker.probe_not_sent()
                if attempt:  # the retry's bundles keep the last attempt's answer
                    busy = True
                    break
                self.not_sent += 1
                for index in pending:
                    results[index] = failed(STATUS_UNAVAILABLE, self._not_sent(patience), asked=False)
                return _complete(results)
            if attempt:
                self.retries += 1
            else:
                started = admitted
            tried += 1
            if len(judgements) != len(group):
                raise ValueError(f"the judge gave {len(judgements)} judgements for {len(group)} bundles")
            self.limiter.settle(estimate, sum(judgement.tokens for judgement in judgements))
            still: list[int] = []
            for index, judgement in zip(pending, judgements):
                results[index] = judgement
                if judgement.status == STATUS_UNAVAILABLE:
                    still.append(index)
                    last = judgement
            if len(still) < len(pending):
                self.breaker.succeeded()
            if not still:
                return _complete(results)
            if len(still) == len(pending):
                assert last is not None
                self.breaker.failed(last.error)
            pending = still
            assert last is not None
            if attempt + 1 == self.policy.max_attempts:
                break
            delay = self._delay(attempt, last.retry_after)
            if delay is None or self._clock() - started + delay >= self.provider.timeout:
                break
            if last.retry_after is not None:
                self.limiter.hold(delay)  # the provider asked everyone to wait, not just this call
            else:
                self._sleep(delay)
        if self.policy.max_attempts > 1:
            for index in pending:
                gave_up = results[index]
                assert gave_up is not None
                ending = self._ending(gave_up, tried, busy)
                results[index] = replace(gave_up, fields={"triage_error": f"{gave_up.error} ({ending})"})
        return _complete(results)

    def _patience(self, attempt: int, started: float) -> Optional[float]:
        """How long this attempt may wait to be let through (None: as long as it takes): until one time-out
        before the deadline, so that its call ends by then; a retry, also within a time-out of the first."""
        if self.deadline is None:
            return None
        latest = self.deadline - self.provider.timeout
        if attempt:
            latest = min(latest, started + self.provider.timeout)
        return latest - self._clock()

    def _call(self, group: Sequence[Bundle], estimate: int, patience: Optional[float]) -> tuple[list[Judgement], float]:
        """One request, once the gate gives it a turn and a slot and the rate limits let it go, within
        `patience` seconds (NoTurn when not); its judgements and when it was let through."""
        if patience is not None and patience < 0:
            raise NoTurn  # too late already: even a free slot would send a call that ends past the deadline
        given = self._clock()
        waited = self.gate.enter(self.search, self.user, patience)
        try:
            try:
                left = None if patience is None else max(0.0, patience - (self._clock() - given))
                waited = self.limiter.acquire(estimate, left) > 0 or waited
            finally:
                self.gate.admitted()
            self.attempts += 1
            if waited:
                self.throttled += 1
            admitted = self._clock()
            return self._inner.judge(group), admitted
        finally:
            self.gate.leave(self.search)

    def _not_sent(self, patience: Optional[float]) -> str:
        """Why a request was not sent: too little of the search's wait was left for a call, or the provider's
        slots or rate limits stayed taken until then."""
        if patience is not None and patience < 0:
            return (
                f"not sent to provider {self.provider.name}: too little of the search's wait was left for a call "
                f"of up to {self.provider.timeout:g}s"
            )
        return (
            f"provider {self.provider.name} was busy: not sent, as no slot or rate-limit turn came in time for "
            f"the search's wait (max_concurrency {self.provider.max_concurrency}; raise it or the rate limits, "
            "or triage fewer rows at once)"
        )

    def _delay(self, attempt: int, retry_after: Optional[float]) -> Optional[float]:
        """Seconds before the next attempt; None when the provider asked for longer than we wait."""
        if retry_after is not None:
            if retry_after > self.policy.max_retry_after:
                return None
            return retry_after + self._jitter() * min(1.0, retry_after * 0.1)
        ceiling = min(self.policy.max_delay, self.policy.base_delay * 2.0**attempt)
        return ceiling / 2 + self._jitter() * ceiling / 2  # "equal jitter": never zero, never in lockstep

    def _ending(self, last: Judgement, tried: int, busy: bool) -> str:
        """How the retries ended, for the row's error."""
        if last.retry_after is not None and last.retry_after > self.policy.max_retry_after:
            return f"Retry-After {last.retry_after:g}s is longer than {self.policy.max_retry_after:g}s; not retried"
        made = f"{tried} attempts" if tried > 1 else "1 attempt"
        return f"{made}; the provider was busy for another in time" if busy else made


def _complete(results: Sequence[Optional[Judgement]]) -> list[Judgement]:
    """Every bundle's judgement, once each has one."""
    done = [judgement for judgement in results if judgement is not None]
    assert len(done) == len(results)
    return done
