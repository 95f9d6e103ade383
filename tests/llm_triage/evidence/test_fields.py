"""A result's identity (`triage_id`)."""

from llm_triage.evidence.fields import OUTPUT_FIELDS, triage_id


def test_the_same_event_and_evidence_give_the_same_id() -> None:
    row = {"_cd": "12:345", "_time": "1700000000", "_raw": "login failed", "user": "alice"}
    assert triage_id("a" * 64, row) == triage_id("a" * 64, dict(row))
    assert len(triage_id("a" * 64, row)) == 24


def test_another_event_with_the_same_evidence_has_another_id() -> None:
    first = {"_cd": "12:345", "_time": "1700000000", "_raw": "login failed"}
    assert triage_id("a" * 64, first) != triage_id("a" * 64, dict(first, _cd="12:346"))
    assert triage_id("a" * 64, first) != triage_id("a" * 64, dict(first, _time="1700000001"))
    assert triage_id("a" * 64, first) != triage_id("b" * 64, first)


def test_every_row_has_a_triage_id_field() -> None:
    assert "triage_id" in OUTPUT_FIELDS
