"""`llm_triage_settings.conf [scoring]`: the weights and bucket thresholds of operational confidence, the
policy in force, and shadow mode. Defaults here are the shipped defaults (`default/llm_triage_settings.conf`
states the same values, and a test keeps the two in step)."""

from collections.abc import Mapping
from dataclasses import dataclass

from llm_triage.splunkd.settings import SETTINGS_CONF, ConfigError, _boolean, _number

SCORING_STANZA = "scoring"
WEIGHT_KEYS = ("weight_model", "weight_signal", "weight_asset", "weight_identity", "weight_history")
THRESHOLD_KEYS = ("threshold_needs_enrichment", "threshold_probable_incident", "threshold_high_confidence_malicious")
DEFAULT_POLICY = "default-1"


@dataclass(frozen=True)
class ScoringSettings:
    """How far each factor may move operational confidence from 0.5, where each bucket starts, the
    policy file, and whether verdicts are kept from routing (shadow mode)."""

    weight_model: float = 0.5
    weight_signal: float = 0.1
    weight_asset: float = 0.2
    weight_identity: float = 0.1
    weight_history: float = 0.25
    threshold_needs_enrichment: float = 0.35
    threshold_probable_incident: float = 0.6
    threshold_high_confidence_malicious: float = 0.85
    policy: str = DEFAULT_POLICY
    shadow_mode: bool = False


def scoring_from_conf(stanza: Mapping[str, str]) -> ScoringSettings:
    """Settings from the `[scoring]` stanza; absent keys keep the shipped defaults. ConfigError names the
    key to fix."""
    where = f"{SETTINGS_CONF}.conf [{SCORING_STANZA}]"
    defaults = ScoringSettings()
    numbers = {}
    for key in WEIGHT_KEYS + THRESHOLD_KEYS:
        value = _number(stanza, key, getattr(defaults, key), where, minimum=0.0)
        if value > 1.0:
            raise ConfigError(f"{where}: {key} must be at most 1")
        numbers[key] = value
    low, middle, high = (numbers[key] for key in THRESHOLD_KEYS)
    if not low <= middle <= high:
        raise ConfigError(f"{where}: the thresholds must rise: {' <= '.join(THRESHOLD_KEYS)}")
    return ScoringSettings(
        **numbers,
        policy=stanza.get("policy", "").strip() or defaults.policy,
        shadow_mode=_boolean(stanza, "shadow_mode", defaults.shadow_mode, where),
    )
