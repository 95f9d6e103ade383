"""The first held-out injection set (injection_heldout.py), as the detector stands: floors, not targets.

Written for issue 19's first step and measured then (46% -> 52%); the learned layer and injection-
patterns/3 were then developed against it, so it is a development set now, kept as a regression test.
Out-of-sample numbers come from sets written after each freeze (injection_fresh.py to injection_fifth.py).
Model-3 trained on it (tools/injection_training: a spent set), so its numbers here are in sample.
"""

from collections import Counter

from llm_triage.trust.injection.detector import injection_labels
from tests.llm_triage.trust.injection_heldout import CASES, NEGATIVES


def test_the_detector_flags_at_least_as_much_of_the_held_out_set_as_when_it_was_last_changed() -> None:
    flagged = Counter(case["category"] for case in CASES if injection_labels(case["fields"]))
    # 46% when added; 52% with injection-patterns/2; 88% with patterns/3 and the learned model-1; 92% with
    # patterns/4 and model-2; 106 (99%) with patterns/5 and model-3, which trained on the set; 105 with
    # model-5 (also trained on it): a Russian request for the prompt in a mail subject scores 0.95 against
    # free text's 0.96, and the markdown image exfiltration 0.86; 104 with model-6; 105 with model-8; 102
    # with model-9 (trained to the twelfth set)
    assert len(CASES) == 107 and sum(flagged.values()) >= 102


def test_false_flags_on_its_hard_negatives_stay_at_most_as_many_as_when_it_was_last_changed() -> None:
    strict = [negative for negative in NEGATIVES if not negative["kind"].endswith("_BORDERLINE")]
    # 7 with patterns/2; 3 with patterns/3 and model-1, and with patterns/4 and model-2; 2 with model-3
    assert len(strict) == 58 and sum(bool(injection_labels(negative["fields"])) for negative in strict) <= 2
