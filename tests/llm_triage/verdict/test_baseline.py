import pytest

from llm_triage.verdict.baseline import baseline_fields


@pytest.mark.parametrize(
    "row, bucket",
    [
        ({}, "needs_enrichment"),
        ({"user": "alice"}, "needs_enrichment"),
        # Without a model nothing is likely_benign: the weakest signals still wait in needs_enrichment.
        ({"severity": "informational"}, "needs_enrichment"),
        ({"severity": "low"}, "needs_enrichment"),
        ({"urgency": "medium"}, "needs_enrichment"),
        ({"severity": "high"}, "needs_enrichment"),
        ({"severity": "critical"}, "probable_incident"),
        ({"risk_score": "85"}, "probable_incident"),
        ({"risk_score": "30"}, "needs_enrichment"),
        ({"risk_score": "0"}, "needs_enrichment"),
        ({"severity": "high", "threat_match_value": "198.51.100.7"}, "probable_incident"),
        ({"severity": "critical", "dest_priority": "critical"}, "high_confidence_malicious"),
        ({"severity": "low", "rule_name": "Mimikatz credential dump"}, "needs_enrichment"),
        ({"urgency": "critical", "rule_name": "Ransomware note", "user_priority": "high"}, "high_confidence_malicious"),
        ({"severity": "HIGH", "risk_score": "95"}, "probable_incident"),
        ({"severity": ["low", "high"]}, "needs_enrichment"),
        ({"severity": "bogus", "risk_score": "n/a"}, "needs_enrichment"),
    ],
)
def test_the_rule_table(row, bucket):
    fields = baseline_fields(row)
    assert fields["triage_bucket"] == bucket
    assert fields["triage_source"] == "baseline"


def test_the_rationale_names_the_signals():
    fields = baseline_fields({"urgency": "high", "risk_score": "60", "threat_key": "ip_intel"})
    assert fields["triage_rationale"] == (
        "baseline (no model verdict): urgency=high, risk_score=60, threat intelligence match (threat_key)"
    )
    assert baseline_fields({})["triage_rationale"] == (
        "baseline (no model verdict): no severity, risk score or entity signal in the row"
    )


def test_the_same_row_always_gets_the_same_bucket():
    row = {"severity": "medium", "risk_score": "72", "src_priority": "high"}
    assert baseline_fields(row) == baseline_fields(dict(row))
