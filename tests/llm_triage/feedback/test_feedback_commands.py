"""The search side of llmfeedback and llmreview: what a row sends, and every row back, in order, with why."""

from __future__ import annotations

import json
from typing import Any

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.fields import triage_id
from llm_triage.evidence.profiles import get_profile
from llm_triage.feedback.commands import FeedbackCommand, ReviewCommand, summary
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest


class Endpoint:
    """Answers POSTs as the feedback endpoints do (or with `status`), and keeps what was sent."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.sent: list[tuple[str, Any]] = []

    def request(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        if method == "GET":  # the settings: none set, so the shipped caps
            return 404, b'{"messages": [{"type": "ERROR", "text": "Not Found"}]}'
        payload = json.loads(body or b"{}")
        self.sent.append((path, payload))
        if self.status != 200:
            return self.status, b'{"messages": [{"type": "ERROR", "text": "nope"}]}'
        items = payload.get("labels") or payload.get("decisions")
        return 200, json.dumps(
            {"results": [{"status": "filed", "key": str(i), "reason": ""} for i in range(len(items))]}
        ).encode()


def triaged(user: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "sourcetype": "OktaIM2:log",
        "rule_name": "Rule A",
        "actor.alternateId": user,
        "_time": "1.0",
    }
    bundle = build_bundle(row, get_profile("identity"))
    row.update(
        triage_id=triage_id(bundle.hash, row),
        triage_profile="identity/2",
        triage_bundle_hash=bundle.hash,
        triage_verdict="suspicious",
        triage_evidence=[f"{bundle.event_ref}/user"],
        triage_bundle="",
    )
    return row


def command(endpoint: Endpoint) -> FeedbackCommand:
    rest = SplunkdRest(endpoint.request)
    return FeedbackCommand(rest, SplunkdConfig(rest.get), "false_positive", "why", "sid-1")


def test_each_triaged_row_sends_its_evidence_and_every_row_comes_back_in_order() -> None:
    endpoint = Endpoint()
    changed = dict(triaged("bob@example.com"), triage_bundle_hash="0" * 64)  # its evidence is not what was judged
    rows = [triaged("ana@example.com"), {"serial": "plain"}, changed]
    out = list(command(endpoint).label(rows))
    assert [row.get("serial") for row in out] == [None, "plain", None]
    assert [row["feedback_status"] for row in out] == ["filed", "refused", "filed"]
    assert "no triage_id" in out[1]["feedback_message"]
    ((path, payload),) = endpoint.sent
    assert path == "llm_triage/feedback" and payload["search_id"] == "sid-1"
    first, second = payload["labels"]
    assert first["bundle"] and json.loads(first["bundle"])["profile"] == "identity/2"
    assert first["entities"] == ["user:ana@example.com"] and first["rule"] == "Rule A"
    assert first["triage"] == {
        "triage_id": rows[0]["triage_id"],
        "triage_verdict": "suspicious",
        "triage_evidence": rows[0]["triage_evidence"],
        "triage_profile": "identity/2",
        "triage_bundle_hash": rows[0]["triage_bundle_hash"],
    }
    assert second["bundle"] == ""  # not rebuilt to its hash: filed without it, so never an example
    assert "analyst" not in first  # the endpoint says who labelled


def test_a_refusal_of_the_request_comes_back_on_every_row_with_the_reason() -> None:
    endpoint = Endpoint(status=403)
    labeller = command(endpoint)
    out = list(labeller.label([triaged(f"u{i}@example.com") for i in range(51)]))
    assert len(endpoint.sent) == 2 and len(out) == 51  # 50 rows per request
    assert {row["feedback_message"] for row in out} == {
        "not permitted: llmfeedback needs the llm_triage_run capability (ask a Splunk admin)"
    }
    assert summary("llmfeedback", labeller.counts) == "llmfeedback: 51 rows (refused 51)"


def test_reviews_name_the_key_from_feedback_key_or_the_lookups_key() -> None:
    endpoint = Endpoint()
    reviewer = ReviewCommand(SplunkdRest(endpoint.request), "reject", "wrong", "sid-2")
    out = list(reviewer.review([{"feedback_key": "a" * 24}, {"_key": "b" * 24}, {"other": "x"}]))
    assert [row["review_status"] for row in out] == ["filed", "filed", "refused"]
    ((path, payload),) = endpoint.sent
    assert path == "llm_triage/review" and [d["key"] for d in payload["decisions"]] == ["a" * 24, "b" * 24]
    assert payload["decisions"][0] == {"key": "a" * 24, "action": "reject", "reason": "wrong"}
