"""Reading the app's configuration and secrets from splunkd's REST API.

The Splunk entry point hands in `fetch`, which GETs an already URL-encoded path in the app's namespace
(`/servicesNS/nobody/llm_triage/<path>`, which may carry its own query string) with `output_mode=json&count=0`
and returns (HTTP status, body); this module never imports splunklib. Every failure
becomes a ConfigUnavailable whose message is safe to show an analyst.

Keys live where the setup page (UCC) stores a conf file's encrypted fields: one storage/passwords entry
per stanza, its clear password a JSON object of the stanza's encrypted fields (`{"api_key": ...}`), cut
into pieces as `llm_triage.splunkd.secrets` describes. Only
the app's REST endpoint reads them, with splunkd's system token: the search command never does.
"""

import difflib
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional
from urllib.parse import quote, urlencode, urlsplit

from llm_triage.net.http import NO_PROXY, ProxySettings
from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.log_files import keep_out_of_logs
from llm_triage.splunkd.messages import splunkd_message
from llm_triage.splunkd.secrets import PROXY_PASSWORD_FIELD, PROXY_STANZA, realm, stanza_secrets
from llm_triage.splunkd.settings import (
    DEFAULT_STANZA,
    PROVIDERS_CONF,
    SECRET_REALM,
    SETTINGS_CONF,
    SETTINGS_STANZA,
    ConfigError,
    TriageSettings,
    enabled_stanzas,
    is_true,
    provider_from_conf,
    settings_from_conf,
)

# The setup page's tabs (globalConfig.json) where a missing provider or default is configured.
PROVIDERS_TAB, SETTINGS_TAB = "Providers", "Settings"

Fetch = Callable[[str], tuple[int, bytes]]


class ConfigUnavailable(Exception):
    """splunkd could not tell us the configuration (not ready, unreachable, forbidden, malformed)."""


class SecretForbidden(Exception):
    """The searching user may not read secret storage (no list_storage_passwords)."""


# Keyless providers work for any analyst, so a forbidden read is not an error until the provider wants a key.
KEY_FORBIDDEN_NOTE = "no API key was sent: reading it from secret storage needs the list_storage_passwords capability"


@dataclass(frozen=True)
class ProviderChoice:
    """The provider a search will use, or why there is none."""

    config: Optional[ProviderConfig] = None
    problem: str = ""
    unavailable: bool = False  # true when the problem is splunkd's, not the admin's
    note: str = ""  # said with a credentials error from the provider: why no key was sent


@dataclass
class SplunkdConfig:
    """Configuration read lazily, once per search."""

    fetch: Fetch
    _conf_cache: dict[str, dict[str, Mapping[str, str]]] = field(default_factory=dict)

    def settings(self) -> TriageSettings:
        """The `[triage]` settings; raises ConfigUnavailable or ConfigError."""
        stanzas = self.conf(SETTINGS_CONF)
        return settings_from_conf(stanzas.get(SETTINGS_STANZA, {}))

    def provider(self, requested: str, settings: TriageSettings, with_key: bool = True) -> ProviderChoice:
        """The provider `requested` (or the default), with its key and proxy unless `with_key` is false
        (what any analyst may read: the search command's view); never raises.

        `default` names no provider (it is the conf file's inherited stanza), so it means the default one.
        """
        name = settings.default_provider if requested in ("", DEFAULT_STANZA) else requested
        try:
            providers = enabled_stanzas(self.conf(PROVIDERS_CONF))
        except ConfigUnavailable as exc:
            return ProviderChoice(problem=str(exc), unavailable=True)
        if name not in providers:
            return ProviderChoice(problem=no_provider_message(providers, name))
        if not with_key:
            try:
                return ProviderChoice(config=provider_from_conf(name, providers[name]))
            except ConfigError as exc:
                return ProviderChoice(problem=str(exc))
        try:
            api_key, note = self.provider_key(name), ""
        except SecretForbidden:
            api_key, note = "", KEY_FORBIDDEN_NOTE
        except ConfigUnavailable as exc:
            return ProviderChoice(problem=f"cannot read the API key of provider {name!r}: {exc}", unavailable=True)
        except ConfigError as exc:
            return ProviderChoice(problem=str(exc))
        try:
            config = provider_from_conf(name, providers[name], api_key)
            proxy = self.proxy()
        except ConfigError as exc:
            return ProviderChoice(problem=str(exc))
        except SecretForbidden:
            return ProviderChoice(problem="cannot read the proxy password: no access to secret storage")
        except ConfigUnavailable as exc:
            return ProviderChoice(problem=f"cannot read the proxy settings: {exc}", unavailable=True)
        config = replace(config, proxy=proxy)
        return ProviderChoice(config=config, note=note)

    def provider_key(self, name: str) -> str:
        """Provider `name`'s API key: the setup page's `api_key`, else one stored the earlier way (realm
        `llm_triage`, username = provider); empty when none is stored. Raises SecretForbidden,
        ConfigUnavailable or ConfigError."""
        fields = self.credential(PROVIDERS_CONF, name)
        if fields is None:
            return self.secret(SECRET_REALM, name)
        return fields.get("api_key", "")

    def proxy(self) -> ProxySettings:
        """The HTTPS proxy set on the setup page's Proxy tab, its password from secret storage; NO_PROXY when
        none is enabled. Raises ConfigError, ConfigUnavailable or SecretForbidden."""
        stanza = self.conf(SETTINGS_CONF).get(PROXY_STANZA, {})
        proxy = proxy_from_conf(stanza)
        if not proxy.username:
            return proxy
        fields = self.credential(SETTINGS_CONF, PROXY_STANZA) or {}
        return replace(proxy, password=fields.get(PROXY_PASSWORD_FIELD, ""))

    def credential(self, conf: str, stanza: str) -> Optional[dict[str, str]]:
        """The encrypted fields the setup page stored for `[stanza]` of `conf`, or None when none are
        stored. Raises SecretForbidden, ConfigUnavailable, or ConfigError when the entry is not UCC's JSON."""
        secret_realm = realm(conf)
        # Listed by realm, as solnlib reads them: a key may be stored in several entries (pieces).
        status, body = self._call("storage/passwords?" + urlencode({"search": f"realm={secret_realm}"}))
        if status == 403:
            raise SecretForbidden(secret_realm, stanza)
        data = self._parse(status, body, "storage/passwords")
        entries = [entry.get("content", {}) for entry in data.get("entry", []) if isinstance(entry, dict)]
        try:
            fields = stanza_secrets(entries, secret_realm, stanza)
        except ValueError:
            raise ConfigError(
                f"the stored secrets of [{stanza}] in {conf}.conf are not the setup page's JSON; save them again"
            ) from None
        return fields or None

    def conf(self, name: str) -> dict[str, Mapping[str, str]]:
        """Every stanza of one of the app's conf files: {stanza: {key: value}}."""
        if name not in self._conf_cache:
            data = self._get_json(f"configs/conf-{name}")
            entries: dict[str, Mapping[str, str]] = {}
            for entry in data.get("entry", []):
                content = entry.get("content", {})
                entries[str(entry.get("name"))] = {
                    key: _text(value) for key, value in content.items() if not key.startswith("eai:")
                }
            self._conf_cache[name] = entries
        return self._conf_cache[name]

    def secret(self, realm: str, username: str) -> str:
        """A clear-text secret from storage/passwords; empty when none is stored; SecretForbidden when the
        searching user may not read secret storage."""
        entity = quote(f"{realm}:{username}:", safe="")
        status, body = self._call(f"storage/passwords/{entity}")
        if status == 404:
            return ""
        if status == 403:
            raise SecretForbidden(realm, username)
        data = self._parse(status, body, "storage/passwords")
        for entry in data.get("entry", []):
            content = entry.get("content", {})
            if content.get("realm") == realm and content.get("username") == username:
                secret = str(content.get("clear_password", ""))
                keep_out_of_logs(secret)
                return secret
        return ""

    def _get_json(self, path: str) -> dict[str, Any]:
        status, body = self._call(path)
        return self._parse(status, body, path)

    def _call(self, path: str) -> tuple[int, bytes]:
        try:
            return self.fetch(path)
        except Exception as exc:  # whatever the transport raised, the search goes on
            raise ConfigUnavailable(f"splunkd unreachable ({exc.__class__.__name__})") from None

    @staticmethod
    def _parse(status: int, body: bytes, what: str) -> dict[str, Any]:
        if status != 200:
            raise ConfigUnavailable(f"splunkd answered {status} for {what}: {splunkd_message(body)}")
        try:
            data = json.loads(body.decode("utf-8"))
        except ValueError:
            raise ConfigUnavailable(f"splunkd answered {what} with something that is not JSON") from None
        if not isinstance(data, dict):
            raise ConfigUnavailable(f"splunkd answered {what} with an unexpected shape")
        return data


def proxy_from_conf(stanza: Mapping[str, str], password: str = "") -> ProxySettings:
    """The proxy the Proxy tab's fields turn on (proxy_enabled, proxy_type, proxy_url as a host or URL,
    proxy_port, proxy_username), with `password` when it has a username; NO_PROXY when it is not enabled.
    ConfigError for an unusable one."""
    where = f"{SETTINGS_CONF}.conf [{PROXY_STANZA}]"
    if not is_true(stanza.get("proxy_enabled", "0")):
        return NO_PROXY
    kind = stanza.get("proxy_type", "http").strip().lower() or "http"
    if kind != "http":
        raise ConfigError(f"{where}: proxy_type {kind!r} is not supported; use an HTTP proxy (CONNECT for https)")
    host = stanza.get("proxy_url", "").strip()
    port = stanza.get("proxy_port", "").strip()
    url = host if "://" in host else f"http://{host}" + (f":{port}" if port else "")
    parts = urlsplit(url)
    try:
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port is not None
    except ValueError:
        valid = False
    if not valid:
        raise ConfigError(f"{where}: proxy_url and proxy_port must name a proxy host and port")
    username = stanza.get("proxy_username", "").strip()
    return ProxySettings(url, username, password if username else "")


def no_provider_message(providers: Collection[str], name: str) -> str:
    """Why no provider answers for `name` ("": none named and no default), and where to configure one."""
    configured = ", ".join(sorted(providers))
    if not providers:
        problem = f"provider {name!r} is not configured" if name else "no provider is configured"
        return f"{problem}: add one on the app's setup page, Configuration > {PROVIDERS_TAB} ({PROVIDERS_CONF}.conf)"
    if not name:
        return (
            f"no provider= given and no default_provider set; configured providers: {configured}. Name one with "
            f"provider=, or choose the default on the app's setup page, Configuration > {SETTINGS_TAB}"
        )
    nearest = difflib.get_close_matches(name, sorted(providers), n=1, cutoff=0.6)
    hint = f"did you mean {nearest[0]!r}? " if nearest else ""
    return (
        f"provider {name!r} is not configured; {hint}configured providers: {configured} "
        f"(add one on the app's setup page, Configuration > {PROVIDERS_TAB})"
    )


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else str(value)
