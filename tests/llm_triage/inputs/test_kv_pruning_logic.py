"""KV store pruning's logic: against the feedback endpoint's own service over the stand-in's KV store (what a
pending label needs stays, and what pruning removes can no longer be labelled), and the delete's query as
it leaves the process."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from llm_triage.evidence.bundle import Bundle
from llm_triage.feedback.examples import ExampleStore
from llm_triage.feedback.requests import Decision, Label
from llm_triage.feedback.service import NOT_TRIAGED, FeedbackService
from llm_triage.feedback.settings import FeedbackSettings
from llm_triage.feedback.store import FeedbackStore
from llm_triage.feedback.triaged import COLLECTION, TriagedEvidence
from llm_triage.inputs import kv_pruning
from llm_triage.splunkd.kvstore import Collection, Document
from llm_triage.splunkd.rest import SplunkdRest
from tests.llm_triage.feedback.feedback_kv import Clock, Kv, identity_bundle, kv_store

T1, T2, T3 = "1" * 24, "2" * 24, "3" * 24
DAY = 86400.0


@pytest.fixture
def kv() -> Iterator[Kv]:
    yield from kv_store()


def prune(kv: Kv, clock: Clock, retention_days: int = 90) -> kv_pruning.PruningReport:
    kv.standin.content.set_stanza("collections", "llm_triage_verdicts", {})
    return kv_pruning.run_input(
        kv_pruning.PruningParams(),
        Collection(kv.rest, "llm_triage_verdicts"),
        Collection(kv.rest, COLLECTION),
        Collection(kv.rest, "llm_triage_feedback"),
        cache_ttl=86400,
        triaged_retention_days=retention_days,
        clock=clock,
    )


def test_a_pending_label_keeps_its_evidence_and_pruned_evidence_can_no_longer_be_labelled(kv: Kv) -> None:
    clock = Clock()
    triaged = TriagedEvidence(Collection(kv.rest, COLLECTION), clock)
    service = FeedbackService(
        FeedbackStore(kv.rest), ExampleStore(kv.rest), FeedbackSettings(), lambda events: None, triaged, clock
    )
    evidence = {user: identity_bundle(user) for user in ("ana@example.com", "bo@example.com", "cy@example.com")}
    triaged.record([Bundle("identity/2", text, digest, (), "") for text, digest in evidence.values()], "sam")
    (a_text, a_hash), (b_text, b_hash), (c_text, c_hash) = evidence.values()
    (pending,) = service.file("rita", "s1", [Label(T1, "false_positive", bundle_hash=a_hash)])
    (approved,) = service.file("rita", "s1", [Label(T3, "true_positive", bundle_hash=c_hash)])
    service.review("lee", "s2", [Decision(approved["key"], "approve")])

    clock.now += 91 * DAY
    report = prune(kv, clock)

    assert set(kv.docs(COLLECTION)) == {a_hash}  # the pending label's; the approved one keeps its own copy
    assert (report.triaged.removed, report.triaged.kept_pending) == (2, 1)
    assert kv.docs("llm_triage_examples")[approved["key"]]["bundle"] == c_text
    assert kv.docs()[pending["key"]]["bundle"] == a_text
    refused, filed = service.file("sam", "s3", [Label(T2, "false_positive", bundle_hash=b_hash),
                                                Label(T1, "true_positive", bundle_hash=a_hash)])  # fmt: skip
    assert (refused["status"], refused["reason"]) == ("refused", NOT_TRIAGED)
    assert filed["status"] == "filed" and "rita said false_positive" in filed["conflict"]

    service.review("lee", "s4", [Decision(pending["key"], "reject", "not a false positive")])
    service.review("lee", "s4", [Decision(filed["key"], "approve")])
    assert prune(kv, clock).triaged.removed == 1 and kv.docs(COLLECTION) == {}  # nothing pending names it now


def test_evidence_triaged_again_is_renewed_and_stays(kv: Kv) -> None:
    clock = Clock()
    triaged = TriagedEvidence(Collection(kv.rest, COLLECTION), clock)
    text, digest = identity_bundle("ana@example.com")
    triaged.record([Bundle("identity/2", text, digest, (), "")], "sam")
    clock.now += 89 * DAY
    triaged.record([Bundle("identity/2", text, digest, (), "")], "sam")  # the judge endpoint saw it again
    clock.now += 2 * DAY
    assert prune(kv, clock).triaged.removed == 0 and set(kv.docs(COLLECTION)) == {digest}


def test_labels_pending_on_one_bundle_cannot_crowd_out_another_bundles_label(kv: Kv) -> None:
    """splunkd answers a find with at most max_rows_per_query documents and says nothing of the rest: one
    query for every key's pending labels, answered with bundle a's many, would leave b's label unseen and b's
    evidence deleted. Asked key by key, each key's answer holds its own label."""
    clock = Clock()
    old = clock.now - 100 * DAY
    (a_text, a_hash), (b_text, b_hash) = evidence = [identity_bundle(u) for u in ("ana@example.com", "bo@example.com")]
    kv.kvstore.collections[COLLECTION] = {h: {"_key": h, "bundle": text, "created": old} for text, h in evidence}
    labels = [(f"a{n}", a_hash) for n in range(4)] + [("b0", b_hash)]
    kv.kvstore.collections["llm_triage_feedback"] = {
        key: {"_key": key, "bundle_hash": digest, "review_state": "pending", "created": old} for key, digest in labels
    }
    kv.kvstore.max_rows_per_query = 3
    report = prune(kv, clock)
    assert set(kv.docs(COLLECTION)) == {a_hash, b_hash}
    assert (report.triaged.removed, report.triaged.kept_pending, report.triaged.error) == (0, 2, "")


@pytest.mark.parametrize(
    ("label", "kept"),
    [
        ({"bundle_hash": "second", "evidence_hash": "row"}, {"offer", "first", "second"}),
        ({"bundle_hash": "second"}, {"second"}),  # a label filed before labels named their evidence
        ({"bundle_hash": "elsewhere", "evidence_hash": "row"}, {"offer", "first", "second"}),
        ({}, set()),
    ],
    ids=["on a bundle with context", "by its bundle alone", "on a bundle since pruned", "none"],
)
def test_a_pending_label_keeps_every_record_of_its_evidence(kv: Kv, label: dict, kept: set) -> None:
    """Approval reads every record of the label's evidence (the row's first bundle, offered or not, and each
    with context): a check of the first may come after the label was filed. While it is pending, they stay."""
    clock = Clock()
    old = clock.now - 100 * DAY
    digests = {name: f"{n:064x}" for n, name in enumerate(("offer", "first", "second", "other", "row", "x"), 1)}
    evidence = {"offer": "row", "first": "row", "second": "row", "other": "x"}
    kv.kvstore.collections[COLLECTION] = {
        digests[name]: {"_key": digests[name], "bundle": name, "created": old, "evidence": digests[of]}
        for name, of in evidence.items()
    }
    if label:
        names = {name: digests.get(value, value) for name, value in label.items()}
        kv.kvstore.collections["llm_triage_feedback"] = {
            "l1": {"_key": "l1", **names, "review_state": "pending", "created": old}
        }
    report = prune(kv, clock)
    assert {doc["bundle"] for doc in kv.docs(COLLECTION).values()} == kept
    assert (report.triaged.removed, report.triaged.kept_pending, report.triaged.error) == (4 - len(kept), len(kept), "")


def test_a_record_written_before_records_named_their_evidence_is_kept_by_what_it_made(kv: Kv) -> None:
    clock = Clock()
    old = clock.now - 100 * DAY
    row, first = "a" * 64, "b" * 64
    kv.kvstore.collections[COLLECTION] = {first: {"_key": first, "bundle": "x", "created": old,
                                                  "made": {"withheld": "", "without_context": row}}}  # fmt: skip
    label = {"_key": "l1", "bundle_hash": "c" * 64, "evidence_hash": row, "review_state": "pending", "created": old}
    kv.kvstore.collections["llm_triage_feedback"] = {"l1": label}
    assert (prune(kv, clock).triaged.kept_pending, set(kv.docs(COLLECTION))) == (1, {first})


class RecordingCollection(Collection):
    """A collection whose store answers with whatever keys a test plants, and which records each delete."""

    def __init__(self, planted: Sequence[Any]) -> None:
        super().__init__(SplunkdRest(lambda method, path, body: (500, b"")), "llm_triage_verdicts")
        self.planted = list(planted)
        self.deleted: list[Mapping[str, Any]] = []

    def find(
        self,
        query: Mapping[str, Any] | None = None,
        limit: int = 0,
        fields: Sequence[str] = (),
        sort: str = "",
        skip: int = 0,
    ) -> list[Document]:
        return [{"_key": key} for key in self.planted][skip : skip + limit if limit else None]

    def get_many(self, keys: Sequence[str]) -> dict[str, Document]:
        return {}  # which of the deleted keys are still there: none

    def delete_where(self, query: Mapping[str, Any]) -> None:
        self.deleted.append(query)


def test_a_hostile_key_never_becomes_part_of_the_query() -> None:
    """Whatever a find answers, the delete compares `_key` for equality with strings only, and always
    requires the cutoff too: an operator object, a list or an empty key is left, never sent."""
    hostile: list[Any] = [{"$gt": ""}, {"$ne": None}, ["a", "b"], "", None, 7, "ok-1", '{"$gt": ""}']
    collection = RecordingCollection(hostile)
    report = kv_pruning.CollectionReport()
    kv_pruning.prune(collection, 1000.0, kv_pruning.PruningParams(batch_size=100), report)
    (query,) = collection.deleted
    assert query == {"$and": [{"created": {"$lt": 1000.0}}, {"$or": [{"_key": "ok-1"}, {"_key": '{"$gt": ""}'}]}]}
    assert report.removed == 2
    for bad in ([], [{"$gt": ""}], ["ok", ""], [None]):
        with pytest.raises(ValueError):
            kv_pruning.delete_query(bad, 1000.0)


def test_an_empty_delete_is_refused_before_it_leaves() -> None:
    sent: list[str] = []
    collection = Collection(SplunkdRest(lambda method, path, body: (sent.append(path), (200, b"{}"))[1]), "c")
    with pytest.raises(ValueError):
        collection.delete_where({})
    collection.delete_where(kv_pruning.delete_query(["k"], 5.0))
    assert sent == ["storage/collections/data/c?query=" + "%7B%22%24and%22%3A+%5B%7B%22created%22%3A+%7B%22%24lt"
                    "%22%3A+5.0%7D%7D%2C+%7B%22%24or%22%3A+%5B%7B%22_key%22%3A+%22k%22%7D%5D%7D%5D%7D"]  # fmt: skip


@pytest.mark.parametrize("params", [{}, {"batch_size": "", "max_batches": ""}])
def test_parameters_default_when_absent(params: Mapping[str, str]) -> None:
    assert kv_pruning.parse_params(params) == kv_pruning.PruningParams(100, 50)


def url_bound_store(store: dict[str, float], sent: list[tuple[str, str]], deletes_allowed: int = 1000) -> SplunkdRest:
    """splunkd's KV store data endpoint over `store` (_key: created), as much of it as pruning uses, recording
    each request's (method, URL path); DELETEs after the first `deletes_allowed` answer 503."""

    def request(method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        sent.append((method, path))
        params = {name: values[0] for name, values in parse_qs(urlsplit(path).query).items()}
        if path.endswith("/batch_find"):  # which keys are still there
            wanted = [item["query"]["_key"] for item in json.loads(body or b"[]")]
            return 200, json.dumps([[{"_key": key}] if key in store else [] for key in wanted]).encode()
        query = json.loads(params["query"])
        if method == "DELETE":
            if [m for m, _ in sent].count("DELETE") > deletes_allowed:
                return 503, b""
            cutoff = query["$and"][0]["created"]["$lt"]
            for key in [condition["_key"] for condition in query["$and"][1]["$or"]]:
                if store.get(key, cutoff) < cutoff:
                    del store[key]
            return 200, b"{}"
        expired = sorted(key for key, created in store.items() if created < query["created"]["$lt"])
        skip, limit = int(params.get("skip", 0)), int(params["limit"])
        return 200, json.dumps([{"_key": key} for key in expired[skip : skip + limit]]).encode()

    return SplunkdRest(request)


def test_every_url_stays_within_rfc_9110s_8000_octets_and_an_overlong_key_only_stays() -> None:
    """splunkd's DELETE takes its query in the URL, and splunkd documents no URL limit: a batch of 200 keys
    (about 19,000 characters in one query) is deleted in groups that fit, and the keys go in no other URL.
    A key too long to delete even alone is left, and the run goes on past it."""
    store = {f"{n:064x}": 1.0 for n in range(200)}
    store["~" * 8000] = 1.0  # sorts last: the first batch is the 200
    store["0" * 63] = 9999.0  # within the cutoff
    sent: list[tuple[str, str]] = []
    report = kv_pruning.CollectionReport()
    collection = Collection(url_bound_store(store, sent), "c")
    kv_pruning.prune(collection, 1000.0, kv_pruning.PruningParams(batch_size=200), report)
    assert set(store) == {"~" * 8000, "0" * 63}
    assert (report.removed, report.error) == (200, "")
    assert max(len(path) for _, path in sent) < 8000 - len("/servicesNS/nobody/llm_triage/?output_mode=json")
    assert [method for method, _ in sent].count("DELETE") == 3  # 200 keys of 64 hex digits: 73, 73 and 54


def test_a_delete_refused_midway_leaves_the_count_of_those_before_it() -> None:
    store = {f"{n:064x}": 1.0 for n in range(200)}
    report = kv_pruning.CollectionReport()
    collection = Collection(url_bound_store(store, [], deletes_allowed=1), "c")
    kv_pruning.prune(collection, 1000.0, kv_pruning.PruningParams(batch_size=200), report)
    assert (report.removed, len(store), report.error) == (73, 127, "the KV store answered 503")


def test_a_query_too_long_for_a_url_is_refused_before_it_leaves() -> None:
    sent: list[str] = []
    collection = Collection(SplunkdRest(lambda method, path, body: (sent.append(path), (200, b"{}"))[1]), "c")
    with pytest.raises(ValueError, match="URL"):
        collection.delete_where(kv_pruning.delete_query([f"{n:064x}" for n in range(100)], 5.0))
    assert sent == []


@pytest.mark.parametrize("answer", [[None], [{"_key": "label-1"}], ["pending"]])
def test_a_malformed_label_lookup_stops_the_pruning_instead_of_reading_no_label(answer: list[Any]) -> None:
    """A batch_find whose answer to a query is not a list is an error: read as "no pending label", it would
    have let the evidence that label needs be deleted."""
    store = {"a" * 64: 1.0}
    deletes: list[str] = []

    def feedback_request(method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        return 200, json.dumps(answer).encode()

    def evidence_request(method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        if method == "DELETE":
            deletes.append(path)
        return 200, json.dumps([{"_key": key} for key in store]).encode()

    report = kv_pruning.CollectionReport()
    protected = kv_pruning.pending_references(
        Collection(SplunkdRest(feedback_request), "llm_triage_feedback"), Collection(SplunkdRest(feedback_request), "x")
    )
    collection = Collection(SplunkdRest(evidence_request), "llm_triage_triaged")
    kv_pruning.prune(collection, 1000.0, kv_pruning.PruningParams(batch_size=100), report, protected)
    assert (deletes, report.removed, report.error) == (
        [],
        0,
        "the KV store answered batch_find with an unexpected shape",
    )
