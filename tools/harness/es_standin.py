"""Splunk Enterprise Security's endpoints the app writes to and reads from, for the splunkd stand-in.

    es = EnterpriseSecurity()
    standin.add_service(es, first=True)
    es.add_notable("7EAF4AF4-...@@notable@@3d40...")

Served as ES documents them, and strictly (a parameter ES does not take is refused with 400, so a test
sees any parameter a value smuggled in):

- POST /services/notable_update, form fields `ruleUIDs` (one or more), `comment`, `urgency`
  (informational, low, medium, high, critical), `status` (a number), `newOwner`; at least one change.
  Answers {"success": true, "message": "<n> event(s) updated successfully", "failure_count": 0}, or
  success false for ids it does not hold. Needs `edit_notable_events`.
- ES 8: POST /servicesNS/nobody/missioncontrol/public/v2/investigations/<finding id>/notes, JSON
  {"content"}; POST /servicesNS/nobody/missioncontrol/v1/investigations/<finding id>?notable_time=<epoch>,
  JSON with urgency, status, assignee, disposition.
- GET /servicesNS/nobody/SA-ThreatIntelligence/storage/collections/data/incident_review[?query=&sort=&limit=]:
  Incident Review's changes (rule_id, status, owner, urgency, disposition, comment, time, user), as the
  KV store answers (`$gt` and `$gte` on `time`; sorted by time, as `sort=time` asks).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from tools.harness.splunkd_standin import Reply, Request

URGENCIES = ("informational", "low", "medium", "high", "critical")
UPDATE_FIELDS = {"ruleUIDs", "comment", "urgency", "status", "newOwner", "disposition"}
FINDING_FIELDS = {"urgency", "status", "assignee", "disposition"}


def _error(status: int, text: str) -> Reply:
    return Reply(status, {"messages": [{"type": "ERROR", "text": text}]})


@dataclass
class Notable:
    """One notable (or finding) as ES holds it, with what was done to it."""

    event_id: str
    urgency: str = "medium"
    status: str = "1"
    owner: str = "unassigned"
    comments: list[str] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)


class EnterpriseSecurity:
    """The ES endpoints above, over notables held in memory."""

    def __init__(self) -> None:
        self.notables: dict[str, Notable] = {}
        self.incident_review: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str, dict[str, list[str]] | Any]] = []  # (method, path, parsed body)
        self.failing_status = 0
        self._lock = threading.Lock()

    def add_notable(self, event_id: str) -> Notable:
        """Hold a notable (or finding) with this id."""
        notable = Notable(event_id)
        self.notables[event_id] = notable
        return notable

    def review(self, rule_id: str, disposition: str, user: str, time: float, **more: Any) -> None:
        """An analyst's change in Incident Review, as the incident_review collection keeps it."""
        document = {"_key": f"{rule_id}@{time}", "rule_id": rule_id, "disposition": disposition, "user": user,
                    "time": time, "status": more.pop("status", "5"), **more}  # fmt: skip
        with self._lock:
            self.incident_review.append(document)

    def __call__(self, request: Request) -> Reply | None:
        if request.app == "system" and request.segments == ["notable_update"]:
            return self._notable_update(request)
        if request.app == "missioncontrol" and request.segments[:1] in (["public"], ["v1"]):
            return self._finding(request)
        if request.app == "SA-ThreatIntelligence" and request.segments == [
            "storage", "collections", "data", "incident_review",
        ]:  # fmt: skip
            return self._incident_review(request)
        return None

    def _notable_update(self, request: Request) -> Reply:
        if request.method != "POST":
            return _error(405, "notable_update takes POST")
        if self.failing_status:
            return _error(self.failing_status, "ES is unavailable")
        if not request.user.can("edit_notable_events"):
            return _error(403, "You do not have permission to edit notable events")
        try:
            form = parse_qs(request.body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
        except ValueError:
            return _error(400, "the body is not form fields")
        with self._lock:
            self.requests.append(("POST", "notable_update", form))
        unknown = set(form) - UPDATE_FIELDS
        if unknown:
            return _error(400, f"unknown parameters: {', '.join(sorted(unknown))}")
        if any(len(form[name]) != 1 for name in form if name != "ruleUIDs"):
            return _error(400, "a parameter was given twice")
        ids = form.get("ruleUIDs", [])
        one = {name: values[0] for name, values in form.items() if name != "ruleUIDs"}
        if not ids or not set(one) - {"ruleUIDs"}:
            return _error(400, "ruleUIDs and a change are required")
        if "urgency" in one and one["urgency"] not in URGENCIES:
            return Reply(200, {"success": False, "message": f"Invalid urgency value: {one['urgency']}"})
        if "status" in one and not one["status"].isdigit():
            return Reply(200, {"success": False, "message": f"Invalid status value: {one['status']}"})
        missing = [event_id for event_id in ids if event_id not in self.notables]
        if missing:
            return Reply(200, {"success": False, "message": f"Notable event(s) not found: {', '.join(missing)}"})
        with self._lock:
            for event_id in ids:
                self._apply(self.notables[event_id], one, request.user.name)
        return Reply(200, {"success": True, "message": f"{len(ids)} event(s) updated successfully", "failure_count": 0})

    def _finding(self, request: Request) -> Reply:
        segments = request.segments
        try:
            payload = json.loads(request.body or b"null")
        except ValueError:
            return _error(400, "the body is not JSON")
        with self._lock:
            self.requests.append((request.method, "/".join(segments), payload))
        if request.method != "POST" or not isinstance(payload, dict):
            return _error(400, "POST a JSON object")
        if segments[:3] == ["public", "v2", "investigations"] and len(segments) == 5 and segments[4] == "notes":
            notable = self.notables.get(segments[3])
            if notable is None:
                return _error(404, "finding not found")
            if set(payload) != {"content"} or not isinstance(payload["content"], str):
                return _error(400, 'a note is {"content": <text>}')
            with self._lock:
                notable.comments.append(payload["content"])
            return Reply(201, {"id": f"note-{len(notable.comments)}", "content": payload["content"]})
        if segments[:2] == ["v1", "investigations"] and len(segments) == 3:
            notable = self.notables.get(segments[2])
            if notable is None or not request.query.get("notable_time"):
                return _error(404, "finding not found (notable_time is required)")
            if not payload or set(payload) - FINDING_FIELDS:
                return _error(400, f"unknown fields: {', '.join(sorted(set(payload) - FINDING_FIELDS))}")
            if "urgency" in payload and payload["urgency"] not in URGENCIES:
                return _error(400, "invalid urgency")
            with self._lock:
                self._apply(notable, {("newOwner" if k == "assignee" else k): v for k, v in payload.items()},
                            request.user.name)  # fmt: skip
            return Reply(200, {"updated": True})
        return _error(404, "Not Found")

    def _incident_review(self, request: Request) -> Reply:
        if request.method != "GET":
            return _error(405, "read only here")
        query = json.loads(request.query.get("query") or "{}")
        with self._lock:
            documents = sorted(self.incident_review, key=lambda d: d["time"])
        bounds = query.get("time") if isinstance(query.get("time"), dict) else {}
        found = [
            d for d in documents
            if ("$gt" not in bounds or d["time"] > float(bounds["$gt"]))
            and ("$gte" not in bounds or d["time"] >= float(bounds["$gte"]))
        ]  # fmt: skip
        limit = int(request.query.get("limit") or 0)
        return Reply(200, found[:limit] if limit else found)

    @staticmethod
    def _apply(notable: Notable, change: dict[str, str], user: str) -> None:
        notable.updates.append(dict(change, user=user))
        if "comment" in change:
            notable.comments.append(change["comment"])
        notable.urgency = change.get("urgency", notable.urgency)
        notable.status = change.get("status", notable.status)
        notable.owner = change.get("newOwner", notable.owner)
