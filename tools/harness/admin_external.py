"""splunkd's side of an app's `admin_external` REST handlers (restmap.conf), for tests without Splunk.

`AdminExternal(splunk_home, app, splunkd_uri)` answers REST calls to the endpoints the app's restmap.conf
declares (`/servicesNS/nobody/<app>/<endpoint>[/<name>]`) the way splunkd does: it maps the method to
an EAI action (GET list, POST to the collection create, POST to an entity edit, DELETE remove), refuses
actions the stanza's handleractions leave out, runs the handler script (`handlerfile`) in `setup` mode
to learn its arguments and refuses unsupported or missing ones, then runs it in `execute` mode and turns
the answer into splunkd's JSON: `entry` (name, acl, content with the eai: keys) and `messages`, status
201 for a create, or the error status splunkd gives the handler's exception.

The script runs as Splunk runs it: `<python> $SPLUNK_HOME/etc/apps/<app>/bin/<handlerfile> setup|execute`,
with SPLUNK_HOME and SPLUNKD_URI set and `tools/harness/splunk_runtime` (the `splunk` stand-in) on
PYTHONPATH; the request travels on standard input (see splunk_runtime/splunk/admin.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.harness.splunk_conf import parse_conf

SPLUNK_RUNTIME = Path(__file__).resolve().with_name("splunk_runtime")
ACTIONS = {"create": 1, "list": 2, "edit": 4, "remove": 8}
# Arguments splunkd itself takes on every listing (paging, filtering, the answer's format).
LIST_ARGS = frozenset({"count", "offset", "search", "sort_key", "sort_dir", "sort_mode", "f", "summarize"})
_STATUS_OF = {
    "ArgValidationException": 400,
    "BadActionException": 400,
    "NotFoundException": 404,
    "AlreadyExistsException": 409,
}
_TIMEOUT = 120


@dataclass(frozen=True)
class EaiReply:
    """splunkd's answer: status and JSON payload; `stderr` is what the handler wrote there (splunkd's log)."""

    status: int
    payload: dict[str, Any]
    stderr: str = field(default="", repr=False)

    @property
    def entries(self) -> dict[str, dict[str, Any]]:
        """Entity name to content."""
        return {entry["name"]: entry["content"] for entry in self.payload.get("entry", [])}

    @property
    def message(self) -> str:
        """The first message's text, empty when there is none."""
        messages = self.payload.get("messages") or [{}]
        return str(messages[0].get("text", ""))


class AdminExternal:
    """The admin_external endpoints of one app installed under `splunk_home`/etc/apps/`app`."""

    def __init__(self, splunk_home: Path, app: str, splunkd_uri: str, python: str = sys.executable) -> None:
        self.splunk_home = splunk_home
        self.app = app
        self.splunkd_uri = splunkd_uri
        self.python = python
        self.app_dir = splunk_home / "etc" / "apps" / app
        restmap = parse_conf((self.app_dir / "default" / "restmap.conf").read_text(encoding="utf-8"))
        prefix = "admin_external:"
        self.handlers = {name[len(prefix) :]: keys for name, keys in restmap.items() if name.startswith(prefix)}

    def call(
        self,
        method: str,
        endpoint: str,
        session_key: str,
        name: str | None = None,
        args: Mapping[str, str] | None = None,
        user: str = "admin",
    ) -> EaiReply:
        """One REST call to `endpoint` (e.g. llm_triage_providers), on entity `name` when given."""
        stanza = self.handlers.get(endpoint)
        if stanza is None:
            return _reply(404, f"Not Found: {endpoint}")
        action = {"GET": "list", "DELETE": "remove"}.get(method, "create" if name is None else "edit")
        if method not in ("GET", "POST", "DELETE") or (method == "DELETE" and name is None):
            return _reply(405, f"method {method} is not allowed on {endpoint}")
        if action not in [item.strip() for item in stanza.get("handleractions", "").split(",")]:
            return _reply(405, f"the {endpoint} handler does not support the {action} action")
        given = {key: [value] for key, value in (args or {}).items()}
        if action == "create":
            name = (given.pop("name", [""]) or [""])[0]
            if not name:
                return _reply(400, 'Argument "name" is required.')
        request = {
            "eai_settings": {
                "requestedAction": ACTIONS[action],
                "sessionKey": session_key,
                "userName": user,
                "appName": self.app,
                "maxCount": 0,
                "posOffset": 0,
            },
            "callerArgs": {"id": name, "args": given},
        }
        script = self.app_dir / "bin" / stanza["handlerfile"]
        answer, stderr = self._run(script, "setup", request)
        if "eai_error" in answer:
            return _error_reply(answer["eai_error"], stderr)
        supported = {str(arg): bool(required) for arg, required in answer["args"]}
        unknown = [arg for arg in given if arg not in supported and not (action == "list" and arg in LIST_ARGS)]
        if unknown:
            return _reply(400, f'Argument "{unknown[0]}" is not supported by this handler.', stderr)
        missing = [arg for arg, required in supported.items() if required and arg not in given]
        if missing:
            return _reply(400, f'Argument "{missing[0]}" is required.', stderr)
        answer, more = self._run(script, "execute", request)
        stderr += more
        if "eai_error" in answer:
            return _error_reply(answer["eai_error"], stderr)
        info = answer["config_info"]
        entries = []
        for item in info["items"]:
            metadata = item["metadata"]
            content = dict(item["data"])
            content.update({key: value for key, value in metadata.items() if key.startswith("eai:")})
            entries.append({"name": item["name"], "acl": metadata.get("eai:acl", {}), "content": content})
        payload = {"entry": entries, "messages": info["messages"]}
        return EaiReply(201 if action == "create" else 200, payload, stderr)

    def _run(self, script: Path, mode: str, request: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
        env = dict(os.environ)
        env.update(
            SPLUNK_HOME=str(self.splunk_home),
            SPLUNKD_URI=self.splunkd_uri,
            PYTHONPATH=str(SPLUNK_RUNTIME),
            PYTHONDONTWRITEBYTECODE="1",
        )
        done = subprocess.run(
            [self.python, str(script), mode],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            env=env,
            cwd=str(self.splunk_home),
            timeout=_TIMEOUT,
        )
        try:
            answer = json.loads(done.stdout)
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            failure = {"recognized": False, "type": "HandlerCrashed", "message": f"exit status {done.returncode}"}
            return {"eai_error": failure}, done.stderr
        return answer, done.stderr


def _reply(status: int, text: str, stderr: str = "") -> EaiReply:
    return EaiReply(status, {"messages": [{"type": "ERROR", "text": text}]}, stderr)


def _error_reply(error: Mapping[str, Any], stderr: str) -> EaiReply:
    """The status and message splunkd gives a handler's exception."""
    stderr += str(error.get("stacktrace", ""))
    kind = str(error.get("type", ""))
    if error.get("recognized"):
        return _reply(_STATUS_OF.get(kind.rsplit(".", 1)[-1], 500), str(error.get("message", "")), stderr)
    text = (
        f'Unexpected error "<class \'{kind}\'>" from python handler: "{error.get("message", "")}". '
        "See splunkd.log/python.log for more details."
    )
    return _reply(500, text, stderr)
