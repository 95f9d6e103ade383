"""Writes for the splunkd stand-in: conf stanzas (create, update, delete) and storage/passwords, as splunkd does them.

Plugged into a `SplunkdStandIn` with `install(standin)`; what it writes lands in the stand-in's
`SplunkdContent`, so the stand-in's own GETs (and the app's commands) see it. It answers in JSON when asked
(`output_mode=json`, as splunktaucclib asks for conf files) and otherwise in splunkd's Atom XML, which
splunklib's `StoragePasswords` and `Entity` classes (used by solnlib's CredentialManager) parse.

- POST   configs/conf-<file>               name=<stanza>&<key>=<value>...   201, or 409 when it exists
- POST   configs/conf-<file>/<stanza>      <key>=<value>...                 200, or 404
- DELETE configs/conf-<file>/<stanza>                                       200 with the stanzas left, or 404
- GET    storage/passwords[?search=realm=<realm>&count=..&offset=..]        clear_password included
- POST   storage/passwords                 name=<username>&password=..&realm=..   201, or 409
- GET/POST/DELETE storage/passwords/<realm>:<username>:                     200, or 404

Capabilities, as splunkd checks them: conf writes need admin_all_objects; reading secrets
list_storage_passwords; writing them edit_storage_passwords (or admin_all_objects); else 403.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, quote
from xml.sax.saxutils import escape, quoteattr

from tools.harness.splunk_conf import is_true, with_default_inheritance
from tools.harness.splunkd_standin import Reply, Request, SplunkdStandIn, secret_name

OWNER = "nobody"
ATOM_TYPE = "text/xml; charset=UTF-8"
_DEFAULT_COUNT = 30
_ENTRY_LINKS = ("alternate", "list", "edit", "remove")


def install(standin: SplunkdStandIn) -> SplunkdWrites:
    """Serve conf and secret writes from `standin` (before its built-in read-only services)."""
    writes = SplunkdWrites(standin)
    standin.add_service(writes, any_output_mode=True)
    return writes


class SplunkdWrites:
    """The service: a callable the stand-in offers each authenticated request."""

    def __init__(self, standin: SplunkdStandIn) -> None:
        self.standin = standin
        self.content = standin.content

    def __call__(self, request: Request) -> Reply | None:
        segments = request.segments
        if segments[:2] == ["storage", "passwords"]:
            name = "/".join(segments[2:])  # splunklib leaves the "/" of a realm unencoded
            return self._passwords(request, name)
        if len(segments) in (2, 3) and segments[0] == "configs" and segments[1].startswith("conf-"):
            if request.method == "GET" and request.query.get("output_mode") == "json":
                return None  # the stand-in's own conf reads
            return self._conf(request, segments[1][len("conf-") :], segments[2] if len(segments) == 3 else None)
        return None

    # -- conf files -------------------------------------------------------------------------------------

    def _conf(self, request: Request, conf: str, stanza: str | None) -> Reply:
        if request.method == "GET":
            return self._conf_listing(request, conf, stanza, status=200)
        if not request.user.can("admin_all_objects"):
            return _forbidden(request, "admin_all_objects")
        params = _form(request.body)
        stanzas = self.content.confs.setdefault(conf, {})
        if request.method == "POST" and stanza is None:
            name = params.pop("name", "")
            if not name:
                return _error(request, 400, "Missing argument: name")
            if name in stanzas and name != "default":
                return _error(request, 409, f"An object with name={name} already exists")
            self.content.set_stanza(conf, name, params)
            return self._conf_listing(request, conf, name, status=201)
        if stanza is None or stanza not in stanzas:
            return _error(request, 404, f"Could not find object id={stanza}")
        if request.method == "POST":
            params.pop("name", None)
            self.content.set_stanza(conf, stanza, params)
            return self._conf_listing(request, conf, stanza, status=200)
        if request.method == "DELETE":
            del stanzas[stanza]
            return self._conf_listing(request, conf, None, status=200)
        return _error(request, 405, f"method {request.method} is not allowed here")

    def _conf_listing(self, request: Request, conf: str, stanza: str | None, status: int) -> Reply:
        visible = with_default_inheritance(self.content.confs.get(conf, {}))
        if stanza is not None:
            if stanza not in visible:
                return _error(request, 404, f"Could not find object id={stanza}")
            visible = {stanza: visible[stanza]}
        path = f"/servicesNS/{OWNER}/{request.app}/configs/conf-{conf}"
        entries = []
        for name, keys in visible.items():
            content: dict[str, Any] = dict(keys)
            content["disabled"] = is_true(keys.get("disabled", "0"))
            content.update(_eai(request.app))
            entries.append((name, content))
        return self._reply(request, status, f"conf-{conf}", path, entries)

    # -- storage/passwords ------------------------------------------------------------------------------

    def _passwords(self, request: Request, name: str) -> Reply:
        path = f"/servicesNS/{OWNER}/{request.app}/storage/passwords"
        if request.method == "GET":
            if not request.user.can("list_storage_passwords"):
                return _forbidden(request, "list_storage_passwords")
            if name:
                found = self._secret(name)
                if found is None:
                    return _error(request, 404, f"Could not find object id={name}")
                return self._reply(request, 200, "passwords", path, [self._secret_entry(request.app, *found)])
            return self._secret_listing(request, path, status=200)
        if not (request.user.can("edit_storage_passwords") or request.user.can("admin_all_objects")):
            return _forbidden(request, "edit_storage_passwords")
        params = _form(request.body)
        if request.method == "POST" and not name:
            username, password = params.get("name", ""), params.get("password")
            if not username or password is None:
                return _error(request, 400, "Missing argument: " + ("name" if not username else "password"))
            realm = params.get("realm", "")
            if (realm, username) in self.content.secrets:
                return _error(request, 409, f"An object with name={secret_name(realm, username)} already exists")
            self.content.set_secret(realm, username, password)
            return self._reply(request, 201, "passwords", path, [self._secret_entry(request.app, realm, username)])
        found = self._secret(name)
        if found is None:
            return _error(request, 404, f"Could not find object id={name}")
        if request.method == "POST":
            if "password" not in params:
                return _error(request, 400, "Missing argument: password")
            self.content.set_secret(found[0], found[1], params["password"])
            return self._reply(request, 200, "passwords", path, [self._secret_entry(request.app, *found)])
        if request.method == "DELETE":
            del self.content.secrets[found]
            return self._secret_listing(request, path, status=200)
        return _error(request, 405, f"method {request.method} is not allowed here")

    def _secret(self, name: str) -> tuple[str, str] | None:
        for realm, username in self.content.secrets:
            if secret_name(realm, username) == name:
                return realm, username
        return None

    def _secret_entry(self, app: str, realm: str, username: str) -> tuple[str, dict[str, Any]]:
        password = self.content.secrets[(realm, username)]
        content: dict[str, Any] = {
            "realm": realm,
            "username": username,
            "clear_password": password,
            "password": "********",
            # Not the real cipher: an opaque stand-in that says nothing about the password.
            "encr_password": "$7$" + hashlib.sha256(f"{realm}:{username}".encode()).hexdigest()[:32],
        }
        content.update(_eai(app))
        return secret_name(realm, username), content

    def _secret_listing(self, request: Request, path: str, status: int) -> Reply:
        entries = [self._secret_entry(request.app, realm, username) for realm, username in self.content.secrets]
        search = request.query.get("search", "")
        if search:
            entries = [entry for entry in entries if _matches(entry[1], search)]
        try:
            count = int(request.query.get("count", _DEFAULT_COUNT))
            offset = int(request.query.get("offset", 0))
        except ValueError:
            return _error(request, 400, "count and offset must be integers")
        total = len(entries)
        entries = entries[offset : offset + count] if count > 0 else entries[offset:]
        return self._reply(request, status, "passwords", path, entries, total=total, offset=offset)

    # -- answers ----------------------------------------------------------------------------------------

    def _reply(
        self,
        request: Request,
        status: int,
        title: str,
        path: str,
        entries: list[tuple[str, dict[str, Any]]],
        total: int | None = None,
        offset: int = 0,
    ) -> Reply:
        total = len(entries) if total is None else total
        if request.query.get("output_mode") == "json":
            payload = {
                "entry": [
                    {
                        "name": name,
                        "id": f"{self.standin.uri}{path}/{quote(name, safe='')}",
                        "links": {"alternate": f"{path}/{quote(name, safe='')}"},
                        "author": OWNER,
                        "acl": content.get("eai:acl", {}),
                        "content": content,
                    }
                    for name, content in entries
                ],
                "paging": {"total": total, "perPage": len(entries), "offset": offset},
                "messages": [],
            }
            return Reply(status, payload)
        return Reply(status, {}, _atom_feed(self.standin.uri, title, path, entries, total, offset), ATOM_TYPE)


def _eai(app: str) -> dict[str, Any]:
    return {
        "eai:acl": {
            "app": app,
            "owner": OWNER,
            "sharing": "app",
            "modifiable": True,
            "removable": True,
            "can_write": True,
            "perms": {"read": ["*"], "write": ["admin", "sc_admin"]},
        },
        "eai:appName": app,
        "eai:userName": OWNER,
    }


def _matches(content: Mapping[str, Any], search: str) -> bool:
    """splunkd's `search` filter: `field=value` matches entries whose field contains value, a bare term
    entries with any field that does (case-insensitively)."""
    field, equals, value = search.partition("=")
    if equals:
        return value.lower() in str(content.get(field, "")).lower()
    return any(search.lower() in str(item).lower() for key, item in content.items() if not key.startswith("eai:"))


def _form(body: bytes) -> dict[str, str]:
    return {key: values[-1] for key, values in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}


def _forbidden(request: Request, capability: str) -> Reply:
    text = (
        f"You (user={request.user.name}) do not have permission to perform this operation "
        f"(requires capability: {capability})."
    )
    return _error(request, 403, text)


def _error(request: Request, status: int, text: str) -> Reply:
    if request.query.get("output_mode") == "json":
        return Reply(status, {"messages": [{"type": "ERROR", "text": text}]})
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <messages>\n'
        f'    <msg type="ERROR">{escape(text)}</msg>\n  </messages>\n</response>\n'
    )
    return Reply(status, {}, body.encode("utf-8"), ATOM_TYPE)


def _atom_feed(
    uri: str, title: str, path: str, entries: list[tuple[str, dict[str, Any]]], total: int, offset: int
) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:s="http://dev.splunk.com/ns/rest" '
        'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(uri + path)}</id>",
        "  <updated>2026-01-01T00:00:00+00:00</updated>",
        '  <generator build="standin" version="9.2.0"/>',
        "  <author><name>Splunk</name></author>",
        f"  <opensearch:totalResults>{total}</opensearch:totalResults>",
        f"  <opensearch:itemsPerPage>{len(entries)}</opensearch:itemsPerPage>",
        f"  <opensearch:startIndex>{offset}</opensearch:startIndex>",
        "  <s:messages/>",
    ]
    for name, content in entries:
        href = f"{path}/{quote(name, safe='')}"
        lines += [
            "  <entry>",
            f"    <title>{escape(name)}</title>",
            f"    <id>{escape(uri + href)}</id>",
            "    <updated>2026-01-01T00:00:00+00:00</updated>",
            *(f"    <link href={quoteattr(href)} rel={quoteattr(rel)}/>" for rel in _ENTRY_LINKS),
            f"    <author><name>{OWNER}</name></author>",
            '    <content type="text/xml">',
            "      " + _s_value(content),
            "    </content>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _s_value(value: Any) -> str:
    """A value in splunkd's s:dict / s:list encoding."""
    if isinstance(value, Mapping):
        keys = "".join(f"<s:key name={quoteattr(str(key))}>{_s_inner(item)}</s:key>" for key, item in value.items())
        return f"<s:dict>{keys}</s:dict>"
    if isinstance(value, (list, tuple)):
        return "<s:list>" + "".join(f"<s:item>{_s_inner(item)}</s:item>" for item in value) + "</s:list>"
    return escape(_text(value))


def _s_inner(value: Any) -> str:
    return _s_value(value) if isinstance(value, (Mapping, list, tuple)) else escape(_text(value))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else str(value)
