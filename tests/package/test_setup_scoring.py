"""The setup page's Scoring and policy tab against scoring_settings.py and the shipped policies."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from llm_triage.decision.policy import POLICY_DIR, load_policy
from llm_triage.decision.scoring_settings import THRESHOLD_KEYS, WEIGHT_KEYS, ScoringSettings, scoring_from_conf
from llm_triage.splunkd.settings import ConfigError
from tools.conf_spec import parse_spec

REPO = Path(__file__).resolve().parents[2]


def scoring_fields() -> dict[str, dict[str, Any]]:
    config = json.loads((REPO / "globalConfig.json").read_text(encoding="utf-8"))
    [tab] = [tab for tab in config["pages"]["configuration"]["tabs"] if tab.get("name") == "scoring"]
    return {entity["field"]: entity for entity in tab["entity"]}


def test_the_tab_offers_every_setting_documented_without_defaults_of_its_own():
    fields = scoring_fields()
    assert set(fields) == set(WEIGHT_KEYS + THRESHOLD_KEYS) | {"policy", "shadow_mode"}
    assert set(fields) == set(ScoringSettings.__dataclass_fields__)
    spec = parse_spec((REPO / "package" / "README" / "llm_triage_settings.conf.spec").read_text(encoding="utf-8"))
    assert [field for field in fields if not spec.documents("scoring", field)] == []
    assert all("defaultValue" not in entity for entity in fields.values())  # the conf file holds them


@pytest.mark.parametrize("field", WEIGHT_KEYS + THRESHOLD_KEYS)
def test_number_ranges_are_scoring_settings_ranges(field):
    [number] = [item for item in scoring_fields()[field]["validators"] if item["type"] == "number"]
    assert number["range"] == [0, 1]
    if field in WEIGHT_KEYS:
        scoring_from_conf({field: "0"})
        scoring_from_conf({field: "1"})
    with pytest.raises(ConfigError, match=field):
        scoring_from_conf({field: "1.01"})


def test_the_policy_pattern_accepts_every_shipped_policy_and_own_files():
    [regex] = [item for item in scoring_fields()["policy"]["validators"] if item["type"] == "regex"]
    pattern = re.compile(regex["pattern"])
    shipped = sorted(path.stem for path in POLICY_DIR.glob("*.json"))
    assert shipped and all(pattern.match(name) for name in shipped)
    assert all(load_policy(name).label for name in shipped)
    assert pattern.match("/opt/splunk/etc/apps/llm_triage/local/strict-2.json")
    assert not pattern.match("default") and not pattern.match("default-1; rm")
