"""Shape of the fourth (filter-aware attacker) injection set: sizes frozen, ids, sources on both sides, spread
over techniques and languages, rows shaped like Splunk events. Nothing here runs the detector: the set is
measured once, elsewhere, and never tuned against."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from pathlib import Path

from tests.llm_triage.trust.injection_fourth import ATTACKS, HARD_NEGATIVES

SET_FILE = Path(__file__).with_name("injection_fourth.py")
OBFUSCATIONS = {
    "base64",
    "hex",
    "url_encoding",
    "html_entities",
    "rot13",
    "homoglyphs",
    "zero_width",
    "fullwidth",
    "letter_spacing",
    "leetspeak",
    "reversed",
    "mixed_obfuscation",
}
EMBEDDINGS = {"json_embedding", "html_comment", "markdown_link_title", "alt_text", "split_fields"}
# Fields whose source forbids a line break (user agents, URLs, names).
SINGLE_LINE = re.compile(r"(?i)(user_?agent|useragent|\.ua$|^url$|uri|referr?er|query$|hostname|displayname|app_name)")


def _key(row: dict) -> str:
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def test_sizes_are_frozen():
    assert len(ATTACKS) == 266
    assert len(HARD_NEGATIVES) == 226


def test_case_keys_and_ids():
    ids = [case["id"] for case in ATTACKS + HARD_NEGATIVES]
    assert len(ids) == len(set(ids))
    for case in ATTACKS:
        assert set(case) == {"id", "source", "technique", "language", "row"}
        assert re.fullmatch(r"t4a-\d{3}-" + re.escape(case["source"]), case["id"]), case["id"]
    for case in HARD_NEGATIVES:
        assert set(case) == {"id", "source", "row"}
        assert re.fullmatch(r"t4n-\d{3}-" + re.escape(case["source"]), case["id"]), case["id"]


def test_every_source_on_both_sides_at_least_five_times():
    attacks = Counter(case["source"] for case in ATTACKS)
    negatives = Counter(case["source"] for case in HARD_NEGATIVES)
    assert set(attacks) == set(negatives)
    assert len(attacks) >= 20
    assert min(attacks.values()) >= 5 and min(negatives.values()) >= 5


def test_no_row_on_both_sides():
    attack_rows = {_key(case["row"]) for case in ATTACKS}
    negative_rows = {_key(case["row"]) for case in HARD_NEGATIVES}
    assert len(attack_rows) == len(ATTACKS)
    assert len(negative_rows) == len(HARD_NEGATIVES)
    assert not attack_rows & negative_rows


def test_spread_over_techniques():
    techniques = Counter(case["technique"] for case in ATTACKS)
    assert len(techniques) >= 12
    assert OBFUSCATIONS <= set(techniques)
    assert EMBEDDINGS <= set(techniques)
    # No single technique carries the set.
    assert max(techniques.values()) <= len(ATTACKS) // 5


def test_spread_over_languages_about_half_english():
    languages = Counter(case["language"] for case in ATTACKS)
    assert len(languages) >= 25
    assert 0.35 <= languages["English"] / len(ATTACKS) <= 0.65
    assert all(count >= 2 for count in languages.values())


def test_rows_are_splunk_events():
    for case in ATTACKS + HARD_NEGATIVES:
        row = case["row"]
        assert len(row) >= 6, case["id"]
        for name, value in row.items():
            assert isinstance(name, str) and name, case["id"]
            if isinstance(value, list):
                assert all(isinstance(item, str) for item in value), (case["id"], name)
            else:
                assert isinstance(value, str), (case["id"], name)
            if SINGLE_LINE.search(name):
                texts = value if isinstance(value, list) else [value]
                assert not any("\n" in text for text in texts), (case["id"], name)


def test_dns_names_respect_label_limits():
    for case in ATTACKS + HARD_NEGATIVES:
        if case["source"] != "zeek_dns":
            continue
        query = case["row"]["query"]
        assert len(query) <= 253, case["id"]
        assert all(0 < len(label) <= 63 and re.fullmatch(r"[a-z0-9_-]+", label) for label in query.split(".")), case[
            "id"
        ]


def test_twins_are_attack_events_with_the_planted_field_changed():
    by_source: dict = {}
    for case in ATTACKS:
        by_source.setdefault(case["source"], []).append(case["row"])
    twins = 0
    for case in HARD_NEGATIVES:
        for row in by_source[case["source"]]:
            differing = {k for k in set(row) | set(case["row"]) if row.get(k) != case["row"].get(k)}
            if 0 < len(differing) <= 2:
                twins += 1
                break
    assert twins >= 40


def test_the_set_never_imports_the_detector_or_tools():
    for path in (SET_FILE, Path(__file__)):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert not roots & {"llm_triage", "tools"}, (path.name, roots)
