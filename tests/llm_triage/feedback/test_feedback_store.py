"""Dispositions in the KV store: filed pending, found approved by rule and entity, keyed idempotently."""

import dataclasses

import pytest

from llm_triage.feedback.store import APPROVED, Disposition, FeedbackStore
from llm_triage.splunkd.kvstore import StoreUnavailable
from tests.harness.in_process_rest import rest_for
from tools.harness.kvstore_standin import KvStoreService
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn


def _label(triage_id: str, **changes: object) -> Disposition:
    base = Disposition(
        triage_id=triage_id,
        disposition="false_positive",
        analyst="alice",
        created=1_700_000_000.0,
        rule="Okta push spam",
        entities=("user:bob", "src:203.0.113.9"),
        triage={"triage_bucket": "probable_incident"},
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def store_and_kv() -> "tuple[FeedbackStore, KvStoreService, SplunkdStandIn]":
    content = SplunkdContent()
    content.set_stanza("collections", "llm_triage_feedback", {})
    standin = SplunkdStandIn(content).start()
    kvstore = KvStoreService(content)
    standin.add_service(kvstore)
    yield FeedbackStore(rest_for(standin, standin.session_key)), kvstore, standin
    standin.stop()


def test_labels_are_filed_pending_whatever_state_they_claim(store_and_kv) -> None:  # type: ignore[no-untyped-def]
    store, kvstore, _ = store_and_kv
    store.file_pending([_label("t1", review_state=APPROVED, reviewer="alice")])
    (document,) = kvstore.collections["llm_triage_feedback"].values()
    assert document["review_state"] == "pending" and document["reviewer"] == ""
    assert store.approved() == []


def test_filing_the_same_label_twice_keeps_one(store_and_kv) -> None:  # type: ignore[no-untyped-def]
    store, kvstore, _ = store_and_kv
    store.file_pending([_label("t1")])
    store.file_pending([_label("t1", note="again")])
    assert len(kvstore.collections["llm_triage_feedback"]) == 1
    store.file_pending([_label("t1", analyst="carol")])
    assert len(kvstore.collections["llm_triage_feedback"]) == 2


def test_approved_labels_are_found_by_rule_and_shared_entity(store_and_kv) -> None:  # type: ignore[no-untyped-def]
    store, kvstore, _ = store_and_kv
    store.file_pending([_label("t1"), _label("t2", rule="Other"), _label("t3", entities=("user:zed",))])
    for document in kvstore.collections["llm_triage_feedback"].values():
        document["review_state"] = APPROVED  # as a reviewer's approval would leave it
    found = store.approved(rule="Okta push spam", entities=["user:bob"])
    assert [item.triage_id for item in found] == ["t1"]
    assert found[0].triage == {"triage_bucket": "probable_incident"}
    assert {item.triage_id for item in store.approved(entities=["user:zed", "src:203.0.113.9"])} == {"t1", "t2", "t3"}


def test_a_reader_without_write_access_cannot_file(store_and_kv) -> None:  # type: ignore[no-untyped-def]
    _, _, standin = store_and_kv
    analyst = standin.add_user("analyst", ["llm_triage_run"])
    with pytest.raises(StoreUnavailable, match="no write access to the KV store collection llm_triage_feedback"):
        FeedbackStore(rest_for(standin, analyst)).file_pending([_label("t1")])


def test_a_disposition_must_be_one_of_the_three() -> None:
    with pytest.raises(ValueError, match="disposition must be one of"):
        _label("t1", disposition="maybe")
    with pytest.raises(ValueError, match="triage_id"):
        _label("")
