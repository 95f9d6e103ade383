"""The SCP v2 codec: chunk framing, multivalue cells and CSV bodies in splunkd's and splunklib's layouts."""

from __future__ import annotations

import io
import itertools
import json
import sys
from pathlib import Path

import pytest

from tools.harness.chunked import (
    Chunk,
    ChunkProtocolError,
    decode_multivalue,
    decode_rows,
    encode_chunk,
    encode_multivalue,
    encode_rows,
    iter_chunks,
    read_chunk,
    write_chunk,
)


class TrickleStream:
    """A pipe at its least helpful: every read returns at most three bytes."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, size: int = -1) -> bytes:
        return self._data.read(min(size, 3) if size >= 0 else 3)

    def readline(self, size: int = -1) -> bytes:
        line = b""
        while not line.endswith(b"\n") and (size < 0 or len(line) < size):
            byte = self._data.read(1)
            if not byte:
                break
            line += byte
        return line


def test_chunk_header_counts_utf8_bytes_not_characters() -> None:
    body = "teststring\nทt\n".encode()
    data = encode_chunk({"action": "execute", "finished": True, "note": "ท"}, body)
    header, rest = data.split(b"\n", 1)
    metadata_length, body_length = (int(part) for part in header.decode("ascii").split(",")[1:])
    assert header.startswith(b"chunked 1.0,")
    assert body_length == len(body) == 16  # 13 characters
    assert json.loads(rest[:metadata_length]) == {"action": "execute", "finished": True, "note": "ท"}
    assert rest[metadata_length:] == body


def test_chunks_round_trip_through_a_stream() -> None:
    stream = io.BytesIO()
    write_chunk(stream, {"action": "getinfo", "preview": False})
    write_chunk(stream, {"action": "execute", "finished": False}, b"a\n1\n")
    write_chunk(stream, {"action": "execute", "finished": True}, "a\nทt\n".encode())
    stream.seek(0)
    chunks = list(iter_chunks(stream))
    assert [chunk.metadata["action"] for chunk in chunks] == ["getinfo", "execute", "execute"]
    assert [chunk.body for chunk in chunks] == [b"", b"a\n1\n", "a\nทt\n".encode()]
    assert read_chunk(stream) is None


def test_read_chunk_survives_reads_that_return_a_few_bytes() -> None:
    body = encode_rows([{"text": "ทt " * 50, "tags": ["a", "b$"]}])
    data = encode_chunk({"action": "execute", "finished": True}, body) * 2
    chunks = list(iter_chunks(TrickleStream(data)))
    assert len(chunks) == 2
    assert chunks[0] == chunks[1] == Chunk({"action": "execute", "finished": True}, body)


def test_blank_lines_between_chunks_are_skipped_as_old_splunklib_wrote_them() -> None:
    data = b'chunked 1.0,20,0\n{"type":"streaming"}\n\nchunked 1.0,17,4\n{"finished":true}a\n1\n'
    chunks = list(iter_chunks(io.BytesIO(data)))
    assert [chunk.metadata for chunk in chunks] == [{"type": "streaming"}, {"finished": True}]
    assert chunks[1].body == b"a\n1\n"


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        (b"chunked 2.0,2,0\n{}", "not a chunk header"),
        (b"chunked 1.0,2,10\n{}abc", "3 bytes short|7 of 10 bytes short"),
        (b"chunked 1.0,2", "inside a chunk header"),
        (b"chunked 1.0,2,0\n[]", "not an object"),
        (b"chunked 1.0,3,0\n{x}", "not JSON"),
        (b"chunked 1.0," + b"9" * 300 + b"\n", "longer than"),
    ],
)
def test_malformed_streams_are_reported(data: bytes, complaint: str) -> None:
    with pytest.raises(ChunkProtocolError, match=complaint):
        read_chunk(io.BytesIO(data))


ALPHABET = ["", "a", "$", "$$", ";", "$;$", "ทt", "x\ny"]


@pytest.mark.parametrize("length", [1, 2, 3])
def test_every_multivalue_list_round_trips(length: int) -> None:
    for values in itertools.product(ALPHABET, repeat=length):
        encoded = encode_multivalue(list(values))
        assert decode_multivalue(encoded) == list(values), encoded


def test_multivalue_encoding_doubles_dollars_as_splunk_does() -> None:
    assert encode_multivalue(["a", "b"]) == "$a$;$b$"
    assert encode_multivalue(["$5", "ok"]) == "$$$5$;$ok$"
    assert decode_multivalue("$$$5$;$ok$") == ["$5", "ok"]
    assert decode_multivalue("$$;$x$") == ["", "x"]


@pytest.mark.parametrize("encoded", ["", "a", "$a", "$a$b$", "$a$;", "$a$;b$", "$a$x"])
def test_malformed_multivalue_cells_are_rejected(encoded: str) -> None:
    with pytest.raises(ValueError):
        decode_multivalue(encoded)


def test_encode_rows_writes_splunkds_layout_and_quoting() -> None:
    rows = [
        {"_time": "1599171244.277", "count": "7", "msg": 'say "hi", ทt'},
        {"_time": "1", "tags": ["a", "b"], "msg": ""},
    ]
    assert encode_rows(rows).decode() == (
        '"_time",count,msg,tags,"__mv__time","__mv_count","__mv_msg","__mv_tags"\n'
        '"1599171244.277",7,"say ""hi"", ทt",,,,,\n'
        '1,,,"a\nb",,,,"$a$;$b$"\n'
    )


def test_no_rows_make_an_empty_body() -> None:
    assert encode_rows([]) == b""
    assert decode_rows(b"") == []


def test_rows_round_trip_with_multibyte_multivalue_and_awkward_text() -> None:
    rows = [
        {"user": "ᎠᎡᎢ", "tags": ["x$y", "", "ทt"], "note": 'line one\r\nline "two", three'},
        {"user": "bob", "n": "0"},
        {"tags": ["only"], "user": "carol"},
    ]
    expected = [
        rows[0],
        rows[1],
        {"user": "carol", "tags": "only"},  # a list of one value travels as a single value
    ]
    assert decode_rows(encode_rows(rows)) == expected


def test_decode_reads_splunklibs_interleaved_layout_with_crlf() -> None:
    body = b'user,__mv_user,tags,__mv_tags\r\nalice,,"a\nb",$a$;$b$\r\n,,x,\r\n'
    assert decode_rows(body) == [{"user": "alice", "tags": ["a", "b"]}, {"tags": "x"}]


def test_decode_rejects_ragged_rows_and_bad_utf8() -> None:
    with pytest.raises(ChunkProtocolError, match="record 1 has 1 cells"):
        decode_rows(b"a,b\n1\n")
    with pytest.raises(ChunkProtocolError, match="not UTF-8"):
        decode_rows(b"a\n\xff\n")
    with pytest.raises(ChunkProtocolError, match="multivalue"):
        decode_rows(b"a,__mv_a\nx,$x\n")


def test_decode_reads_what_splunklibs_own_record_writer_writes(splunklib_parent: Path) -> None:
    sys.path.insert(0, str(splunklib_parent))
    try:
        from splunklib.searchcommands.internals import RecordWriterV2
    finally:
        sys.path.remove(str(splunklib_parent))
    out = io.BytesIO()
    writer = RecordWriterV2(out)
    writer.write_record({"user": "ᎠᎡᎢ", "tags": ["x$y", "ทt"], "count": 3, "flag": True})
    writer.write_record({"user": "bob", "tags": [], "count": 0, "flag": False})
    writer.write_message("WARN", "careful: {}", "ทt")
    writer.flush(finished=True)
    out.seek(0)
    chunk = read_chunk(out)
    assert chunk is not None
    assert chunk.metadata == {"inspector": {"messages": [["WARN", "careful: ทt"]]}, "finished": True}
    assert decode_rows(chunk.body) == [
        {"user": "ᎠᎡᎢ", "tags": ["x$y", "ทt"], "count": "3", "flag": "1"},
        {"user": "bob", "count": "0", "flag": "0"},
    ]
