"""The setup page's Enrichments and Enrichment settings tabs against llm_triage.enrichment and the shipped
conf files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from llm_triage.enrichment.catalog import FORBIDDEN_COMMANDS, ITEM_NAME, MAX_RESULTS, validate_item
from llm_triage.enrichment.settings import MODES, EnrichmentSettings, enrichment_settings
from llm_triage.splunkd.settings import ConfigError
from tools.conf_spec import conf_stanzas, parse_spec

REPO = Path(__file__).resolve().parents[2]


def fields(tab: str) -> dict[str, dict[str, Any]]:
    config = json.loads((REPO / "globalConfig.json").read_text(encoding="utf-8"))
    [found] = [item for item in config["pages"]["configuration"]["tabs"] if item.get("name") == tab]
    return {entity["field"]: entity for entity in found["entity"]}


def test_the_enrichments_tab_offers_every_documented_key_but_disabled() -> None:
    spec = (REPO / "package" / "README" / "llm_triage_enrichments.conf.spec").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([a-z_]+) = ", spec, flags=re.M))
    # splunktaucclib reads an edit that carries `disabled` as enable/disable only, dropping every other
    # field: the form leaves it out (REST: POST disabled=1 to the item).
    assert set(fields("enrichments")) == documented - {"disabled"} | {"name"}
    assert parse_spec(spec).documents("any_item", "disabled")


def test_the_forms_defaults_are_the_shipped_defaults() -> None:
    shipped = conf_stanzas((REPO / "package" / "default" / "llm_triage_enrichments.conf").read_text(encoding="utf-8"))
    with_default = {
        field: str(entity["defaultValue"])
        for field, entity in fields("enrichments").items()
        if "defaultValue" in entity
    }
    assert with_default == shipped["default"]
    stanza = {**with_default, "search": "index=a user=$user$", "entities": "user", "description": "d"}
    assert validate_item("x", stanza) == ""


def test_the_name_pattern_and_ranges_are_the_catalogs() -> None:
    tab = fields("enrichments")
    assert tab["name"]["validators"][0]["pattern"] == ITEM_NAME.pattern
    assert tab["max_results"]["validators"][0]["range"] == [1, MAX_RESULTS]
    offset = re.compile(tab["earliest_offset"]["validators"][0]["pattern"])
    assert all(offset.match(text) for text in ("-24h", "+1h", "0", "-7d", "-30m", "now"))


def test_the_settings_tab_offers_every_setting_without_defaults_of_its_own() -> None:
    tab = fields("enrichment")
    assert set(tab) == set(EnrichmentSettings.__dataclass_fields__)
    assert [item["value"] for item in tab["mode"]["options"]["autoCompleteFields"]] == list(MODES)
    spec = parse_spec((REPO / "package" / "README" / "llm_triage_settings.conf.spec").read_text(encoding="utf-8"))
    assert [key for key in tab if not spec.documents("enrichment", key)] == []
    assert all("defaultValue" not in entity for entity in tab.values())


@pytest.mark.parametrize("field", [name for name in EnrichmentSettings.__dataclass_fields__ if name != "mode"])
def test_the_settings_ranges_are_the_readers(field: str) -> None:
    low, high = fields("enrichment")[field]["validators"][0]["range"]
    enrichment_settings({field: str(low)})
    enrichment_settings({field: str(high)})
    for outside in (low - 1, high + 1):
        with pytest.raises(ConfigError, match=field):
            enrichment_settings({field: str(outside)})


def test_the_built_app_names_the_check_in_the_generated_handler(built_app: Path) -> None:
    restmap = conf_stanzas((built_app / "default" / "restmap.conf").read_text(encoding="utf-8"))
    assert restmap["admin_external:llm_triage_enrichments"]["handlerfile"] == "llm_triage_rh_enrichments.py"
    handler = (built_app / "bin" / "llm_triage_rh_enrichments.py").read_text(encoding="utf-8")
    assert "from llm_triage_enrichment_check import EnrichmentCheckHandler" in handler
    for relative in ("README/llm_triage_enrichments.conf.spec", "default/llm_triage_enrichments.conf"):
        assert (built_app / relative).read_bytes() == (REPO / "package" / relative).read_bytes(), relative


def test_the_spec_names_every_command_a_template_may_not_use() -> None:
    # Found by audit: from, outputtelemetry, ldapmodify, ldapdelete, createrss and deletemodel were refused
    # by the code and the README but missing from the list an admin reads in the spec.
    spec = (REPO / "package" / "README" / "llm_triage_enrichments.conf.spec").read_text(encoding="utf-8")
    refused = " ".join(spec.split("* Refused:", 1)[1].split("* Required.", 1)[0].split())
    named = set(re.findall(r"[a-z]+", refused))
    assert sorted(FORBIDDEN_COMMANDS - named) == []
