"""Test doubles for the engine's layers: bundles, a scripted judge, a fake clock."""

import json
import threading
import time
from collections.abc import Sequence
from typing import Callable, Optional

from llm_triage.evidence.bundle import Bundle
from llm_triage.providers.base import ProviderConfig
from llm_triage.verdict.judge import Judgement


def bundle(name: str, refs: Sequence[str] = ()) -> Bundle:
    """A bundle whose hash is its name."""
    return Bundle(
        profile="generic/1",
        text=f'{{"b":"{name}"}}',
        hash=name,
        refs=tuple(refs or (f"ev:{name}/user",)),
        event_ref=f"ev:{name}",
    )


def provider(**changes: object) -> ProviderConfig:
    values: dict = {"name": "lab", "type": "openai_compatible", "base_url": "http://127.0.0.1:9/v1", "model": "m1"}
    values.update(changes)
    return ProviderConfig(**values)


class ScriptedJudge:
    """Answers each bundle with `answer(bundle)`; records calls; tracks how many ran at once."""

    def __init__(
        self, answer: Callable[[Bundle], Judgement], config: Optional[ProviderConfig] = None, delay: float = 0.0
    ):
        self.provider = config or provider()
        self.answer = answer
        self.delay = delay
        self.calls: list[str] = []
        self.in_flight = 0
        self.peak = 0
        self._lock = threading.Lock()

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        with self._lock:
            self.calls.extend(b.hash for b in bundles)
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        try:
            if self.delay:
                time.sleep(self.delay)
            return [self.answer(b) for b in bundles]
        finally:
            with self._lock:
                self.in_flight -= 1


class FakeClock:
    """Time that moves only when something sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class MemoryCache:
    """A verdict cache in memory, its records through JSON as the KV store keeps them."""

    def __init__(self):  # type: ignore[no-untyped-def]
        self.records = {}
        self.lookups = []

    def lookup(self, keys):  # type: ignore[no-untyped-def]
        self.lookups.append(list(keys))
        return {key: json.loads(json.dumps(self.records[key])) for key in keys if key in self.records}

    def store(self, records):  # type: ignore[no-untyped-def]
        self.records.update(json.loads(json.dumps(records)))
