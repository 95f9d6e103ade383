"""The third injection set's shape: whole events, unique ids, enough cases per side. It never runs the detector."""

import ast
from collections import Counter
from pathlib import Path

from tests.llm_triage.trust.injection_third import ATTACKS, HARD_NEGATIVES

TECHNIQUES = {
    "plain",
    "latent",
    "fake_structure",
    "chat_template",
    "split",
    "base64",
    "utf16_base64",
    "hex",
    "url_encoding",
    "html_entities",
    "rot13",
    "homoglyph",
    "zero_width",
    "fullwidth",
}
LANGUAGES = {"en", "es", "de", "fr", "pt", "ru", "zh", "ja", "ko", "vi", "sw", "he", "el", "uk", "th"}


def _is_row(row: object) -> bool:
    return isinstance(row, dict) and all(
        isinstance(k, str) and (isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v)))
        for k, v in row.items()
    )


def test_counts() -> None:
    assert len(ATTACKS) >= 160 and len(HARD_NEGATIVES) >= 160


def test_ids_are_unique_and_name_their_source() -> None:
    ids = [c["id"] for c in ATTACKS + HARD_NEGATIVES]
    assert len(ids) == len(set(ids))
    assert all(str(c["id"]).endswith("-" + str(c["source"])) for c in ATTACKS + HARD_NEGATIVES)


def test_attacks_are_whole_events() -> None:
    for case in ATTACKS:
        assert set(case) == {"id", "source", "technique", "language", "row"}, case["id"]
        assert case["technique"] in TECHNIQUES and case["language"] in LANGUAGES, case["id"]
        row = case["row"]
        assert _is_row(row) and len(row) >= 6, case["id"]  # type: ignore[arg-type]


def test_hard_negatives_are_whole_events() -> None:
    for case in HARD_NEGATIVES:
        assert set(case) == {"id", "source", "row"}, case["id"]
        row = case["row"]
        assert _is_row(row) and len(row) >= 6, case["id"]  # type: ignore[arg-type]


def test_every_source_has_both_sides_and_no_row_is_on_both() -> None:
    attack_sources = Counter(c["source"] for c in ATTACKS)
    negative_sources = Counter(c["source"] for c in HARD_NEGATIVES)
    assert set(attack_sources) == set(negative_sources)
    assert min(attack_sources.values()) >= 5 and min(negative_sources.values()) >= 5
    attack_rows = {repr(sorted(c["row"].items())) for c in ATTACKS}  # type: ignore[attr-defined]
    assert not any(repr(sorted(c["row"].items())) in attack_rows for c in HARD_NEGATIVES)  # type: ignore[attr-defined]


def test_the_set_is_spread_over_techniques_and_languages() -> None:
    assert len({c["technique"] for c in ATTACKS}) >= 12
    assert len({c["language"] for c in ATTACKS}) >= 13


def test_the_set_never_imports_the_detector() -> None:
    # The set is data written blind; importing the detector would invite tuning one to the other.
    tree = ast.parse(Path(__file__).with_name("injection_third.py").read_text(encoding="utf-8"))
    modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    modules |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(m.startswith(("llm_triage", "tools")) for m in modules)
