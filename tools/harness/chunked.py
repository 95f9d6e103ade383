"""The wire format of the chunked search command protocol (SCP v2).

A chunk is the ASCII line `chunked 1.0,<metadata bytes>,<body bytes>\\n`, then the metadata (a JSON
object) and the body (CSV, possibly empty); both lengths count UTF-8 bytes, not characters.

A body holds one result per CSV record. A multivalue field `f` travels in two columns: `f` holds the
values joined by newlines and `__mv_f` holds them as `$a$;$b$`, every `$` inside a value doubled. splunkd
writes all value columns first, then all `__mv_` columns, quoting any cell that is not plain ASCII
letters and digits, with `\\n` line ends (see the captures in ../shared/splunk-protocol); splunklib
answers with each `__mv_` column right after its field and `\\r\\n` line ends. `encode_rows` writes
splunkd's layout; `decode_rows` reads either.

Rows are plain dicts: a field holds a string, or a list of strings when it is multivalue. As in Splunk,
an empty value is no value: `decode_rows` leaves empty fields out of the row.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, Union, cast

Row = dict[str, Union[str, list[str]]]
"""One search result: field name -> value, or list of values for a multivalue field."""
RowLike = Mapping[str, Union[str, Sequence[str]]]
"""Any mapping shaped like a Row: what the writers and the pipeline accept."""

MV_PREFIX = "__mv_"

_HEADER = re.compile(rb"chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*\n\Z")
_MAX_HEADER_BYTES = 256

# Splunk values (a raw event, a triage bundle) can exceed the csv module's 128 KiB default cell limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class ChunkProtocolError(Exception):
    """The byte stream does not follow SCP v2 (bad header, short read, bad JSON or CSV)."""


class ByteReader(Protocol):
    """What `read_chunk` needs from a stream: a binary file, a pipe or a gzip file."""

    def read(self, size: int = ..., /) -> bytes: ...

    def readline(self, size: int = ..., /) -> bytes: ...


class ByteWriter(Protocol):
    """What `write_chunk` needs from a stream."""

    def write(self, data: bytes, /) -> int: ...

    def flush(self) -> None: ...


@dataclass(frozen=True)
class Chunk:
    """One protocol message: its JSON metadata and its (CSV) body bytes."""

    metadata: dict[str, Any]
    body: bytes = field(default=b"", repr=False)


def encode_chunk(metadata: Mapping[str, Any], body: bytes = b"") -> bytes:
    """The bytes of one chunk, header included."""
    meta = json.dumps(metadata, separators=(",", ":")).encode("utf-8")
    return b"chunked 1.0,%d,%d\n" % (len(meta), len(body)) + meta + body


def write_chunk(stream: ByteWriter, metadata: Mapping[str, Any], body: bytes = b"") -> None:
    """Write one chunk and flush, so the reader on the other end of a pipe sees it at once."""
    stream.write(encode_chunk(metadata, body))
    stream.flush()


def read_chunk(stream: ByteReader) -> Chunk | None:
    """Read the next chunk, or None at a clean end of stream.

    Blank lines between chunks are skipped (splunklib 1.x wrote one after every chunk, as the 6.3
    capture shows). Short reads from pipes are retried until the announced length has arrived.
    """
    header = _read_header_line(stream)
    if header is None:
        return None
    match = _HEADER.match(header)
    if match is None:
        raise ChunkProtocolError(f"not a chunk header: {header[:80]!r}")
    metadata_length, body_length = int(match.group(1)), int(match.group(2))
    metadata_bytes = _read_exactly(stream, metadata_length, "metadata")
    body = _read_exactly(stream, body_length, "body")
    return Chunk(_decode_metadata(metadata_bytes), body)


def iter_chunks(stream: ByteReader) -> Iterator[Chunk]:
    """Every chunk of a stream, in order."""
    while True:
        chunk = read_chunk(stream)
        if chunk is None:
            return
        yield chunk


def _read_header_line(stream: ByteReader) -> bytes | None:
    while True:
        line = stream.readline(_MAX_HEADER_BYTES)
        if not line:
            return None
        if line.strip():
            break
    if not line.endswith(b"\n"):
        if len(line) >= _MAX_HEADER_BYTES:
            raise ChunkProtocolError(f"chunk header longer than {_MAX_HEADER_BYTES} bytes: {line[:80]!r}")
        raise ChunkProtocolError(f"stream ended inside a chunk header: {line!r}")
    return line


def _read_exactly(stream: ByteReader, length: int, part: str) -> bytes:
    pieces = []
    remaining = length
    while remaining > 0:
        piece = stream.read(remaining)
        if not piece:
            raise ChunkProtocolError(f"stream ended {remaining} of {length} bytes short of the chunk {part}")
        pieces.append(piece)
        remaining -= len(piece)
    return b"".join(pieces)


def _decode_metadata(data: bytes) -> dict[str, Any]:
    if not data:
        return {}
    try:
        metadata = json.loads(data.decode("utf-8"))
    except ValueError as error:
        raise ChunkProtocolError(f"chunk metadata is not JSON: {error}") from None
    if not isinstance(metadata, dict):
        raise ChunkProtocolError(f"chunk metadata is a JSON {type(metadata).__name__}, not an object")
    return metadata


def encode_multivalue(values: Sequence[str]) -> str:
    """`["a", "b$"]` -> `$a$;$b$$$`: the `__mv_` cell for a multivalue field."""
    return "$" + "$;$".join(value.replace("$", "$$") for value in values) + "$"


def decode_multivalue(encoded: str) -> list[str]:
    """`$a$;$b$$$` -> `["a", "b$"]`; ValueError when `encoded` is not that format."""
    if len(encoded) < 2 or encoded[0] != "$" or encoded[-1] != "$":
        raise ValueError(f"not a multivalue encoding: {encoded[:40]!r}")
    if "$$" not in encoded:
        # No escaped dollars and no empty values: the separators are unambiguous.
        values = encoded[1:-1].split("$;$")
        if any("$" in value for value in values):
            raise ValueError(f"unescaped `$` in multivalue encoding: {encoded[:40]!r}")
        return values
    values = []
    piece: list[str] = []
    start = 1
    end = len(encoded)
    while True:
        dollar = encoded.find("$", start)
        if dollar < 0:
            raise ValueError(f"unterminated value in multivalue encoding: {encoded[:40]!r}")
        # A closing `$` is followed by `;` or the end, never by `$`: so `$$` is always an escaped dollar.
        if dollar + 1 < end and encoded[dollar + 1] == "$":
            piece.append(encoded[start : dollar + 1])
            start = dollar + 2
            continue
        piece.append(encoded[start:dollar])
        values.append("".join(piece))
        piece = []
        if dollar + 1 == end:
            return values
        if encoded[dollar + 1 : dollar + 3] != ";$":
            raise ValueError(f"expected `;$` between values in multivalue encoding: {encoded[:40]!r}")
        start = dollar + 3


def _splunkd_quote(value: str) -> str:
    if not value or (value.isascii() and value.isalnum()):
        return value
    return '"' + value.replace('"', '""') + '"'


def encode_rows(rows: Sequence[RowLike]) -> bytes:
    """A CSV body as splunkd writes it: every field seen in `rows` (first-seen order), then its `__mv_` twin.

    A list of one value travels as a single value; an empty list or a missing field as an empty cell.
    No rows (or rows without fields) give an empty body.
    """
    fields = list(dict.fromkeys(name for row in rows for name in row))
    if not fields:
        return b""
    quote = _splunkd_quote
    lines = [",".join([quote(name) for name in fields] + [quote(MV_PREFIX + name) for name in fields])]
    empty_multivalues = "," * len(fields)
    for row in rows:
        values = [row.get(name) for name in fields]
        # The common case, inlined for speed: single values only, so every __mv_ cell is empty. A list
        # value has no isascii() and sends the row to the general path below.
        single_values = cast("list[str]", values)
        try:
            lines.append(
                ",".join(
                    [
                        ""
                        if not value
                        else value
                        if value.isascii() and value.isalnum()
                        else '"' + value.replace('"', '""') + '"'
                        for value in single_values
                    ]
                )
                + empty_multivalues
            )
            continue
        except AttributeError:
            pass
        cells = []
        multivalues = []
        for value in values:
            if value is None:
                cells.append("")
                multivalues.append("")
            elif isinstance(value, str):
                cells.append(quote(value))
                multivalues.append("")
            elif len(value) > 1:
                cells.append(quote("\n".join(value)))
                multivalues.append(quote(encode_multivalue(value)))
            else:
                cells.append(quote(value[0]) if value else "")
                multivalues.append("")
        lines.append(",".join(cells + multivalues))
    lines.append("")
    return "\n".join(lines).encode("utf-8")


def decode_rows(body: bytes) -> list[Row]:
    """The rows of a CSV body in either splunkd's or splunklib's layout; ChunkProtocolError if malformed."""
    if not body:
        return []
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ChunkProtocolError(f"chunk body is not UTF-8: {error}") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return []
        plan = _column_plan(header)
        width = len(header)
        rows = []
        for number, cells in enumerate(reader, start=1):
            if not cells:
                continue
            if len(cells) != width:
                raise ChunkProtocolError(f"CSV record {number} has {len(cells)} cells, the header {width}")
            row: Row = {}
            for name, value_index, mv_index in plan:
                if mv_index is not None and cells[mv_index]:
                    row[name] = decode_multivalue(cells[mv_index])
                elif value_index is not None and cells[value_index]:
                    row[name] = cells[value_index]
            rows.append(row)
    except csv.Error as error:
        raise ChunkProtocolError(f"chunk body is not valid CSV: {error}") from None
    except ValueError as error:
        raise ChunkProtocolError(f"chunk body has a bad multivalue cell: {error}") from None
    return rows


def _column_plan(header: Sequence[str]) -> list[tuple[str, int | None, int | None]]:
    """(field, value column, `__mv_` column) for each field, in the order of the value columns."""
    position = {name: index for index, name in reversed(list(enumerate(header)))}
    plan: list[tuple[str, int | None, int | None]] = []
    planned = set()
    for index, name in enumerate(header):
        if name.startswith(MV_PREFIX):
            field_name = name[len(MV_PREFIX) :]
            if field_name in position or field_name in planned:
                continue
            plan.append((field_name, None, index))
            planned.add(field_name)
        elif name not in planned:
            plan.append((name, index, position.get(MV_PREFIX + name)))
            planned.add(name)
    return plan
