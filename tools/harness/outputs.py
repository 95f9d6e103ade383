"""Writing result rows: CSV (multivalue joined with newlines) or JSON lines (multivalue as lists)."""

from __future__ import annotations

import csv
import itertools
import json
import shutil
import tempfile
import time
from typing import TextIO

from tools.harness.chunked import RowLike

_SPOOL_IN_MEMORY_BYTES = 4 * 1024 * 1024
_JSON_FLUSH_SECONDS = 0.5


class JsonLinesWriter:
    """One JSON object per row, written as rows arrive (flushed at least every half second)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._flushed_at = time.monotonic()

    def write(self, row: RowLike) -> None:
        """Write one row."""
        self._stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        now = time.monotonic()
        if now - self._flushed_at >= _JSON_FLUSH_SECONDS:
            self._stream.flush()
            self._flushed_at = now

    def finish(self) -> None:
        """Flush what is left."""
        self._stream.flush()


class CsvWriter:
    """CSV whose header holds every field of every row, in first-seen order.

    A later row may bring a field no earlier row had, so rows are spooled (in memory up to 4 MiB, then in
    a temporary file) and written out by `finish`: memory stays bounded however many rows there are.
    Fields only ever get appended, so the spool is a run of segments, each with one more column count;
    `finish` pads the rows of earlier segments and copies the last segment as it is.
    """

    def __init__(self, stream: TextIO, spool_bytes: int = _SPOOL_IN_MEMORY_BYTES) -> None:
        self._stream = stream
        self._fields: list[str] = []
        self._position: dict[str, int] = {}
        self._spool = tempfile.SpooledTemporaryFile(max_size=spool_bytes, mode="w+", encoding="utf-8", newline="")
        self._spooled = csv.writer(self._spool, lineterminator="\n")
        # (spool position where the segment starts, columns of its rows, rows in it)
        self._segments: list[list[int]] = []

    def write(self, row: RowLike) -> None:
        """Spool one row."""
        if not self._segments or not row.keys() <= self._position.keys():
            for name in row:
                if name not in self._position:
                    self._position[name] = len(self._fields)
                    self._fields.append(name)
            self._segments.append([self._spool.tell(), len(self._fields), 0])
        # At least one cell, so that a row without fields still reads back as a row.
        cells = [""] * max(1, len(self._fields))
        position = self._position
        for name, value in row.items():
            cells[position[name]] = value if isinstance(value, str) else "\n".join(value)
        self._spooled.writerow(cells)
        self._segments[-1][2] += 1

    def finish(self) -> None:
        """Write the header and every spooled row, then drop the spool."""
        width = len(self._fields)
        out = csv.writer(self._stream, lineterminator="\n")
        out.writerow(self._fields)
        for start, columns, count in self._segments:
            self._spool.seek(start)
            if columns == width:
                # The last segment: its rows already have every column.
                shutil.copyfileobj(self._spool, self._stream)
                break
            padding = [""] * (width - columns)
            for cells in itertools.islice(csv.reader(self._spool), count):
                out.writerow(cells + padding)
        self._spool.close()
        self._stream.flush()
