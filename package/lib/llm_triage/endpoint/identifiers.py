"""The exact shapes of the identifiers the app's endpoints accept and write with the system token.

An identifier reaches audit events, KV store queries, URLs and, through dashboards, SPL. Each is checked
against the one shape the app itself makes (`fullmatch`, so a trailing newline is no identifier either):
an identifier an attacker shaped (quotes, pipes, brackets) is refused at the door, never stored.
"""

import re
from re import Pattern

TRIAGE_ID = re.compile(r"[0-9a-f]{24}")  # fields.triage_id: 24 hex characters of a content hash
SHA256 = re.compile(r"[0-9a-f]{64}")  # bundle hashes
FEEDBACK_KEY = re.compile(r"[0-9a-f]{24}")  # a disposition's _key
QUEUE_KEY = re.compile(r"[0-9a-f]{32}")  # approval items and dead letters (routing.queues, routing.payloads)


def is_shaped(pattern: Pattern[str], value: object) -> bool:
    """Whether `value` is text of exactly `pattern`'s shape."""
    return isinstance(value, str) and pattern.fullmatch(value) is not None
