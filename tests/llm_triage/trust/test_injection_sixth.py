"""The sixth injection set (injection_sixth.py): whole events from 15 sources, written by a helper who saw
neither the detector, its training tools nor the earlier sets (it saw one commit subject that named a
prose rule), by another method: replays of prompt-injection techniques documented for real products (98:
file names, user agents, code comments, Unicode tag characters, markdown images that exfiltrate, chat
transcripts, support-bot tickets, CI logs, package metadata, calendar invites, certificate subjects...)
and payloads buried in long honest carriers (104: a sentence or two in 300 to 1,200 characters of mail,
ticket, build log, script or WHOIS text, at its start, middle or end, or blended with it), 18 languages;
160 of its 221 hard negatives are twins (the same event, the planted sentence replaced by honest text).

Measured once, with every candidate frozen before the set was read: injection-patterns/5 with model-3
(c5bf53d, as shipped), with model-4 (4f5d19d: model-3's recipe, the fifth set's events added), and the
detector before both (0f1cc7b, patterns/4 with model-2). Out of sample:

    model-3: 142 of 202 attacks (70.3%; buried 73/104, replays 69/98; English 84/112, others 58/90);
             hard negatives 45 of 221 (20.4%; twins 34 of 160, the others 11 of 61).
    model-4: 145 (71.8%); hard negatives 60 (27.1%; twins 48): three more attacks for fifteen more false
             flags, so model-3 stays and model-4 was not shipped.
    before:  112 (55.4%); hard negatives 35 (15.8%; twins 26).

Weak spots: blaming another host (3/12), Italian (0/5), Dutch (1/4), SNMP and WHOIS contact fields, and
twins of long carriers, flagged for what the honest carrier says. These are the floors and the ceilings the
next change is held to; it is measured on a set written after it.

Injection-patterns/6 added the `addressee` patterns (text that names an AI, a bot or an automated reviewer
as the one it speaks to), written after reading this set's misses and the fifth's (both spent): 167 of 202
(82.7%, in sample; 70 found by those patterns), hard negatives still 45. The floor is that.

Model-5 then trained on this set's events (in sample, with the fifth, sixth and seventh sets and the
written pairs of tools/injection_training/written):
179 of 202 attacks, 5 of 221 hard negatives, no twin. Model-6 (the eighth set and a second round of
written pairs too): 171, 6 and 1 twin. Those are the floors now.

Model-7 (the mean of three draws, cut at 1% of honest look-alikes; trained on the spent sets to the ninth)
flags 160 attacks and 4 hard negatives here (before: 171 and 6); the floors follow it.

Model-8 (a name joined by `-` or `_` of four words or more is read as a sentence; trained on the spent
sets to the tenth) flags 162 attacks and 4 hard negatives here (before: 160 and 4); the floors follow it.
"""

from llm_triage.trust.injection.detector import injection_labels
from tests.llm_triage.trust.injection_sixth import ATTACKS, HARD_NEGATIVES


def test_the_detector_flags_at_least_as_much_of_the_sixth_set_as_when_it_was_measured() -> None:
    # Model-9, trained to the twelfth set: 169 (patterns/7); model-8: 162.
    assert len(ATTACKS) == 202 and sum(bool(injection_labels(case["row"])) for case in ATTACKS) >= 169


def test_false_flags_on_the_sixth_sets_hard_negatives_stay_at_most_as_many() -> None:
    flagged = sum(bool(injection_labels(negative["row"])) for negative in HARD_NEGATIVES)
    assert len(HARD_NEGATIVES) == 221 and flagged <= 4


def test_a_buried_payloads_twin_is_flagged_no_more_often_than_when_it_was_measured() -> None:
    """A twin is its attack's event with the planted sentence replaced: what its own text costs."""
    twins = [negative for negative in HARD_NEGATIVES if "twin_of" in negative]
    assert len(twins) == 160 and sum(bool(injection_labels(twin["row"])) for twin in twins) <= 1
