"""A loopback stand-in for the few splunkd REST services the app's commands read.

Served on 127.0.0.1 (an ephemeral port), standard library only, one thread per request:

- GET .../configs/conf-<file>[/<stanza>]   the app's conf stanzas, `[default]` inherited as splunkd shows them
- GET .../storage/passwords/<realm:username:>   one secret, clear_password included
- under /servicesNS/<owner>/<app>/ (any owner and app) or /services/
- JSON only (`output_mode=json`); `count` (default 30 as in splunkd, 0 = all) and `offset` page listings
- `Authorization: Splunk <session key>` required, else 401
- `not_ready = True` makes every request answer 503, as splunkd does while its KV store initializes

Every request is logged (method, path, query, status) for tests; the Authorization value never is.

More services plug in with `add_service`: a callable given each authenticated request (`Request`: method,
app, path segments, query, body, and the calling `User`) that answers with a Reply, or None to pass.
`any_output_mode=True` offers it requests without `output_mode=json` too (splunklib's entity classes ask
for splunkd's XML), and a Reply may carry such a body itself (`body`, `content_type`).
Session keys map to users (`add_user`); the key made at start-up belongs to `admin`, who holds every
capability, as the search's owner does in the harness unless a test says otherwise.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from tools.harness.splunk_conf import Stanzas, is_true, with_default_inheritance

NOT_READY_TEXT = "KV Store is initializing. Please try again later."
UNAUTHENTICATED_TEXT = "call not properly authenticated"
_OWNER = "nobody"
_DEFAULT_COUNT = 30


@dataclass
class SplunkdContent:
    """What the stand-in serves: the app's conf files and its secret storage."""

    app: str = "llm_triage"
    confs: dict[str, Stanzas] = field(default_factory=dict)
    secrets: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    # Secrets held inside stored ones (a key inside a UCC credential's JSON), masked and leak-checked too.
    inner_secrets: list[str] = field(default_factory=list, repr=False)

    def set_stanza(self, conf: str, stanza: str, keys: Mapping[str, str]) -> None:
        """Add or update keys of one stanza (like writing them to local/<conf>.conf)."""
        self.confs.setdefault(conf, {}).setdefault(stanza, {}).update(keys)

    def set_secret(self, realm: str, username: str, password: str) -> None:
        """Store a secret, as `storage/passwords` would."""
        self.secrets[(realm, username)] = password

    def secret_values(self) -> list[str]:
        """Every stored secret, for redaction."""
        return [value for value in (*self.secrets.values(), *self.inner_secrets) if value]


@dataclass(frozen=True)
class LoggedRequest:
    """One request the stand-in answered (no header values)."""

    method: str
    path: str
    query: dict[str, str]
    status: int


@dataclass(frozen=True)
class Reply:
    """An HTTP status and its JSON body (or, when `body` is set, that body as it is)."""

    status: int
    payload: Any  # a JSON object, or an array where splunkd answers one (KV store batch operations)
    body: bytes | None = None
    content_type: str = "application/json; charset=UTF-8"


@dataclass(frozen=True)
class User:
    """Who a session key belongs to, and the capabilities their roles grant (None: every capability)."""

    name: str
    capabilities: frozenset[str] | None = None

    def can(self, capability: str) -> bool:
        """Whether this user holds `capability`."""
        return self.capabilities is None or capability in self.capabilities


@dataclass(frozen=True)
class Request:
    """One authenticated request, as a service sees it."""

    method: str
    app: str
    segments: list[str]
    query: dict[str, str]
    body: bytes
    user: User
    session_key: str = field(repr=False, default="")


Service = Callable[[Request], "Reply | None"]


def secret_name(realm: str, username: str) -> str:
    """The entity name splunkd gives a secret: `realm:username:`, colons inside escaped."""
    return f"{realm.replace(':', chr(92) + ':')}:{username.replace(':', chr(92) + ':')}:"


def _messages(kind: str, text: str) -> dict[str, Any]:
    return {"messages": [{"type": kind, "text": text}]}


class SplunkdStandIn:
    """Serve `content` on 127.0.0.1 until `stop()`; use as a context manager."""

    def __init__(self, content: SplunkdContent, session_key: str | None = None) -> None:
        self.content = content
        self.session_key = session_key or secrets.token_urlsafe(32)
        self.not_ready = False
        self._users: dict[str, User] = {self.session_key: User("admin")}
        self._services: list[Service] = []
        self._any_format_services: list[Service] = []
        self._log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def uri(self) -> str:
        """The base URI to hand to commands as `splunkd_uri`."""
        if self._server is None:
            raise RuntimeError("the splunkd stand-in is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[LoggedRequest]:
        """A copy of the request log."""
        with self._lock:
            return list(self._log)

    def start(self) -> SplunkdStandIn:
        """Listen on an ephemeral loopback port and serve from a daemon thread."""
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.standin = self  # type: ignore[attr-defined]
        self._server = server
        # A short poll interval makes stop() quick: shutdown() waits for the serving loop to notice.
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="splunkd-standin", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> SplunkdStandIn:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def add_user(self, name: str, capabilities: Iterable[str] | None) -> str:
        """A new session key for a user holding exactly `capabilities` (None: every capability)."""
        key = secrets.token_urlsafe(32)
        with self._lock:
            self._users[key] = User(name, None if capabilities is None else frozenset(capabilities))
        return key

    def add_service(self, service: Service, any_output_mode: bool = False, first: bool = False) -> None:
        """Offer every authenticated request to `service` before the built-in conf and secret services;
        with `any_output_mode`, also the requests that do not ask for JSON; with `first`, before the services
        added so far (another app's endpoints beside the app's own KV store)."""
        services = self._any_format_services if any_output_mode else self._services
        services.insert(0, service) if first else services.append(service)

    def handle(self, method: str, target: str, authorization: str | None, body: bytes = b"") -> Reply:
        """Answer one request (`target` is the request line's path and query) and log it."""
        split = urlsplit(target)
        query = {key: values[-1] for key, values in parse_qs(split.query, keep_blank_values=True).items()}
        reply = self._answer(method, split.path, query, authorization, body)
        with self._lock:
            self._log.append(LoggedRequest(method, split.path, query, reply.status))
        return reply

    def _answer(self, method: str, path: str, query: dict[str, str], authorization: str | None, body: bytes) -> Reply:
        if self.not_ready:
            return Reply(503, _messages("ERROR", NOT_READY_TEXT))
        user, session_key = self._caller(authorization)
        if user is None:
            return Reply(401, _messages("WARN", UNAUTHENTICATED_TEXT))
        resource = _resource(path)
        if resource is not None:
            for service in self._any_format_services:
                reply = service(Request(method, resource[0], resource[1], query, body, user, session_key))
                if reply is not None:
                    return reply
        if query.get("output_mode") != "json":
            return Reply(400, _messages("ERROR", "the splunkd stand-in answers output_mode=json only"))
        resource = _resource(path)
        if resource is None:
            return Reply(404, _messages("ERROR", f"Not Found: {path}"))
        app, segments = resource
        request = Request(method, app, segments, query, body, user, session_key)
        for service in self._services:
            reply = service(request)
            if reply is not None:
                return reply
        if method != "GET":
            return Reply(405, _messages("ERROR", f"the splunkd stand-in serves GET only here, not {method}"))
        if len(segments) in (2, 3) and segments[0] == "configs" and segments[1].startswith("conf-"):
            stanza = segments[2] if len(segments) == 3 else None
            return self._conf(app, segments[1][len("conf-") :], stanza, query)
        if len(segments) == 3 and segments[:2] == ["storage", "passwords"]:
            return self._secret(app, segments[2])
        return Reply(404, _messages("ERROR", f"Not Found: {path}"))

    def _caller(self, authorization: str | None) -> tuple[User | None, str]:
        """The user whose session key `authorization` carries, compared in constant time."""
        given = (authorization or "").encode()
        with self._lock:
            users = list(self._users.items())
        for key, user in users:
            if hmac.compare_digest(given, f"Splunk {key}".encode()):
                return user, key
        return None, ""

    def _conf(self, app: str, conf: str, stanza: str | None, query: dict[str, str]) -> Reply:
        stanzas = self.content.confs.get(conf)
        if stanza is None and stanzas is None:
            return Reply(404, _messages("ERROR", f"Could not find object id=conf-{conf}"))
        visible = with_default_inheritance(stanzas or {})
        if stanza is not None:
            if stanza not in visible:
                return Reply(404, _messages("ERROR", f"Could not find object id={stanza}"))
            visible = {stanza: visible[stanza]}
        try:
            count = int(query.get("count", _DEFAULT_COUNT))
            offset = int(query.get("offset", 0))
        except ValueError:
            return Reply(400, _messages("ERROR", "count and offset must be integers"))
        names = list(visible)
        page = names[offset : offset + count] if count > 0 else names[offset:]
        entries = [self._conf_entry(app, conf, name, visible[name]) for name in page]
        return Reply(200, self._feed(entries, total=len(names), per_page=count, offset=offset))

    def _conf_entry(self, app: str, conf: str, stanza: str, keys: Mapping[str, str]) -> dict[str, Any]:
        content: dict[str, Any] = dict(keys)
        # splunkd's JSON gives `disabled` as a boolean and adds the eai: fields to every stanza.
        content["disabled"] = is_true(keys.get("disabled", "0"))
        content["eai:appName"] = app
        content["eai:userName"] = _OWNER
        return {
            "name": stanza,
            "id": f"{self.uri}/servicesNS/{_OWNER}/{app}/configs/conf-{conf}/{quote(stanza, safe='')}",
            "author": _OWNER,
            "acl": {"app": app, "owner": _OWNER, "sharing": "app"},
            "content": content,
        }

    def _secret(self, app: str, name: str) -> Reply:
        for (realm, username), password in self.content.secrets.items():
            if secret_name(realm, username) == name:
                entry = {
                    "name": name,
                    "id": f"{self.uri}/servicesNS/{_OWNER}/{app}/storage/passwords/{quote(name, safe='')}",
                    "author": _OWNER,
                    "acl": {"app": app, "owner": _OWNER, "sharing": "app"},
                    "content": {
                        "realm": realm,
                        "username": username,
                        "clear_password": password,
                        "password": "********",
                    },
                }
                return Reply(200, self._feed([entry], total=1, per_page=_DEFAULT_COUNT, offset=0))
        return Reply(404, _messages("ERROR", f"Could not find object id={name}"))

    @staticmethod
    def _feed(entries: list[dict[str, Any]], total: int, per_page: int, offset: int) -> dict[str, Any]:
        return {
            "entry": entries,
            "paging": {"total": total, "perPage": per_page, "offset": offset},
            "messages": [],
        }


def _resource(path: str) -> tuple[str, list[str]] | None:
    """(app, path segments after the namespace), segments URL-decoded, or None outside /services(NS)."""
    segments = [unquote(segment) for segment in path.strip("/").split("/")]
    if len(segments) >= 3 and segments[0] == "servicesNS":
        return segments[2], segments[3:]
    if segments and segments[0] == "services":
        return "system", segments[1:]
    return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Splunkd-standin"

    def do_GET(self) -> None:
        self._reply()

    def do_POST(self) -> None:
        self._reply()

    def do_DELETE(self) -> None:
        self._reply()

    def _reply(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        standin: SplunkdStandIn = self.server.standin  # type: ignore[attr-defined]
        reply = standin.handle(self.command, self.path, self.headers.get("Authorization"), body)
        body = reply.body if reply.body is not None else json.dumps(reply.payload).encode("utf-8")
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(body)))
            # One request per connection: splunklib asks for that, and reads the body only if told it applies.
            self.send_header("Connection", "close")
            self.close_connection = True
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the caller gave up waiting (its deadline passed): nothing to report

    def log_message(self, format: str, *args: Any) -> None:
        """Silenced: the stand-in keeps its own log, without header values."""
