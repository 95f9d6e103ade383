"""The audit trail: one event per inference the app's endpoint makes, to an index the admin chooses.

Each event (sourcetype `llm_triage:audit`, `triage_audit=inference`, or `injection_check` for the second
ask of the model-side injection check, search/swaying.py) says when, for which result
(`triage_id`), on whose search (`actor`), what left the search head (`sent`: the bundle exactly as the
model got it, secrets masked and, with pseudonymization on, identifiers pseudonymized), under which
prompt, to which provider, model and endpoint (its base URL without credentials or query), what it cost
(tokens, latency; `prompt_tokens_cached` and `prompt_tokens_cache_write`: of the prompt tokens, those the
provider read from and wrote to its prompt cache, as it reported them) and what came back (status, the
answer's fields as the search received them).
A verdict answered from the verdict cache is recorded too, `cached=true`, with `sent` null: nothing left.
So is a bundle refused before any request was made (the provider's breaker open after failures, its daily
cost cap, the user's token quota or the search's budget reached): its status and error say why, `sent` is
null.

Nothing here holds a key: the provider's API key and the pseudonym key are never part of an event, and
every text is scrubbed of the secrets the endpoint read. A failed write costs no verdict: the caller gets
a warning to pass on to the search.
"""

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Callable, Optional
from urllib.parse import urlsplit, urlunsplit

from llm_triage import names
from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import NARRATIVE_FIELDS, VERDICT_FIELDS
from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.index import IndexUnavailable, send_events
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import SETTINGS_CONF, ConfigError, _boolean
from llm_triage.trust.redaction import redaction_counts, scrub_secrets
from llm_triage.verdict.judge import Judgement
from llm_triage.verdict.prompt import Prompt

AUDIT_STANZA = "audit"  # llm_triage_settings.conf [audit]
AUDIT_SOURCETYPE = names.AUDIT_SOURCETYPE
AUDIT_SOURCE = "llm_triage:judge"
ACTION_INFERENCE = "inference"
_INDEX_NAME = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")


@dataclass(frozen=True)
class AuditSettings:
    """`llm_triage_settings.conf [audit]`: whether to write the trail, and to which index."""

    enabled: bool = True
    index: str = names.AUDIT_INDEX


def audit_settings_from_conf(stanza: Mapping[str, str]) -> AuditSettings:
    """The [audit] stanza's settings; ConfigError names a bad value."""
    where = "llm_triage_settings.conf [audit]"
    defaults = AuditSettings()
    enabled = _boolean(stanza, "audit_enabled", defaults.enabled, where)
    index = stanza.get("index", "").strip() or defaults.index
    if index[0] in "_-" or not set(index) <= _INDEX_NAME:
        raise ConfigError(f"{where}: index must be an index name (lower-case letters, digits, '_' and '-')")
    return AuditSettings(enabled=enabled, index=index)


def configured_audit_index(config: SplunkdConfig) -> str:
    """The index `[audit] index` names; the shipped default when it cannot be read (never a caller's)."""
    try:
        return audit_settings_from_conf(config.conf(SETTINGS_CONF).get(AUDIT_STANZA, {})).index
    except (ConfigUnavailable, ConfigError):
        return AuditSettings().index


def endpoint_of(base_url: str) -> str:
    """A provider's base URL as the trail records it: no user name, password, query or fragment."""
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def inference_event(
    bundle: Bundle,
    judgement: Judgement,
    sent: Optional[str],
    prompt: Prompt,
    provider: ProviderConfig,
    actor: str,
    pseudonymized: bool,
    now: float,
    secrets: Sequence[str] = (),
) -> dict[str, Any]:
    """One inference as the audit trail records it (see the module docstring)."""
    cached = judgement.cached
    left = judgement.asked and not cached  # whether the bundle went to the provider at all
    # With the fields the answer reported as swaying it (`injection`: `field:model`), when it named any.
    answered = (*VERDICT_FIELDS, "triage_injection")
    answer = {name[len("triage_") :]: judgement.fields[name] for name in answered if name in judgement.fields}
    answer.update({name: judgement.fields[name] for name in NARRATIVE_FIELDS if name in judgement.fields})
    event: dict[str, Any] = {
        "time": round(now, 6),
        # A check's second ask is filed as its own kind: counts of verdicts read `inference` only.
        names.AUDIT_KIND_FIELD: bundle.purpose or ACTION_INFERENCE,
        "triage_id": bundle.triage_id,
        "actor": actor,
        "bundle_hash": bundle.hash,
        "profile": bundle.profile,
        "sent": sent if left else None,
        # Secrets kept from leaving with this request, by kind (none when nothing left).
        "redactions": redaction_counts(bundle.text) if left else {},
        "pseudonymized": pseudonymized,
        "prompt": prompt.label,
        "prompt_id": prompt.id,
        "prompt_version": prompt.version,
        "prompt_hash": prompt.digest,
        "provider": provider.name,
        "provider_type": provider.type,
        "model": judgement.model or provider.model,
        "endpoint": endpoint_of(provider.base_url),
        "cached": cached,
        "prompt_tokens": 0 if cached else judgement.prompt_tokens,
        "prompt_tokens_cached": 0 if cached else judgement.cached_prompt_tokens,
        "prompt_tokens_cache_write": 0 if cached else judgement.cache_write_tokens,
        "completion_tokens": 0 if cached else judgement.completion_tokens,
        "tokens": 0 if cached else judgement.tokens,
        "cost": 0.0 if cached else judgement.cost,
        "latency_ms": 0 if cached else judgement.latency_ms,
        "status": judgement.status,
        "error": judgement.error,
        "answer": answer,
    }
    if bundle.enrichment:  # the context searches whose results this bundle holds, as the searching user ran them
        event["enrichment"] = list(bundle.enrichment)
    scrubbed: dict[str, Any] = _scrubbed(event, [secret for secret in secrets if secret])
    return scrubbed


def _scrubbed(value: Any, secrets: Sequence[str]) -> Any:
    if isinstance(value, str):
        return scrub_secrets(value, secrets) if secrets else value
    if isinstance(value, list):
        return [_scrubbed(item, secrets) for item in value]
    if isinstance(value, dict):
        return {key: _scrubbed(item, secrets) for key, item in value.items()}
    return value


class AuditTrail:
    """Writes inference events through splunkd's `receivers/simple` (with the endpoint's system token)."""

    def __init__(self, rest: SplunkdRest, settings: AuditSettings, clock: Callable[[], float] = time.time):
        self._rest = rest
        self.settings = settings
        self.clock = clock

    def write(self, events: Sequence[Mapping[str, Any]]) -> Optional[str]:
        """Index `events`; None when written (or the trail is off), else a warning for the search."""
        if not self.settings.enabled or not events:
            return None
        try:
            send_events(self._rest, events, self.settings.index, AUDIT_SOURCETYPE, AUDIT_SOURCE)
        except IndexUnavailable as exc:
            return f"audit trail not written for {len(events)} inference(s): {exc}"
        return None
