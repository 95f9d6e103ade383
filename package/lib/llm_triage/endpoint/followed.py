"""What an answer on a bundle that follows another tells of the evidence each names, for the triaged records.

A search asks about a row's evidence again in two ways: with the results of its context searches (enrichment)
and with its free text withheld (the injection check, search/swaying.py). Each such bundle names the one it
`follows`. What is found on either must reach the record a label on the row names (feedback/triaged.py), or a
label filed without the row's own `triage_injection` (a `| table` before llmfeedback, a SOAR client) could make
a few-shot example of evidence that swayed the model:
- **With context**, the answer is the row's final one, and the bundle with context is the one its label names.
  What answers on the bundle it follows reported as swaying the model is carried to its record. (Every record
  of the same evidence, whichever search asked about it, is read with its relatives: feedback/triaged.py.)
- **Without the free text**, the answer says whether the checked answer was swayed by that text
  (`injection:swayed`) or could not be confirmed (`injection:unchecked`), as the search decides for its row
  (`check_finding`). That is added to the checked evidence's record, measured against the least severe bucket
  any answer on it gave (the model's own answers, before any floor a search applied): the record errs toward
  no example.
- **A check that never comes** (the search's budget spent, its request lost, the store unreachable then, two
  bundles whose one check followed only the first, a search run with the check off) must not leave the
  evidence clean. A benign answer on evidence with free text (any bundle's, whatever purpose it claims; a real
  check's free text is all withheld) leaves its record awaiting the check (`check: pending`); from a search with
  the check off (`checks: false`), only when no check was done before, as it never sends one. That reads as
  `injection:unchecked` until a check arrives, so the evidence makes no example. (A replay or an evaluation
  says nothing of checks, and its answers are not recorded: endpoint/service.py.)

`follows` is believed only when the bundle is made from the recorded evidence it names: the same evidence once
the context is taken out, or the same text once withheld. A caller cannot carry, or mark, evidence its bundle
was not made from; one who can rebuild a bundle's text (a `dryrun` of the same events) can ask a check of it,
and so at most keep that evidence from becoming an example.
"""

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Optional

from llm_triage.enrichment.context import evidence_hash
from llm_triage.evidence.bundle import INJECTION_CHECK, Bundle
from llm_triage.evidence.canonical import content_hash
from llm_triage.evidence.fields import STATUS_OK
from llm_triage.feedback.triaged import MADE, WITHHELD, WITHOUT_CONTEXT, Findings
from llm_triage.search.swaying import SEVERITY, check_finding, severity
from llm_triage.search.withholding import Catalog, withheld_text
from llm_triage.verdict.judge import Judgement


def followed_hashes(bundles: Sequence[Bundle]) -> list[str]:
    """The hashes of the evidence these bundles follow, whose records `findings` reads."""
    return sorted({bundle.follows for bundle in bundles if bundle.follows})


def findings(
    bundles: Sequence[Bundle],
    judgements: Sequence[Judgement],
    records: Mapping[str, Mapping[str, Any]],
    checking: bool,
    catalog: Optional[Catalog] = None,
) -> Findings:
    """What the request tells the records: each answer's bucket and own report; that a benign answer on
    evidence with free text awaits its injection check (whether or not the search asks checks, `checking`,
    one must come before its evidence makes an example); what a
    bundle with context carries from the one it follows; and what a check found of the evidence it checked.
    `records` holds the followed evidence's records (by hash); a bundle whose record is missing, or that is
    not made from it, carries nothing. With the admin's `catalog`, a context search it does not hold is free
    text (a caller wrote it)."""
    found = Findings(checking=checking)

    def add(digest: str, labels: Sequence[str]) -> None:
        if labels:
            kept = found.reported.setdefault(digest, [])
            kept.extend(label for label in labels if label not in kept)

    for bundle, judgement in zip(bundles, judgements):
        found.made[bundle.hash] = _made_hashes(bundle.text, catalog)
        own = judgement.fields.get("triage_injection")
        add(bundle.hash, [str(label) for label in own] if isinstance(own, list) else [])
        if judgement.status == STATUS_OK:
            bucket = str(judgement.fields.get("triage_bucket", ""))
            found.buckets[bundle.hash] = bucket
            made = found.made[bundle.hash]
            # Free text a check would withhold (a real check's is all withheld already), or a text not readable
            # as a bundle (a number past a float's range, nesting past the interpreter's depth): it may hold any.
            free_text = made[WITHHELD] not in ("", bundle.hash) or not made[WITHOUT_CONTEXT]
            if bucket == SEVERITY[0] and free_text:
                found.awaiting.add(bundle.hash)
        record = records.get(bundle.follows) if bundle.follows else None
        if record is None or not _made_from(bundle, record, catalog):
            continue
        if bundle.purpose == INJECTION_CHECK:
            found.checked.add(bundle.follows)
            finding = check_finding(_least_severe(record.get("buckets")), judgement)
            add(bundle.follows, [finding] if finding else [])
        else:
            reported = record.get("reported")
            add(bundle.hash, [str(label) for label in reported] if isinstance(reported, list) else [])
    return found


def _least_severe(buckets: Any) -> str:
    """The least severe bucket any answer on the evidence gave, which a check is measured against (an answer
    that let the alert go is the one a swaying text wants); likely_benign when none is known."""
    known = [str(bucket) for bucket in buckets if severity(bucket) >= 0] if isinstance(buckets, list) else []
    return min(known, key=severity) if known else SEVERITY[0]


def _made_hashes(text: str, catalog: Optional[Catalog]) -> "dict[str, str]":
    """The hashes of what a bundle's text makes: withheld ("" when it holds no free text; of `_UNREADABLE`
    when it cannot be walked, so it holds free text no check can match) and without its context, kept on its
    record so that a bundle naming it is checked without reading the record's text."""
    withheld = _withheld(text, catalog)
    return {WITHHELD: content_hash(withheld) if withheld else "", WITHOUT_CONTEXT: _evidence(text)}


def _made_from(bundle: Bundle, record: Mapping[str, Any], catalog: Optional[Catalog]) -> bool:
    """Whether `bundle` was made from the recorded evidence as its purpose says: withheld, or with context.
    Evidence that cannot be read so (nested past the interpreter's depth, not a bundle) was made from nothing.
    A record written before it kept these hashes has them made from its text (and cached)."""
    made = record.get(MADE)
    known = made if isinstance(made, dict) else _made_hashes(str(record.get("bundle", "")), catalog)
    if bundle.purpose == INJECTION_CHECK:
        return bool(known.get(WITHHELD)) and known.get(WITHHELD) == bundle.hash
    mine = _evidence(bundle.text)
    return bool(mine) and known.get(WITHOUT_CONTEXT) == mine


# Records are content-addressed, so what is made of one never changes (for one catalog): made once per process,
# however many bundles of however many requests name it. A text that is no bundle has no evidence hash, and one
# the check cannot walk holds free text (`_UNREADABLE`).
@lru_cache(maxsize=128)
def _withheld(text: str, catalog: Optional[Catalog]) -> Optional[str]:
    try:
        return withheld_text(text, catalog)
    except (ValueError, TypeError, RecursionError):
        # Fail closed: a text the check cannot walk may hide anything (thirteenth review, H2).
        return _UNREADABLE


_UNREADABLE = "unreadable"  # no bundle's text: the wire refuses what is not a JSON bundle


@lru_cache(maxsize=128)
def _evidence(text: str) -> str:
    """The hash of the evidence `text` asks about once its context is taken out ("" when it is no bundle)."""
    return evidence_hash(text)
