"""Events the app writes to an index (the audit trail, alert-action results, canary metrics).

Through splunkd's `receivers/simple` endpoint, which indexes a POST body under the index, sourcetype and
source its query names. One POST carries many events, one canonical JSON object per line: the app's
props.conf breaks its sourcetypes on new lines and reads each line as JSON. Events for other apps'
sourcetypes (Enterprise Security's risk index, adaptive response results) go as the text lines they read
(`send_lines`).
"""

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from llm_triage.evidence.canonical import canonical_json
from llm_triage.splunkd.rest import SplunkdRest

RECEIVER = "receivers/simple"
MAX_POST_BYTES = 1_000_000  # splunkd accepts more; smaller posts keep one failure from losing much


class IndexUnavailable(Exception):
    """splunkd did not take the events; the message says why (never a secret: only the status and index)."""


class NoSuchIndex(IndexUnavailable):
    """splunkd does not know the index (another app's, such as Enterprise Security's, not installed here)."""


def send_events(
    rest: SplunkdRest, events: Sequence[Mapping[str, Any]], index: str, sourcetype: str, source: str
) -> int:
    """Index `events` (JSON objects) in `index`; the number of POSTs made. IndexUnavailable on failure,
    after which the events of the failed POST and every later one were not indexed."""
    return send_lines(rest, [canonical_json(event) for event in events], index, sourcetype, source)


def send_lines(rest: SplunkdRest, lines: Sequence[str], index: str, sourcetype: str, source: str) -> int:
    """Index one event per line (each without a line break) in `index`; as `send_events`."""
    query = urlencode({"index": index, "sourcetype": sourcetype, "source": source})
    posts = 0
    for body in _bodies(lines):
        try:
            status, _ = rest.request("POST", f"{RECEIVER}?{query}", body)
        except Exception as exc:  # whatever the transport raised, the caller decides what to keep
            raise IndexUnavailable(f"splunkd unreachable ({exc.__class__.__name__})") from None
        if status == 403:
            raise IndexUnavailable(f"no permission to write to index {index!r} (edit_tcp)")
        if status == 404 or status == 400:
            raise NoSuchIndex(f"splunkd refused the events for index {index!r} ({status}): does it exist?")
        if status not in (200, 201):
            raise IndexUnavailable(f"splunkd answered {status} to {RECEIVER}")
        posts += 1
    return posts


def _bodies(events: Sequence[str]) -> list[bytes]:
    """The events newline-separated, in POSTs of at most MAX_POST_BYTES (a larger event goes alone)."""
    bodies: list[bytes] = []
    lines: list[bytes] = []
    size = 0
    for event in events:
        line = event.encode("utf-8")
        if lines and size + len(line) + 1 > MAX_POST_BYTES:
            bodies.append(b"\n".join(lines))
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 1
    if lines:
        bodies.append(b"\n".join(lines))
    return bodies
