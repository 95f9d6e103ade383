"""Keeping credentials out of every message the app writes: row fields, search.log, errors.

Evidence redaction (what a bundle may carry) is a separate concern; this module guards the app's own text.
"""

import re
from collections.abc import Iterable

REDACTED = "[redacted]"

# Key-shaped strings, including the masked echoes some providers put in error messages (sk-ab****wxyz).
_KEY_SHAPED = re.compile(
    r"(?:\b(?:sk|pk|rk)-[A-Za-z0-9_\-*.]{4,}"
    r"|\bBearer\s+[A-Za-z0-9_\-.=:/+*]{4,}"
    r"|\b(?:api[_-]?key|access[_-]?token|secret|password)\s*[=:]\s*\S+)",
    re.IGNORECASE,
)
_MIN_SECRET_LENGTH = 4  # shorter "secrets" would blank out ordinary words


def scrub_secrets(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every known secret, and anything shaped like a credential, replaced by [redacted]."""
    for secret in sorted({s for s in secrets if s and len(s) >= _MIN_SECRET_LENGTH}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return _KEY_SHAPED.sub(REDACTED, text)
