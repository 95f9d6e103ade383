"""What an answer on a bundle that follows another tells of the evidence each names, for the triaged records.

A search asks about a row's evidence again in two ways: with the results of its context searches (enrichment)
and with its free text withheld (the injection check, search/swaying.py). Each such bundle names the one it
`follows`. What is found on either must reach the record a label on the row names (feedback/triaged.py), or a
label filed without the row's own `triage_injection` (a `| table` before llmfeedback, a SOAR client) could make
a few-shot example of evidence that swayed the model:
- **With context**, the answer is the row's final one, and the bundle with context is the one its label names.
  What answers on the bundle it follows reported as swaying the model is carried to its record.
- **Without the free text**, the answer says whether the checked answer was swayed by that text
  (`injection:swayed`) or could not be confirmed (`injection:unchecked`), as the search decides for its row
  (`check_finding`). That is added to the checked evidence's record, compared with the bucket its record holds:
  the model's own answer, before any floor the search applied, so a check of an answer the search floored may
  find it swayed where the row does not say so; the record errs toward no example.

`follows` is believed only when the bundle is made from the recorded evidence it names: the same evidence once
the context is taken out, or the same text once withheld. No caller can mark, or carry, evidence it did not
ask about.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from llm_triage.enrichment.context import without_context
from llm_triage.evidence.bundle import INJECTION_CHECK, Bundle
from llm_triage.search.swaying import check_finding, withheld_text
from llm_triage.verdict.judge import Judgement


def followed_hashes(bundles: Sequence[Bundle]) -> list[str]:
    """The hashes of the evidence these bundles follow, whose records `findings` reads."""
    return sorted({bundle.follows for bundle in bundles if bundle.follows})


def findings(
    bundles: Sequence[Bundle], judgements: Sequence[Judgement], records: Mapping[str, Mapping[str, Any]]
) -> "dict[str, list[str]]":
    """What to add to each record's `reported`, by bundle hash: each answer's own report, what a bundle with
    context carries from the one it follows, and what a check found of the answer it checked. `records` holds
    the followed evidence's records (by hash); a bundle whose record is missing, or that is not made from it,
    carries nothing."""
    found: dict[str, list[str]] = {}

    def add(digest: str, labels: Sequence[str]) -> None:
        if labels:
            kept = found.setdefault(digest, [])
            kept.extend(label for label in labels if label not in kept)

    for bundle, judgement in zip(bundles, judgements):
        own = judgement.fields.get("triage_injection")
        add(bundle.hash, [str(label) for label in own] if isinstance(own, list) else [])
        record = records.get(bundle.follows) if bundle.follows else None
        if record is None or not _made_from(bundle, str(record.get("bundle", ""))):
            continue
        if bundle.purpose == INJECTION_CHECK:
            finding = check_finding(record.get("bucket"), judgement)
            add(bundle.follows, [finding] if finding else [])
        else:
            reported = record.get("reported")
            add(bundle.hash, [str(label) for label in reported] if isinstance(reported, list) else [])
    return found


def _made_from(bundle: Bundle, recorded: str) -> bool:
    """Whether `bundle` was made from the `recorded` evidence as its purpose says: withheld, or with context."""
    if bundle.purpose == INJECTION_CHECK:
        return withheld_text(recorded) == bundle.text
    try:
        return without_context(recorded) == without_context(bundle.text)
    except ValueError:
        return False
