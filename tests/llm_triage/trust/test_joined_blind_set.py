"""A blind set for the detector's reading of sentences whose spaces are written `/` or `.` (joined_blind_set.json).

Written after that reading was frozen, by a helper that saw neither the detector nor its word list: 120
attacks that try to sway a triage toward benign, in 17 languages, half joined by `/` and half by `.`, whole
or inside URLs, user agents, file paths, S3 keys and host names; and 120 honest values that join as many
words (URL paths and slugs in several languages, file paths, cloud resource IDs, class names, MIME types,
git refs). Measured when written: before the reading, 25 of the 120 attacks found and 5 honest values
flagged; after it, 86 and the same 5 (the learned layer on URL and file paths, as before). Of the 34 attacks
still missed, 21 are missed written with spaces too; 13 lack two small words of the list (`known.good.host.
owned.by.netops...`, Turkish, Czech, romanized Hindi). The twelfth review then read the set to attack the
reading; after its fixes (other marks, accents, a sentence split by a space or two), 88 and the same 5, in
sample. Kept as a regression test; the next change to this reading is measured on a set written after it."""

from __future__ import annotations

import json
from pathlib import Path

from llm_triage.trust.injection.detector import injection_labels

SET = json.loads((Path(__file__).parent / "joined_blind_set.json").read_text(encoding="utf-8"))


def test_most_attacks_joined_by_slashes_or_full_stops_are_found() -> None:
    found = [bool(injection_labels({case["field"]: case["value"]})) for case in SET["attacks"]]
    assert len(found) == 120 and sum(found) >= 88


def test_honest_paths_and_names_are_not_flagged_more_than_when_measured() -> None:
    flagged = [case["value"] for case in SET["honest"] if injection_labels({case["field"]: case["value"]})]
    assert len(flagged) <= 5, flagged
