"""What every Enterprise Security step asks of a triaged row: did a model judge it, and its values as text.

Only a model's checked answer may create risk or touch a notable: a row answered by the baseline, left
unavailable, refused, skipped or dry-run never does (`triage_status=ok` and `triage_source=model`).
"""

import re
from collections.abc import Mapping
from typing import Any, Optional

from llm_triage.evidence.fields import SOURCE_MODEL, STATUS_OK

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def model_judged(row: Mapping[str, Any]) -> bool:
    """Whether the row carries a model's checked verdict (the only rows ES is told about)."""
    return first(row, "triage_status") == STATUS_OK and first(row, "triage_source") == SOURCE_MODEL


def first(row: Mapping[str, Any], name: str) -> str:
    """The field's value (its first, when multivalue) as stripped text; "" when absent."""
    value = row.get(name)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def values(row: Mapping[str, Any], name: str) -> list[str]:
    """Every value of the field (a newline-separated string counts as several), stripped, empties dropped."""
    value = row.get(name)
    items = value if isinstance(value, (list, tuple)) else str(value or "").split("\n")
    return [str(item).strip() for item in items if str(item).strip()]


def number(row: Mapping[str, Any], name: str) -> Optional[float]:
    """The field as a number from 0 to 1, or None."""
    try:
        found = float(first(row, name))
    except ValueError:
        return None
    return found if 0.0 <= found <= 1.0 else None


def one_line(text: str, limit: int) -> str:
    """`text` on one line (control characters and line breaks become a space), at most `limit` characters."""
    flat = _CONTROL.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
