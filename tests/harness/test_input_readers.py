"""Input rows: CSV files and JSON lines flattened the way Splunk's JSON extraction names fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.harness.inputs import InputError, flatten_json, read_csv_rows, read_jsonl_rows, read_rows


def test_nested_objects_arrays_and_arrays_of_objects_get_splunk_names() -> None:
    document = {
        "eventName": "ConsoleLogin",
        "userIdentity": {"type": "IAMUser", "sessionContext": {"attributes": {"mfaAuthenticated": "false"}}},
        "resources": [{"ARN": "arn:1", "type": "AWS::IAM::User"}, {"ARN": "arn:2"}],
        "tags": ["a", "b"],
        "matrix": [[1, 2], [3]],
        "single": ["only"],
    }
    assert flatten_json(document) == {
        "eventName": "ConsoleLogin",
        "userIdentity.type": "IAMUser",
        "userIdentity.sessionContext.attributes.mfaAuthenticated": "false",
        "resources{}.ARN": ["arn:1", "arn:2"],
        "resources{}.type": "AWS::IAM::User",
        "tags{}": ["a", "b"],
        "matrix{}{}": ["1", "2", "3"],
        "single{}": "only",
    }


def test_scalars_keep_their_json_spelling_and_empty_values_disappear() -> None:
    line = '{"price": 1.50, "big": 12345678901234567890, "exp": 1e3, "ok": true, "no": false, "none": null,'
    line += ' "empty": "", "nothing": [], "hollow": {}, "mixed": ["", "x"]}'
    row = flatten_json(json.loads(line, parse_int=str, parse_float=str))
    assert row == {
        "price": "1.50",
        "big": "12345678901234567890",
        "exp": "1e3",
        "ok": "true",
        "no": "false",
        "none": "null",
        "mixed{}": ["", "x"],
    }


def test_jsonl_file_streams_rows_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "alerts.jsonl"
    path.write_text('{"a": 1.0, "n": {"b": "ทt"}}\n\n{"a": "2"}\n', encoding="utf-8")
    assert list(read_rows(path)) == [{"a": "1.0", "n.b": "ทt"}, {"a": "2"}]


@pytest.mark.parametrize(
    ("text", "complaint"), [('{"a": 1}\n[1, 2]\n', ":2: a line must hold a JSON object"), ("{oops\n", ":1: not JSON")]
)
def test_jsonl_errors_name_the_line(tmp_path: Path, text: str, complaint: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=complaint):
        list(read_jsonl_rows(path))


def test_csv_keeps_a_multiline_cell_as_one_value_and_drops_empty_cells(tmp_path: Path) -> None:
    path = tmp_path / "alerts.csv"
    path.write_bytes('\ufeffuser,body,src\r\nalice,"line one\nline two, with comma",\r\nbob,,10.0.0.1\r\n'.encode())
    assert list(read_csv_rows(path)) == [
        {"user": "alice", "body": "line one\nline two, with comma"},
        {"user": "bob", "src": "10.0.0.1"},
    ]


@pytest.mark.parametrize(("text", "complaint"), [("a,b\n1,2,3\n", ":2: 3 cells"), ("a,a\n1,2\n", "repeats a")])
def test_csv_errors(tmp_path: Path, text: str, complaint: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=complaint):
        list(read_csv_rows(path))


def test_only_csv_and_jsonl_are_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=".csv or .jsonl"):
        read_rows(tmp_path / "alerts.txt")


def test_rows_are_read_lazily(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text('{"n": 1}\n' * 3 + "not json\n", encoding="utf-8")
    rows = read_rows(path)
    assert [next(rows) for _ in range(3)] == [{"n": "1"}] * 3
    with pytest.raises(InputError, match=":4:"):
        next(rows)
