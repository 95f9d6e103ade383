"""Pruning the KV store collections that grow with every triage: the verdict cache and the triaged evidence.

`llm_triage_verdicts` holds one document per bundle, prompt version, provider and model; one older than
`cache_ttl` ([triage] of llm_triage_settings.conf) is never used again (engine/cache.judgement_of), so it is
removed. With `cache_ttl = 0` the cache is off and its documents are left alone: an admin turning it back on
gets what is still within the restored TTL. `llm_triage_triaged` holds one document per bundle the judge
endpoint saw, and beside it a few that keep its facts through a race (`<bundle hash>:<fact>`, with the same
`created` and evidence: feedback/triaged.py); one whose evidence was last triaged more than
`triaged_retention_days` ([feedback]) ago is removed, unless a pending label names it (the label's
`bundle_hash`: the feedback endpoint looks a record up by it while the label awaits review) or its evidence
(the label's `evidence_hash`: approval reads every record of that evidence, whichever of its bundles the label
names). A label once filed keeps its own copy of the evidence, and an approved example its own; what is
reported of an example's evidence after approval is read while its records last.

Deletion is bounded and cannot be widened: each batch finds at most `batch_size` keys older than the cutoff
(only `_key` and the hash of its evidence are read, never the bundle), drops those a pending label protects,
and deletes with queries built as JSON from values,
`{"$and": [{"created": {"$lt": cutoff}}, {"$or": [{"_key": k}, ...]}]}`, so a key is only ever compared for
equality, and a record triaged again meanwhile (its `created` renewed) is not removed; as many queries as
keep each within a URL (splunkd's DELETE takes no body). What was removed is counted by asking which of
those keys are still there, so the count logged is what the KV store lost. At most `max_batches` batches
per collection and run; a larger backlog takes several runs (the report says `more`).
"""

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import quote_plus

from llm_triage import names
from llm_triage.evidence.canonical import canonical_json
from llm_triage.feedback.store import EVIDENCE_HASH, PENDING
from llm_triage.feedback.triaged import EVIDENCE, MADE, evidence_of
from llm_triage.splunkd.kvstore import URL_QUERY_CHARS, Collection, StoreUnavailable

DEFAULT_BATCH_SIZE = 100
# A batch's keys are deleted in as many requests as keep each query within kvstore.URL_QUERY_CHARS (about 70
# keys of 64 hex digits each); reads name keys in POST bodies (batch_find), never in a URL.
MAX_BATCH_SIZE = 200
DEFAULT_MAX_BATCHES = 50
MAX_MAX_BATCHES = 1000
DAY = 86400.0
AUDIT_SOURCETYPE = names.AUDIT_SOURCETYPE
PRUNED = "kv_pruned"  # the audit kind of a pruning run's event


@dataclass(frozen=True)
class PruningParams:
    """One input stanza's settings (inputs.conf `[llm_triage_kv_pruning://<name>]`)."""

    batch_size: int = DEFAULT_BATCH_SIZE
    max_batches: int = DEFAULT_MAX_BATCHES


def parse_params(stanza: Mapping[str, Any]) -> PruningParams:
    """The stanza's parameters, checked; ValueError says which is wrong."""
    numbers = {}
    for key, default, high in (("batch_size", DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE),
                               ("max_batches", DEFAULT_MAX_BATCHES, MAX_MAX_BATCHES)):  # fmt: skip
        text = str(stanza.get(key) or default).strip()
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= high:  # "²" is a digit to isdigit
            raise ValueError(f"{key} must be a whole number from 1 to {high}")
        numbers[key] = int(text)
    return PruningParams(numbers["batch_size"], numbers["max_batches"])


@dataclass
class CollectionReport:
    """What one run did to one collection."""

    removed: int = 0
    kept_pending: int = 0  # past the cutoff, but a pending label names them
    batches: int = 0
    more: bool = False  # max_batches reached with documents past the cutoff left: the next run goes on
    skipped: str = ""  # why the collection was not pruned
    error: str = ""  # why pruning stopped (what was removed before it is counted)


@dataclass
class PruningReport:
    """What one run did, for its log line and its event."""

    verdicts: CollectionReport = field(default_factory=CollectionReport)
    triaged: CollectionReport = field(default_factory=CollectionReport)
    cache_ttl: int = 0
    triaged_retention_days: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.verdicts.error or self.triaged.error)


Protected = Callable[[Sequence[str]], set[str]]
"""Of some keys past the cutoff, those that must stay."""


def expired_query(cutoff: float) -> dict[str, Any]:
    """Documents last written before `cutoff` (a missing or non-numeric `created` matches nothing)."""
    return {"created": {"$lt": float(cutoff)}}


def delete_query(keys: Sequence[str], cutoff: float) -> dict[str, Any]:
    """Exactly the documents of `keys` that are still older than `cutoff`. Keys are values in JSON, each
    compared for equality; anything but a non-empty string is refused rather than sent as an operator."""
    if not keys or not all(isinstance(key, str) and key for key in keys):
        raise ValueError("delete_query needs non-empty string keys")
    return {"$and": [expired_query(cutoff), {"$or": [{"_key": key} for key in keys]}]}


def delete_groups(keys: Sequence[str], cutoff: float) -> list[list[str]]:
    """`keys` in order, in groups whose delete query fits in a URL (URL_QUERY_CHARS once encoded); a key too
    long to fit even alone is in none: it stays, rather than stop every run at it."""
    return url_groups(keys, lambda group: delete_query(group, cutoff), lambda key: {"_key": key})


def url_groups(
    keys: Sequence[str], query: Callable[[list[str]], Any], condition: Callable[[str], Any]
) -> list[list[str]]:
    """`keys` in order, in groups whose `query` (an `$or` of each key's `condition`) fits in a URL."""
    between = len(quote_plus(", "))  # json.dumps's separator between the keys' conditions
    around = len("query=") + _encoded(query(["k"])) - _encoded(condition("k"))
    groups: list[list[str]] = []
    used = 0
    for key in keys:
        size = _encoded(condition(key))
        if around + size > URL_QUERY_CHARS:
            continue
        if groups and used + between + size <= URL_QUERY_CHARS:
            groups[-1].append(key)
            used += between + size
        else:
            groups.append([key])
            used = around + size
    return groups


def _encoded(value: Any) -> int:
    """Characters of `value` as JSON in a URL's query string."""
    return len(quote_plus(json.dumps(value)))


def prune(
    collection: Collection,
    cutoff: float,
    params: PruningParams,
    report: CollectionReport,
    protected: Protected = lambda keys: set(),
) -> None:
    """Remove the documents of `collection` older than `cutoff` that `protected` does not keep, in batches,
    counting into `report`. Stops at the first StoreUnavailable (its message in `report.error`)."""
    skip = 0  # documents past the cutoff that stay (protected, or no usable key): the next find passes them
    try:
        while report.batches < params.max_batches:
            found = collection.find(expired_query(cutoff), limit=params.batch_size, fields=("_key",),
                                    sort="_key", skip=skip)  # fmt: skip
            report.batches += 1
            keys = sorted({d["_key"] for d in found if isinstance(d.get("_key"), str) and d["_key"]})
            keep = protected(keys) & set(keys) if keys else set()
            groups = delete_groups([key for key in keys if key not in keep], cutoff)
            doomed = [key for group in groups for key in group]
            report.kept_pending += len(keep)
            skip += len(found) - len(doomed)
            for group in groups:  # each counted as it goes: a later one refused leaves the count right
                collection.delete_where(delete_query(group, cutoff))
                report.removed += len(group) - len(collection.get_many(group).keys() & set(group))
            if len(found) < params.batch_size:
                return
        report.more = bool(collection.find(expired_query(cutoff), limit=1, fields=("_key",), skip=skip))
    except StoreUnavailable as exc:
        report.error = str(exc)


def pending_references(feedback: Collection, triaged: Collection) -> Protected:
    """Of some triaged-evidence keys (bundle hashes, and their side records'), those a pending label names: by
    its `bundle_hash`, or by its `evidence_hash`, the evidence the record is of whatever enrichment added (its
    `evidence`: approval reads every record of the label's evidence; feedback/triaged.py).

    One batch_find query per key, each asking for one label: a single query for all keys would answer at
    most max_rows_per_query labels (limits.conf), silently, and many labels pending on one key would then
    crowd out the only label of another, whose evidence would go."""

    def named(keys: Sequence[str]) -> set[str]:
        evidence = _evidence_of(triaged, keys)
        queries = []
        for key in keys:
            names_it: list[dict[str, Any]] = [{"bundle_hash": key}]
            if evidence.get(key):
                names_it.append({EVIDENCE_HASH: evidence[key]})
            queries.append({"$and": [{"review_state": PENDING}, {"$or": names_it}]})
        return {key for key, labels in zip(keys, feedback.find_each(queries, limit=1)) if labels}

    return named


def _evidence_of(triaged: Collection, keys: Sequence[str]) -> "dict[str, str]":
    """The evidence each of these records is of (`evidence`, or what `made` kept before records kept it),
    read without their bundles' text."""
    evidence: dict[str, str] = {}
    for group in url_groups(keys, _keys_query, lambda key: {"_key": key}):
        for record in triaged.find(_keys_query(group), fields=("_key", EVIDENCE, MADE)):
            found = evidence_of({name: value for name, value in record.items() if name != "bundle"})
            if found:
                evidence[str(record.get("_key"))] = found
    return evidence


def _keys_query(keys: Sequence[str]) -> "dict[str, Any]":
    """The documents of these keys, as one query's JSON."""
    return {"$or": [{"_key": key} for key in keys]}


def run_input(
    params: PruningParams,
    verdicts: Collection,
    triaged: Collection,
    feedback: Collection,
    cache_ttl: int,
    triaged_retention_days: int,
    clock: Callable[[], float] = time.time,
) -> PruningReport:
    """One run: expired verdicts, then triaged evidence past its retention that no pending label names."""
    now = clock()
    report = PruningReport(cache_ttl=cache_ttl, triaged_retention_days=triaged_retention_days)
    if cache_ttl <= 0:
        report.verdicts.skipped = "cache_ttl is 0 (the cache is off): its documents are left"
    elif cache_ttl >= now:  # no verdict is that old (and a cache_ttl of 400 digits is no float to subtract)
        report.verdicts.skipped = "cache_ttl reaches back before 1970: no verdict is that old"
    else:
        prune(verdicts, now - cache_ttl, params, report.verdicts)
    prune(triaged, now - triaged_retention_days * DAY, params, report.triaged, pending_references(feedback, triaged))
    return report


def summary(report: PruningReport) -> dict[str, Any]:
    """A run's counts and settings: never a key, never evidence."""
    fields: dict[str, Any] = {}
    for name, part in (("verdicts", report.verdicts), ("triaged", report.triaged)):
        fields.update({f"{name}_removed": part.removed, f"{name}_batches": part.batches, f"{name}_more": part.more})
        if part.skipped:
            fields[f"{name}_skipped"] = part.skipped
        if part.error:
            fields[f"{name}_error"] = part.error
    fields["triaged_kept_pending"] = report.triaged.kept_pending
    fields["cache_ttl"] = report.cache_ttl
    fields["triaged_retention_days"] = report.triaged_retention_days
    return fields


def describe(report: PruningReport) -> str:
    """One log line about a run."""
    return canonical_json(summary(report))


def event_of(report: PruningReport, now: float) -> dict[str, Any]:
    """The run's audit event (`triage_audit=kv_pruned`), so what was removed and when can be searched."""
    return {"time": round(now, 3), names.AUDIT_KIND_FIELD: PRUNED, **summary(report)}
