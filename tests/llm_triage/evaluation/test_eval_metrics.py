"""The metrics against tables computed by hand (the arithmetic is written out beside each figure)."""

import pytest

from llm_triage.evaluation.metrics import (
    Outcome,
    brier_score,
    cohen_kappa,
    evaluate,
    is_escalated,
    is_positive,
    reliability,
    wilson,
)

TP, FP, FN, TN = (True, True), (True, False), (False, True), (False, False)


def outcome(kind: "tuple[bool, bool]", confidence: "float | None" = None) -> Outcome:
    return Outcome(escalated=kind[0], positive=kind[1], confidence=confidence)


# Ten labelled results: 4 true positives, 2 false positives, 1 false negative, 3 true negatives.
TABLE = [
    outcome(TP, 0.9),
    outcome(TP, 0.95),
    outcome(TP, 0.8),
    outcome(TP, 0.7),
    outcome(FP, 0.9),
    outcome(FP, 0.6),
    outcome(FN, 0.85),
    outcome(TN, 0.75),
    outcome(TN, 0.65),
    outcome(TN, None),  # no stated confidence: counted everywhere but in calibration
]


def test_what_counts_as_escalated_and_as_positive() -> None:
    assert [is_escalated(b) for b in ("probable_incident", "high_confidence_malicious")] == [True, True]
    assert [is_escalated(b) for b in ("likely_benign", "needs_enrichment", "")] == [False, False, False]
    assert is_positive("true_positive")
    # A benign true positive (the rule fired correctly on allowed activity) needs no response: benign.
    assert not is_positive("benign_true_positive") and not is_positive("false_positive")


def test_wilson_matches_published_values() -> None:
    # Wilson (1927) 95% intervals as tabulated (e.g. Newcombe 1998, table I): 0/10 -> (0, 0.2775),
    # 5/10 -> (0.2366, 0.7634), 81/263 -> (0.2553, 0.3662).
    for successes, trials, low, high in ((0, 10, 0.0, 0.2775), (5, 10, 0.2366, 0.7634), (81, 263, 0.2553, 0.3662)):
        interval = wilson(successes, trials)
        assert interval.low == pytest.approx(low, abs=5e-5) and interval.high == pytest.approx(high, abs=5e-5)
    empty = wilson(0, 0)
    assert (empty.value, empty.low, empty.high) == (None, None, None)


def test_the_ten_result_table() -> None:
    m = evaluate(TABLE, minutes_per_alert=20)
    assert (m.n, m.tp, m.fp, m.fn, m.tn) == (10, 4, 2, 1, 3)
    assert m.precision.value == pytest.approx(4 / 6)  # tp / (tp + fp)
    # Wilson for 4/6, z = 1.96: centre (4/6 + z^2/12) / (1 + z^2/6) = 0.98679 / 1.64025 = 0.60161;
    # half z * sqrt(4/6 * 2/6 / 6 + z^2 / 144) / 1.64025 = 1.96 * 0.25242 / 1.64025 = 0.30162.
    assert (m.precision.low, m.precision.high) == (pytest.approx(0.3000, abs=1e-4), pytest.approx(0.9032, abs=1e-4))
    assert m.recall.value == pytest.approx(0.8)  # tp / (tp + fn) = 4 / 5
    assert m.escalation_rate.value == pytest.approx(0.6)  # (tp + fp) / n = 6 / 10
    assert m.accuracy.value == pytest.approx(0.7)  # (tp + tn) / n
    # Kappa: observed 7/10; chance (6*5 + 4*5) / 100 = 0.5 (escalated 6 x positive 5, not 4 x negative 5);
    # (0.7 - 0.5) / (1 - 0.5) = 0.4.
    assert m.kappa == pytest.approx(0.4)
    assert m.fp_burden_minutes == 40  # 2 benign escalations x 20 minutes
    # Brier over the 9 with a confidence: right ones (c - 1)^2: .01 + .0025 + .04 + .09 + .0625 + .1225 =
    # .3275; wrong ones c^2: .81 + .36 + .7225 = 1.8925; 2.22 / 9.
    assert m.calibrated == 9 and m.brier == pytest.approx(2.22 / 9)
    # ECE: bins 0.6 (n 2, conf .625, acc .5), 0.7 (2, .725, 1), 0.8 (2, .825, .5), 0.9 (3, .91667, 2/3):
    # (2 * .125 + 2 * .275 + 2 * .325 + 3 * .25) / 9 = 2.2 / 9.
    assert m.ece == pytest.approx(2.2 / 9)


def test_reliability_bins_of_the_table() -> None:
    bins = reliability(TABLE)
    assert len(bins) == 10 and [b.count for b in bins] == [0, 0, 0, 0, 0, 0, 2, 2, 2, 3]
    sixth, seventh, eighth, ninth = bins[6:]
    assert (sixth.low, sixth.high, sixth.mean_confidence, sixth.accuracy) == (0.6, 0.7, pytest.approx(0.625), 0.5)
    assert (seventh.mean_confidence, seventh.accuracy) == (pytest.approx(0.725), 1.0)
    assert (eighth.mean_confidence, eighth.accuracy) == (pytest.approx(0.825), 0.5)
    assert (ninth.mean_confidence, ninth.accuracy) == (pytest.approx(2.75 / 3), pytest.approx(2 / 3))
    assert bins[0].mean_confidence is None and bins[0].accuracy is None


def test_edges_of_the_bins() -> None:
    # 1.0 is in the last bin, 0.0 in the first, 0.7 exactly in [0.7, 0.8) despite 0.7 * 10 in floats.
    bins = reliability([outcome(TP, 1.0), outcome(TP, 0.0), outcome(TP, 0.7), outcome(TP, 0.3)], bins=10)
    assert [b.count for b in bins] == [1, 0, 0, 1, 0, 0, 0, 1, 0, 1]
    assert [b.count for b in reliability([outcome(TP, 0.5), outcome(FN, 0.49)], bins=2)] == [1, 1]


def test_kappa_at_its_limits() -> None:
    assert cohen_kappa(3, 0, 0, 2) == pytest.approx(1.0)  # perfect agreement
    # Always disagreeing: observed 0, chance (2*2 + 2*2) / 16 = 0.5, (0 - 0.5) / 0.5 = -1.
    assert cohen_kappa(0, 2, 2, 0) == pytest.approx(-1.0)
    assert cohen_kappa(5, 0, 0, 0) is None  # both raters said "yes" every time: chance agreement is 1
    assert cohen_kappa(0, 0, 0, 0) is None
    # A second hand table: tp 20, fp 5, fn 10, tn 15, n 50. observed 35/50 = 0.7; chance
    # (25*30 + 25*20) / 2500 = 0.5; kappa 0.4.
    assert cohen_kappa(20, 5, 10, 15) == pytest.approx(0.4)


def test_undefined_figures_stay_undefined() -> None:
    m = evaluate([outcome(FN, None), outcome(TN, None)])
    assert m.precision.value is None and m.precision.trials == 0  # nothing escalated
    assert m.recall.value == 0.0 and m.escalation_rate.value == 0.0
    assert m.brier is None and m.ece is None and m.calibrated == 0 and m.fp_burden_minutes == 0
    assert brier_score([]) is None
    empty = evaluate([])
    assert empty.n == 0 and empty.kappa is None and empty.accuracy.value is None
