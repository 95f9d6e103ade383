"""Splunk's `receivers/simple` for the splunkd stand-in: what the app indexes, kept in memory for tests.

    indexes = IndexService()
    standin.add_service(indexes)
    ...
    indexes.events("main", "llm_triage:audit")   # the JSON lines the app sent there, parsed

splunkd indexes a POST body under the `index`, `sourcetype` and `source` its query names and answers
with what it took. As there: the caller needs `edit_tcp`, an index that does not exist is refused (400),
and `index` defaults to `main`. The app's sourcetypes break on new lines, so each line here is one event.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tools.harness.splunkd_standin import Reply, Request

DEFAULT_INDEXES = ("main", "summary", "notable", "_internal", "_audit")


@dataclass(frozen=True)
class IndexedEvent:
    """One line as indexed, with where it went and who sent it."""

    index: str
    sourcetype: str
    source: str
    raw: str
    user: str


class IndexService:
    """POST .../receivers/simple, recorded per index."""

    def __init__(self, indexes: Iterable[str] = DEFAULT_INDEXES) -> None:
        self.indexes = set(indexes)
        self.indexed: list[IndexedEvent] = []
        self.failing_status = 0  # a test sets e.g. 503 to make every POST fail, then back to 0
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply | None:
        if request.segments != ["receivers", "simple"]:
            return None
        if request.method != "POST":
            return Reply(405, {"messages": [{"type": "ERROR", "text": "Method not allowed"}]})
        if self.failing_status:
            return Reply(self.failing_status, {"messages": [{"type": "ERROR", "text": "Service unavailable"}]})
        if not request.user.can("edit_tcp"):
            text = f"User '{request.user.name}' does not have sufficient capabilities (edit_tcp)"
            return Reply(403, {"messages": [{"type": "ERROR", "text": text}]})
        index = request.query.get("index", "main")
        if index not in self.indexes:
            return Reply(400, {"messages": [{"type": "ERROR", "text": f"Unknown index={index}"}]})
        sourcetype = request.query.get("sourcetype", "")
        source = request.query.get("source", "")
        lines = [line for line in request.body.decode("utf-8").split("\n") if line.strip()]
        with self._lock:
            self.indexed.extend(IndexedEvent(index, sourcetype, source, line, request.user.name) for line in lines)
        answer = {"index": index, "bytes": len(request.body), "sourcetype": sourcetype, "source": source}
        return Reply(200, answer)

    def events(self, index: str | None = None, sourcetype: str | None = None) -> list[Any]:
        """The JSON events indexed (optionally only in `index` and of `sourcetype`), parsed, in order."""
        with self._lock:
            chosen = [
                event
                for event in self.indexed
                if (index is None or event.index == index) and (sourcetype is None or event.sourcetype == sourcetype)
            ]
        return [json.loads(event.raw) for event in chosen]
