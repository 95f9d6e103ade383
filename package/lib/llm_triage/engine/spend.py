"""Daily spend caps that hold across searches, endpoint processes and search-head cluster members.

The caps: a provider's `max_cost_per_day`, and a user's daily token quota (the largest of the quotas
of the user's roles). Splunk's KV store has no atomic increment or conditional update, so there is no
shared counter to read, add to and write back: each endpoint process keeps its own usage records (one
per UTC day, provider, model and user; requests, tokens, cost, requests throttled and refused), writes
them whole under keys only it writes, and reads every process's records of the day to sum them. No
write can lose another's.

`SpendLedger` answers "may this request go?" from memory: what this process spent and has in flight
(reserved at a cautious estimate until the answer settles it), plus what the other processes had
spent when their records were last read. It writes its own records and reads everyone's at most every
`sync_seconds` (5 s), on the request path of whichever request finds them stale. A cap can so be
overshot by what the other processes spent that this one has not seen yet: their records are as they
last wrote them, read when this one last read, so up to two sync intervals of every other process's
spending, plus what is in flight elsewhere and the estimates' error. Two members each spending 0.02 a
second against a cap of 1.0 passed it by 0.09 (tests/llm_triage/engine/test_spend.py; the bound there
is 0.21). With the store unreachable the caps still hold for this process's own spend, and the search is told.
"""

import hashlib
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Protocol

from llm_triage.engine.budget import cautious_cost
from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import STATUS_SKIPPED_DAILY_COST, STATUS_SKIPPED_DAILY_QUOTA
from llm_triage.verdict.batching import model_requests
from llm_triage.verdict.judge import Judge, Judgement, failed

SYNC_SECONDS = 5.0
# After a failed sync, the next waits this long: each attempt on a hung store holds the request that makes it.
RETRY_SECONDS = 60.0


class UsageStore(Protocol):
    """Where usage records are kept (llm_triage.splunkd.usage: a KV store collection)."""

    def save(self, records: Sequence[Mapping[str, Any]]) -> None:
        """Insert or replace `records`, each with its `_key`."""

    def of_day(self, day: str) -> list[Mapping[str, Any]]:
        """Every process's records of `day` (YYYY-MM-DD, UTC)."""


@dataclass(frozen=True)
class Caps:
    """What one request may not push past; 0: no cap."""

    cost_per_day: float = 0.0  # the provider's max_cost_per_day
    tokens_per_day: int = 0  # the user's daily token quota
    quota_role: str = ""  # the role whose quota that is, for the message


@dataclass
class UsageRecord:
    """One process's usage of one provider and model by one user on one day."""

    day: str
    member: str
    process: str
    provider: str
    model: str
    user: str
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    throttled: int = 0  # requests that waited for a slot or the rate limits
    refused: int = 0  # bundles a daily cap kept from being sent
    updated: float = field(default=0.0)

    @property
    def key(self) -> str:
        """Its KV store key: only this process writes it."""
        parts = "\x1f".join((self.day, self.member, self.process, self.provider, self.model, self.user))
        return f"{self.day}_{hashlib.sha256(parts.encode('utf-8')).hexdigest()[:32]}"

    def document(self) -> dict[str, Any]:
        """The record as stored."""
        return {
            "_key": self.key,
            "day": self.day,
            "member": self.member,
            "process": self.process,
            "provider": self.provider,
            "model": self.model,
            "user": self.user,
            "requests": self.requests,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "tokens": self.prompt_tokens + self.completion_tokens,
            "cost": round(self.cost, 8),
            "throttled": self.throttled,
            "refused": self.refused,
            "updated": round(self.updated, 3),
        }


def utc_day(now: float) -> str:
    """The UTC date of `now` (epoch seconds): caps reset at midnight UTC."""
    return time.strftime("%Y-%m-%d", time.gmtime(now))


class SpendLedger:
    """One endpoint process's view of the day's spend; thread-safe."""

    def __init__(
        self,
        store: UsageStore,
        member: str,
        process: str,
        clock: Callable[[], float] = time.time,
        sync_seconds: float = SYNC_SECONDS,
    ):
        self._store = store
        self.member = member
        self.process = process
        self._clock = clock
        self.sync_seconds = sync_seconds
        self._lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._day = ""
        self._records: dict[tuple[str, str, str], UsageRecord] = {}  # (provider, model, user)
        self._dirty = False
        self._unsaved: list[dict[str, Any]] = []  # the last day's records, when it ended before they were written
        self._others_cost: dict[str, float] = {}  # by provider, other processes, as last read
        self._others_tokens: dict[str, int] = {}  # by user
        self._reserved_cost: dict[str, float] = {}
        self._reserved_tokens: dict[str, int] = {}
        self._next_sync = float("-inf")  # when the records are next written and read
        self.syncs = 0
        self.last_problem = ""  # why the store could not be used at the last sync ("" when it could)

    def reserve(self, provider: str, user: str, caps: Caps, tokens: int, cost: float) -> tuple[str, str]:
        """("", "") and the estimate reserved when a request of about `tokens` and `cost` fits under `caps`;
        else the status and the message of the cap it would pass (and nothing is reserved)."""
        self.sync()
        with self._lock:
            self._roll_over()
            if caps.cost_per_day:
                spent = self._others_cost.get(provider, 0.0) + self._own_cost(provider)
                if spent + self._reserved_cost.get(provider, 0.0) + cost > caps.cost_per_day:
                    return STATUS_SKIPPED_DAILY_COST, (
                        f"daily cost cap max_cost_per_day={caps.cost_per_day:g} of provider {provider!r} reached "
                        f"({spent:.4f} spent today, UTC, by every search head); not sent until 00:00 UTC"
                    )
            if caps.tokens_per_day:
                spent_tokens = self._others_tokens.get(user, 0) + self._own_tokens(user)
                if spent_tokens + self._reserved_tokens.get(user, 0) + tokens > caps.tokens_per_day:
                    return STATUS_SKIPPED_DAILY_QUOTA, (
                        f"daily token quota {caps.tokens_per_day} of role {caps.quota_role!r} reached for "
                        f"{user!r} ({spent_tokens} tokens today, UTC, by every search head); not sent until "
                        "00:00 UTC"
                    )
            self._reserved_cost[provider] = self._reserved_cost.get(provider, 0.0) + cost
            self._reserved_tokens[user] = self._reserved_tokens.get(user, 0) + tokens
            return "", ""

    def settle(
        self,
        provider: str,
        model: str,
        user: str,
        reserved: tuple[int, float],
        used: tuple[int, int, float],
    ) -> None:
        """Release a reservation of (tokens, cost) and count what the answer `used`: (prompt tokens,
        completion tokens, cost)."""
        tokens, cost = reserved
        with self._lock:
            self._reserved_cost[provider] = self._reserved_cost.get(provider, 0.0) - cost
            self._reserved_tokens[user] = self._reserved_tokens.get(user, 0) - tokens
            record = self._record(provider, model, user)
            record.prompt_tokens += used[0]
            record.completion_tokens += used[1]
            record.cost += used[2]

    def note(
        self, provider: str, model: str, user: str, requests: int = 0, throttled: int = 0, refused: int = 0
    ) -> None:
        """Count requests sent, requests throttled and bundles refused by a limit, for the usage dashboard."""
        if not requests and not throttled and not refused:
            return
        with self._lock:
            record = self._record(provider, model, user)
            record.requests += requests
            record.throttled += throttled
            record.refused += refused

    def spent(self, provider: str = "", user: str = "") -> tuple[float, int]:
        """(cost of `provider`, tokens of `user`) spent today by every process, as this one knows it."""
        with self._lock:
            self._roll_over()
            return (
                self._others_cost.get(provider, 0.0) + self._own_cost(provider),
                self._others_tokens.get(user, 0) + self._own_tokens(user),
            )

    def sync(self, force: bool = False) -> None:
        """Write this process's records and read everyone's, when the last sync is `sync_seconds` old
        (or `force`); one thread syncs while the others go on with what was last read."""
        if not force and self._clock() < self._next_sync:
            return
        if not self._sync_lock.acquire(blocking=False):
            return
        try:
            with self._lock:
                self._roll_over()
                day = self._day
                documents = [record.document() for record in self._records.values()] if self._dirty else []
                documents, self._unsaved = self._unsaved + documents, []
                self._dirty = False
            self._next_sync = self._clock() + self.sync_seconds
            try:
                if documents:
                    self._store.save(documents)
                everyone = self._store.of_day(day)
            except Exception as exc:  # whatever the store raised: the caps hold on this process's own spend
                with self._lock:
                    self._dirty = self._dirty or bool(documents)
                    self._unsaved = [document for document in documents if document["day"] != self._day]
                self.last_problem = f"usage records unavailable ({_safe(exc)}); daily caps count this process only"
                self._next_sync = self._clock() + max(self.sync_seconds, RETRY_SECONDS)
                return
            self.last_problem = ""
            self.syncs += 1
            others_cost: dict[str, float] = {}
            others_tokens: dict[str, int] = {}
            for document in everyone:
                if document.get("process") == self.process and document.get("member") == self.member:
                    continue  # this process's own: memory is newer
                provider, user = str(document.get("provider", "")), str(document.get("user", ""))
                others_cost[provider] = others_cost.get(provider, 0.0) + _number(document.get("cost"))
                others_tokens[user] = others_tokens.get(user, 0) + int(_number(document.get("tokens")))
            with self._lock:
                if self._day == day:
                    self._others_cost, self._others_tokens = others_cost, others_tokens
        finally:
            self._sync_lock.release()

    def _record(self, provider: str, model: str, user: str) -> UsageRecord:
        """This process's record of today for (provider, model, user); the caller holds the lock."""
        self._roll_over()
        key = (provider, model, user)
        record = self._records.get(key)
        if record is None:
            record = UsageRecord(self._day, self.member, self.process, provider, model, user)
            self._records[key] = record
        record.updated = self._clock()
        self._dirty = True
        return record

    def _roll_over(self) -> None:
        """A new UTC day starts every count anew (yesterday's records stay in the store for the dashboard)."""
        today = utc_day(self._clock())
        if today != self._day:
            if self._dirty:
                self._unsaved.extend(record.document() for record in self._records.values())
                self._dirty = False
            self._day = today
            self._records = {}
            self._others_cost, self._others_tokens = {}, {}

    def _own_cost(self, provider: str) -> float:
        return sum(record.cost for (name, _, _), record in self._records.items() if name == provider)

    def _own_tokens(self, user: str) -> int:
        return sum(
            record.prompt_tokens + record.completion_tokens
            for (_, _, name), record in self._records.items()
            if name == user
        )


def _number(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if number == number and number >= 0 else 0.0


def _safe(exc: Exception) -> str:
    """An exception as a warning may show it: its message when it is the store's own (written to be
    safe), its class otherwise."""
    return str(exc)[:200] if exc.__class__.__name__ == "StoreUnavailable" else exc.__class__.__name__


class DailyCapJudge:
    """Sends only the bundles the day's caps still cover, counting what each answer spent; thread-safe.

    Sits where only new calls pass (below the verdict cache, above the guarded calls), as BudgetJudge does
    for a search's own budget; bundles past a cap come back at once with the cap's status and message."""

    def __init__(
        self,
        inner: Judge,
        ledger: SpendLedger,
        user: str,
        caps: Caps,
        estimate: Callable[[Bundle], int],
    ):
        self._inner = inner
        self.provider = inner.provider
        self._ledger = ledger
        self._user = user
        self._caps = caps
        self._estimate = estimate
        self.refused: list[Judgement] = []  # one per bundle refused (the first says which cap)

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """Judgements for the bundles under the caps, a cap's status for the rest, in order: one model
        request's bundles at a time, each reserved just before it goes, so a reservation never holds back
        more than the requests in flight."""
        results: list[Judgement] = []
        for group in model_requests(bundles, self.provider):
            results.extend(self._judge_group(group))
        return results

    def _judge_group(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        config = self.provider
        results: list[Optional[Judgement]] = [None] * len(bundles)
        admitted: list[tuple[int, int, float]] = []
        for index, bundle in enumerate(bundles):
            tokens = self._estimate(bundle)
            cost = cautious_cost(config, tokens)
            status, message = self._ledger.reserve(config.name, self._user, self._caps, tokens, cost)
            if status:
                refusal = failed(status, message, asked=False)
                results[index] = refusal
                self.refused.append(refusal)
            else:
                admitted.append((index, tokens, cost))
        if len(admitted) < len(bundles):
            self._ledger.note(config.name, config.model, self._user, refused=len(bundles) - len(admitted))
        answers: list[Judgement] = []
        try:
            answers = self._inner.judge([bundles[index] for index, _, _ in admitted]) if admitted else []
        finally:  # a reservation is always released, whatever the inner judge did
            for position, (index, tokens, cost) in enumerate(admitted):
                judgement = answers[position] if position < len(answers) else None
                used = (0, 0, 0.0) if judgement is None or judgement.cached else _used(judgement)
                model = judgement.model if judgement is not None and judgement.model else config.model
                self._ledger.settle(config.name, model, self._user, (tokens, cost), used)
                if judgement is not None:
                    results[index] = judgement
        return [judgement for judgement in results if judgement is not None]


def _used(judgement: Judgement) -> tuple[int, int, float]:
    return judgement.prompt_tokens, judgement.completion_tokens, judgement.cost
