"""Result output: CSV with every field in the header, or JSON lines with multivalue as lists."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tools.harness.outputs import CsvWriter, JsonLinesWriter

ROWS = [
    {"user": "alice", "tags": ["a", "b"]},
    {"user": "bob"},
    {"user": "carol", "note": 'two\nlines, "quoted"', "src": "ทt"},
    {},
    {"tags": "x", "late": "1"},
]


@pytest.mark.parametrize("spool_bytes", [16 * 1024 * 1024, 64])
def test_csv_header_holds_every_field_and_earlier_rows_are_padded(spool_bytes: int) -> None:
    out = io.StringIO()
    writer = CsvWriter(out, spool_bytes=spool_bytes)
    for row in ROWS:
        writer.write(row)
    writer.finish()
    table = list(csv.reader(io.StringIO(out.getvalue())))
    assert table == [
        ["user", "tags", "note", "src", "late"],
        ["alice", "a\nb", "", "", ""],
        ["bob", "", "", "", ""],
        ["carol", "", 'two\nlines, "quoted"', "ทt", ""],
        ["", "", "", "", ""],
        ["", "x", "", "", "1"],
    ]


def test_csv_with_fixed_fields_is_copied_through() -> None:
    out = io.StringIO()
    writer = CsvWriter(out)
    for number in range(1000):
        writer.write({"n": str(number), "v": "ทt"})
    writer.finish()
    lines = out.getvalue().splitlines()
    assert lines[0] == "n,v" and lines[1] == "0,ทt" and lines[-1] == "999,ทt" and len(lines) == 1001


def test_json_lines_keep_lists_and_multibyte_text() -> None:
    out = io.StringIO()
    writer = JsonLinesWriter(out)
    for row in ROWS[:3]:
        writer.write(row)
    writer.finish()
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == ROWS[:3]
    assert "ทt" in lines[2]
