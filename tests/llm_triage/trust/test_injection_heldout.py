"""The held-out injection set (injection_heldout.py), as the detector stands: floors, not targets. It
is measured per category only and never used to write rules or tune thresholds."""

from collections import Counter

from llm_triage.trust.injection.detector import injection_labels
from tests.llm_triage.trust.injection_heldout import CASES, NEGATIVES


def test_the_detector_flags_at_least_as_much_of_the_held_out_set_as_when_it_was_added() -> None:
    flagged = Counter(case["category"] for case in CASES if injection_labels(case["fields"]))
    # 46% when added; 52% with injection-patterns/2 (decodings, other languages); issue 19 targets 90%
    assert len(CASES) == 107 and sum(flagged.values()) >= 56


def test_false_flags_on_its_hard_negatives_stay_at_most_as_many_as_when_it_was_added() -> None:
    strict = [negative for negative in NEGATIVES if not negative["kind"].endswith("_BORDERLINE")]
    assert len(strict) == 58 and sum(bool(injection_labels(negative["fields"])) for negative in strict) <= 7
