"""A loopback server that speaks Splunk SOAR's REST API for containers and artifacts, faults switchable.

    with SoarServer(token="soar-token-0123") as soar:
        soar.base_url                          # "http://127.0.0.1:PORT" (what an admin configures as url)
        soar.fail(2, status=503)               # the next two requests answer 503, changing nothing
        soar.reset(1)                          # the next request's connection is reset before any answer
        soar.reset(1, after_commit=True)       # ... or after the change was made (the client never hears)
        soar.down(); soar.up()                 # every request fails with 503 until up()
        soar.containers[1]["artifact_count"]   # what SOAR holds now

Follows the SOAR REST API reference (help.splunk.com, "REST Containers", "REST Artifact", "Query for
data"): token auth in the `ph-auth-token` header (or as the password of Basic auth with an empty user);
`POST /rest/container` (a `label` is required and must exist; artifacts may come in the same POST; a
second container with a `source_data_identifier` already used answers `existing_container_id`, failed);
`POST /rest/artifact` (`container_id` required); `GET /rest/container/<id>` and `/rest/artifact/<id>`
answer the object itself; lists answer `{"count", "num_pages", "data"}` with `page` (from 0),
`page_size` (default 10, 0 = all), `sort`, `order` and Django-style `_filter_<field>[__lookup]=<value>`
filters whose values are Python literals (strings quoted); `POST /rest/container/<id>` updates.
Success answers `{"id": N, "success": true}`; failures `{"failed": true, "message": "..."}`.
Standard library only and Python 3.9 syntax.
"""

import ast
import base64
import datetime
import json
import math
import socket
import struct
import threading
from typing import Any, Callable, Optional
from urllib.parse import parse_qs, urlsplit

from tests.servers.loopback import Request
from tests.servers.serving import JsonHandler, ServedWithFaults, send_then_reset

SEVERITIES = ("low", "medium", "high")
STATUSES = ("new", "open", "closed")
SENSITIVITIES = ("white", "green", "amber", "red")
DEFAULT_LABELS = ("events",)
CONTAINER_FIELDS = {
    "artifacts", "asset_id", "close_time", "custom_fields", "data", "description", "due_time", "end_time",
    "ingest_app_id", "kill_chain", "label", "name", "owner_id", "run_automation", "sensitivity", "severity",
    "source_data_identifier", "start_time", "status", "tags", "container_type", "template_id",
    "authorized_users", "artifact_count", "role_id", "tenant_id", "resolution", "closing_owner",
}  # fmt: skip
ARTIFACT_FIELDS = {
    "cef", "cef_types", "container_id", "data", "description", "end_time", "field_mapping", "ingest_app_id",
    "kill_chain", "label", "name", "owner_id", "run_automation", "severity", "source_data_identifier",
    "start_time", "tags", "type", "tenant_id",
}  # fmt: skip
LOOKUPS = ("exact", "iexact", "contains", "icontains", "in", "gt", "gte", "lt", "lte", "startswith", "isnull")


def soar_time(moment: Optional[datetime.datetime] = None) -> str:
    """A timestamp as SOAR writes it: ISO 8601 in UTC with microseconds and a Z."""
    moment = moment or datetime.datetime.now(datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class SoarServer(ServedWithFaults):
    """Splunk SOAR's container and artifact endpoints on 127.0.0.1 (HTTPS when given a server context)."""

    def __init__(self, token: str, tls: Any = None, labels: tuple[str, ...] = DEFAULT_LABELS) -> None:
        super().__init__(tls)
        self.token = token
        self.labels = set(labels)
        self.containers: dict[int, dict[str, Any]] = {}
        self.artifacts: dict[int, dict[str, Any]] = {}
        self.users: dict[int, str] = {1: "admin"}  # SOAR user ids and names (GET /rest/ph_user/<id>)
        self._received: list[Request] = []
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        """What an admin configures as the server's url (the API lives under /rest)."""
        return self.root_url

    @property
    def received(self) -> list[Request]:
        """Every request received so far, faulted ones included (a copy)."""
        with self._lock:
            return list(self._received)

    # -- faults ----------------------------------------------------------------------------------------

    # fail(count, status), down(status) and up() come from ServedWithFaults.

    def reset(self, count: int, after_commit: bool = False) -> None:
        """Reset the next `count` connections: before doing anything, or after making the change."""
        self._queue_fault(("reset_after" if after_commit else "reset", 0), count)

    # -- serving ---------------------------------------------------------------------------------------

    def _handle(self, handler: JsonHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        raw = handler.read_body()
        headers = {name.lower(): value for name, value in handler.headers.items()}
        body = _parse_json(raw)
        with self._lock:
            self._received.append(Request(method, parts.path, parse_qs(parts.query), headers, raw, body))
        down, fault = self._take_fault()
        if down:
            handler.send_json(down, failure("Service Unavailable"))
            return
        if fault[0] == "fail":
            handler.send_json(fault[1], failure("Internal Server Error" if fault[1] == 500 else "Service Unavailable"))
            return
        if fault[0] == "reset":
            _reset_now(handler)
            return
        if not self._authorized(headers):
            handler.send_json(401, failure("Authentication failed: no valid token or credentials were provided"))
            return
        with self._lock:
            status, payload = self._route(method, parts.path, parse_qs(parts.query, keep_blank_values=True), raw, body)
        if fault[0] == "reset_after":
            send_then_reset(handler, payload)
            return
        handler.send_json(status, payload)

    def _authorized(self, headers: dict[str, str]) -> bool:
        if headers.get("ph-auth-token") == self.token:
            return True
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("basic "):
            try:
                user, _, password = base64.b64decode(authorization[6:]).decode("utf-8").partition(":")
            except (ValueError, UnicodeDecodeError):
                return False
            return user == "" and password == self.token
        return False

    def _route(self, method: str, path: str, query: dict[str, list[str]], raw: bytes, body: Any) -> tuple[int, Any]:
        segments = [segment for segment in path.split("/") if segment]
        if segments[:2] == ["rest", "ph_user"] and len(segments) == 3 and method == "GET":
            # SOAR's users: a closed container names who closed it by id (closing_owner).
            name = self.users.get(int(segments[2])) if segments[2].isdigit() else None
            return (
                (200, {"id": int(segments[2]), "username": name})
                if name
                else (404, failure("Requested item not found"))
            )
        if len(segments) < 2 or segments[0] != "rest" or segments[1] not in ("container", "artifact"):
            return 404, failure("Page not found")
        kind = segments[1]
        if len(segments) > 3:
            return 404, failure("Page not found")
        object_id = segments[2] if len(segments) == 3 else None
        if object_id is not None and not object_id.isdigit():
            return 404, failure("Page not found")
        if method == "POST" and raw and body is None:
            return 400, failure("Unable to parse JSON body")
        if method == "POST" and raw and not isinstance(body, dict):
            return 400, failure("The request body must be a JSON object")
        store = self.containers if kind == "container" else self.artifacts
        if method == "GET" and object_id is None:
            return self._list(store, query)
        if method == "GET":
            found = store.get(int(object_id or 0))
            return (200, found) if found is not None else (404, failure("Requested item not found"))
        if kind == "container" and object_id is None:
            return self._create_container(body or {})
        if kind == "container":
            return self._update_container(int(object_id or 0), body or {})
        if object_id is None:
            return self._create_artifact(body or {})
        return 405, failure("Method not allowed")

    # -- containers ------------------------------------------------------------------------------------

    def _create_container(self, body: dict[str, Any]) -> tuple[int, Any]:
        unknown = sorted(set(body) - CONTAINER_FIELDS)
        if unknown:
            return 400, failure(f"Unknown field: {unknown[0]}")
        label = body.get("label")
        if not label:
            return 400, failure("label is required")
        if label not in self.labels:
            return 400, failure(f"Label '{label}' is not a valid label")
        problem = _check_choices(body)
        if problem:
            return 400, failure(problem)
        artifacts = body.get("artifacts") or []
        if not isinstance(artifacts, list) or not all(isinstance(item, dict) for item in artifacts):
            return 400, failure("artifacts must be a list of JSON objects")
        sdi = body.get("source_data_identifier")
        if sdi is not None:
            for existing in self.containers.values():
                if existing["source_data_identifier"] == sdi:
                    return 400, {
                        "existing_container_id": existing["id"],
                        "failed": True,
                        "message": f"duplicate with SDI {sdi}",
                    }
        container_id = len(self.containers) + 1
        now = soar_time()
        container: dict[str, Any] = {
            "id": container_id,
            "name": body.get("name") or f"container {container_id}",
            "label": label,
            "severity": body.get("severity") or "medium",
            "status": body.get("status") or "new",
            "sensitivity": body.get("sensitivity") or "amber",
            "description": body.get("description") or "",
            "source_data_identifier": sdi if sdi is not None else f"container-{container_id}",
            "custom_fields": dict(body.get("custom_fields") or {}),
            "tags": list(body.get("tags") or []),
            "data": body.get("data") or {},
            "create_time": now,
            "start_time": body.get("start_time") or now,
            "close_time": body.get("close_time"),
            "due_time": body.get("due_time"),
            "owner_id": body.get("owner_id"),
            "container_type": body.get("container_type") or "default",
            "artifact_count": 0,
            "resolution": body.get("resolution"),
            "closing_owner": body.get("closing_owner"),
        }
        if container["status"] == "closed" and not container["close_time"]:
            container["close_time"] = now
        self.containers[container_id] = container
        for artifact in artifacts:
            created = self._store_artifact(dict(artifact, container_id=container_id))
            if created[0] != 200:
                return created
        return 200, {"id": container_id, "success": True}

    def _update_container(self, container_id: int, body: dict[str, Any]) -> tuple[int, Any]:
        container = self.containers.get(container_id)
        if container is None:
            return 404, failure("Requested item not found")
        unknown = sorted(set(body) - CONTAINER_FIELDS - {"artifacts"})
        if unknown:
            return 400, failure(f"Unknown field: {unknown[0]}")
        if "label" in body and body["label"] not in self.labels:
            return 400, failure(f"Label '{body['label']}' is not a valid label")
        problem = _check_choices(body)
        if problem:
            return 400, failure(problem)
        for key, value in body.items():
            if key == "custom_fields" and isinstance(value, dict):
                container["custom_fields"].update(value)
            elif key != "artifacts":
                container[key] = value
        if body.get("status") == "closed" and not container.get("close_time"):
            container["close_time"] = soar_time()
        if body.get("status") in ("new", "open") and "close_time" not in body:
            container["close_time"] = None
        return 200, {"id": container_id, "success": True}

    # -- artifacts -------------------------------------------------------------------------------------

    def _create_artifact(self, body: dict[str, Any]) -> tuple[int, Any]:
        return self._store_artifact(body)

    def _store_artifact(self, body: dict[str, Any]) -> tuple[int, Any]:
        unknown = sorted(set(body) - ARTIFACT_FIELDS)
        if unknown:
            return 400, failure(f"Unknown field: {unknown[0]}")
        container_id = body.get("container_id")
        if not isinstance(container_id, int) or isinstance(container_id, bool):
            return 400, failure("container_id is required")
        container = self.containers.get(container_id)
        if container is None:
            return 400, failure(f"Invalid container_id {container_id}")
        cef = body.get("cef") or {}
        if not isinstance(cef, dict):
            return 400, failure("cef must be a JSON object")
        severity = body.get("severity")
        if severity is not None and severity not in SEVERITIES:
            return 400, failure(f"Severity '{severity}' is not a valid severity")
        artifact_id = len(self.artifacts) + 1
        artifact = {
            "id": artifact_id,
            "container": container_id,
            "container_id": container_id,
            "name": body.get("name") or f"artifact {artifact_id}",
            "label": body.get("label") or "event",
            "severity": severity or container["severity"],
            "cef": cef,
            "cef_types": body.get("cef_types") or {},
            "data": body.get("data") or {},
            "description": body.get("description") or "",
            "source_data_identifier": body.get("source_data_identifier") or f"artifact-{artifact_id}",
            "run_automation": bool(body.get("run_automation", False)),
            "tags": list(body.get("tags") or []),
            "type": body.get("type") or "",
            "create_time": soar_time(),
        }
        self.artifacts[artifact_id] = artifact
        container["artifact_count"] += 1
        return 200, {"id": artifact_id, "success": True}

    # -- queries ---------------------------------------------------------------------------------------

    def _list(self, store: dict[int, dict[str, Any]], query: dict[str, list[str]]) -> tuple[int, Any]:
        tests: list[Callable[[dict[str, Any]], bool]] = []
        for key, values in query.items():
            if not key.startswith("_filter_"):
                continue
            try:
                tests.append(_filter(key[len("_filter_") :], ast.literal_eval(values[-1])))
            except (ValueError, SyntaxError) as exc:
                return 400, failure(f"Invalid filter {key}: {exc}")
        rows = [item for item in store.values() if all(test(item) for test in tests)]
        sort = (query.get("sort") or ["id"])[-1]
        order = (query.get("order") or ["asc"])[-1]
        if order not in ("asc", "desc"):
            return 400, failure("order must be asc or desc")
        rows.sort(key=lambda item: _sort_key(_lookup(item, sort)), reverse=order == "desc")
        try:
            page = int((query.get("page") or ["0"])[-1])
            page_size = int((query.get("page_size") or ["10"])[-1])
        except ValueError:
            return 400, failure("page and page_size must be integers")
        if page < 0 or page_size < 0:
            return 400, failure("page and page_size must not be negative")
        if page_size == 0:
            return 200, {"count": len(rows), "num_pages": 1, "data": rows}
        num_pages = max(1, math.ceil(len(rows) / page_size))
        return 200, {
            "count": len(rows),
            "num_pages": num_pages,
            "data": rows[page * page_size : (page + 1) * page_size],
        }


def failure(message: str) -> dict[str, Any]:
    """SOAR's failure body."""
    return {"failed": True, "message": message}


def _check_choices(body: dict[str, Any]) -> Optional[str]:
    for key, choices in (("severity", SEVERITIES), ("status", STATUSES), ("sensitivity", SENSITIVITIES)):
        if key in body and body[key] is not None and body[key] not in choices:
            return f"{key.capitalize()} '{body[key]}' is not a valid {key}"
    tags = body.get("tags")
    if tags is not None and (not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags)):
        return "tags must be a list of strings"
    custom = body.get("custom_fields")
    if custom is not None and not isinstance(custom, dict):
        return "custom_fields must be a JSON object"
    return None


def _lookup(item: dict[str, Any], path: str) -> Any:
    """A field by Django-style path (`custom_fields__triage_id`) or dotted path (`custom_fields.x`)."""
    value: Any = item
    for part in path.replace(".", "__").split("__"):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _filter(spec: str, wanted: Any) -> Callable[[dict[str, Any]], bool]:
    parts = spec.split("__")
    lookup = parts[-1] if len(parts) > 1 and parts[-1] in LOOKUPS else "exact"
    path = "__".join(parts[:-1] if lookup != "exact" or parts[-1] == "exact" else parts)

    def test(item: dict[str, Any]) -> bool:
        value = _lookup(item, path)
        if lookup == "isnull":
            return (value is None) == bool(wanted)
        if lookup == "in":
            return isinstance(wanted, (list, tuple)) and value in wanted
        if lookup == "exact":
            return value == wanted or (isinstance(value, list) and wanted in value)
        if value is None:
            return False
        if lookup == "iexact":
            return str(value).lower() == str(wanted).lower()
        if lookup == "contains":
            return str(wanted) in value if isinstance(value, list) else str(wanted) in str(value)
        if lookup == "icontains":
            return str(wanted).lower() in str(value).lower()
        if lookup == "startswith":
            return str(value).startswith(str(wanted))
        left, right = _comparable(value), _comparable(wanted)
        try:
            return {"gt": left > right, "gte": left >= right, "lt": left < right, "lte": left <= right}[lookup]
        except TypeError:
            return False

    return test


def _comparable(value: Any) -> Any:
    """Timestamps compare as instants (SOAR's and plain ISO 8601 alike); everything else as it is."""
    if isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)
    return value


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value)
    return (2, str(value))


def _reset_now(handler: JsonHandler) -> None:
    # SO_LINGER with a zero timeout makes close() send RST: the client sees "connection reset", no answer.
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True


def _parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError):
        return None
