"""Secret storage as the app's setup page (UCC) uses it, for the splunkd stand-in.

UCC's REST handlers (splunktaucclib `RestCredentials`) keep a conf stanza's encrypted fields as one JSON
object, `{"api_key": "..."}`, under realm `__REST_CREDENTIAL__#<app>#configs/conf-<conf>` and the stanza's
name; solnlib's `CredentialManager.set_password` stores that text in 255-character pieces, as users
`<stanza>``splunk_cred_sep``1`, `...2`, followed by one more piece holding an end mark. Readers list the
realm (`storage/passwords?search=realm=<realm>`) and join the pieces.

`secret_storage_service` adds that listing to the stand-in and, as splunkd does, refuses every
storage/passwords read to a caller without `list_storage_passwords`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tools.harness.splunkd_standin import Reply, Request, Service, SplunkdContent, secret_name

APP = "llm_triage"
PROVIDERS_CONF = "llm_triage_providers"
PIECE_SEPARATOR = "``splunk_cred_sep``"
END_MARK = "".join(f"{PIECE_SEPARATOR}{letter}" for letter in "SPLUNK") + PIECE_SEPARATOR
PIECE_LENGTH = 255  # splunkd encrypts at most 255 characters per entry
READ_CAPABILITY = "list_storage_passwords"
_DEFAULT_COUNT = 30


def credential_realm(conf: str, app: str = APP) -> str:
    """The realm UCC stores `conf`'s encrypted fields under."""
    return f"__REST_CREDENTIAL__#{app}#configs/conf-{conf}"


def store_credential(content: SplunkdContent, conf: str, stanza: str, fields: Mapping[str, str]) -> None:
    """Store `fields` (e.g. {"api_key": ...}) for `[stanza]` of `conf` exactly as UCC's handlers do."""
    realm = credential_realm(conf, content.app)
    for realm_and_user in [key for key in content.secrets if key[0] == realm and _is_piece_of(key[1], stanza)]:
        del content.secrets[realm_and_user]
    text = json.dumps(dict(fields))
    pieces = [text[start : start + PIECE_LENGTH] for start in range(0, len(text), PIECE_LENGTH)] + [END_MARK]
    for index, piece in enumerate(pieces, start=1):
        content.set_secret(realm, f"{stanza}{PIECE_SEPARATOR}{index}", piece)
    content.inner_secrets.extend(value for value in fields.values() if value)


def store_provider_key(content: SplunkdContent, provider: str, key: str) -> None:
    """Provider `provider`'s API key, where the setup page puts it."""
    store_credential(content, PROVIDERS_CONF, provider, {"api_key": key})


def secret_storage_service(content: SplunkdContent) -> Service:
    """Listing storage/passwords (`search`, `count`, `offset`), and 403 for every read of it without
    `list_storage_passwords`; single entries are left to the stand-in's own service."""

    def serve(request: Request) -> Reply | None:
        if request.segments[:2] != ["storage", "passwords"] or request.method != "GET":
            return None
        if not request.user.can(READ_CAPABILITY):
            text = f"You (user={request.user.name}) do not have permission to perform this operation "
            return Reply(
                403, {"messages": [{"type": "ERROR", "text": text + f"(requires capability: {READ_CAPABILITY})."}]}
            )
        if len(request.segments) != 2:
            return None
        return _listing(content, request)

    return serve


def forbidden(user: str, capability: str) -> Reply:
    """splunkd's 403 for a caller without `capability`."""
    text = f"You (user={user}) do not have permission to perform this operation (requires capability: {capability})."
    return Reply(403, {"messages": [{"type": "ERROR", "text": text}]})


def _listing(content: SplunkdContent, request: Request) -> Reply:
    try:
        count = int(request.query.get("count", _DEFAULT_COUNT))
        offset = int(request.query.get("offset", 0))
    except ValueError:
        return Reply(400, {"messages": [{"type": "ERROR", "text": "count and offset must be integers"}]})
    entries = [
        _entry(content.app, realm, username, password)
        for (realm, username), password in content.secrets.items()
        if _matches(request.query.get("search", ""), {"realm": realm, "username": username})
    ]
    page = entries[offset : offset + count] if count > 0 else entries[offset:]
    paging = {"total": len(entries), "perPage": count, "offset": offset}
    return Reply(200, {"entry": page, "paging": paging, "messages": []})


def _matches(search: str, fields: Mapping[str, str]) -> bool:
    """splunkd's `search` filter: `field=value` looks in that field, a bare term in any (case-insensitive)."""
    if not search:
        return True
    name, equals, value = search.partition("=")
    if equals and name in fields:
        return value.lower() in fields[name].lower()
    return any(search.lower() in text.lower() for text in fields.values())


def _entry(app: str, realm: str, username: str, password: str) -> dict[str, Any]:
    content = {"realm": realm, "username": username, "clear_password": password, "password": "********"}
    return {"name": secret_name(realm, username), "acl": {"app": app, "owner": "nobody"}, "content": content}


def _is_piece_of(username: str, stanza: str) -> bool:
    index = username[len(stanza) + len(PIECE_SEPARATOR) :]
    return username == stanza or (username.startswith(stanza + PIECE_SEPARATOR) and index.isdigit())
