"""The evidence the app triaged, as the judge endpoint saw it: what a label may be about.

The judge endpoint (system token) records each verdict request's bundles here, keyed by bundle hash: the
bundle's text as the search sent it (secrets already masked, real names), when it was last triaged and a
triage id it was triaged under. Across triages the record also keeps every bucket an answer gave, what answers
reported as swaying the model and what asking again found (`reported`, endpoint/followed.py), and whether the
injection check of a benign answer is still due (`check`).

A row's evidence is asked about in several bundles: its first, with or without an offer of context searches,
and each with the context those searches found (enrichment, maybe in another search). Each record names that
evidence (`evidence`: the hash of its bundle once offer and context are taken out, enrichment/context.py), and
what any record of the same evidence reports is reported of all of them: a check of the row's first bundle may
come in a later search, after a label named a bundle with context, and a sibling's context may have swayed
the model too (what errs is an example not made). Nobody else can write the collection
(metadata/default.meta), so the feedback endpoint files a label only for evidence recorded here and keeps the
recorded bundle, never one from the request: a label cannot carry evidence the app never triaged into
few-shot examples, and evidence whose record reports anything, or awaits its check, makes none. Rows that
repeat evidence within a search share one inference and one record (their triage ids differ), so the record
is by evidence. The KV store pruning input (inputs/kv_pruning.py) removes records older than `[feedback]
triaged_retention_days` unless a pending label names them or their evidence (a label's `evidence_hash`).

A record is read, merged and written whole, and the KV store has no compare-and-set: two requests on the same
evidence at once (two searches checking the same benign answer, or triaging the same bundle) can each write
what it read before the other wrote, and the later write drops what the earlier one found. So a request also
writes what it adds to a record in records of their own beside it (`<bundle hash>:<fact>`), each written
whole by whoever adds such a fact, never merged: what answers reported (`reported`: every label the writer
knows, so another writer may change the names but never empty it); the wait of the last benign answer for its
check (`awaiting`, a name drawn at random; the bucket it gave with it); and the wait the last check saw
(`checked`). The check is pending until a check has seen the last wait: one that read the record before a
later benign answer wrote its wait leaves that answer unchecked, and no clock decides (a search head's may be
behind another's). Every read of a record folds them in (`lookup`, and the record's relatives), so the next
write of the record holds whatever a race dropped from it. A side record carries its record's evidence, read
and kept with the evidence's records, and its record's `created`, pruned with it. Neither is a bundle hash nor
holds a bundle, so no label can name one."""

import secrets
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from llm_triage import names
from llm_triage.endpoint.identifiers import SHA256, is_shaped
from llm_triage.enrichment.context import evidence_hash
from llm_triage.evidence.bundle import Bundle
from llm_triage.search.swaying import SEVERITY, UNCHECKED
from llm_triage.splunkd.kvstore import Collection

COLLECTION = names.TRIAGED_COLLECTION
PENDING, DONE = "pending", "done"  # a record's `check`: the injection check of its benign answer
MADE = "made"  # a record's hashes of what its bundle makes (endpoint/followed.py)
WITHHELD, WITHOUT_CONTEXT = "withheld", "without_context"  # those hashes: its free text withheld, its context out
EVIDENCE = "evidence"  # a record's evidence: its `made` without_context hash, what its relatives share
# Records of one evidence read at once: more (each one more model call someone paid for) reads as unchecked.
MAX_RELATIVES = 200
# A record's facts kept in records of their own (`<bundle hash>:<fact>`), whatever a race drops from it.
REPORTED, AWAITING, CHECKED = "reported", "awaiting", "checked"
SIDE_FACTS = (REPORTED, AWAITING, CHECKED)
# A benign answer's wait for its check, named at random by the request that writes it; a check names the wait it
# saw. Clocks are no order: a search head's may be behind another's, or step back.
WAIT = "_wait"  # in a record as read: its `_` keeps it out of the record written back
# Evidence hashes in one query: its URL within kvstore.URL_QUERY_CHARS, and its answer (MAX_RELATIVES records
# each, with their side records) under splunkd's max_rows_per_query (limits.conf, 50,000), past which rows are
# left out without a word.
EVIDENCE_PER_QUERY = 60
RELATIVE_DOCUMENTS = MAX_RELATIVES * (1 + len(SIDE_FACTS))


@dataclass
class Findings:
    """What one verdict request tells the records (endpoint/followed.py), by bundle hash."""

    reported: "dict[str, list[str]]" = field(default_factory=dict)  # labels to add: its bundles' or followed ones'
    buckets: "dict[str, str]" = field(default_factory=dict)  # its bundles' buckets, of the answers that were OK
    awaiting: "set[str]" = field(default_factory=set)  # its bundles whose answer an injection check must confirm
    checked: "set[str]" = field(default_factory=set)  # followed evidence a check was asked about
    made: "dict[str, dict[str, str]]" = field(default_factory=dict)  # its bundles': what their texts make
    # Whether the caller asks the checks: a new benign answer then awaits one again; from a search with the check
    # off, a check already done stands (it would never send another).
    checking: bool = True


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
        followed ones, by hash), not read again. Returns what the records it wrote report (of those that
        report anything), by bundle hash and by the evidence each is of (`evidence`): what the approved labels
        on either must carry. Raises splunkd.kvstore.StoreUnavailable."""
        now = round(self._clock(), 3)
        found = findings or Findings()
        bundles = list({bundle.hash: bundle for bundle in bundles}.values())
        followed = (set(found.reported) | found.checked) - {bundle.hash for bundle in bundles}
        read = read or {}
        unread = [digest for digest in [*(bundle.hash for bundle in bundles), *sorted(followed)] if digest not in read]
        earlier = {**read, **self.lookup(unread)}
        documents: dict[str, dict[str, Any]] = {}
        side: list[dict[str, Any]] = []
        reports: dict[str, list[str]] = {}
        for bundle in bundles:
            prior = earlier.get(bundle.hash, {})
            document = {"_key": bundle.hash, "bundle": bundle.text, "triage_id": bundle.triage_id, "actor": actor,
                        "created": now}  # fmt: skip
            seen = list(dict.fromkeys([*_listed(prior, "buckets"), *filter(None, [found.buckets.get(bundle.hash)])]))
            if seen:
                document["buckets"] = seen
            if bundle.hash in found.made:
                document[MADE] = found.made[bundle.hash]
            evidence = found.made.get(bundle.hash, {}).get(WITHOUT_CONTEXT) or evidence_hash(bundle.text)
            if evidence:
                document[EVIDENCE] = evidence
            awaits = bundle.hash in found.awaiting and (found.checking or not prior.get("check"))
            check = PENDING if awaits else prior.get("check")
            if check:
                document["check"] = check
            if awaits:
                side.append(_side(bundle.hash, AWAITING, document, wait=secrets.token_hex(8)))
            documents[bundle.hash] = document
        for digest in sorted(followed):
            if digest in earlier:  # a record pruned meanwhile is not made again; the store's own fields are its
                documents[digest] = {
                    name: value for name, value in earlier[digest].items() if name == "_key" or not name.startswith("_")
                }
        for digest, document in documents.items():
            prior = earlier.get(digest, {})
            if digest in found.checked:
                document["check"] = DONE
                side.append(_side(digest, CHECKED, document, saw=prior.get(WAIT, "")))
            new = found.reported.get(digest, ())
            labels = list(dict.fromkeys([*_listed(prior, "reported"), *new]))
            document.pop("reported", None)
            if labels:
                document["reported"] = labels
            if new:
                side.append(_side(digest, REPORTED, document, reported=labels))
            for key in filter(None, [digest, document.get(EVIDENCE)]) if labels else ():
                kept = reports.setdefault(str(key), [])
                kept.extend(label for label in labels if label not in kept)
        self._collection.save_many([*documents.values(), *side])
        return reports

    def lookup(self, bundle_hashes: Sequence[str]) -> "dict[str, Mapping[str, Any]]":
        """The records of those `bundle_hashes` that have one (a side record's key is none), each with its side
        records folded in (`with_side_facts`); raises splunkd.kvstore.StoreUnavailable."""
        wanted = sorted({digest for digest in bundle_hashes if is_shaped(SHA256, digest)})
        found = self._collection.get_groups(
            [[digest, *(side_key(digest, fact) for fact in SIDE_FACTS)] for digest in wanted]
        )
        return {
            digest: with_side_facts(found[digest], {fact: found.get(side_key(digest, fact), {}) for fact in SIDE_FACTS})
            for digest in wanted
            if digest in found
        }

    def reported(self, bundle_hash: str) -> "list[str]":
        """What answers on this evidence, in any of its bundles (`evidence`), reported as swaying the model,
        with `injection:unchecked` while the check of a benign answer on any of them has not come (whether its
        text swayed the model is unknown); raises StoreUnavailable."""
        record = self.lookup([bundle_hash]).get(bundle_hash, {})
        evidence = evidence_of(record)
        relatives = self.reported_on([evidence]).get(evidence, []) if evidence else []
        return list(dict.fromkeys([*reported_in(record), *relatives]))

    def reported_on(self, evidence: Sequence[str]) -> "dict[str, list[str]]":
        """What the records of each evidence (`evidence` hashes, enrichment/context.evidence_hash) report
        together; evidence with more than MAX_RELATIVES records reads as unchecked. A query per
        EVIDENCE_PER_QUERY of them, which reads no bundle's text. Raises StoreUnavailable."""
        wanted = sorted(set(filter(None, evidence)))
        reports: dict[str, list[str]] = {digest: [] for digest in wanted}
        for start in range(0, len(wanted), EVIDENCE_PER_QUERY):
            group = wanted[start : start + EVIDENCE_PER_QUERY]
            limit = RELATIVE_DOCUMENTS * len(group) + 1
            query = {"$or": [{EVIDENCE: digest} for digest in group]}
            found = self._collection.find(query, limit, fields=("_key", EVIDENCE, "reported", "check", "wait", "saw"))
            counts = dict.fromkeys(group, 0)
            for record in _folded(found):
                digest = str(record.get(EVIDENCE))
                if digest in counts:
                    counts[digest] += 1
                    reports[digest].extend(label for label in reported_in(record) if label not in reports[digest])
            for digest in group:
                if (counts[digest] > MAX_RELATIVES or len(found) >= limit) and UNCHECKED not in reports[digest]:
                    reports[digest].append(UNCHECKED)  # not all read: what the others report is unknown
        return reports


def side_key(digest: str, fact: str) -> str:
    """The key of the record that keeps one of `digest`'s record's facts (SIDE_FACTS)."""
    return f"{digest}:{fact}"


def _side(digest: str, fact: str, document: Mapping[str, Any], **held: Any) -> "dict[str, Any]":
    """The side record of `document` (the record of `digest`) holding `fact`, with the record's evidence, read
    with its relatives, and its `created`, pruned with it."""
    return {"_key": side_key(digest, fact), EVIDENCE: evidence_of(document), "created": document.get("created"), **held}


def with_side_facts(record: Mapping[str, Any], side: Mapping[str, Mapping[str, Any]]) -> "dict[str, Any]":
    """`record` with what its side records (by fact) hold folded in: every label reported; its check pending
    while the last benign answer's wait is one no check has seen, done once a check saw it (or, with no wait
    recorded, once any check came); the benign answer's bucket, which a check is measured against; and the
    wait (`WAIT`), for a check of the record to say it saw."""
    folded = dict(record)
    labels = list(dict.fromkeys([*_listed(record, "reported"), *_listed(side.get(REPORTED, {}), "reported")]))
    if labels:
        folded["reported"] = labels
    awaiting, checked = side.get(AWAITING), side.get(CHECKED)
    if awaiting:
        wait = str(awaiting.get("wait", ""))
        folded[WAIT] = wait
        folded["buckets"] = list(dict.fromkeys([*_listed(record, "buckets"), SEVERITY[0]]))
        folded["check"] = DONE if checked and wait and checked.get("saw") == wait else PENDING
    elif checked:
        folded["check"] = DONE
    return folded


def _folded(documents: Iterable[Mapping[str, Any]]) -> "list[dict[str, Any]]":
    """Records found with their side records among them, each record with its own folded in; a side record
    whose record is gone stands for it (it holds the record's evidence)."""
    records: dict[str, dict[str, Any]] = {}
    side: dict[str, dict[str, Mapping[str, Any]]] = {}
    for document in documents:
        digest, _, fact = str(document.get("_key", "")).partition(":")
        if fact in SIDE_FACTS:
            side.setdefault(digest, {})[fact] = document
        elif not fact:
            records[digest] = dict(document)
    for digest, facts in side.items():
        if digest not in records:
            records[digest] = {EVIDENCE: next(iter(facts.values())).get(EVIDENCE)}
    return [with_side_facts(record, side.get(digest, {})) for digest, record in records.items()]


def evidence_of(record: Mapping[str, Any]) -> str:
    """The evidence a record is of: its `evidence`, or for a record written before records kept it, the hash
    its `made` kept, or failing that its bundle's (found by that hash, its relatives are the newer records)."""
    made = record.get(MADE)
    kept = record.get(EVIDENCE) or (made.get(WITHOUT_CONTEXT) if isinstance(made, dict) else "")
    return str(kept or (evidence_hash(str(record["bundle"])) if record.get("bundle") else ""))


def reported_in(record: Mapping[str, Any]) -> "list[str]":
    """A record's own reports, with `injection:unchecked` while its check is pending."""
    labels = _listed(record, "reported")
    return [*labels, UNCHECKED] if record.get("check") == PENDING and UNCHECKED not in labels else labels


def _listed(record: Mapping[str, Any], name: str) -> "list[str]":
    found = record.get(name)
    return [str(item) for item in found] if isinstance(found, list) else []
