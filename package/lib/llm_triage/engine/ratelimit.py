"""Client-side rate limits for one provider: requests and tokens per minute, as token buckets.

A search waits here rather than collect 429s: each bucket refills continuously at its per-minute rate
and holds at most one minute's worth. Token counts are estimated before a call and corrected after it,
so a call that used more than estimated delays the next ones. A provider's own Retry-After pauses every
thread at once (`hold`). A request with `patience` that the limits would keep longer goes at once, unsent
and uncounted (engine.fairness.NoTurn), rather than sleep past the time its answer is waited for.
"""

import threading
import time
from typing import Callable, Optional

from llm_triage.engine.fairness import NoTurn

# A wait this short is rounding, not a limit: sleeping it could leave a clock that moves in steps where it was.
_NEGLIGIBLE_WAIT = 1e-6

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class TokenBucket:
    """`per_minute` units a minute, bursting up to a minute's worth; not thread-safe on its own."""

    def __init__(self, per_minute: float, clock: Clock = time.monotonic):
        self.capacity = float(per_minute)
        self._rate = per_minute / 60.0
        self._level = float(per_minute)
        self._clock = clock
        self._at = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._level = min(self.capacity, self._level + (now - self._at) * self._rate)
        self._at = now

    def wait_for(self, amount: float) -> float:
        """Seconds until `amount` (capped at the capacity, so a huge call still goes eventually) is there."""
        self._refill()
        missing = min(amount, self.capacity) - self._level
        return 0.0 if missing <= 0 else missing / self._rate

    def take(self, amount: float) -> None:
        """Spend `amount`; the level may go below zero, which delays later calls."""
        self._refill()
        self._level -= amount

    def give_back(self, amount: float) -> None:
        """Return `amount` (negative: spend more), e.g. when a call used fewer tokens than estimated."""
        self._refill()
        self._level = min(self.capacity, self._level + amount)


class ProviderLimiter:
    """Requests-per-minute and tokens-per-minute limits (0: none) shared by every thread that asks the
    provider; a cluster member's share of a limit may be a fraction (a minute's worth below one request
    still lets one request go, and the next waits until it is paid for)."""

    def __init__(
        self,
        requests_per_minute: float,
        tokens_per_minute: float,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ):
        self._requests = TokenBucket(requests_per_minute, clock) if requests_per_minute > 0 else None
        self._tokens = TokenBucket(tokens_per_minute, clock) if tokens_per_minute > 0 else None
        self._clock = clock
        self._sleep = sleep
        self._held_until = 0.0
        self._lock = threading.Lock()
        self.waited = 0.0  # seconds spent waiting here, over all threads

    def acquire(self, estimated_tokens: int, patience: Optional[float] = None) -> float:
        """Block until one request of about `estimated_tokens` may go, then count it; the seconds it waited.
        NoTurn, with nothing counted, when that would take longer than `patience` seconds (None: no bound)."""
        waited = 0.0
        while True:
            with self._lock:
                wait = self._held_until - self._clock()
                if self._requests is not None:
                    wait = max(wait, self._requests.wait_for(1))
                if self._tokens is not None:
                    wait = max(wait, self._tokens.wait_for(estimated_tokens))
                if wait <= _NEGLIGIBLE_WAIT:
                    if self._requests is not None:
                        self._requests.take(1)
                    if self._tokens is not None:
                        self._tokens.take(estimated_tokens)
                    return waited
                if patience is not None and wait > patience - waited:
                    raise NoTurn
                self.waited += wait
                waited += wait
            self._sleep(wait)

    def settle(self, estimated_tokens: int, used_tokens: int) -> None:
        """Correct the token bucket once a call says what it really used."""
        if self._tokens is not None and used_tokens != estimated_tokens:
            with self._lock:
                self._tokens.give_back(estimated_tokens - used_tokens)

    def hold(self, seconds: float) -> None:
        """Send nothing for `seconds` from now (the provider said Retry-After)."""
        with self._lock:
            self._held_until = max(self._held_until, self._clock() + seconds)
