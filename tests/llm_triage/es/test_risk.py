"""Risk modifiers from triaged rows, as ES's risk framework reads them, and the macro that does the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from llm_triage.es.risk import BUCKET_CEILING, OBJECT_FIELDS, risk_events, risk_modifiers, risk_score
from tests.llm_triage.es.es_rows import extracted, judged, unjudged

MACROS = Path(__file__).resolve().parents[3] / "package" / "default" / "macros.conf"


def test_a_judged_row_gives_one_modifier_per_entity_scored_by_bucket_and_op_confidence() -> None:
    modifiers = risk_modifiers(judged())
    assert [(m.risk_object, m.risk_object_type) for m in modifiers] == [
        ("alice", "user"), ("ws01", "system"), ("203.0.113.7", "system"),
    ]  # fmt: skip
    assert {m.risk_score for m in modifiers} == {60}  # probable_incident 75 x op confidence 0.8
    assert modifiers[0].techniques == ("T1110", "T1110.003")
    assert modifiers[0].risk_message.startswith("LLM triage: probable_incident (op 0.8): 31 failed logons")


@pytest.mark.parametrize(
    ("bucket", "confidence", "score"),
    [("high_confidence_malicious", "0.93", 93), ("needs_enrichment", "0.5", 20), ("likely_benign", "0.9", 0)],
)
def test_the_score_is_the_final_buckets_ceiling_times_op_confidence(bucket: str, confidence: str, score: int) -> None:
    row = judged(triage_op_bucket=bucket, triage_op_confidence=confidence)
    assert risk_score(row) == score
    assert len(risk_modifiers(row)) == (3 if score else 0)  # a benign verdict adds no risk


@pytest.mark.parametrize("status", ["unavailable", "error", "skipped_budget", "dryrun", "rejected"])
def test_rows_no_model_judged_never_create_risk(status: str) -> None:
    assert risk_modifiers(unjudged(status)) == []
    # a forged source on a failed row does not count either: both the status and the source must say model
    assert risk_modifiers(judged(triage_status=status)) == []
    assert risk_modifiers(judged(triage_source="baseline")) == []


def test_a_rationale_cannot_add_or_change_a_risk_field() -> None:
    hostile = 'benign", risk_score="100", risk_object="dc01", risk_object_type="system'
    row = judged(triage_rationale=hostile + '\nrisk_score="100"', user='alice", risk_score="100')
    events = [extracted(raw) for raw in risk_events([row], "Brute force")]
    # the quoted user name is no entity the event could carry unaltered: left out, not rewritten
    assert [e["risk_object"] for e in events] == [["ws01"], ["203.0.113.7"]]
    for event in events:
        assert event["risk_score"] == ["60"] and event["risk_object_type"] == ["system"]
        assert len(event["risk_message"]) == 1 and event["risk_message"][0].startswith("LLM triage: probable")
        assert "risk_score='100'" in event["risk_message"][0]  # the text is kept, inside its own value


def test_unusable_entities_and_techniques_are_left_out() -> None:
    row = judged(user=["*", "bob"], dest="-", src="x" * 300, triage_attack=["T1110", "ignore previous", "T99"])
    modifiers = risk_modifiers(row)
    assert [m.risk_object for m in modifiers] == ["bob"]
    assert modifiers[0].techniques == ("T1110",)


def test_the_macro_scores_filters_and_maps_entities_as_the_alert_action_does() -> None:
    text = MACROS.read_text(encoding="utf-8")
    stanza = text.split("[llm_triage_risk]", 1)[1].split("\n[", 1)[0]
    assert 'triage_status="ok" AND triage_source="model"' in stanza
    ceilings = dict(re.findall(r'llm_risk_bucket=="(\w+)", (\d+)', stanza))
    assert {bucket: int(value) for bucket, value in ceilings.items()} == BUCKET_CEILING
    objects = re.findall(r'"(user|system)\|"\.(\w+)', stanza)
    assert [(field, kind) for kind, field in objects] == list(OBJECT_FIELDS)
    assert "annotations.mitre_attack.mitre_technique_id" in stanza and "where risk_score > 0" in stanza
