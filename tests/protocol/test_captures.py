"""The harness against real splunkd captures: it reads what splunkd and splunklib wrote, writes what splunkd
writes, and a splunklib command fed the captured chunks returns every row in order, text intact."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Callable

from tools.harness.chunked import decode_rows, encode_chunk, encode_rows
from tools.harness.replay import (
    COUNTMATCHES_INPUT,
    COUNTMATCHES_OUTPUT,
    MULTIBYTE_CAPTURE,
    ReplayResult,
    read_capture,
)

Replay = Callable[..., ReplayResult]


def test_countmatches_input_is_read_chunk_by_chunk_and_row_by_row(captures: Path) -> None:
    getinfo, execute = read_capture(captures / COUNTMATCHES_INPUT)
    assert getinfo.metadata["action"] == "getinfo" and getinfo.body == b""
    assert getinfo.metadata["searchinfo"]["args"] == ["fieldname=word_count", "pattern=\\w+", "text"]
    assert getinfo.metadata["searchinfo"]["raw_args"] == ["fieldname=word_count", 'pattern="\\w+"', "text"]
    assert execute.metadata == {"action": "execute", "finished": True}
    rows = decode_rows(execute.body)
    assert [row["_serial"] for row in rows] == [str(number) for number in range(500)]
    assert all(row["_time"].isdigit() for row in rows)
    assert rows[1]["text"] == "Tú novia te ama mucho"
    assert sum("\n" in row.get("text", "") for row in rows) > 0  # tweets with line breaks stay one value


def test_countmatches_output_has_every_input_row_in_order_with_its_count(captures: Path) -> None:
    input_rows = decode_rows(read_capture(captures / COUNTMATCHES_INPUT)[1].body)
    configuration, result = read_capture(captures / COUNTMATCHES_OUTPUT)
    assert configuration.metadata == {"type": "streaming"} and configuration.body == b""
    assert result.metadata == {"finished": True}
    output_rows = decode_rows(result.body)
    assert len(output_rows) == len(input_rows) == 500
    for before, after in zip(input_rows, output_rows):
        assert {name: value for name, value in after.items() if name != "word_count"} == before
        assert after["word_count"].isdigit()


def test_bodies_are_written_byte_for_byte_as_splunkd_wrote_them(captures: Path) -> None:
    for capture in (MULTIBYTE_CAPTURE, COUNTMATCHES_INPUT):
        for chunk in read_capture(captures / capture)[1:]:
            assert encode_rows(decode_rows(chunk.body)) == chunk.body


def test_multibyte_capture_replayed_into_a_splunklib_command(
    replay: Replay, captures: Path, noop_command: Path
) -> None:
    recorded = read_capture(captures / MULTIBYTE_CAPTURE)
    execute_chunks = recorded[1:]
    expected = [row for chunk in execute_chunks for row in decode_rows(chunk.body)]

    result = replay(noop_command, [])

    assert result.status == 0, result.stderr
    # splunklib reports a streaming command with distributed=False as "stateful" (search head only).
    assert result.getinfo_reply.metadata["type"] == "stateful"
    assert [reply.metadata.get("finished") for reply in result.replies] == [
        chunk.metadata["finished"] for chunk in execute_chunks
    ]
    rows = result.rows()
    assert len(rows) == len(expected) == 40682
    assert rows == expected
    assert all(row["teststring"] == "ทt" for row in rows)
    # The capture's __mv_ columns are all empty: they must come back as empty companions, not as lists.
    for reply in result.replies:
        assert reply.body.startswith(b"_time,__mv__time,teststring,__mv_teststring\r\n")
    assert not any(isinstance(value, list) for row in rows for value in row.values())


def test_multivalue_rows_survive_a_replay_with_the_captures_getinfo(
    replay: Replay, captures: Path, noop_command: Path, tmp_path: Path
) -> None:
    getinfo = read_capture(captures / MULTIBYTE_CAPTURE)[0]
    rows = [
        {"_time": f"1599171244.{number:03d}", "teststring": "ทt", "src": ["10.0.0.1", "ᎠᎡᎢ", "$5"]}
        if number % 2
        else {"_time": f"1599171244.{number:03d}", "teststring": 'a "quoted"\nvalue'}
        for number in range(300)
    ]
    capture = tmp_path / "multivalue.gz"
    with gzip.open(capture, "wb") as stream:
        stream.write(encode_chunk(getinfo.metadata))
        stream.write(encode_chunk({"action": "execute", "finished": False}, encode_rows(rows[:100])))
        stream.write(encode_chunk({"action": "execute", "finished": True}, encode_rows(rows[100:])))

    result = replay(noop_command, [], capture=str(capture))

    assert result.status == 0, result.stderr
    assert result.rows() == rows
