"""A blind set for the detector's reading of sentences whose spaces are written as other characters
(separators_blind_set.json).

Written after that reading was frozen (d40c7f0), by a helper that saw neither the repository nor the detector:
120 attacks in 20 languages (81 not in English) whose words are joined by bullets, arrows, `=`, `+`, `^`, `|`,
`#`, brackets, guillemets, dashes, ticks, emoji, zero-width and other invisible characters, full-width and CJK
punctuation, characters of other scripts, or several of them, whole or inside URLs, user agents, file names and
command lines; and 120 honest values that join words so (breadcrumbs, key=value lists, query strings, CSV rows,
markdown, hashtags, code, CJK text with its own punctuation), many of them about false positives and approvals.

Measured when written: before the reading (2b0b87a), 36 of the 120 attacks found and 9 honest values flagged;
after it, 55 and the same 9 (other rules: verdict pairs, the learned layer on security words). Of the 65
misses, 43 are missed written with spaces too; most of the others hold fewer than two small words of the list
(`admin&approved&by&ciso&skip&review`), or are joined by a letter that looks like a mark (`ǀ`, the Hangul
filler). After a fix read from one miss (a word may end in a combining mark: 3b64f2a), 56, and after the fourteenth
review's fixes (runs of such characters, letters that read as none: 090c574), 57, in sample. Kept as a
regression test; the next change to this reading is measured on a set written after it."""

from __future__ import annotations

import json
from pathlib import Path

from llm_triage.trust.injection.detector import injection_labels

SET = json.loads((Path(__file__).parent / "separators_blind_set.json").read_text(encoding="utf-8"))


def test_most_attacks_joined_by_other_characters_are_found() -> None:
    found = [bool(injection_labels({case["field"]: case["value"]})) for case in SET["attacks"]]
    assert len(found) == 120 and sum(found) >= 57


def test_honest_values_joined_by_such_characters_are_not_flagged_more_than_when_measured() -> None:
    flagged = [case["value"] for case in SET["honest"] if injection_labels({case["field"]: case["value"]})]
    assert len(flagged) <= 9, flagged
