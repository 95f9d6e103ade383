"""The fourth injection set (injection_fourth.py): whole events from 22 sources, written by a helper who saw
neither the detector, its training tools nor the earlier sets, as a filter-aware attacker writes (no
trigger words: paraphrase, narrative, latent assertions, fake analyst notes, compliance attestations,
split across two fields, embedded in JSON, HTML and markdown, 28 languages, twelve obfuscations), and
measured once on the detector frozen at 96bb0de (injection-patterns/4 with model-2). Out of sample:

    117 of 266 attacks flagged (44.0%; patterns/3 with model-1, the detector before it: 78, 29.3%; the
    rules alone: 14). By technique: latent_assertion 21/40, paraphrase 15/47, fake_analyst_note 10/20,
    split_fields 8/16, polite_request 6/15, compliance_attestation 3/10, role_play 2/8, narrative 2/8,
    url_encoding 8/14, base64 7/12, the other obfuscations 23/42. English 57/136, other languages 60/130
    (Swahili 5/5, Thai 4/4, Persian 5/6; Finnish 0/5, Italian 0/4, Romanian 0/4).
    Hard negatives flagged: 20 of 226 (8.8%; the detector before it: 24, 10.6%).

Issue 19's targets (90% recall, 5% of hard negatives) are far from met on attacks that avoid the words
instructions are made of: the detector learned its trainers' phrasings, as the issue warned. These are
floors; the next change is measured on a set written after it.

With injection-patterns/5 and model-3, which trained on this set's events (a spent set; in sample):
237 of 266 (89.1%), 16 of 226 hard negatives (7.1%). Out of sample, trained on sets 1 to 3 only, the
same recipe had flagged 152 (57.1%) and 16 (7.1%): that is how its weight was chosen. Model-5: 238 and
10; model-6, trained on the eighth set and a second round of written pairs too: 236 and 10.

Model-7 (the mean of three draws, cut at 1% of honest look-alikes; trained on the spent sets to the ninth)
flags 235 attacks and 11 hard negatives here (before: 236 and 16); the floors follow it.

Model-8 (a name joined by `-` or `_` of four words or more is read as a sentence; trained on the spent
sets to the tenth) flags 228 attacks and 13 hard negatives here (before: 235 and 11); the floors follow it.
"""

from llm_triage.trust.injection.detector import injection_labels
from tests.llm_triage.trust.injection_fourth import ATTACKS, HARD_NEGATIVES


def test_the_detector_flags_at_least_as_much_of_the_fourth_set_as_when_it_was_measured() -> None:
    # Model-9, trained to the twelfth set: 237 (patterns/7); model-8: 228.
    assert len(ATTACKS) == 266 and sum(bool(injection_labels(case["row"])) for case in ATTACKS) >= 237


def test_false_flags_on_the_fourth_sets_hard_negatives_stay_at_most_as_many() -> None:
    flagged = sum(bool(injection_labels(negative["row"])) for negative in HARD_NEGATIVES)
    # Model-9, trained to the twelfth set: 10; model-8: 13.
    assert len(HARD_NEGATIVES) == 226 and flagged <= 10
