"""Fair turns at one provider for the searches an endpoint process serves at once.

Every model request of every search takes a turn at the provider's `FairGate` before it may go: while
it holds the turn it waits for a free slot (at most `capacity` requests in flight, the provider's
`max_concurrency`) and for the provider's rate limits, then lets the turn go and makes its call. One
request holds the turn at a time, so the order of turns is the order requests are let through, by the
slots and by the rate limits alike. When several searches wait, the turn goes to the user with the
fewest requests in flight, then to the search with the fewest, then to the one let through least
recently, then first come first served: a search with 8 threads and one with 1 alternate, instead of
the first taking 8 turns in 9. The user comes first because the search's name is the caller's word
(its sid): a user naming each request a new search still shares turns with the other users as one.

A request may bring its `patience`: the seconds it waits for its turn and a slot at most. A search stops
waiting for the endpoint's answer at some point; a request still queued then would be sent, and paid for,
with nobody to read its answer, so it leaves the queue unsent instead (`NoTurn`).
"""

import itertools
import threading
import time
from typing import Optional

_REMEMBERED_SEARCHES = 1000  # when a search was last let through, for this many searches at most


class NoTurn(Exception):
    """A request's patience ran out before its turn came: it was not let through."""


class FairGate:
    """Thread-safe; `enter` blocks, `admitted` and `leave` never do."""

    def __init__(self, capacity: int):
        self.capacity = max(1, capacity)
        self._cond = threading.Condition()
        self._arrivals = itertools.count()
        self._waiting: list[tuple[str, int]] = []  # (search, arrival)
        self._turn_held = False
        self._in_flight: dict[str, int] = {}
        self._users_in_flight: dict[str, int] = {}
        self._users: dict[str, str] = {}  # each search in flight or waiting: its user
        self._last_let_through: dict[str, int] = {}
        self._let_through = 0
        self.queued = 0  # requests that had to wait for their turn or a slot

    @property
    def in_flight(self) -> int:
        """Requests let through and not yet back."""
        with self._cond:
            return sum(self._in_flight.values())

    def enter(self, search: str, user: str = "", patience: Optional[float] = None) -> bool:
        """Wait for the turn of `search` (of `user`) and a free slot, for `patience` seconds at most (None: as
        long as it takes); whether it had to wait. Call `admitted` once the rate limits let it go, and `leave`
        when its call is over. NoTurn when the patience ran out first; the request then holds nothing."""
        deadline = None if patience is None else time.monotonic() + patience
        with self._cond:
            self._users[search] = user
            me = (search, next(self._arrivals))
            self._waiting.append(me)
            waited = False
            while self._turn_held or self._next() != me or sum(self._in_flight.values()) >= self.capacity:
                waited = True
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    self._give_up(me)
                    raise NoTurn
                self._cond.wait(left)
            self._waiting.remove(me)
            self._turn_held = True
            self._in_flight[search] = self._in_flight.get(search, 0) + 1
            self._users_in_flight[user] = self._users_in_flight.get(user, 0) + 1
            self._let_through += 1
            self._last_let_through[search] = self._let_through
            if len(self._last_let_through) > _REMEMBERED_SEARCHES:
                oldest = min(self._last_let_through, key=self._last_let_through.__getitem__)
                del self._last_let_through[oldest]
            if waited:
                self.queued += 1
            return waited

    def admitted(self) -> None:
        """The turn holder passed the rate limits: the next request may take its turn."""
        with self._cond:
            self._turn_held = False
            self._cond.notify_all()

    def leave(self, search: str) -> None:
        """A request of `search` let through is over: its slot is free."""
        with self._cond:
            user = self._users.get(search, "")
            _count_down(self._in_flight, search)
            _count_down(self._users_in_flight, user)
            self._gone(search)

    def _give_up(self, waiter: tuple[str, int]) -> None:
        """`waiter` leaves the queue unserved: the next in line may now hold the turn. Holding the lock."""
        self._waiting.remove(waiter)
        self._gone(waiter[0])

    def _gone(self, search: str) -> None:
        """A request of `search` left the gate: its user is forgotten once none of its requests is in flight or
        waiting, and the waiters look again. Holding the lock."""
        if search not in self._in_flight and all(waiter[0] != search for waiter in self._waiting):
            self._users.pop(search, None)
        self._cond.notify_all()

    def _next(self) -> Optional[tuple[str, int]]:
        """The waiter whose turn it is: fewest in flight (its user's, then its search's), let through least
        recently, arrived first."""
        if not self._waiting:
            return None
        return min(
            self._waiting,
            key=lambda waiter: (
                self._users_in_flight.get(self._users.get(waiter[0], ""), 0),
                self._in_flight.get(waiter[0], 0),
                self._last_let_through.get(waiter[0], 0),
                waiter[1],
            ),
        )


def _count_down(counts: dict[str, int], name: str) -> None:
    left = counts.get(name, 0) - 1
    if left > 0:
        counts[name] = left
    else:
        counts.pop(name, None)
