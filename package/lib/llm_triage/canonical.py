"""Canonical JSON: the same evidence always gives the same bytes, and so the same hash."""

import hashlib
import json
from typing import Any

# Escaping these keeps `<evidence>`-style delimiters unforgeable from inside a value.
_HTML_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def canonical_json(value: Any) -> str:
    """Sorted keys, no insignificant white space, UTF-8 text kept as is, and no raw `<`, `>` or `&`."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.translate(_HTML_SAFE)


def content_hash(text: str) -> str:
    """SHA-256 of the text's UTF-8 bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
