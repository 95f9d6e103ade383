"""`[scoring]` settings: the shipped defaults, and values an admin must fix."""

from pathlib import Path

import pytest

from llm_triage.decision.scoring_settings import ScoringSettings, scoring_from_conf
from llm_triage.splunkd.settings import ConfigError
from tools.conf_spec import conf_stanzas

REPO = Path(__file__).resolve().parents[3]


def test_the_shipped_conf_states_the_code_defaults():
    text = (REPO / "package" / "default" / "llm_triage_settings.conf").read_text(encoding="utf-8")
    assert scoring_from_conf(conf_stanzas(text)["scoring"]) == ScoringSettings()
    assert scoring_from_conf({}) == ScoringSettings()


def test_values_are_read_and_checked():
    settings = scoring_from_conf({"weight_history": "0.4", "shadow_mode": "true", "policy": " strict-2 "})
    assert (settings.weight_history, settings.shadow_mode, settings.policy) == (0.4, True, "strict-2")
    with pytest.raises(ConfigError, match=r"\[scoring\]: weight_model must be at most 1"):
        scoring_from_conf({"weight_model": "1.5"})
    with pytest.raises(ConfigError, match=r"\[scoring\]: weight_asset must be a number"):
        scoring_from_conf({"weight_asset": "heavy"})
    with pytest.raises(ConfigError, match="the thresholds must rise"):
        scoring_from_conf({"threshold_probable_incident": "0.9"})
    with pytest.raises(ConfigError, match="shadow_mode"):
        scoring_from_conf({"shadow_mode": "perhaps"})
