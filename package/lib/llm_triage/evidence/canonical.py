"""Canonical JSON: the same evidence always gives the same bytes, and so the same hash."""

import hashlib
import json
from typing import Any, Union

# Made once: json.dumps with options builds a new encoder on every call.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def canonical_json(value: Any) -> str:
    """Sorted keys, no insignificant white space, UTF-8 text kept as is, and no raw `<`, `>` or `&`."""
    text = _ENCODER.encode(value)
    # Escaping these keeps `<evidence>`-style delimiters unforgeable from inside a value. (str.replace,
    # not str.translate: a replace that finds nothing costs almost nothing, a translate walks every char.)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def strict_json_loads(text: Union[str, bytes]) -> Any:
    """Parse JSON as JSON defines it: Python's parser also accepts NaN and Infinity, which this refuses
    (ValueError, like any other malformed JSON), and nesting deep enough to exhaust the stack is a
    ValueError too, not a RecursionError that would escape a caller's handling of bad input."""
    try:
        return json.loads(text, parse_constant=_refuse_non_finite)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _refuse_non_finite(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def content_hash(text: str) -> str:
    """SHA-256 of the text's UTF-8 bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
