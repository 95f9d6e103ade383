"""Operational confidence and the policy end to end: the built command as an analyst through the splunkd
stand-in, the context lookups and approved history in its KV store, and an OpenAI-compatible server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.harness.collector import Collector
from tests.protocol.llmtriage_searches import search, search_as
from tools.harness.app_endpoints import AppServices, role_capabilities

KEY = "sk-decision-sentinel-5a1e0c7d93b2"


@pytest.fixture
def api_key() -> str:
    return KEY


def fill(services: AppServices, collection: str, documents: list[dict[str, Any]]) -> None:
    services.kvstore.collections[collection] = {f"k{i}": dict(doc, _key=f"k{i}") for i, doc in enumerate(documents)}


def label(triage_id: str, disposition: str, state: str) -> dict[str, Any]:
    return {
        "triage_id": triage_id,
        "disposition": disposition,
        "analyst": "carol",
        "created": 1764000000.0,
        "rule": "Excessive failed logins",
        "entities": ["user:bob"],
        "review_state": state,
    }


ROWS = [
    {
        "serial": "0",
        "sourcetype": "stash",
        "rule_name": "Cloud logging stopped",
        "signature": "StopLogging",
        "user": "alice",
        "dest": "ws01",
        "urgency": "critical",
    },
    {"serial": "1", "sourcetype": "stash", "rule_name": "Excessive failed logins", "user": "bob", "dest": "ws02",
     "urgency": "low"},
]  # fmt: skip


def test_an_analyst_gets_each_factor_and_the_policys_decision(app, served):
    standin, services = served
    fill(
        services,
        "llm_triage_assets",
        [{"asset": "ws01", "criticality": "critical"}, {"asset": "WS02", "criticality": "low"}],
    )
    fill(
        services,
        "llm_triage_identities",
        [{"identity": "alice", "category": "admin"}, {"identity": "bob", "category": "traveller"}],
    )
    fill(
        services,
        "llm_triage_feedback",
        [label(f"t{i}", "true_positive", "approved") for i in range(3)] + [label("t9", "false_positive", "pending")],
    )
    analyst = role_capabilities(app, "llm_triage_analyst")
    out, capture, redactor = search_as(app, standin, "ana", analyst, [dict(row) for row in ROWS], [KEY])
    assert [row["serial"] for row in out] == ["0", "1"]
    assert [row["triage_status"] for row in out] == ["ok", "ok"]
    malicious, benign = out
    assert malicious["triage_bucket"] == "high_confidence_malicious" and malicious["triage_confidence"] == "0.90"
    # 0.5 + 0.45 (1 x 0.9 x 0.5) + 0.10 (critical urgency) + 0.20 (critical asset) + 0.10 (admin) = 1.35, at most 1
    assert malicious["triage_factors"] == [
        "base=neutral:+0.50",
        "model=high_confidence_malicious@0.90:+0.45",
        "signal=urgency critical:+0.10",
        "asset_criticality=critical (dest:ws01):+0.20",
        "identity=admin:+0.10",
        "history=no approved dispositions:+0.00",
    ]
    assert (malicious["triage_op_confidence"], malicious["triage_op_bucket"]) == ("1.00", "high_confidence_malicious")
    decision = json.loads(malicious["triage_policy"])
    assert decision["policy"] == "default/1" and decision["rule"] == "malicious-critical-asset"
    assert decision["criticality"] == "critical" and "shadow" not in decision
    classes = {item["action"]: item["class"] for item in decision["actions"]}
    assert classes["open_case"] == "automatic" and classes["disable_account"] == "needs_approval"
    assert classes["isolate_host"] == "never"
    # 0.5 - 0.40 (likely_benign at 0.8) - 0.05 (low urgency) - 0.10 (low asset) - 0.05 (traveller)
    # + 0.15 (3 approved true positives: 3 / 5 x 0.25; the pending false positive does not count) = 0.05
    assert benign["triage_bucket"] == "likely_benign"
    assert benign["triage_factors"][1:] == [
        "model=likely_benign@0.80:-0.40",
        "signal=urgency low:-0.05",
        "asset_criticality=low (dest:ws02):-0.10",
        "identity=traveller:-0.05",
        "history=3 true_positive:+0.15",
    ]
    assert (benign["triage_op_confidence"], benign["triage_op_bucket"]) == ("0.05", "likely_benign")
    assert json.loads(benign["triage_policy"])["rule"] == "otherwise"
    assert not [text for _, level, text in capture.messages if level == "WARN"]
    assert redactor.leaks == []


def test_shadow_mode_marks_decisions_and_unreadable_context_is_a_warning_not_a_lost_row(app, served):
    standin, services = served
    standin.content.confs["collections"].pop("llm_triage_assets")  # a KV store without it answers 404
    capture = Collector()
    out = search(app, standin, [dict(row) for row in ROWS], "llmtriage shadow=true", capture)
    assert [row["triage_status"] for row in out] == ["ok", "ok"]
    assert all(json.loads(row["triage_policy"])["shadow"] is True for row in out)
    assert out[0]["triage_factors"][3] == "asset_criticality=lookup unreadable:+0.00"
    warnings = [text for _, level, text in capture.messages if level == "WARN"]
    assert warnings == ["llmtriage: asset criticality not used: lookup llm_triage_assets: the KV store answered 404"]
