"""The evidence the app triaged, as the judge endpoint saw it: what a label may be about.

The judge endpoint (system token) records each verdict request's bundles here, keyed by bundle hash: the
bundle's text as the search sent it (secrets already masked, real names), when it was last triaged and a
triage id it was triaged under. Across triages the record also keeps every bucket an answer gave, what answers
reported as swaying the model and what asking again found (`reported`, endpoint/followed.py), and whether the
injection check of a benign answer is still due (`check`). A record of a bundle with context (enrichment asks
about a row again with its context searches' results) names the evidence it followed (`bases`), and reads
those records' reports, round by round, as its own: a check of the row's first bundle may come in a later
search, after a label named the bundle with context. Nobody else can write the collection
(metadata/default.meta), so the feedback endpoint files a label only for evidence recorded here and keeps the
recorded bundle, never one from the request: a label cannot carry evidence the app never triaged into
few-shot examples, and evidence whose record reports anything, or awaits its check, makes none. Rows that
repeat evidence within a search share one inference and one record (their triage ids differ), so the record
is by evidence. The KV store pruning input (inputs/kv_pruning.py) removes records older than `[feedback]
triaged_retention_days` that no pending label names by its `bundle_hash`."""

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from llm_triage import names
from llm_triage.evidence.bundle import Bundle
from llm_triage.search.swaying import UNCHECKED
from llm_triage.splunkd.kvstore import Collection

COLLECTION = names.TRIAGED_COLLECTION
PENDING, DONE = "pending", "done"  # a record's `check`: the injection check of its benign answer
MADE = "made"  # a record's hashes of what its bundle makes (endpoint/followed.py)
WITHHELD, WITHOUT_CONTEXT = "withheld", "without_context"  # those hashes: its free text withheld, its context out
BASES = "bases"  # a record's evidence it was asked again about with context (enrichment's rounds)
MAX_ROUNDS = 3  # enrichment's rounds at most ([enrichment] max_rounds): how far back `bases` are read


@dataclass
class Findings:
    """What one verdict request tells the records (endpoint/followed.py), by bundle hash."""

    reported: "dict[str, list[str]]" = field(default_factory=dict)  # labels to add: its bundles' or followed ones'
    buckets: "dict[str, str]" = field(default_factory=dict)  # its bundles' buckets, of the answers that were OK
    awaiting: "set[str]" = field(default_factory=set)  # its bundles whose answer an injection check must confirm
    checked: "set[str]" = field(default_factory=set)  # followed evidence a check was asked about
    made: "dict[str, dict[str, str]]" = field(default_factory=dict)  # its bundles': what their texts make
    bases: "dict[str, str]" = field(default_factory=dict)  # its bundles with context: the evidence each followed


class TriagedEvidence:
    """Records and looks up triaged evidence in the KV store, with the system token's access."""

    def __init__(self, collection: Collection, clock: Callable[[], float] = time.time) -> None:
        self._collection = collection
        self._clock = clock

    def record(
        self,
        bundles: Iterable[Bundle],
        actor: str,
        findings: Optional[Findings] = None,
        read: Optional[Mapping[str, Mapping[str, Any]]] = None,
    ) -> "dict[str, list[str]]":
        """Record each distinct bundle's evidence with what the request found (`findings`). Each record keeps,
        across triages, every bucket an answer gave, what answers reported as swaying the model, and whether
        the injection check of a benign answer is still `pending`; a followed record takes what was found of
        it and keeps all else. A later triage of the same evidence (an answer refused, an older prompt, a
        model that did not report this time) only adds. `read`: records this request has read already (the
        followed ones, by hash), not read again. Returns the reports of the records whose reports grew, by
        bundle hash. Raises splunkd.kvstore.StoreUnavailable."""
        now = round(self._clock(), 3)
        found = findings or Findings()
        bundles = list({bundle.hash: bundle for bundle in bundles}.values())
        followed = (set(found.reported) | found.checked) - {bundle.hash for bundle in bundles}
        read = read or {}
        unread = [digest for digest in [*(bundle.hash for bundle in bundles), *sorted(followed)] if digest not in read]
        earlier = {**read, **self._collection.get_many(unread)}
        documents: dict[str, dict[str, Any]] = {}
        grown: dict[str, list[str]] = {}
        for bundle in bundles:
            prior = earlier.get(bundle.hash, {})
            document = {"_key": bundle.hash, "bundle": bundle.text, "triage_id": bundle.triage_id, "actor": actor,
                        "created": now}  # fmt: skip
            seen = list(dict.fromkeys([*_listed(prior, "buckets"), *filter(None, [found.buckets.get(bundle.hash)])]))
            if seen:
                document["buckets"] = seen
            if bundle.hash in found.made:
                document[MADE] = found.made[bundle.hash]
            bases = list(dict.fromkeys([*_listed(prior, BASES), *filter(None, [found.bases.get(bundle.hash)])]))
            if bases:
                document[BASES] = bases
            check = PENDING if bundle.hash in found.awaiting else prior.get("check")
            if check:
                document["check"] = check
            documents[bundle.hash] = document
        for digest in sorted(followed):
            if digest in earlier:  # a record pruned meanwhile is not made again; the store's own fields are its
                documents[digest] = {
                    name: value for name, value in earlier[digest].items() if name == "_key" or not name.startswith("_")
                }
        for digest, document in documents.items():
            if digest in found.checked:
                document["check"] = DONE
            before = _listed(earlier.get(digest, {}), "reported")
            labels = list(dict.fromkeys([*before, *found.reported.get(digest, ())]))
            document.pop("reported", None)
            if labels:
                document["reported"] = labels
            if len(labels) > len(before):
                grown[digest] = labels
        self._collection.save_many(list(documents.values()))
        return grown

    def lookup(self, bundle_hashes: Sequence[str]) -> "dict[str, Mapping[str, Any]]":
        """The records of those `bundle_hashes` that have one; raises splunkd.kvstore.StoreUnavailable."""
        return dict(self._collection.get_many(bundle_hashes))

    def reported(self, bundle_hash: str) -> "list[str]":
        """What answers on this evidence, or on the evidence it followed (`bases`, round by round), reported as
        swaying the model, with `injection:unchecked` while the check of a benign answer on any of them has not
        come (whether its text swayed the model is unknown); raises StoreUnavailable."""
        return self._reports(self.lookup([bundle_hash])).get(bundle_hash, [])

    def flagged(self, bundle_hashes: Sequence[str]) -> "set[str]":
        """Those of `bundle_hashes` whose record, or one it followed, has something `reported` says; evidence
        no longer recorded (pruned past its retention) is not. Raises StoreUnavailable."""
        return {digest for digest, labels in self._reports(self.lookup(bundle_hashes)).items() if labels}

    def reaching(self, grown: Mapping[str, Sequence[str]]) -> "dict[str, list[str]]":
        """Reports that grew (`record`'s answer, by bundle hash), with the evidence that followed each with
        context and so reads them as its own (`bases`, round by round): what the approved labels on each must
        take. One query per evidence and round, in POST bodies (batch_find)."""
        reach = {digest: list(labels) for digest, labels in grown.items()}
        frontier = dict(reach)
        for _ in range(MAX_ROUNDS):
            found = self._collection.find_each([{BASES: digest} for digest in sorted(frontier)]) if frontier else []
            followers: dict[str, list[str]] = {}
            for digest, documents in zip(sorted(frontier), found):
                for document in documents:
                    key = document.get("_key")
                    if isinstance(key, str) and key:
                        kept = followers.setdefault(key, [])
                        kept.extend(label for label in frontier[digest] if label not in kept)
            frontier = {}
            for key, labels in followers.items():
                kept = reach.setdefault(key, [])
                new = [label for label in labels if label not in kept]
                kept.extend(new)
                if new:
                    frontier[key] = new
        return reach

    def _reports(self, records: Mapping[str, Mapping[str, Any]]) -> "dict[str, list[str]]":
        """Each record's reports (`reported_in`) with those of the records it followed (`bases`), round by
        round. A record it followed that is gone (pruned past its retention; the pruning input keeps it while a
        pending label names its follower) adds nothing, as evidence no longer recorded is not flagged."""
        known: dict[str, Mapping[str, Any]] = dict(records)
        wanted = {base for record in records.values() for base in _listed(record, BASES)}
        for _ in range(MAX_ROUNDS):
            unread = sorted(wanted - set(known))
            if not unread:
                break
            read = self.lookup(unread)
            known.update(read)
            wanted = {base for record in read.values() for base in _listed(record, BASES)}
        reports: dict[str, list[str]] = {}
        for digest in records:
            labels: list[str] = []
            unseen, seen = [digest], set()
            while unseen:
                current = unseen.pop()
                if current in seen or current not in known:
                    continue
                seen.add(current)
                labels.extend(reported_in(known[current]))
                unseen.extend(_listed(known[current], BASES))
            reports[digest] = list(dict.fromkeys(labels))
        return reports


def reported_in(record: Mapping[str, Any]) -> "list[str]":
    """A record's own reports, with `injection:unchecked` while its check is pending."""
    labels = _listed(record, "reported")
    return [*labels, UNCHECKED] if record.get("check") == PENDING and UNCHECKED not in labels else labels


def _listed(record: Mapping[str, Any], name: str) -> "list[str]":
    found = record.get(name)
    return [str(item) for item in found] if isinstance(found, list) else []
