"""llmeval's logic: which rows count, slices, exclusions, and the rows it reports (hand-computed)."""

import pytest

from llm_triage.evaluation.labelled import label_of, labelled, slice_value
from llm_triage.evaluation.report import Evaluation, number, parse_by


def row(bucket: str, disposition, state="approved", provider="lab", profile="identity/1", **more):
    return {
        "triage_status": "ok",
        "triage_bucket": bucket,
        "triage_confidence": more.pop("confidence", "0.8"),
        "triage_provider": provider,
        "triage_profile": profile,
        "disposition": disposition,
        "review_state": state,
        **more,
    }


def test_only_approved_labels_count_and_disagreeing_ones_are_left_out() -> None:
    assert label_of({"disposition": "true_positive", "review_state": "approved"}) == ("true_positive", "")
    assert label_of({}) == (None, "no_label")
    assert label_of({"disposition": "true_positive", "review_state": "pending"}) == (None, "pending_review")
    assert label_of({"disposition": "true_positive"}) == (None, "pending_review")  # no state: not approved
    assert label_of({"disposition": "false_positive", "review_state": "rejected"}) == (None, "rejected")
    # Two labels from a multivalue lookup, paired by position: the rejected one does not count.
    two = {"disposition": ["true_positive", "false_positive"], "review_state": ["approved", "rejected"]}
    assert label_of(two) == ("true_positive", "")
    conflict = {"disposition": ["true_positive", "benign_true_positive"], "review_state": ["approved", "approved"]}
    assert label_of(conflict) == (None, "conflicting_labels")
    # Both benign: they agree on what matters (no response needed); the commoner one names it.
    agree = {"disposition": ["false_positive", "benign_true_positive", "false_positive"], "review_state": "approved"}
    assert label_of(agree) == ("false_positive", "")
    assert label_of({"disposition": "maybe", "review_state": "approved"}) == (None, "unknown_disposition")


def test_a_row_without_a_model_verdict_does_not_count() -> None:
    assert labelled(dict(row("probable_incident", "true_positive"), triage_status="unavailable")) == "no_model_verdict"
    assert labelled(row("", "true_positive")) == "no_model_verdict"
    item = labelled(row("probable_incident", "true_positive", confidence="not a number"))
    assert not isinstance(item, str) and item.outcome.confidence is None and item.outcome.escalated


def test_a_feedback_documents_snapshot_of_the_triage_fields_is_read_too() -> None:
    snapshot = {
        "disposition": "false_positive",
        "review_state": "approved",
        "triage.triage_bucket": "high_confidence_malicious",
        "triage.triage_confidence": "0.9",
        "triage.triage_provider": "lab",
    }
    item = labelled(snapshot)
    assert not isinstance(item, str) and item.outcome.escalated and not item.outcome.positive
    assert slice_value(snapshot, "provider") == "lab" and slice_value(snapshot, "model") == "(none)"
    assert slice_value({"search_name": "Okta push spam"}, "rule") == "Okta push spam"


def test_slices_with_hand_computed_figures_and_exclusions() -> None:
    rows = [
        # lab: tp 2, fp 1, tn 1 (and one pending label, excluded)
        row("probable_incident", "true_positive", confidence="0.9"),
        row("high_confidence_malicious", "true_positive", confidence="0.9"),
        row("probable_incident", "benign_true_positive", confidence="0.6"),
        row("likely_benign", "false_positive", confidence="0.8"),
        row("likely_benign", "true_positive", state="pending"),
        # candidate: fn 1, tn 1, one with no verdict
        row("needs_enrichment", "true_positive", provider="candidate", confidence="0.7"),
        row("likely_benign", "false_positive", provider="candidate", confidence="0.7"),
        dict(row("likely_benign", "false_positive", provider="candidate"), triage_status="error"),
    ]
    evaluation = Evaluation(by=parse_by(["by", "provider"]), minutes_per_alert=30)
    evaluation.add(rows[:3])
    evaluation.add(rows[3:])  # a second chunk adds to the same slices
    candidate, lab = evaluation.rows()
    assert lab["slice"] == "triage_provider=lab" and lab["triage_provider"] == "lab"
    assert (lab["n"], lab["tp"], lab["fp"], lab["fn"], lab["tn"]) == ("4", "2", "1", "0", "1")
    assert lab["precision"] == "0.6667" and lab["recall"] == "1" and lab["escalation_rate"] == "0.75"
    # observed 3/4; chance (3*2 + 1*2) / 16 = 0.5; kappa (0.75 - 0.5) / 0.5 = 0.5
    assert lab["kappa"] == "0.5"
    assert lab["fp_burden_minutes"] == "30"  # one benign true positive escalated, 30 minutes
    # Brier: right (0.9 - 1)^2 * 2 + wrong 0.6^2 + right (0.8 - 1)^2 = .01 + .01 + .36 + .04 = .42 / 4
    assert lab["brier"] == "0.105"
    assert lab["excluded"] == "1" and lab["excluded_reasons"] == "pending_review=1"
    assert (candidate["tp"], candidate["fn"], candidate["tn"], candidate["precision"]) == ("0", "1", "1", "")
    assert candidate["excluded_reasons"] == "no_model_verdict=1"
    assert evaluation.summary() == (
        "llmeval: 8 rows, 6 with an approved label evaluated in 2 slices; 2 excluded "
        "(1 no model verdict (unavailable, error, skipped or dry run); 1 labels still pending review)"
    )


def test_calibration_and_confusion_outputs() -> None:
    evaluation = Evaluation()
    evaluation.add(
        [row("probable_incident", "true_positive", confidence="0.95"), row("likely_benign", "true_positive")]
    )
    [only] = evaluation.rows()
    assert only["slice"] == "all" and only["n"] == "2"
    calibration = evaluation.rows("calibration")
    assert len(calibration) == 10 and calibration[9]["bin"] == "0.9-1"
    assert (calibration[9]["count"], calibration[9]["accuracy"], calibration[8]["accuracy"]) == ("1", "1", "0")
    assert evaluation.rows("confusion") == [
        {"slice": "all", "model": "escalated", "analyst_true_positive": "1", "analyst_benign": "0"},
        {"slice": "all", "model": "not_escalated", "analyst_true_positive": "1", "analyst_benign": "0"},
    ]
    with pytest.raises(ValueError):
        evaluation.rows("pie")


def test_by_clause_and_numbers() -> None:
    assert parse_by(["by", "profile,", "triage_provider"]) == ["profile", "triage_provider"]
    assert parse_by(["profile,model"]) == ["profile", "model"]
    assert parse_by([]) == []
    with pytest.raises(ValueError):
        parse_by(["by", "a", "by", "b"])
    assert (number(None), number(0.0), number(1 / 3), number(2.5, 2), number(-0.00001)) == (
        "",
        "0",
        "0.3333",
        "2.5",
        "0",
    )


def test_agreement_before_and_after_enrichment_side_by_side() -> None:
    enriched = {"triage_bucket_initial": "needs_enrichment", "triage_enriched": "true"}
    evaluation = Evaluation()
    evaluation.add(
        [
            row("probable_incident", "true_positive", **enriched),  # enrichment found the incident
            row("likely_benign", "false_positive", **enriched),  # both answers agree with the analyst
            row("probable_incident", "false_positive"),  # not enriched: the same either way
            row("likely_benign", "benign_true_positive"),
        ]
    )
    [report] = evaluation.rows()
    assert (report["enriched"], report["accuracy"], report["accuracy_before_enrichment"]) == ("2", "0.75", "0.5")
    never = Evaluation()
    never.add([row("likely_benign", "false_positive")])
    assert never.rows()[0]["enriched"] == "0" and never.rows()[0]["accuracy_before_enrichment"] == ""
