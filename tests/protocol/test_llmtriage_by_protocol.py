"""`llmtriage ... by <field>` end to end: splunklib's trailing fieldnames, the chunked protocol, the app's
endpoint judging group bundles, and an OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
from typing import Any

import pytest

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.entities import row_entities
from llm_triage.evidence.profiles import select_profile
from llm_triage.feedback.store import Disposition
from tests.harness.collector import Collector
from tests.protocol.llmtriage_searches import search
from tools.harness.command_process import CommandFailed

KEY = "sk-sentinel-by-8c2e41d09fa7"


@pytest.fixture
def api_key() -> str:
    return KEY


@pytest.fixture
def triage_settings() -> dict[str, str]:
    return {"cache_ttl": "0"}


def sign_ins(count: int) -> list[dict[str, Any]]:
    """Sign-ins by three users, interleaved, each from its own address."""
    users = ["alice", "bob", "carol"]
    return [
        {
            "serial": str(index),
            "_time": str(1764064000 + (count - index)),  # newest first, as a search returns them
            "sourcetype": "OktaIM2:log",
            "eventType": "user.session.start",
            "actor.alternateId": f"{users[index % 3]}@example.com",
            "user": users[index % 3],
            "client.ipAddress": f"203.0.113.{index}",
        }
        for index in range(count)
    ]


def test_groups_are_judged_once_per_chunk_and_every_row_comes_back_in_order(app, standin, model):
    rows = sign_ins(12)
    out = search(app, standin, rows, "llmtriage by user", Collector(), chunk_rows=6)
    assert [row["serial"] for row in out] == [str(index) for index in range(12)]
    assert {row["triage_status"] for row in out} == {"ok"}, out[0]["triage_error"]
    assert [row["triage_group"] for row in out[:3]] == [
        "user=alice (2 rows)",
        "user=bob (2 rows)",
        "user=carol (2 rows)",
    ]
    assert out[6]["triage_group"] == "user=alice (2 rows, part 2)"
    assert len(model.chat_requests) == 6  # three users in each of two chunks
    assert out[0]["triage_verdict"] == out[3]["triage_verdict"]
    assert out[0]["triage_bundle_hash"] == out[3]["triage_bundle_hash"] != out[6]["triage_bundle_hash"]
    bundle_text = model.chat_requests[0].body["messages"][1]["content"]
    assert '"group":' in bundle_text
    evidence = out[0]["triage_evidence"] if isinstance(out[0]["triage_evidence"], list) else [out[0]["triage_evidence"]]
    assert all(ref.startswith("ev:") for ref in evidence)


def test_dryrun_by_shows_each_groups_bundle_oldest_first(app, standin, model):
    out = search(app, standin, sign_ins(6), "llmtriage dryrun=true by user", Collector(), chunk_rows=50)
    assert model.chat_requests == []
    bundle = json.loads(out[0]["triage_bundle"])
    assert bundle["group"] == {
        "by": "user",
        "note": "the events are one group's alerts, oldest first: judge the group as a whole",
        "rows": 2,
        "value": "alice",
    }
    assert [event["fields"]["src"] for event in bundle["events"]] == ["203.0.113.3", "203.0.113.0"]


def test_anything_but_by_field_after_the_options_stops_the_search(app, standin, model):
    capture = Collector()
    with pytest.raises(CommandFailed, match="error during getinfo"):
        search(app, standin, sign_ins(3), "llmtriage user", capture)
    assert any("expected `by <field>`" in text for _, level, text in capture.messages if level == "ERROR")


def test_similar_past_incidents_come_from_approved_feedback_read_as_the_analyst(app, served, model):
    running, services = served
    rows = sign_ins(3)
    profile = select_profile(rows[0], "auto")
    past = [
        Disposition(
            triage_id=f"past-{state}",
            disposition="false_positive",
            analyst="ana",
            created=1764000000.0,
            entities=row_entities(rows[0], profile),
            bundle=build_bundle(rows[0], profile).text,
            review_state=state,
        ).to_document()
        for state in ("approved", "pending")
    ]
    services.kvstore.collections["llm_triage_feedback"] = {doc["_key"]: doc for doc in past}
    session_key = running.add_user("ana", {"llm_triage_run"})
    out = search(app, running, rows, "llmtriage similar=2", Collector(), username="ana", session_key=session_key)
    assert {row["triage_status"] for row in out} == {"ok"}, out[0]["triage_error"]
    assert values(out[0]["triage_similar"])[0].startswith("false_positive ") and "past-approved" in str(out[0])
    assert "past-pending" not in json.dumps(out)
    sent = [r.body["messages"][1]["content"] for r in model.chat_requests]
    assert any("similar_past_incidents" in text and "past-approved" in text for text in sent)
    assert not any("past-pending" in text for text in sent)


def values(field: Any) -> list[str]:
    return field if isinstance(field, list) else [field] if field else []
