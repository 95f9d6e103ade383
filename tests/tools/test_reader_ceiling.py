"""The reader ceiling's dealing and scoring (tools/reader_ceiling): no reader can tell a row from the way it
was dealt, or compare a row with its twin; the counts are the ones the answers give."""

import json
from collections import Counter

import pytest

from tools.reader_ceiling.__main__ import at_five_percent, cases, deal, score, write_deal

SETS = ["twentysecond", "twentythird"]


def test_each_row_is_dealt_once_a_twin_never_beside_its_attack_and_the_attacks_evenly():
    all_cases = cases(SETS)
    chunks, key = deal(all_cases, 8)
    dealt = [row for chunk in chunks for row in chunk]
    assert sorted(key.values()) == sorted(case["id"] for case in all_cases) and len(dealt) == len(key) == 720
    assert all(set(row) == {"k", "row"} for row in dealt)  # nothing says which is which
    reader = {key[row["k"]]: number for number, chunk in enumerate(chunks) for row in chunk}
    twins = [case for case in all_cases if case["twin_of"]]
    assert twins and all(reader[case["id"]] != reader[case["twin_of"]] for case in twins)
    attacks = Counter(reader[case["id"]] for case in all_cases if case["attack"])
    assert set(attacks.values()) == {45}
    assert deal(all_cases, 8) == (chunks, key)  # the same sets, the same dealing


def test_the_cut_flags_at_most_five_percent_of_the_negatives_and_counts_what_is_above_it():
    negatives = [float(n) for n in range(100)]  # the top five (95 to 99) above the sixth highest, 94
    assert at_five_percent([99.5, 94.0, 95.0, 10.0], negatives) == (2, 5, 94.0)


def test_a_perfect_reader_finds_every_attack_and_an_answer_missing_is_refused(tmp_path):
    write_deal(tmp_path / "rows", tmp_path / "key.json", SETS, 8)
    key = json.loads((tmp_path / "key.json").read_text())["key"]
    attack = {case["id"] for case in cases(SETS) if case["attack"]}
    lines = [json.dumps({"k": k, "score": 100 if case in attack else 0}) for k, case in key.items()]
    (tmp_path / "rows" / "answer_0.jsonl").write_text("\n".join(lines[1:]) + "\n")
    with pytest.raises(SystemExit, match="1 rows have no answer"):
        score(tmp_path / "rows", tmp_path / "key.json")
    (tmp_path / "rows" / "answer_1.jsonl").write_text(lines[0] + "\n")
    report = score(tmp_path / "rows", tmp_path / "key.json")
    assert report["all"]["at_5_percent"] == {"score": 0.0, "attacks": 360, "hard_negatives": 0}
    assert report["t23"]["detector"]["attacks"] >= 103 and report["t22"]["hard_negatives"] == 180
    assert "<dir>" not in (tmp_path / "rows" / "brief.md").read_text()
