"""Secret storage as the app's setup page (UCC) fills it, for the splunkd stand-in.

How UCC names and cuts the secrets is the package's own knowledge (`llm_triage.splunkd.secrets`, which the
endpoint reads them with); this stores them that way in a `SplunkdContent`. Reading them, and refusing
callers without `list_storage_passwords`, is `tools.harness.splunkd_storage`'s.
"""

from __future__ import annotations

from collections.abc import Mapping

from llm_triage.splunkd.secrets import API_KEY_FIELD, PROVIDERS_CONF, SEPARATOR, realm, stored_entries
from tools.harness.splunkd_standin import Reply, SplunkdContent


def store_credential(content: SplunkdContent, conf: str, stanza: str, fields: Mapping[str, str]) -> None:
    """Store `fields` (e.g. {"api_key": ...}) for `[stanza]` of `conf` exactly as UCC's handlers do."""
    secret_realm = realm(conf, content.app)
    for realm_and_user in [key for key in content.secrets if key[0] == secret_realm and _is_piece_of(key[1], stanza)]:
        del content.secrets[realm_and_user]
    for username, password in stored_entries(stanza, fields):
        content.set_secret(secret_realm, username, password)
    content.inner_secrets.extend(value for value in fields.values() if value)


def store_provider_key(content: SplunkdContent, provider: str, key: str) -> None:
    """Provider `provider`'s API key, where the setup page puts it."""
    store_credential(content, PROVIDERS_CONF, provider, {API_KEY_FIELD: key})


def forbidden(user: str, capability: str) -> Reply:
    """splunkd's 403 for a caller without `capability`."""
    text = f"You (user={user}) do not have permission to perform this operation (requires capability: {capability})."
    return Reply(403, {"messages": [{"type": "ERROR", "text": text}]})


def _is_piece_of(username: str, stanza: str) -> bool:
    index = username[len(stanza) + len(SEPARATOR) :]
    return username == stanza or (username.startswith(stanza + SEPARATOR) and index.isdigit())
