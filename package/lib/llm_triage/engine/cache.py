"""The verdict cache: the same evidence, asked the same way of the same model, is answered once.

A verdict is keyed by the bundle's hash, the prompt version (which carries the prompt's content hash),
the provider and the model, and reused for `ttl` seconds. `CachedJudge` wraps any judge: it looks every
bundle up in one batch, asks the inner judge about the misses only, and stores the answers that passed
every check. A cached verdict is checked again before it is used (its evidence must be the bundle's
own), so a damaged or planted entry costs a cache miss, never a wrong citation.

Where the cache is written decides who can plant verdicts: see `VerdictCache`.
"""

import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Callable, Optional, Protocol

from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import STATUS_OK, VERDICT_FIELDS, FieldValue
from llm_triage.trust.injection.detector import UNPLACED_BY_MODEL, reported_labels
from llm_triage.verdict.judge import Judge, Judgement
from llm_triage.verdict.schema import BUCKETS_FOR_VERDICT

LOG = logging.getLogger("llm_triage")
Record = dict[str, Any]
_VERDICT_NAMES = frozenset(VERDICT_FIELDS)
REPORTED = "triage_injection"  # the fields the answer reported as swaying it: kept with its verdict, when any
_LIST_FIELDS = {"triage_evidence", "triage_attack", "triage_questions"}


class CacheUnavailable(Exception):
    """The cache could not be read or written; the message is safe to show. Triage goes on without it."""


class VerdictCache(Protocol):
    """Stored verdicts by key. Whoever may write here may decide verdicts for any evidence: only the
    component that asked the model itself (the command today, the app's REST endpoint later) should."""

    def lookup(self, keys: Sequence[str]) -> dict[str, Record]:
        """The stored records of those `keys` that have one; raises CacheUnavailable."""
        ...  # pragma: no cover

    def store(self, records: Mapping[str, Record]) -> None:
        """Insert or replace records by key; raises CacheUnavailable."""
        ...  # pragma: no cover


@dataclass(frozen=True)
class CacheKey:
    """What makes two verdicts interchangeable."""

    bundle_hash: str
    prompt_version: str
    provider: str
    model: str

    @property
    def id(self) -> str:
        """A fixed-length key (the KV store's _key) for these four."""
        text = json.dumps([self.bundle_hash, self.prompt_version, self.provider, self.model])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_of(key: CacheKey, judgement: Judgement, now: float) -> Record:
    """The stored form of an accepted judgement."""
    return {
        "bundle_hash": key.bundle_hash,
        "prompt_version": key.prompt_version,
        "provider": key.provider,
        "model": key.model,
        "answered_by": judgement.model,
        "fields": {name: judgement.fields[name] for name in (*VERDICT_FIELDS, REPORTED) if name in judgement.fields},
        "prompt_tokens": judgement.prompt_tokens,
        "cached_prompt_tokens": judgement.cached_prompt_tokens,
        "cache_write_tokens": judgement.cache_write_tokens,
        "completion_tokens": judgement.completion_tokens,
        "latency_ms": judgement.latency_ms,
        "cost": judgement.cost,
        "created": now,
    }


def judgement_of(record: Record, key: CacheKey, bundle: Bundle, ttl: float, now: float) -> Optional[Judgement]:
    """The judgement a record holds for `bundle`, or None when it is stale, for other evidence or malformed."""
    try:
        if (record["bundle_hash"], record["prompt_version"], record["provider"], record["model"]) != (
            key.bundle_hash,
            key.prompt_version,
            key.provider,
            key.model,
        ):
            return None
        if not now - float(record["created"]) < ttl:
            return None
        fields = _verdict_fields(record["fields"], bundle)
        if fields is None:
            return None
        return Judgement(
            STATUS_OK,
            fields=fields,
            model=str(record.get("answered_by", "")),
            prompt_tokens=int(record.get("prompt_tokens", 0)),
            cached_prompt_tokens=int(record.get("cached_prompt_tokens", 0)),
            cache_write_tokens=int(record.get("cache_write_tokens", 0)),
            completion_tokens=int(record.get("completion_tokens", 0)),
            latency_ms=int(record.get("latency_ms", 0)),
            cost=float(record.get("cost", 0.0)),
            cached=True,
        )
    except (KeyError, TypeError, ValueError):
        return None


def _verdict_fields(stored: Any, bundle: Bundle) -> Optional[dict[str, FieldValue]]:
    if not isinstance(stored, dict) or stored.keys() - {REPORTED} != _VERDICT_NAMES:
        return None
    fields: dict[str, FieldValue] = {}
    for name in VERDICT_FIELDS:
        value = stored[name]
        if name in _LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                return None
            fields[name] = list(value)
        elif isinstance(value, str):
            fields[name] = value
        else:
            return None
    if fields["triage_bucket"] not in BUCKETS_FOR_VERDICT.get(str(fields["triage_verdict"]), ()):
        return None
    if not set(fields["triage_evidence"]) <= set(bundle.refs):
        return None
    if REPORTED in stored:  # a label for a field of this bundle, as its answer gave it
        reported = stored[REPORTED]
        placeable = {*reported_labels(bundle.refs, bundle.refs), UNPLACED_BY_MODEL}
        if not isinstance(reported, list) or not reported or not all(label in placeable for label in reported):
            return None
        fields[REPORTED] = [str(label) for label in reported]
    return fields


class CachedJudge:
    """Answers from `cache` when it can, asks `inner` otherwise, and stores what `inner` got right.

    The shared KV store cache has one reader and writer, the app's endpoint, which called the model; a
    search keeps its own only with a local `cache_file` or when it asks a provider directly.
    """

    def __init__(
        self,
        inner: Judge,
        cache: VerdictCache,
        prompt_version: str,
        ttl: float,
        clock: Callable[[], float] = time.time,
    ):
        self._inner = inner
        self.provider = inner.provider
        self._cache = cache
        self._prompt_version = prompt_version
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self.hits = 0
        self.problems: list[str] = []  # why the cache could not be used, each said once

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One judgement per bundle, in order; never raises."""
        name, model = self.provider.name, self.provider.model
        keys = [CacheKey(bundle.hash, self._prompt_version, name, model) for bundle in bundles]
        ids = [key.id for key in keys]  # each a hash: computed once
        now = self._clock()
        try:
            found = self._cache.lookup(sorted(set(ids)))
        except CacheUnavailable as exc:
            self._note(f"verdict cache not read: {exc}")
            found = {}
        results: list[Optional[Judgement]] = []
        misses: list[int] = []
        for index, (bundle, key, key_id) in enumerate(zip(bundles, keys, ids)):
            record = found.get(key_id)
            hit = judgement_of(record, key, bundle, self._ttl, now) if record is not None else None
            results.append(hit)
            if hit is None:
                misses.append(index)
        with self._lock:
            self.hits += len(bundles) - len(misses)
        if misses:
            answers = self._inner.judge([bundles[index] for index in misses])
            fresh: dict[str, Record] = {}
            for index, judgement in zip(misses, answers):
                results[index] = judgement
                if judgement.status == STATUS_OK and not judgement.cached:
                    fresh[ids[index]] = record_of(keys[index], judgement, self._clock())
            if fresh:
                try:
                    self._cache.store(fresh)
                except CacheUnavailable as exc:
                    self._note(f"verdict cache not written: {exc}")
        return [judgement for judgement in results if judgement is not None]

    def _note(self, problem: str) -> None:
        with self._lock:
            if problem not in self.problems:
                self.problems.append(problem)
                LOG.warning("llmtriage: %s", problem)


class FileVerdictCache:
    """Verdicts in a JSON-lines file (later lines win): for tools/search runs and single machines only.

    Loading only sorts the lines by key; a line is parsed when its key is first looked up, so a search
    that needs a few verdicts of a large file does not pay for parsing all of them.
    """

    def __init__(self, path: str):
        self.path = path
        self._records: dict[str, Record] = {}  # parsed, and stored by this process
        self._lines: Optional[dict[str, list[str]]] = None  # not parsed yet: each key's lines, oldest first
        self._lock = threading.Lock()

    def lookup(self, keys: Sequence[str]) -> dict[str, Record]:
        """Stored records by key."""
        with self._lock:
            lines = self._load()
            found = {}
            for key in keys:
                if key in lines:
                    record = _newest_record(key, lines.pop(key))
                    if record is not None:
                        self._records[key] = record
                if key in self._records:
                    found[key] = self._records[key]
            return found

    def store(self, records: Mapping[str, Record]) -> None:
        """Append the records to the file."""
        lines = "".join(json.dumps({"_key": key, **record}, sort_keys=True) + "\n" for key, record in records.items())
        with self._lock:
            unparsed = self._load()
            for key in records:
                unparsed.pop(key, None)  # older than these
            self._records.update(records)
            try:
                with open(self.path, "a", encoding="utf-8") as handle:
                    handle.write(lines)
            except OSError as exc:
                raise CacheUnavailable(f"cannot write {os.path.basename(self.path)}: {exc.strerror}") from None

    def _load(self) -> dict[str, list[str]]:
        if self._lines is None:
            self._lines = {}
            try:
                with open(self.path, encoding="utf-8") as handle:
                    for line in handle:
                        key = _key_of(line)
                        if key is not None:
                            self._lines.setdefault(key, []).append(line)
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise CacheUnavailable(f"cannot read {os.path.basename(self.path)}: {exc.strerror}") from None
        return self._lines


# How store() writes a line (sorted keys put `_key` first): its key can be read without parsing the line.
_KEYED_LINE = re.compile(r'\{"_key": "([0-9a-f]{64})", ')


def _key_of(line: str) -> Optional[str]:
    """The `_key` of a line of the file, or None when the line is no record (a torn last line)."""
    match = _KEYED_LINE.match(line)
    if match is not None:
        return match.group(1)
    record = _parsed(line)
    return None if record is None else str(record["_key"])


def _newest_record(key: str, lines: Sequence[str]) -> Optional[Record]:
    """The record of the last of `lines` that is whole and holds `key`, without its `_key`."""
    for line in reversed(lines):
        record = _parsed(line)
        if record is not None and str(record.pop("_key")) == key:
            return record
    return None


def _parsed(line: str) -> Optional[Record]:
    try:
        record = json.loads(line)
    except ValueError:
        return None  # a torn last line from an interrupted run
    return record if isinstance(record, dict) and "_key" in record else None
