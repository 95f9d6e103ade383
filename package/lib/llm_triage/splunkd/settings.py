"""The app's configuration: search settings and providers, parsed from conf stanzas (all values are strings).

Defaults here are the shipped defaults (`default/llm_triage_settings.conf` states the same values, and a
test keeps the two in step), so `dryrun` works even when splunkd cannot be asked.
"""

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import urlsplit

from llm_triage import names
from llm_triage.evidence.bundle import DEFAULT_MAX_BUNDLE_CHARS, Limits
from llm_triage.evidence.profiles import AUTO, profile_names
from llm_triage.net.http import is_loopback
from llm_triage.providers.azure_openai import AUTH_CHOICES as AZURE_AUTH_CHOICES
from llm_triage.providers.base import ProviderConfig

SETTINGS_CONF = names.SETTINGS_CONF
SETTINGS_STANZA = "triage"
PROVIDERS_CONF = names.PROVIDERS_CONF
SECRET_REALM = "llm_triage"
DEFAULT_STANZA = "default"  # the stanza every other stanza of a conf file inherits from
SCHEMA_CONSTRAINTS = ("portable", "full")
# Bundles per model request at most: each adds a verdict to the answer and its references to the schema's
# enums (OpenAI's strict mode allows 1,000 enum values in all); the command's posts to the endpoint hold 20.
MAX_BATCH_SIZE = 20
# The ranges the setup page allows (globalConfig.json) hold for a .conf file or REST edit as well: an hour is
# already longer than a search waits for one answer, and a wait of days would hold a search's slot for them
# (the HTTP client treats anything past a day as a day, net/http.py).
MAX_TIMEOUT = 3600.0
MAX_PRICE = 1e6  # per million tokens
# The setup page checks names with this pattern too (globalConfig.json); match it with fullmatch, since
# "$" also matches before a trailing newline, and a name with one is no name.
PROVIDER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$")

_TRUE = {"1", "true", "t", "yes", "y", "on"}
_FALSE = {"0", "false", "f", "no", "n", "off"}


class ConfigError(ValueError):
    """A setting an admin must fix; the message names the file, stanza and key."""


# When a likely_benign answer is asked again without the row's free text (search/swaying.py).
INJECTION_CHECKS = ("off", "benign_only", "always")


@dataclass(frozen=True)
class TriageSettings:
    """`llm_triage_settings.conf [triage]`."""

    default_provider: str = ""
    default_profile: str = AUTO
    max_rows: int = 1000
    max_field_chars: int = 1200
    max_bundle_chars: int = DEFAULT_MAX_BUNDLE_CHARS
    max_tokens: int = 0  # per search, prompt + completion; 0: no token budget
    max_cost: float = 0.0  # per search, at the providers' configured prices; 0: no cost budget
    cache_ttl: int = 86400  # seconds a cached verdict is reused; 0: no verdict cache
    cache_file: str = ""  # a JSON-lines file instead of the KV store (tools/search runs, tests)
    pseudonymize: bool = False  # identifiers sent as keyed-hash pseudonyms (llm_triage.trust.pseudonyms)
    mask_contacts: bool = False  # e-mail addresses and phone numbers in free-text fields masked
    pseudonym_key_file: str = ""  # the key, for runs without the app's endpoint (which keeps it in secret storage)
    similar: int = 0  # approved past incidents shown with each bundle (stories/similar.py); 0: none
    progress_every: float = 10.0  # seconds between two progress lines in search.log (search/progress.py)
    injection_check: str = "benign_only"  # asked again without free text: off, benign_only, always (search/swaying.py)

    @property
    def limits(self) -> Limits:
        """What bundles may carry under these settings: their size caps, and whether contacts are masked."""
        return Limits(self.max_field_chars, self.max_bundle_chars, mask_contacts=self.mask_contacts)


def settings_from_conf(stanza: Mapping[str, str]) -> TriageSettings:
    """Settings from the `[triage]` stanza; absent keys keep the shipped defaults."""
    where = f"{SETTINGS_CONF}.conf [{SETTINGS_STANZA}]"
    defaults = TriageSettings()
    return TriageSettings(
        default_provider=stanza.get("default_provider", defaults.default_provider).strip(),
        default_profile=_choice(stanza, "default_profile", defaults.default_profile, where, profile_names()),
        max_rows=_integer(stanza, "max_rows", defaults.max_rows, where, minimum=1, maximum=10_000_000),
        max_field_chars=_integer(
            stanza, "max_field_chars", defaults.max_field_chars, where, minimum=16, maximum=1_000_000
        ),
        max_bundle_chars=_integer(
            stanza, "max_bundle_chars", defaults.max_bundle_chars, where, minimum=256, maximum=10_000_000
        ),
        max_tokens=_integer(stanza, "max_tokens", defaults.max_tokens, where, minimum=0),
        max_cost=_number(stanza, "max_cost", defaults.max_cost, where, minimum=0.0),
        cache_ttl=_integer(stanza, "cache_ttl", defaults.cache_ttl, where, minimum=0),
        cache_file=stanza.get("cache_file", defaults.cache_file).strip(),
        pseudonymize=_boolean(stanza, "pseudonymize", defaults.pseudonymize, where),
        mask_contacts=_boolean(stanza, "mask_contacts", defaults.mask_contacts, where),
        pseudonym_key_file=stanza.get("pseudonym_key_file", defaults.pseudonym_key_file).strip(),
        similar=_integer(stanza, "similar", defaults.similar, where, minimum=0),
        progress_every=_number(stanza, "progress_every", defaults.progress_every, where, minimum=0.1),
        injection_check=_choice(stanza, "injection_check", defaults.injection_check, where, INJECTION_CHECKS),
    )


def provider_from_conf(name: str, stanza: Mapping[str, str], api_key: str = "") -> ProviderConfig:
    """One provider from its stanza in `llm_triage_providers.conf`, with its key from secret storage."""
    where = f"{PROVIDERS_CONF}.conf [{name}]"
    if not PROVIDER_NAME.fullmatch(name) or name == DEFAULT_STANZA:
        raise ConfigError(f"{where}: provider names use letters, digits, '_' and '-', and are not 'default'")
    base_url = stanza.get("base_url", "").strip()
    if not re.match(r"^https?://[^\s/]+", base_url):
        raise ConfigError(f"{where}: base_url must be an http:// or https:// URL")
    parts = urlsplit(base_url)
    try:
        parts.port  # noqa: B018 (urlsplit checks the port only when asked)
    except ValueError:
        raise ConfigError(f"{where}: base_url has an invalid port") from None
    if api_key and parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise ConfigError(f"{where}: refusing to send the API key over plain http to {parts.hostname}; use https://")
    ca_bundle = _readable_file(stanza, "ca_bundle", where)
    model = stanza.get("model", "").strip()
    if not model:
        raise ConfigError(f"{where}: model is required")
    defaults = ProviderConfig(name=name, type="", base_url="", model="")
    return ProviderConfig(
        name=name,
        type=stanza.get("type", "openai_compatible").strip(),
        base_url=base_url,
        model=model,
        api_key=api_key,
        timeout=_number(stanza, "timeout", defaults.timeout, where, minimum=1.0, maximum=MAX_TIMEOUT),
        verify_tls=_boolean(stanza, "verify_tls", defaults.verify_tls, where),
        ca_bundle=ca_bundle,
        max_output_tokens=_integer(
            stanza, "max_output_tokens", defaults.max_output_tokens, where, minimum=64, maximum=100_000
        ),
        temperature=_number(stanza, "temperature", defaults.temperature, where, minimum=0.0, maximum=2.0),
        seed=_optional_integer(stanza, "seed", defaults.seed, where),
        schema_constraints=_choice(
            stanza, "schema_constraints", defaults.schema_constraints, where, SCHEMA_CONSTRAINTS
        ),
        api_version=stanza.get("api_version", "").strip(),
        azure_auth=_choice(stanza, "azure_auth", defaults.azure_auth, where, AZURE_AUTH_CHOICES),
        extra_headers=_headers(stanza, "extra_headers", where),
        client_cert=_readable_file(stanza, "client_cert", where),
        client_key=_readable_file(stanza, "client_key", where),
        max_concurrency=_integer(stanza, "max_concurrency", defaults.max_concurrency, where, minimum=1, maximum=256),
        batch_size=_integer(stanza, "batch_size", defaults.batch_size, where, minimum=1, maximum=MAX_BATCH_SIZE),
        requests_per_minute=_integer(
            stanza, "requests_per_minute", defaults.requests_per_minute, where, minimum=0, maximum=1_000_000
        ),
        tokens_per_minute=_integer(
            stanza, "tokens_per_minute", defaults.tokens_per_minute, where, minimum=0, maximum=1_000_000_000
        ),
        price_input_per_mtok=_number(stanza, "price_input_per_mtok", 0.0, where, minimum=0.0, maximum=MAX_PRICE),
        price_output_per_mtok=_number(stanza, "price_output_per_mtok", 0.0, where, minimum=0.0, maximum=MAX_PRICE),
        price_cached_input_per_mtok=_optional_number(stanza, "price_cached_input_per_mtok", where, MAX_PRICE),
        price_cache_write_per_mtok=_optional_number(stanza, "price_cache_write_per_mtok", where, MAX_PRICE),
        max_cost_per_day=_number(stanza, "max_cost_per_day", 0.0, where, minimum=0.0, maximum=1e9),
    )


LIMITS_STANZA = "limits"
_ROLE_NAME = re.compile(r"^[a-z0-9_\-]{1,100}$")


@dataclass(frozen=True)
class LimitSettings:
    """`llm_triage_settings.conf [limits]`: limits that hold across searches and search heads."""

    cluster_members: int = 0  # search heads sharing each provider's limits; 0: as splunkd's cluster says
    daily_token_quotas: Mapping[str, int] = field(default_factory=dict)  # by role: tokens a user, a UTC day

    def quota(self, roles: Sequence[str]) -> tuple[int, str]:
        """A user's daily token quota from `roles`: the largest of theirs that has one, and its role; (0, "")
        when none has one."""
        found = [(self.daily_token_quotas[role], role) for role in roles if role in self.daily_token_quotas]
        return max(found) if found else (0, "")


def limit_settings_from_conf(stanza: Mapping[str, str]) -> LimitSettings:
    """The `[limits]` stanza; absent keys keep the shipped defaults."""
    where = f"{SETTINGS_CONF}.conf [{LIMITS_STANZA}]"
    quotas: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in stanza.get("daily_token_quotas", "").split(","))):
        role, _, tokens = (piece.strip() for piece in item.partition("="))
        if not _ROLE_NAME.fullmatch(role) or not tokens.isdigit() or int(tokens) < 1:
            raise ConfigError(
                f"{where}: daily_token_quotas is a list of role=tokens, e.g. llm_triage_analyst=200000, not {item!r}"
            )
        quotas[role] = int(tokens)
    return LimitSettings(
        cluster_members=_integer(stanza, "cluster_members", 0, where, minimum=0, maximum=1000),
        daily_token_quotas=quotas,
    )


def enabled_stanzas(entries: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    """Stanzas that are not `default` and not disabled."""
    return {
        name: content
        for name, content in entries.items()
        if name != DEFAULT_STANZA and content.get("disabled", "0").strip().lower() not in _TRUE
    }


def _integer(
    stanza: Mapping[str, str], key: str, default: int, where: str, minimum: int, maximum: Optional[int] = None
) -> int:
    raw = stanza.get(key, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{where}: {key} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{where}: {key} must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{where}: {key} must be at most {maximum}")
    return value


def _optional_integer(stanza: Mapping[str, str], key: str, default: Optional[int], where: str) -> Optional[int]:
    raw = stanza.get(key, "").strip()
    if raw.lower() == "none":
        return None
    return _integer(stanza, key, 0, where, minimum=0) if raw else default


def _optional_number(stanza: Mapping[str, str], key: str, where: str, maximum: float) -> Optional[float]:
    """A non-negative number up to `maximum`, or None when the key is absent or empty."""
    return _number(stanza, key, 0.0, where, minimum=0.0, maximum=maximum) if stanza.get(key, "").strip() else None


def _number(
    stanza: Mapping[str, str], key: str, default: float, where: str, minimum: float, maximum: float = math.inf
) -> float:
    raw = stanza.get(key, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{where}: {key} must be a number, not {raw!r}") from None
    if value < minimum or value != value:
        raise ConfigError(f"{where}: {key} must be at least {minimum:g}")
    if value > maximum:
        raise ConfigError(f"{where}: {key} must be at most {maximum:g}")
    return value


def _choice(stanza: Mapping[str, str], key: str, default: str, where: str, choices: tuple[str, ...]) -> str:
    raw = stanza.get(key, "").strip().lower()
    if not raw:
        return default
    if raw not in choices:
        raise ConfigError(f"{where}: {key} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def _readable_file(stanza: Mapping[str, str], key: str, where: str) -> str:
    path = stanza.get(key, "").strip()
    if path and not os.access(path, os.R_OK):
        raise ConfigError(f"{where}: {key} {path} is not a readable file")
    return path


# Header names are HTTP tokens; values are one line. Credentials belong in the API key, not here.
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def _headers(stanza: Mapping[str, str], key: str, where: str) -> dict[str, str]:
    """A JSON object of header names to values, e.g. {"X-Tenant": "soc-eu"}."""
    raw = stanza.get(key, "").strip()
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not all(isinstance(value, str) for value in data.values()):
        raise ConfigError(
            f'{where}: {key} must be a JSON object of header names to text values, e.g. {{"X-Tenant": "soc"}}'
        )
    for name, value in data.items():
        if not _HEADER_NAME.match(name) or "\r" in value or "\n" in value:
            raise ConfigError(f"{where}: {key} has an invalid header {name!r}")
    return dict(data)


def _boolean(stanza: Mapping[str, str], key: str, default: bool, where: str) -> bool:
    raw = stanza.get(key, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ConfigError(f"{where}: {key} must be true or false, not {raw!r}")


def is_true(value: str) -> bool:
    """Whether a conf value says yes (1, true, t, yes, y, on; any case, surrounding spaces ignored)."""
    return value.strip().lower() in _TRUE
