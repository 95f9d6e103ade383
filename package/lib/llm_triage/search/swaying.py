"""The model-side check for injections the detector misses: was the answer swayed by the row's free text?

The detector reads text; it cannot know what a model makes of it. A row answered `likely_benign` whose
bundle carries free text an attacker may have written (a subject, a body, a command line: any value of
several words, wherever the bundle holds it: search/withholding.py) is asked again with that text
withheld. If the answer without it is more severe, the text swayed the model: the row is flagged
`injection:swayed` and takes the answer given without the text (which no attacker wrote). The setting
`injection_check` chooses when: `off`, `benign_only` (the default: only answers that would let the alert
go), or `always`. Each check is one more model call, in the row's tokens and cost and counted in the
search's summary. Rows judged together in a group (`by`) share their group's bundle and its verdict, and
so one check, paid on the first of them.

A check that gets no answer (the model unavailable, an answer that fails its checks, or the search's
budget spent before it could be sent) confirms nothing: a `likely_benign` row is then flagged
`injection:unchecked` and queued `needs_enrichment`, as a row with no verdict would be, never let go on
an answer that text in the row may have written.
"""

from collections.abc import Callable
from dataclasses import replace
from typing import Optional

from llm_triage.evidence.bundle import INJECTION_CHECK, Bundle
from llm_triage.evidence.canonical import content_hash
from llm_triage.evidence.fields import STATUS_OK, FieldValue, write_answer
from llm_triage.search.withholding import withheld_parts
from llm_triage.splunkd.settings import INJECTION_CHECKS
from llm_triage.verdict.judge import Judgement

OFF, BENIGN_ONLY, ALWAYS = INJECTION_CHECKS
SWAYED = "injection:swayed"
UNCHECKED = "injection:unchecked"
# Least to most severe: "more severe without the text" is a later place in this order.
SEVERITY = ("likely_benign", "needs_enrichment", "probable_incident", "high_confidence_malicious")
# Answers remembered by the bundle they check, so that rows sharing a bundle (a group's members, identical
# rows) share one check; enough for the rows in the window, forgotten all at once past it.
REMEMBERED = 4096


def withheld(bundle: Bundle) -> Optional[Bundle]:
    """`bundle` with its free text withheld (search/withholding.py), or None when it holds none. References
    stay, following a field whose name was withheld, so the answer may still cite the field; the text is new,
    and so is its hash. It `follows` the bundle it checks, so that the judge endpoint records what the check
    finds with that evidence (endpoint/followed.py)."""
    parts = withheld_parts(bundle.text)
    if parts is None:
        return None
    text, renamed = parts
    refs = tuple(renamed.get(ref, ref) for ref in bundle.refs)
    return replace(bundle, text=text, hash=content_hash(text), refs=refs, purpose=INJECTION_CHECK, follows=bundle.hash)


def severity(bucket: object) -> int:
    return SEVERITY.index(str(bucket)) if str(bucket) in SEVERITY else -1


def check_finding(before: object, judgement: Judgement) -> Optional[str]:
    """What the check's answer (`judgement`, given without the free text) says of the answer it checks, whose
    bucket was `before`: SWAYED when it is more severe; UNCHECKED when it failed and `before` would let the
    alert go; else None. The search flags its row by it, and the judge endpoint the checked evidence's record."""
    if judgement.status != STATUS_OK:
        return UNCHECKED if before == SEVERITY[0] else None
    return SWAYED if severity(judgement.fields.get("triage_bucket")) > severity(before) else None


class SwayCheck:
    """One search's checks: which rows to ask again, and how many extra calls that took."""

    def __init__(self, mode: str):
        self.mode = mode
        self.calls = 0  # checks sent (each one more model call)
        self.swayed = 0  # checks that found a row swayed: its answer changed without its free text
        self.unchecked = 0  # checks that got no answer, sent or not (the budget spent)
        self._answers: dict[str, Optional[Judgement]] = {}  # by the bundle checked: its answer without its text
        self._swayed_bundles: set[str] = set()  # the bundles a row was found swayed by (the summary's count)

    def wanted(self, fields: "dict[str, FieldValue]") -> bool:
        """Whether this row's answer is to be checked (before its bundle is looked at)."""
        if self.mode == OFF or fields.get("triage_status") != STATUS_OK:
            return False
        return self.mode == ALWAYS or fields.get("triage_bucket") == SEVERITY[0]

    def check(
        self, fields: "dict[str, FieldValue]", bundle: Bundle, judge_again: Callable[[Bundle], Judgement]
    ) -> None:
        """Ask again without the row's free text (through `judge_again`: the search's engine, which counts
        the call in the row's and the search's tokens and cost)."""
        if not self.wanted(fields):
            return
        judgement, first = self._answer(bundle, judge_again)
        if judgement is None:
            return
        before = fields.get("triage_bucket")
        if judgement.status != STATUS_OK:
            self._unconfirmed(fields, judgement, first)
            return
        if check_finding(before, judgement) != SWAYED:
            return
        after = judgement.fields.get("triage_bucket")
        if bundle.hash not in self._swayed_bundles:  # counted once a bundle, whichever row it swayed first
            self._swayed_bundles.add(bundle.hash)
            self.swayed += 1
        write_answer(fields, judgement.fields)
        fields["triage_rationale"] = (
            f"{judgement.fields.get('triage_rationale', '')} Answered {before} with the row's free text and "
            f"{after} without it: the text swayed the model ({SWAYED}); this is the answer without it."
        ).strip()
        _flag(fields, SWAYED)

    def _answer(self, bundle: Bundle, judge_again: Callable[[Bundle], Judgement]) -> "tuple[Optional[Judgement], bool]":
        """The answer without `bundle`'s free text (None when it has none), and whether this is the first
        row to need it: a group's members share their bundle, and so one check, counted once."""
        if bundle.hash in self._answers:
            return self._answers[bundle.hash], False
        stripped = withheld(bundle)
        judgement = judge_again(stripped) if stripped is not None else None
        if judgement is not None:
            self.calls += judgement.asked
        if len(self._answers) >= REMEMBERED:
            self._answers.clear()
            self._swayed_bundles.clear()
        self._answers[bundle.hash] = judgement
        return judgement, True

    def _unconfirmed(self, fields: "dict[str, FieldValue]", judgement: Judgement, first: bool) -> None:
        """A check without an answer: the row's answer stands, and a likely_benign one is not let go."""
        self.unchecked += first
        if check_finding(fields.get("triage_bucket"), judgement) != UNCHECKED:
            return
        why = judgement.fields.get("triage_error") or judgement.status
        fields["triage_bucket"] = SEVERITY[1]
        fields["triage_rationale"] = (
            f"{fields.get('triage_rationale', '')} Bucket raised from {SEVERITY[0]} to {SEVERITY[1]}: the "
            f"check without the row's free text got no answer ({why}), so whether that text swayed the model "
            f"is unknown ({UNCHECKED})."
        ).strip()
        _flag(fields, UNCHECKED)


def _flag(fields: "dict[str, FieldValue]", kind: str) -> None:
    injection = fields.get("triage_injection")
    fields["triage_injection"] = [*(injection if isinstance(injection, list) else []), kind]
