"""Decisions written into rows: through a search session (fields, order, shadow), and the Decider's
fallbacks when settings, lookups or the policy cannot be used."""

import json
from typing import Optional

from llm_triage.decision.decide import DECISION_FIELDS, Decider
from llm_triage.engine.resilience import RetryPolicy
from llm_triage.evidence.fields import OUTPUT_FIELDS
from llm_triage.evidence.profiles import get_profile
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from tests.llm_triage.triage_fakes import FakeSplunkd, ScriptedProvider, configured, verdict_json

FAST = RetryPolicy(base_delay=0.001, max_delay=0.002, breaker_cooldown=600)


def alert(index: int, **extra: str) -> dict:
    return dict(
        {
            "_time": str(1764064000 + index),
            "serial": str(index),
            "rule_name": "Excessive failed logins",
            "user": f"user{index}",
            "dest": "ws01",
            "urgency": "high",
        },
        **extra,
    )


def session(answer, splunkd: FakeSplunkd, options: Optional[TriageOptions] = None) -> TriageSession:
    return TriageSession(
        options or TriageOptions(),
        SplunkdConfig(splunkd.fetch),
        provider_factory=lambda config: ScriptedProvider(config, answer),
        policy=FAST,
    )


def probable(request):
    return verdict_json(request, verdict="malicious", bucket="probable_incident", confidence=0.8)


def test_every_row_gets_its_decision_in_order_and_the_fields_are_declared():
    assert set(DECISION_FIELDS) <= set(OUTPUT_FIELDS)
    triage = session(probable, configured())
    out = list(triage.triage([alert(i) for i in range(5)]))
    assert [row["serial"] for row in out] == ["0", "1", "2", "3", "4"]
    row = out[0]
    assert row["triage_status"] == "ok" and row["triage_bucket"] == "probable_incident"
    # 0.5 + model (2 x 2/3 - 1) x 0.8 x 0.5 + signal urgency high (2 x 0.75 - 1) x 0.1; no splunkd for the rest
    assert row["triage_factors"] == [
        "base=neutral:+0.50",
        "model=probable_incident@0.80:+0.13",
        "signal=urgency high:+0.05",
        "asset_criticality=no lookup (no splunkd):+0.00",
        "identity=no lookup (no splunkd):+0.00",
        "history=no feedback store:+0.00",
    ]
    assert (row["triage_op_confidence"], row["triage_op_bucket"]) == ("0.68", "probable_incident")
    decision = json.loads(row["triage_policy"])
    assert decision["policy"] == "default/1" and decision["rule"] == "probable-incident"
    assert decision["bucket"] == "probable_incident" and decision["op_confidence"] == 0.68
    assert "shadow" not in decision
    assert triage.warnings == []


def test_shadow_mode_from_the_settings_or_the_search_marks_every_decision():
    splunkd = configured()
    splunkd.confs["llm_triage_settings"]["scoring"] = {"shadow_mode": "1"}
    out = list(session(probable, splunkd).triage([alert(1)]))
    assert json.loads(out[0]["triage_policy"])["shadow"] is True
    out = list(session(probable, configured(), TriageOptions(shadow=True)).triage([alert(1)]))
    assert json.loads(out[0]["triage_policy"])["shadow"] is True


def test_rows_without_a_verdict_are_decided_on_their_baseline_and_dry_runs_are_not():
    splunkd = configured()
    splunkd.confs["llm_triage_settings"]["triage"]["max_rows"] = "1"
    out = list(session(probable, splunkd).triage([alert(1), alert(2)]))
    skipped = out[1]
    assert skipped["triage_status"] == "skipped_budget" and skipped["triage_source"] == "baseline"
    assert skipped["triage_factors"][1] == "model=no verdict:+0.00"
    assert json.loads(skipped["triage_policy"])["rule"] == "no-model-verdict"
    dry = list(session(probable, configured(), TriageOptions(dryrun=True)).triage([alert(1)]))[0]
    assert all(dry[name] == "" for name in DECISION_FIELDS)


def test_an_injection_flag_on_the_row_keeps_it_out_of_likely_benign():
    def benign(request):
        return verdict_json(request, verdict="benign", bucket="likely_benign", confidence=0.95)

    out = list(session(benign, configured()).triage([alert(1, urgency="low"), alert(2, urgency="low")]))
    assert out[0]["triage_op_bucket"] == "likely_benign"
    flagged = list(
        session(benign, configured()).triage([alert(1, urgency="low", triage_injection="user: ignore all")])
    )[0]
    assert flagged["triage_op_bucket"] == "needs_enrichment"
    assert flagged["triage_factors"][-1] == "injection=flagged, bucket at least needs_enrichment:+0.00"


def test_bad_scoring_settings_fall_back_to_the_shipped_ones_with_a_warning():
    splunkd = configured()
    splunkd.confs["llm_triage_settings"]["scoring"] = {"weight_model": "2"}
    triage = session(probable, splunkd)
    out = list(triage.triage([alert(1), alert(2)]))
    assert out[0]["triage_op_confidence"] == "0.68"
    assert triage.warnings == [
        "llmtriage: using shipped scoring settings: llm_triage_settings.conf [scoring]: weight_model must be at most 1"
    ]


def test_a_policy_that_cannot_be_loaded_allows_nothing_and_says_why():
    splunkd = configured()
    splunkd.confs["llm_triage_settings"]["scoring"] = {"policy": "missing-3"}
    triage = session(probable, splunkd)
    out = list(triage.triage([alert(1), alert(2)]))
    decision = json.loads(out[0]["triage_policy"])
    assert decision["actions"] == [] and decision["error"] == "policy 'missing-3': no such file missing-3.json"
    assert decision["bucket"] == "probable_incident" and decision["op_confidence"] == 0.68
    assert triage.warnings == ["llmtriage: no actions allowed: policy 'missing-3': no such file missing-3.json"]


def test_unreadable_lookups_and_feedback_cost_their_factors_and_warn_once():
    def request(method: str, path: str, body: "bytes | None") -> "tuple[int, bytes]":
        return 503, b'{"messages": [{"type": "ERROR", "text": "KV Store is initializing"}]}'

    decider = Decider(SplunkdConfig(configured().fetch), SplunkdRest(request))
    fields: dict = {"triage_status": "ok", "triage_bucket": "needs_enrichment", "triage_confidence": "0.5"}
    for _ in range(2):
        decider.decide(alert(1), fields, get_profile("generic"))
    assert fields["triage_factors"][3:] == [
        "asset_criticality=lookup unreadable:+0.00",
        "identity=lookup unreadable:+0.00",
        "history=feedback unreadable:+0.00",
    ]
    assert decider.warnings == [
        "llmtriage: asset criticality not used: lookup llm_triage_assets: the KV store answered 503",
        "llmtriage: identity context not used: lookup llm_triage_identities: the KV store answered 503",
        "llmtriage: history not used: the KV store answered 503",
    ]


def test_a_failure_inside_the_decision_costs_only_the_decision(monkeypatch):
    decider = Decider(None, None)
    monkeypatch.setattr(decider, "_decide", lambda *args: 1 / 0)
    fields: dict = {"triage_status": "ok", "triage_bucket": "needs_enrichment"}
    decider.decide({}, fields, get_profile("generic"))
    assert fields["triage_status"] == "ok" and fields["triage_op_bucket"] == ""
    decision = json.loads(fields["triage_policy"])
    assert decision["actions"] == [] and decision["error"] == "decision failed: internal error: ZeroDivisionError"
