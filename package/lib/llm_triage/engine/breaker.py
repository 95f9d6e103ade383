"""A per-provider circuit breaker: stop asking a provider that keeps failing, and probe it now and then.

Closed: every call goes. After `threshold` unavailable answers in a row it opens: calls are refused at
once (the row says unavailable) instead of each waiting out a time-out. After `cooldown` seconds one
call is let through as a probe (half-open): a success closes the breaker, a failure opens it again.
An answer that was refused (status error) still shows the provider is up, so it resets the count.
A breaker may also be opened from outside (`trip`): another search head saw the provider fail
(engine.shared_breaker), so this one does not wait out its own time-outs to learn it.
"""

import threading
import time
from typing import Callable

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"


class CircuitBreaker:
    """Thread-safe; `clock` is injectable for tests."""

    def __init__(self, threshold: int = 5, cooldown: float = 30.0, clock: Callable[[], float] = time.monotonic):
        self.threshold = max(1, threshold)
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at = 0.0
        self._state = CLOSED
        self.last_failure = ""
        self.times_opened = 0

    @property
    def state(self) -> str:
        """closed, open or half_open."""
        with self._lock:
            return self._state

    def allow(self) -> bool:
        """Whether a call may go now; in the open state, true once per cool-down (the probe)."""
        return bool(self.take())

    def take(self) -> str:
        """`allow`, saying how: CLOSED (any call), HALF_OPEN (this call is the probe) or "" (refused)."""
        with self._lock:
            if self._state == CLOSED:
                return CLOSED
            if self._state == OPEN and self._clock() - self._opened_at >= self.cooldown:
                self._state = HALF_OPEN
                return HALF_OPEN
            return ""

    def probe_not_sent(self) -> None:
        """The probe `take` let through was not sent after all (it got no turn at the provider): the next call
        may probe at once. Without this, a probe that never reports leaves the breaker half-open for good."""
        with self._lock:
            if self._state == HALF_OPEN:
                self._state = OPEN
                self._opened_at = self._clock() - self.cooldown

    def succeeded(self) -> None:
        """The provider answered (whatever it said)."""
        with self._lock:
            self._failures = 0
            self._state = CLOSED

    def failed(self, reason: str) -> None:
        """The provider could not be reached or refused for now."""
        with self._lock:
            self._failures += 1
            self.last_failure = reason
            if self._state == HALF_OPEN or (self._state == CLOSED and self._failures >= self.threshold):
                if self._state == CLOSED:
                    self.times_opened += 1
                self._state = OPEN
                self._opened_at = self._clock()

    def trip(self, reason: str, seconds: float) -> bool:
        """Open a closed breaker for `seconds` (then a probe goes, as after a cool-down) because the provider
        was seen failing elsewhere; whether it was closed."""
        with self._lock:
            if self._state != CLOSED:
                return False
            self._state = OPEN
            self._failures = max(self._failures, self.threshold)
            self.last_failure = reason
            self._opened_at = self._clock() - self.cooldown + max(0.0, min(seconds, self.cooldown))
            return True

    def refusal(self, provider: str) -> str:
        """What a row behind the open breaker says."""
        with self._lock:
            failures, last = self._failures, self.last_failure
        return (
            f"provider {provider!r} unavailable: {failures} failures in a row (last: {last}); "
            f"not asked again for {self.cooldown:g}s"
        )
