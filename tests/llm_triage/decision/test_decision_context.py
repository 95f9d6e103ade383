"""Context from the search head: the assets and identities lookups and approved history, through the KV
store stand-in, read once per search and never failing a row."""

import json
from collections.abc import Iterator

import pytest

from llm_triage.decision.context import ContextLookups, History
from llm_triage.feedback.store import FeedbackStore
from llm_triage.splunkd.rest import SplunkdRest
from tools.harness.kvstore_standin import KvStoreService
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn

COLLECTIONS = ("llm_triage_assets", "llm_triage_identities", "llm_triage_feedback")


class Served:
    def __init__(self, standin: SplunkdStandIn, kvstore: KvStoreService):
        self.standin, self.kvstore = standin, kvstore
        self.paths: list[str] = []

    def rest(self, key: str) -> SplunkdRest:
        def request(method: str, path: str, body: "bytes | None") -> "tuple[int, bytes]":
            self.paths.append(path)
            target = f"/servicesNS/nobody/llm_triage/{path}{'&' if '?' in path else '?'}output_mode=json"
            reply = self.standin.handle(method, target, f"Splunk {key}", body or b"")
            return reply.status, reply.body if reply.body is not None else json.dumps(reply.payload).encode()

        return SplunkdRest(request)

    def fill(self, collection: str, documents: list[dict]) -> None:
        self.kvstore.collections[collection] = {str(i): dict(doc, _key=str(i)) for i, doc in enumerate(documents)}


@pytest.fixture
def served() -> Iterator[Served]:
    content = SplunkdContent()
    for name in COLLECTIONS:
        content.set_stanza("collections", name, {})
    standin = SplunkdStandIn(content).start()
    kvstore = KvStoreService(content)
    standin.add_service(kvstore)
    yield Served(standin, kvstore)
    standin.stop()


def test_an_analyst_without_extra_capabilities_reads_the_lookups_once_per_search(served):
    served.fill(
        "llm_triage_assets",
        [
            {"asset": "WS01", "criticality": "high"},
            {"asset": "10.0.0.5", "criticality": "Critical"},
            {"asset": "printer", "criticality": "whatever"},
        ],
    )
    served.fill(
        "llm_triage_identities",
        [{"identity": "alice", "category": "admin|traveller"}, {"identity": "bob@example.com", "category": ["vip"]}],
    )
    analyst = served.standin.add_user("ana", {"llm_triage_run"})
    lookups = ContextLookups(served.rest(analyst))
    assert lookups.criticality(("dest:ws01", "user:alice"), {}) == ("high", "dest:ws01", "")
    assert lookups.criticality(("dest:ws01", "src:10.0.0.5"), {}) == ("critical", "src:10.0.0.5", "")
    assert lookups.criticality(("dest:printer",), {}) == ("", "", "no lookup entry")
    assert lookups.criticality(("user:ws01",), {}) == ("", "", "no lookup entry")  # a user is not an asset
    assert lookups.identity_categories(("user:corp\\alice", "dest:ws01")) == (("admin", "traveller"), "")
    assert lookups.identity_categories(("src_user:bob@example.com",)) == (("vip",), "")
    assert lookups.identity_categories(("user:carol",)) == ((), "no lookup entry")
    assert len(served.paths) == 2 and lookups.warnings == []


def test_enterprise_securitys_priority_fields_count_when_the_lookup_has_nothing(served):
    lookups = ContextLookups(served.rest(served.standin.session_key))
    assert lookups.criticality(("dest:db01",), {"dest_priority": "critical", "src_priority": "low"}) == (
        "critical",
        "dest_priority",
        "",
    )


def test_an_unreadable_lookup_costs_its_factor_and_one_warning(served):
    def broken(method: str, path: str, body: "bytes | None") -> "tuple[int, bytes]":
        raise ConnectionResetError("reset")

    lookups = ContextLookups(SplunkdRest(broken))
    for _ in range(3):
        assert lookups.criticality(("dest:ws01",), {}) == ("", "", "lookup unreadable")
        assert lookups.identity_categories(("user:alice",)) == ((), "lookup unreadable")
    assert lookups.warnings == [
        "llmtriage: asset criticality not used: lookup llm_triage_assets: splunkd unreachable (ConnectionResetError)",
        "llmtriage: identity context not used: lookup llm_triage_identities: splunkd unreachable "
        "(ConnectionResetError)",
    ]
    undeclared = SplunkdContent()  # a KV store without the app's collections answers 404
    with SplunkdStandIn(undeclared) as standin:
        standin.add_service(KvStoreService(undeclared))
        lookups = ContextLookups(Served(standin, KvStoreService(undeclared)).rest(standin.session_key))
        assert lookups.criticality(("dest:ws01",), {})[2] == "lookup unreadable"
        assert lookups.warnings == [
            "llmtriage: asset criticality not used: lookup llm_triage_assets: the KV store answered 404"
        ]


def disposition(triage_id: str, label: str, entities: list, state: str = "approved", rule: str = "Brute force") -> dict:
    return {
        "triage_id": triage_id,
        "disposition": label,
        "analyst": "alice",
        "created": 1.0,
        "rule": rule,
        "entities": entities,
        "review_state": state,
    }


def test_history_counts_only_approved_dispositions_of_the_rule_sharing_an_entity(served):
    served.fill(
        "llm_triage_feedback",
        [
            disposition("t1", "false_positive", ["user:alice", "src:10.0.0.5"]),
            disposition("t2", "false_positive", ["user:alice"]),
            disposition("t3", "true_positive", ["src:10.0.0.5"]),
            disposition("t4", "false_positive", ["user:bob"]),
            disposition("t5", "false_positive", ["user:alice"], state="pending"),
            disposition("t6", "false_positive", ["user:alice"], state="rejected"),
            disposition("t7", "true_positive", ["user:alice"], rule="Other rule"),
        ],
    )
    history = History(FeedbackStore(served.rest(served.standin.session_key)))
    assert history.counts("Brute force", ("user:alice",)) == ({"false_positive": 2}, "")
    assert history.counts("Brute force", ("src:10.0.0.5", "user:zed")) == (
        {"false_positive": 1, "true_positive": 1},
        "",
    )
    assert history.counts("Brute force", ("user:nobody",)) == ({}, "")
    assert history.counts("", ("user:alice",)) == ({}, "the row names no rule")
    assert history.counts("Brute force", ()) == ({}, "the row names no entity")
    assert len(served.paths) == 1  # one read per rule per search


def test_unreadable_feedback_is_no_history_and_one_warning():
    def forbidden(method: str, path: str, body: "bytes | None") -> "tuple[int, bytes]":
        return 403, b'{"messages": []}'

    history = History(FeedbackStore(SplunkdRest(forbidden)))
    assert history.counts("Brute force", ("user:alice",)) == (None, "feedback unreadable")
    assert history.counts("Other", ("user:alice",)) == (None, "feedback unreadable")
    assert history.warnings == [
        "llmtriage: history not used: no read access to the KV store collection llm_triage_feedback"
    ]
    assert History(None).counts("Brute force", ("user:alice",)) == (None, "no feedback store")
