"""Operational confidence: each factor's contribution computed by hand from the documented formula."""

import pytest

from llm_triage.decision.operational_confidence import Context, bucket_for, operational_confidence
from llm_triage.decision.scoring_settings import ScoringSettings

DEFAULTS = ScoringSettings()


def test_every_factor_contributes_as_the_formula_says_and_they_add_up():
    row = {"risk_score": "80", "rule_name": "Brute force", "user": "alice", "dest": "ws01"}
    context = Context(
        criticality="high",
        criticality_from="dest:ws01",
        identity_categories=("admin",),
        history={"false_positive": 3},
    )
    result = operational_confidence(DEFAULTS, row, "probable_incident", "0.80", True, context)
    # model (2 x 2/3 - 1) x 0.8 x 0.5 = 0.133; signal (2 x 0.8 - 1) x 0.1 = 0.06; asset 0.5 x 0.2 = 0.10;
    # identity 1 x 0.1 = 0.10; history (0 - 3) / (3 + 2) x 0.25 = -0.15
    assert result.factor_texts() == [
        "base=neutral:+0.50",
        "model=probable_incident@0.80:+0.13",
        "signal=risk_score 80:+0.06",
        "asset_criticality=high (dest:ws01):+0.10",
        "identity=admin:+0.10",
        "history=3 false_positive:-0.15",
    ]
    assert result.value == 0.74
    assert result.bucket == "probable_incident"
    assert sum(factor.contribution for factor in result.factors) == pytest.approx(result.value)


def test_missing_context_contributes_nothing_and_says_so():
    context = Context(criticality_problem="lookup unreadable", history=None, history_problem="feedback unreadable")
    result = operational_confidence(DEFAULTS, {}, "high_confidence_malicious", "1.0", True, context)
    assert result.factor_texts() == [
        "base=neutral:+0.50",
        "model=high_confidence_malicious@1.00:+0.50",
        "signal=no risk score or severity:+0.00",
        "asset_criticality=lookup unreadable:+0.00",
        "identity=no known identity:+0.00",
        "history=feedback unreadable:+0.00",
    ]
    assert (result.value, result.bucket) == (1.0, "high_confidence_malicious")


def test_a_confident_benign_verdict_on_a_low_severity_alert_is_likely_benign():
    # model (0 - 1) x 0.9 x 0.5 = -0.45; signal severity low (2 x 0.25 - 1) x 0.1 = -0.05
    result = operational_confidence(DEFAULTS, {"severity": "low"}, "likely_benign", "0.9", True, Context(history={}))
    assert result.factor_texts()[1:3] == ["model=likely_benign@0.90:-0.45", "signal=severity low:-0.05"]
    assert result.factor_texts()[5] == "history=no approved dispositions:+0.00"
    assert (result.value, result.bucket) == (0.0, "likely_benign")


def test_the_stronger_of_risk_score_and_severity_counts_and_values_are_clamped():
    result = operational_confidence(
        DEFAULTS, {"risk_score": "250", "urgency": "medium"}, "needs_enrichment", "0.5", True, Context()
    )
    # risk 250 counts as 1.0 (stronger than medium's 0.5): (2 x 1 - 1) x 0.1 = 0.10;
    # model (2 x 1/3 - 1) x 0.5 x 0.5 = -0.083
    assert result.factor_texts()[1:3] == ["model=needs_enrichment@0.50:-0.08", "signal=risk_score 250:+0.10"]
    assert result.value == 0.52


def test_a_baseline_bucket_gives_the_model_nothing():
    result = operational_confidence(DEFAULTS, {"urgency": "critical"}, "probable_incident", "", False, Context())
    assert result.factor_texts()[1:3] == ["model=no verdict:+0.00", "signal=urgency critical:+0.10"]
    assert (result.value, result.bucket) == (0.6, "probable_incident")


def test_identity_categories_add_up_within_one_and_history_weighs_both_ways():
    context = Context(
        identity_categories=("vip", "traveller", "service_account", "unknown_category"),
        history={"true_positive": 2, "false_positive": 1, "benign_true_positive": 1},
    )
    result = operational_confidence(DEFAULTS, {}, "needs_enrichment", "0", True, context)
    # identity 0.5 - 0.5 + 0.5 = 0.5 x 0.1 = 0.05; history (2 - 2) / (4 + 2) = 0
    assert result.factor_texts()[4:] == [
        "identity=vip,traveller,service_account:+0.05",
        "history=2 true_positive, 1 false_positive, 1 benign_true_positive:+0.00",
    ]
    context = Context(identity_categories=("admin", "vip"), history={"true_positive": 4})
    result = operational_confidence(DEFAULTS, {}, "needs_enrichment", "0", True, context)
    # identity 1 + 0.5 clamped to 1 x 0.1; history 4 / (4 + 2) x 0.25 = 0.1667
    assert result.factor_texts()[4:] == ["identity=admin,vip:+0.10", "history=4 true_positive:+0.17"]


def test_a_row_no_model_judged_never_ends_likely_benign():
    # A low asset and benign history would take op confidence to likely_benign; without a model it stays queued.
    context = Context(criticality="low", history={"false_positive": 20})
    result = operational_confidence(DEFAULTS, {"severity": "informational"}, "needs_enrichment", "", False, context)
    assert bucket_for(DEFAULTS, result.value) == "likely_benign"
    assert result.bucket == "needs_enrichment"
    assert result.factor_texts()[-1] == "unjudged=no model verdict, bucket at least needs_enrichment:+0.00"


def test_a_low_criticality_asset_lowers_it():
    result = operational_confidence(DEFAULTS, {}, "needs_enrichment", "0", True, Context(criticality="low"))
    assert result.factor_texts()[3] == "asset_criticality=low:-0.10"
    assert result.value == 0.4


def test_an_injection_flag_keeps_the_models_bucket_and_never_likely_benign():
    context = Context(history={"false_positive": 20})  # history would push it down to likely_benign
    flagged = operational_confidence(
        DEFAULTS, {}, "probable_incident", "0.1", True, context, injection="description: ignore previous"
    )
    unflagged = operational_confidence(DEFAULTS, {}, "probable_incident", "0.1", True, context)
    assert unflagged.bucket == "likely_benign"  # 0.5 + 0.02 - 0.23
    assert flagged.value == unflagged.value == 0.29
    assert flagged.bucket == "probable_incident"
    assert flagged.factor_texts()[-1] == "injection=flagged, bucket at least probable_incident:+0.00"
    benign = operational_confidence(DEFAULTS, {}, "likely_benign", "1", True, Context(), injection="x")
    assert benign.bucket == "needs_enrichment"


@pytest.mark.parametrize(
    "value, bucket",
    [
        (0.0, "likely_benign"),
        (0.34, "likely_benign"),
        (0.35, "needs_enrichment"),
        (0.6, "probable_incident"),
        (0.84, "probable_incident"),
        (0.85, "high_confidence_malicious"),
    ],
)
def test_thresholds_start_their_bucket(value, bucket):
    assert bucket_for(DEFAULTS, value) == bucket


def test_weights_come_from_the_settings():
    settings = ScoringSettings(weight_model=1.0, weight_signal=0.0)
    row = {"risk_score": "100"}
    result = operational_confidence(settings, row, "high_confidence_malicious", "0.3", True, Context())
    assert result.factor_texts()[1:3] == ["model=high_confidence_malicious@0.30:+0.30", "signal=risk_score 100:+0.00"]
