"""Rows from the files tools/search reads, one at a time: CSV with a header row, or JSON lines.

JSON objects are flattened the way Splunk's JSON field extraction names fields: a nested object gives
`a.b`, an array gives the multivalue field `a{}`, an array of objects gives `a{}.b` (multivalue over the
elements that have `b`). Scalars keep their JSON spelling: `1.50` stays "1.50", `true` is "true", `null`
is "null". As in Splunk, an empty value is no value, so empty strings and empty CSV cells are left out.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from tools.harness.chunked import Row

INPUT_SUFFIXES = (".csv", ".jsonl")


class InputError(Exception):
    """The input file cannot be read as rows; the message names the file and line."""


def read_rows(path: Path) -> Iterator[Row]:
    """The rows of a .csv or .jsonl file, streamed."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _utf8_only(path, read_csv_rows(path))
    if suffix == ".jsonl":
        return _utf8_only(path, read_jsonl_rows(path))
    raise InputError(f"{path}: input must be a .csv or .jsonl file")


def _utf8_only(path: Path, rows: Iterator[Row]) -> Iterator[Row]:
    """`rows`, with a file that is not UTF-8 reported as an input error rather than a crash."""
    try:
        yield from rows
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start} of a block)") from None


def read_csv_rows(path: Path) -> Iterator[Row]:
    """Rows of a CSV file with a header row; a quoted cell with newlines stays one value."""
    with _open(path) as file:
        reader = csv.reader(file, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                return
            duplicates = sorted({name for name in header if header.count(name) > 1})
            if duplicates:
                raise InputError(f"{path}: the header repeats {', '.join(duplicates)}")
            for cells in reader:
                if not cells:
                    continue
                if len(cells) > len(header):
                    raise InputError(f"{path}:{reader.line_num}: {len(cells)} cells, the header has {len(header)}")
                yield {name: value for name, value in zip(header, cells) if value}
        except csv.Error as error:
            raise InputError(f"{path}:{reader.line_num}: not valid CSV: {error}") from None


def read_jsonl_rows(path: Path) -> Iterator[Row]:
    """Rows of a JSON-lines file (one object per line, blank lines skipped), flattened."""
    with _open(path) as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                document = json.loads(line, parse_int=str, parse_float=str, parse_constant=str)
            except ValueError as error:
                raise InputError(f"{path}:{number}: not JSON: {error}") from None
            if not isinstance(document, dict):
                raise InputError(f"{path}:{number}: a line must hold a JSON object, not {type(document).__name__}")
            yield flatten_json(document)


def flatten_json(document: Mapping[str, Any]) -> Row:
    """One JSON object as a Splunk row (see the module docstring for the naming)."""
    collected: dict[str, list[str]] = {}
    for key, value in document.items():
        _collect(value, key, collected)
    row: Row = {}
    for name, values in collected.items():
        if len(values) > 1:
            row[name] = values
        elif values[0]:
            row[name] = values[0]
    return row


def _collect(value: Any, name: str, collected: dict[str, list[str]]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _collect(inner, f"{name}.{key}", collected)
    elif isinstance(value, list):
        for item in value:
            _collect(item, name + "{}", collected)
    else:
        collected.setdefault(name, []).append(_scalar_text(value))


def _scalar_text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    return str(value)


def _open(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
