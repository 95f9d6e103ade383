"""Feedback end to end: the built llmtriage, llmfeedback and llmreview commands over the chunked protocol,
run as analysts and reviewers whose roles are the app's, against the app's persistent endpoints (the
splunkd stand-in serves them in-process with its system token), its KV store and receivers/simple, and
an OpenAI-compatible model on 127.0.0.1 that records every prompt it is shown."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.harness.collector import Collector
from tests.llm_triage.feedback.feedback_kv import identity_bundle
from tests.protocol.llmtriage_searches import search
from tests.servers.json_client import json_answer
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.app_endpoints import AppServices, role_capabilities
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn

KEY = "sk-FEEDBACK-4b1d9e2a7c"
RULE = "Okta sign-in from a new country"


@pytest.fixture
def api_key() -> str:
    return KEY


def alerts(first: int, count: int) -> list[dict[str, Any]]:
    """Okta sign-ins of one rule, each with its own user (so its own evidence)."""
    return [
        {
            "serial": str(index),
            "sourcetype": "OktaIM2:log",
            "rule_name": RULE,
            "eventType": "user.session.start",
            "actor.alternateId": f"user{index}@example.com",
            "client.ipAddress": "198.51.100.7",
        }
        for index in range(first, first + count)
    ]


def run_as(
    app: SplunkApp, standin: SplunkdStandIn, user: str, role: str, rows: list[dict[str, Any]], spl: str
) -> tuple[list[dict[str, Any]], Collector]:
    capture = Collector()
    key = standin.add_user(user, role_capabilities(app, role))
    return search(app, standin, rows, spl, capture, chunk_rows=50, username=user, session_key=key), capture


def feedback_docs(services: AppServices) -> list[dict[str, Any]]:
    return list(services.kvstore.collections.get("llm_triage_feedback", {}).values())


def label(app: SplunkApp, standin: SplunkdStandIn, user: str, rows: list[dict[str, Any]], disposition: str) -> list:
    out, _ = run_as(
        app, standin, user, "llm_triage_analyst", rows, f'llmtriage | llmfeedback disposition={disposition} note="seen"'
    )
    return out


def review(
    app: SplunkApp, standin: SplunkdStandIn, user: str, role: str, keys: list[str], action: str, reason: str = ""
) -> list[dict[str, Any]]:
    rows = [{"feedback_key": key} for key in keys]
    out, _ = run_as(app, standin, user, role, rows, f'llmreview action={action} reason="{reason}"')
    return out


def test_labels_are_filed_pending_in_the_analysts_name_with_their_evidence(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices]
) -> None:
    standin, services = served
    out = label(app, standin, "ana", alerts(0, 3), "false_positive")
    assert [row["serial"] for row in out] == ["0", "1", "2"]
    assert [row["feedback_status"] for row in out] == ["filed"] * 3, out[0]["feedback_message"]
    docs = {doc["_key"]: doc for doc in feedback_docs(services)}
    assert set(docs) == {row["feedback_key"] for row in out}
    for row in out:
        doc = docs[row["feedback_key"]]
        assert doc["triage_id"] == row["triage_id"] and doc["analyst"] == "ana"
        assert doc["review_state"] == "pending" and doc["disposition"] == "false_positive"
        assert doc["provenance"].startswith("search:") and doc["note"] == "seen"
        assert doc["rule"] == RULE and "user:user" in " ".join(doc["entities"])
        # The bundle was rebuilt byte for byte: its hash is the one the row was triaged with.
        assert doc["bundle"] and doc["bundle_hash"] == row["triage_bundle_hash"]
        assert doc["triage"]["triage_verdict"] == row["triage_verdict"]
    # Rows that were never triaged come back refused, in order, with the reason.
    plain, _ = run_as(app, standin, "ana", "llm_triage_analyst", alerts(9, 2), "llmfeedback disposition=true_positive")
    assert [(row["serial"], row["feedback_status"]) for row in plain] == [("9", "refused"), ("10", "refused")]
    assert "no triage_id" in plain[0]["feedback_message"]


def test_nobody_approves_their_own_label_and_analysts_cannot_review(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices]
) -> None:
    standin, services = served
    keys = [row["feedback_key"] for row in label(app, standin, "rita", alerts(0, 2), "false_positive")]
    own = review(app, standin, "rita", "llm_triage_reviewer", keys, "approve")
    assert [row["review_status"] for row in own] == ["refused"] * 2
    assert own[0]["review_message"] == "nobody may review their own label"
    analyst = review(app, standin, "ana", "llm_triage_analyst", keys, "approve")
    assert [row["review_status"] for row in analyst] == ["refused"] * 2
    assert "needs the llm_triage_review capability" in analyst[0]["review_message"]
    assert {doc["review_state"] for doc in feedback_docs(services)} == {"pending"}
    assert services.kvstore.collections.get("llm_triage_examples", {}) == {}
    assert [
        event for event in services.indexes.events(sourcetype="llm_triage:audit") if event["triage_audit"] == "review"
    ] == []


def test_a_reviewer_approves_and_rejects_and_every_decision_is_audited(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices]
) -> None:
    standin, services = served
    keys = [row["feedback_key"] for row in label(app, standin, "ana", alerts(0, 2), "false_positive")]
    approved = review(app, standin, "rob", "llm_triage_reviewer", keys[:1], "approve")
    assert (approved[0]["review_status"], approved[0]["review_example"]) == ("approved", "true")
    no_reason = review(app, standin, "rob", "llm_triage_reviewer", keys[1:], "reject")
    assert no_reason[0]["review_message"] == "a rejection needs a reason (reason=)"
    rejected = review(app, standin, "rob", "llm_triage_reviewer", keys[1:], "reject", "the note says nothing")
    assert rejected[0]["review_status"] == "rejected"
    docs = {doc["_key"]: doc for doc in feedback_docs(services)}
    assert (docs[keys[0]]["review_state"], docs[keys[0]]["reviewer"]) == ("approved", "rob")
    assert (docs[keys[1]]["review_state"], docs[keys[1]]["review_reason"]) == ("rejected", "the note says nothing")
    assert set(services.kvstore.collections["llm_triage_examples"]) == {keys[0]}
    events = [
        event
        for event in services.indexes.events("llm_triage_audit", "llm_triage:audit")
        if event["triage_audit"] == "review"
    ]
    assert [(e["triage_audit"], e["decision"], e["actor"], e["feedback_key"]) for e in events] == [
        ("review", "approve", "rob", keys[0]),
        ("review", "reject", "rob", keys[1]),
    ]
    assert events[1]["reason"] == "the note says nothing" and events[0]["triage_id"] == docs[keys[0]]["triage_id"]


def test_disagreeing_labels_are_flagged_and_cannot_both_be_approved(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices]
) -> None:
    standin, services = served
    ana = label(app, standin, "ana", alerts(0, 1), "false_positive")
    assert ana[0].get("feedback_conflict", "") == ""
    bob = label(app, standin, "bob", alerts(0, 1), "true_positive")
    assert bob[0]["triage_id"] == ana[0]["triage_id"]
    assert bob[0]["feedback_conflict"] == "ana said false_positive (pending) on the same result"
    docs = {doc["_key"]: doc for doc in feedback_docs(services)}
    assert docs[ana[0]["feedback_key"]]["conflict"] == ""  # filing bob's label never rewrites ana's
    first = review(app, standin, "rob", "llm_triage_reviewer", [ana[0]["feedback_key"]], "approve")
    assert first[0]["review_status"] == "approved"
    second = review(app, standin, "rob", "llm_triage_reviewer", [bob[0]["feedback_key"]], "approve")
    assert second[0]["review_status"] == "refused"
    assert second[0]["review_message"].startswith(f"contradicts approved label {ana[0]['feedback_key']}")


def test_an_analyst_past_the_hourly_limit_is_refused(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices]
) -> None:
    standin, services = served
    standin.content.set_stanza("llm_triage_settings", "feedback", {"max_labels_per_hour": "3"})
    first = label(app, standin, "ana", alerts(0, 2), "false_positive")
    second = label(app, standin, "ana", alerts(2, 3), "false_positive")
    assert [row["feedback_status"] for row in first + second] == ["filed", "filed", "filed", "refused", "refused"]
    assert second[-1]["feedback_message"] == "rate limit: at most 3 labels per analyst per hour; try later"
    assert len(feedback_docs(services)) == 3
    other = label(app, standin, "bob", alerts(5, 1), "false_positive")  # the limit is per analyst
    assert other[0]["feedback_status"] == "filed"


def test_the_endpoint_names_the_analyst_and_analysts_cannot_write_the_collections(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices]
) -> None:
    standin, services = served
    key = standin.add_user("ana", role_capabilities(app, "llm_triage_analyst"))

    def post(path: str, body: Any) -> tuple[int, Any]:
        request = urllib.request.Request(
            f"{standin.uri}/servicesNS/nobody/llm_triage/{path}?output_mode=json",
            data=json.dumps(body).encode(),
            method="POST",
            headers={"Authorization": f"Splunk {key}", "Content-Type": "application/json"},
        )
        return json_answer(request, timeout=30)

    forged = {"triage_id": "a" * 24, "disposition": "false_positive", "analyst": "rita"}
    text, digest = identity_bundle("ana@example.com")
    services.kvstore.collections.setdefault("llm_triage_triaged", {})[digest] = {"_key": digest, "bundle": text}
    triaged = {"triage_id": "b" * 24, "disposition": "benign_true_positive", "bundle_hash": digest}
    never_triaged = {"triage_id": "d" * 24, "disposition": "false_positive", "bundle_hash": "e" * 64}
    status, answer = post("llm_triage/feedback", {"labels": [forged, triaged, never_triaged]})
    assert status == 200
    assert answer["results"][0] == {"status": "refused", "key": "", "reason": "unknown label key(s): analyst"}
    assert answer["results"][1]["status"] == "filed"
    assert (
        answer["results"][2]["status"] == "refused" and "not evidence the app triaged" in answer["results"][2]["reason"]
    )
    (doc,) = feedback_docs(services)
    assert doc["analyst"] == "ana" and doc["provenance"] == "endpoint"
    planted = {"_key": "c" * 24, "triage_id": "c" * 24, "disposition": "false_positive", "review_state": "approved"}
    for collection in ("llm_triage_feedback", "llm_triage_examples"):
        assert post(f"storage/collections/data/{collection}", planted)[0] == 403
    assert post("llm_triage/review", {"decisions": [{"key": doc["_key"], "action": "approve"}]})[0] == 403


def test_only_approved_labels_reach_the_prompt_and_the_row_names_the_example_set(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices], model: OpenAICompatServer
) -> None:
    standin, services = served
    keys = [row["feedback_key"] for row in label(app, standin, "ana", alerts(0, 3), "benign_true_positive")]
    review(app, standin, "rob", "llm_triage_reviewer", keys[:1], "approve")
    review(app, standin, "rob", "llm_triage_reviewer", keys[1:2], "reject", "wrong")
    # keys[2] stays pending.
    examples = services.kvstore.collections["llm_triage_examples"]
    shown = {doc["_key"]: doc["bundle"] for doc in feedback_docs(services)}
    model.clear_requests()
    out, _ = run_as(app, standin, "ana", "llm_triage_analyst", alerts(20, 1), "llmtriage injection_check=off")
    assert "+ex:" not in out[0]["triage_prompt_version"]  # examples are off by default
    assert "reviewed_examples" not in json.dumps(model.chat_requests[0].body)

    standin.content.set_stanza("llm_triage_settings", "feedback", {"examples": "1"})
    model.clear_requests()
    out, _ = run_as(app, standin, "ana", "llm_triage_analyst", alerts(21, 2), "llmtriage injection_check=off")
    assert [row["triage_status"] for row in out] == ["ok", "ok"], out[0]["triage_error"]
    label_ = out[0]["triage_prompt_version"]
    assert label_.startswith("triage/4#") and "+ex:" in label_ and out[1]["triage_prompt_version"] == label_
    user_messages = [request.body["messages"][-1]["content"] for request in model.chat_requests]
    assert len(user_messages) == 2
    for text in user_messages:
        assert text.count("<example>") == 1 and "<reviewed_examples>" in text
        approved_user = json.loads(shown[keys[0]])["events"][0]["fields"]["user"]
        assert approved_user in text and '"analyst_disposition":"benign_true_positive"' in text
        for never in keys[1:]:  # rejected and pending labels' evidence never reaches a prompt
            assert json.loads(shown[never])["events"][0]["fields"]["user"] not in text
    assert set(examples) == {keys[0]}
