"""The test call the setup page makes before it saves a provider.

One tiny structured request, built exactly as a search builds one (the real prompt, a small synthetic
bundle, the verdict schema as the provider is asked to follow it), sent through the provider's own
adapter. The check passes when the provider answers with a JSON object: the connection, the key, the
model name and structured output all work. Whether the model judges well is not the question here.
"""

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Optional
from urllib.parse import urlsplit

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import GENERIC, get_profile
from llm_triage.net.http import NO_PROXY, ProxySettings
from llm_triage.providers import create_provider
from llm_triage.providers.base import CompletionRequest, ProviderConfig, ProviderError
from llm_triage.splunkd.secrets import API_KEY_FIELD, MASKS
from llm_triage.splunkd.settings import ConfigError, provider_from_conf
from llm_triage.trust.redaction import scrub_secrets
from llm_triage.verdict.judge import narrows
from llm_triage.verdict.prompt import load_prompt
from llm_triage.verdict.schema import wire_schema

CHECK_TIMEOUT = 30.0  # seconds: the admin is waiting on the Save button
SAMPLE_ROW: Mapping[str, object] = {
    "rule_name": "LLM Triage connection test",
    "severity": "low",
    "src": "workstation-01",
    "user": "connection.test",
    "signature": "A configuration check sent by the LLM Triage setup page; no real event.",
}


def settings_to_check(
    posted: Mapping[str, str], stored: Mapping[str, str], stored_key: str = ""
) -> tuple[dict[str, str], str]:
    """The stanza and key a save would leave: what the form posted over what is stored.

    The form sends the key back masked (or not at all) when the admin left it unchanged: then the stored
    key is the one to test, unless `base_url` now names another scheme, host or port (ConfigError: the key
    must be entered again). An empty key posted means the admin removed it.
    """
    stanza = {key: str(value) for key, value in stored.items() if not key.startswith("eai:") and key != "disabled"}
    stanza.update({key: str(value) for key, value in posted.items()})
    posted_key = stanza.pop(API_KEY_FIELD, None)
    if posted_key is None or posted_key in MASKS:
        if stored_key and _origin(stanza.get("base_url", "")) != _origin(str(stored.get("base_url", ""))):
            # Whoever may edit the provider but not read its key must not send that key to a host of theirs.
            raise ConfigError("base_url now names another host: enter the API key again to send it there")
        return stanza, stored_key
    return stanza, posted_key


def _origin(url: str) -> tuple[str, str, Optional[int]]:
    """Where a URL sends its requests: scheme, host and port (a key is bound to these, not to a path)."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def provider_problem(
    name: str, stanza: Mapping[str, str], api_key: str = "", proxy: ProxySettings = NO_PROXY
) -> Optional[str]:
    """Why provider `name` with these settings should not be saved, or None when a test call succeeds.

    The settings are checked as a search would read them (config.py's rules), then `check_provider`
    makes the call. The message never contains the key or the proxy password.
    """
    try:
        config = provider_from_conf(name, stanza, api_key)
    except ConfigError as exc:
        return str(exc)
    config = replace(config, proxy=proxy)
    return check_provider(config)


def check_provider(config: ProviderConfig) -> Optional[str]:
    """Send one tiny structured request to `config`'s provider: None when it answers with a JSON object,
    else what went wrong, for the admin (never containing the key or the proxy password)."""
    secrets = [config.api_key, config.proxy.password]
    config = replace(config, timeout=min(config.timeout, CHECK_TIMEOUT))
    try:
        provider = create_provider(config)
        bundle = build_bundle(SAMPLE_ROW, get_profile(GENERIC))
        schema = wire_schema(bundle.refs, full=config.schema_constraints == "full", narrow=narrows(config))
        prompt = load_prompt()
        request = CompletionRequest(messages=prompt.messages(bundle.text, prompt.canary([bundle.hash])), schema=schema)
        completion = provider.complete(request)
    except ProviderError as exc:
        return scrub_secrets(f"the test call to {config.endpoint} failed: {exc.message}", secrets)
    try:
        answer = json.loads(completion.content)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        return scrub_secrets(
            f"{config.endpoint} answered the test call, but not with a JSON object: model {config.model!r} "
            "may not support structured output (try schema_constraints = full, or another model)",
            secrets,
        )
    return None
