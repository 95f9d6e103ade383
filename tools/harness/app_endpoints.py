"""The app's own REST endpoints in the splunkd stand-in, served in-process as splunkd serves them.

splunkd reads the app's restmap.conf: a `[script:<name>]` stanza with `scripttype = persist` maps the
path in `match` (under /services and /servicesNS/<owner>/<app>) to `handler = <module>.<Class>` in the
app's bin/. Before calling it, splunkd checks the caller holds `capability.<method>` (or `capability`),
and answers 403 if not. It then hands the handler's `handle(in_string)` one JSON document (method,
payload, rest_path, query, session, server.rest_uri, ns, restmap, and with `passSystemAuth` a system
token) and sends back the `payload` and `status` the handler returns.

`serve_app(standin, app)` plugs that in, with secret storage as UCC uses it (tools.harness.ucc_credentials):
the handler then reads secrets with the system token, which holds every capability.
`role_capabilities(app, role)` is what the app's authorize.conf grants a role, to run a search as that role.
`collection_readers(app)` is who may read each KV store collection by the app's default.meta; the KV store
stand-in refuses other readers with 403, as splunkd does.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.harness.index_standin import DEFAULT_INDEXES, IndexService
from tools.harness.kvstore_standin import KvStoreService
from tools.harness.splunk_app import AppError, SplunkApp
from tools.harness.splunk_conf import layer, parse_conf
from tools.harness.splunkd_standin import Reply, Request, SplunkdStandIn, User
from tools.harness.splunkd_storage import install as install_storage
from tools.harness.ucc_credentials import forbidden

SYSTEM_USER = "splunk-system-user"
_GUID = "5E1F0D6C-7A1B-4C52-9D7E-0A11C0FFEE00"


@dataclass(frozen=True)
class Endpoint:
    """One persistent handler of restmap.conf."""

    stanza: str
    match: str
    script: Path
    handler_class: str
    settings: Mapping[str, str]

    def matches(self, rest_path: str) -> bool:
        """Whether splunkd would route `rest_path` (e.g. /llm_triage/judge) here."""
        return rest_path == self.match or rest_path.startswith(self.match.rstrip("/") + "/")

    def capability(self, method: str) -> str:
        """The capability a caller needs for `method`; empty when the endpoint names none."""
        return self.settings.get(f"capability.{method.lower()}", self.settings.get("capability", "")).strip()


def persistent_endpoints(app: SplunkApp) -> list[Endpoint]:
    """Every `[script:*]` stanza of the app's restmap.conf run as a persistent handler (AppError if unusable)."""
    endpoints = []
    for stanza, settings in app.conf("restmap").items():
        if not stanza.startswith("script:") or settings.get("scripttype", "python").strip() != "persist":
            continue
        match = settings.get("match", "").strip()
        module, dot, cls = settings.get("handler", "").strip().rpartition(".")
        script = app.path / "bin" / f"{module}.py"
        if not match.startswith("/") or not dot or not script.is_file():
            raise AppError(f"restmap.conf [{stanza}] needs match = /<path> and handler = <bin module>.<Class>")
        for name in ("capability", *(f"capability.{m}" for m in ("get", "post", "put", "delete"))):
            if len(settings.get(name, "").split()) > 1:
                raise AppError(f"restmap.conf [{stanza}] {name}: the stand-in checks one capability, not an expression")
        endpoints.append(Endpoint(stanza, match, script, cls, dict(settings)))
    return endpoints


class PersistentEndpoints:
    """A stand-in service routing requests to the app's persistent handlers, loaded into this process."""

    def __init__(self, app: SplunkApp, standin: SplunkdStandIn) -> None:
        self._app = app
        self._standin = standin
        self._endpoints = persistent_endpoints(app)
        self._system_token = standin.add_user(SYSTEM_USER, None)
        self._handlers: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply | None:
        rest_path = "/" + "/".join(request.segments)
        endpoint = next((e for e in self._endpoints if e.matches(rest_path)), None)
        if endpoint is None:
            return None
        capability = endpoint.capability(request.method)
        if capability and not request.user.can(capability):
            return forbidden(request.user.name, capability)
        result = self._handler(endpoint).handle(json.dumps(self._request_document(endpoint, request, rest_path)))
        return _reply(endpoint, result)

    def _request_document(self, endpoint: Endpoint, request: Request, rest_path: str) -> dict[str, Any]:
        """What splunkd sends a persistent handler for one request."""
        settings = endpoint.settings
        port = int(self._standin.uri.rsplit(":", 1)[1])
        document: dict[str, Any] = {
            "output_mode": request.query.get("output_mode", "xml"),
            "output_mode_explicit": "output_mode" in request.query,
            "server": {
                "rest_uri": self._standin.uri,
                "hostname": "splunkd-standin",
                "servername": "splunkd-standin",
                "guid": _GUID,
            },
            "query": [[key, value] for key, value in request.query.items() if key != "output_mode"],
            "connection": {"src_ip": "127.0.0.1", "ssl": False, "listening_port": port},
            "rest_path": rest_path,
            "lang": "en-US",
            "method": request.method,
            "ns": {"app": request.app, "user": "nobody"},
            "form": [],
        }
        if _setting(settings, "passConf", True):
            document["restmap"] = {"name": endpoint.stanza, "conf": dict(settings)}
        if _setting(settings, "passSession", True):
            document["session"] = {"user": request.user.name, "authtoken": request.session_key}
        if _setting(settings, "passPayload", False) and request.body:
            document["payload"] = request.body.decode("utf-8", errors="replace")
        if _setting(settings, "passSystemAuth", False):
            document["system_authtoken"] = self._system_token
        return document

    def _handler(self, endpoint: Endpoint) -> Any:
        """The handler instance (one per endpoint, as one persistent process), loaded on first use."""
        with self._lock:
            if endpoint.stanza not in self._handlers:
                name = f"_standin_rest_{endpoint.script.stem}"
                spec = importlib.util.spec_from_file_location(name, endpoint.script)
                if spec is None or spec.loader is None:
                    raise AppError(f"cannot load {endpoint.script}")
                module = importlib.util.module_from_spec(spec)
                sys.modules[name] = module
                spec.loader.exec_module(module)
                handler_class = getattr(module, endpoint.handler_class)
                self._handlers[endpoint.stanza] = handler_class(str(endpoint.script), None)
            return self._handlers[endpoint.stanza]


@dataclass(frozen=True)
class AppServices:
    """The stand-in's services a test may look into: the KV store and what was indexed."""

    kvstore: KvStoreService
    indexes: IndexService


def serve_app(standin: SplunkdStandIn, app: SplunkApp) -> AppServices:
    """Make `standin` answer as splunkd does with `app` installed: its REST endpoints, secret storage and
    conf writes, its KV store collections, and `receivers/simple` into a few indexes."""
    install_storage(standin)
    readers = collection_readers(app)
    indexes = IndexService((*DEFAULT_INDEXES, *app.conf("indexes")))  # Splunk's own and the app's
    services = AppServices(KvStoreService(standin.content, can_read=readers), indexes)
    standin.add_service(services.kvstore)
    standin.add_service(services.indexes)
    if persistent_endpoints(app):
        standin.add_service(PersistentEndpoints(app, standin))
    return services


def role_capabilities(app: SplunkApp, role: str) -> set[str]:
    """The capabilities the app's authorize.conf gives `role`, its imported roles' included (roles the
    app does not define, such as Splunk's own `user`, add nothing here). AppError for an unknown role."""
    stanzas = app.conf("authorize")
    if f"role_{role}" not in stanzas:
        known = ", ".join(sorted(name[len("role_") :] for name in stanzas if name.startswith("role_"))) or "none"
        raise AppError(f"the app's authorize.conf defines no role {role!r} (it has: {known})")
    capabilities: set[str] = set()
    pending, seen = [role], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        settings = stanzas.get(f"role_{current}", {})
        capabilities |= {key for key, value in settings.items() if value.strip() == "enabled"}
        pending.extend(name.strip() for name in settings.get("importRoles", "").split(";") if name.strip())
    return capabilities


def _setting(settings: Mapping[str, str], key: str, default: bool) -> bool:
    value = settings.get(key, "").strip().lower()
    return default if not value else value in ("1", "true", "t", "yes", "y", "on")


def _reply(endpoint: Endpoint, result: Any) -> Reply:
    """The handler's answer as splunkd relays it; a broken answer is splunkd's 500."""
    payload = result.get("payload") if isinstance(result, dict) else None
    status = result.get("status", 200) if isinstance(result, dict) else 500
    if isinstance(payload, (str, bytes)):
        try:
            payload = json.loads(payload)
        except ValueError:
            payload = None
    if not isinstance(payload, dict) or not isinstance(status, int):
        text = f"restmap.conf [{endpoint.stanza}]: the handler's answer is not a JSON object with a status"
        return Reply(500, {"messages": [{"type": "ERROR", "text": text}]})
    return Reply(status, payload)


def meta_read_roles(app: SplunkApp) -> dict[str, set[str]]:
    """The roles the app's metadata (local.meta over default.meta) lets read each object stanza
    (`collections/<name>`, `transforms/<name>`, ... and `` for the app's default); `*` means every role."""
    layers = []
    for name in ("default.meta", "local.meta"):
        file = app.path / "metadata" / name
        if file.is_file():
            layers.append(parse_conf(file.read_text(encoding="utf-8")))
    roles: dict[str, set[str]] = {}
    for stanza, settings in layer(*layers).items():
        found = re.search(r"read\s*:\s*\[([^\]]*)\]", settings.get("access", ""))
        if found:
            roles[stanza] = {role.strip() for role in found.group(1).split(",") if role.strip()}
    return roles


def collection_readers(app: SplunkApp) -> Callable[[User, str], bool]:
    """`can_read(user, collection)` as splunkd decides it from the app's metadata: the collection's stanza,
    else the app's default. A stand-in user holding every capability is an admin; another user holds each app
    role whose capabilities it has (the harness names users by their capabilities, not their roles)."""
    roles_by_stanza = meta_read_roles(app)
    app_roles = [name[len("role_") :] for name in app.conf("authorize") if name.startswith("role_")]
    granted = {role: role_capabilities(app, role) for role in app_roles}

    def can_read(user: User, collection: str) -> bool:
        allowed = roles_by_stanza.get(f"collections/{collection}", roles_by_stanza.get("", {"*"}))
        if "*" in allowed or user.capabilities is None:
            return True
        held = {role for role, capabilities in granted.items() if capabilities and capabilities <= user.capabilities}
        return bool(held & allowed)

    return can_read
