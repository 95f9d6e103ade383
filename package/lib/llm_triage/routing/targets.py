"""Where rows are routed: Splunk SOAR servers and JSON webhooks, as the setup page configures them.

`llm_triage_soar_servers.conf` (one stanza per server: url, verify_tls, ca_bundle, label) with its
`token` in secret storage; `llm_triage_webhooks.conf` (url, verify_tls, ca_bundle, header_name) with its
`header_value` in secret storage; both stored as UCC stores encrypted fields (llm_triage.splunkd.secrets).
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from llm_triage import names
from llm_triage.net.http import TlsSettings, is_loopback
from llm_triage.splunkd.conf import ConfigUnavailable, SecretForbidden, SplunkdConfig
from llm_triage.splunkd.settings import ConfigError, is_true

SOAR = "soar"
WEBHOOK = "webhook"
KINDS = (SOAR, WEBHOOK)
SOAR_CONF = names.SOAR_CONF
WEBHOOKS_CONF = names.WEBHOOKS_CONF
TOKEN_FIELD = "token"
HEADER_VALUE_FIELD = "header_value"
DEFAULT_LABEL = "events"


class TargetError(Exception):
    """The target cannot be used as configured; the message names the setting, never a secret."""


@dataclass(frozen=True)
class Target:
    """One configured destination, its secret included (never shown in repr or messages)."""

    kind: str
    name: str
    url: str
    tls: TlsSettings = TlsSettings()
    label: str = DEFAULT_LABEL
    header_name: str = ""
    secret: str = field(default="", repr=False)


def conf_of(kind: str) -> str:
    """The conf file configuring targets of `kind`."""
    return SOAR_CONF if kind == SOAR else WEBHOOKS_CONF


def load_target(config: SplunkdConfig, kind: str, name: str) -> Target:
    """Target `name` of `kind`, secret read from secret storage; TargetError saying what to fix."""
    if kind not in KINDS:
        raise TargetError(f"unknown target kind {kind!r}")
    conf = conf_of(kind)
    what = "SOAR server" if kind == SOAR else "webhook"
    try:
        stanzas = config.conf(conf)
    except ConfigUnavailable as exc:
        raise TargetError(f"cannot read {conf}.conf: {exc}") from None
    stanza = stanzas.get(name)
    if not name or name == "default" or stanza is None:
        known = ", ".join(sorted(s for s in stanzas if s != "default")) or "none"
        raise TargetError(f"{what} {name!r} is not configured (configured: {known})")
    if is_true(stanza.get("disabled", "0")):
        raise TargetError(f"{what} {name!r} is disabled")
    url = stanza.get("url", "").strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetError(f"{conf}.conf [{name}]: url must be an https:// URL")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise TargetError(f"{conf}.conf [{name}]: a secret is never sent over plain http:// except to this machine")
    try:
        fields = config.credential(conf, name) or {}
    except SecretForbidden:
        raise TargetError(f"cannot read the secret of {what} {name!r}: no access to secret storage") from None
    except (ConfigUnavailable, ConfigError) as exc:
        raise TargetError(f"cannot read the secret of {what} {name!r}: {exc}") from None
    tls = TlsSettings(
        verify=is_true(stanza.get("verify_tls", "1")),
        ca_bundle=stanza.get("ca_bundle", "").strip(),
    )
    if kind == SOAR:
        token = fields.get(TOKEN_FIELD, "")
        if not token:
            raise TargetError(f"SOAR server {name!r} has no token stored; save one on the setup page")
        label = stanza.get("label", "").strip() or DEFAULT_LABEL
        return Target(SOAR, name, url, tls, label=label, secret=token)
    header_name = stanza.get("header_name", "").strip()
    secret = fields.get(HEADER_VALUE_FIELD, "")
    if bool(header_name) != bool(secret):
        raise TargetError(f"webhook {name!r}: header_name and header_value go together")
    return Target(WEBHOOK, name, url, tls, header_name=header_name, secret=secret)
