"""globalConfig.json's setup page against the rest of the app: specs, shipped defaults, config.py's rules.

ucc-gen writes a bare spec (`key = `) for each tab, named <app>_account.conf.spec for table tabs and
<app>_settings.conf.spec for the others, and a default llm_triage_settings.conf of empty values. The
app's own documented files in package/README and package/default replace them in the build (the
account spec, which names a conf file the app does not have, is removed): these tests keep the two in
step, so a field added to globalConfig.json without its documentation fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from splunk_add_on_ucc_framework import global_config as ucc_global_config
from splunk_add_on_ucc_framework.generators.conf_files.create_account_conf import AccountConf
from splunk_add_on_ucc_framework.generators.conf_files.create_settings_conf import SettingsConf

from llm_triage.evidence.profiles import profile_names
from llm_triage.splunkd.conf import PROVIDERS_TAB, SETTINGS_TAB
from llm_triage.splunkd.settings import (
    INJECTION_CHECKS,
    PROVIDER_NAME,
    ConfigError,
    provider_from_conf,
    settings_from_conf,
)
from tools.conf_spec import conf_stanzas, parse_spec

REPO = Path(__file__).resolve().parents[2]
PROVIDER_TYPES = ("openai", "azure_openai", "anthropic", "ollama", "llama_cpp", "openai_compatible")
VALID_PROVIDER = {"base_url": "https://api.example.com/v1", "model": "m"}


def global_config() -> dict[str, Any]:
    return dict(json.loads((REPO / "globalConfig.json").read_text(encoding="utf-8")))


def tabs() -> dict[str, dict[str, Any]]:
    return {tab.get("name", tab.get("type")): tab for tab in global_config()["pages"]["configuration"]["tabs"]}


def fields(tab: str) -> dict[str, dict[str, Any]]:
    return {entity["field"]: entity for entity in tabs()[tab]["entity"]}


def expanded() -> ucc_global_config.GlobalConfig:
    config = ucc_global_config.GlobalConfig.from_file(str(REPO / "globalConfig.json"))
    config.expand()
    return config


def ucc_specs(tmp_path: Path) -> dict[str, dict[str, list[str]]]:
    """What ucc-gen itself would write as spec files: file name -> stanza -> keys."""
    config = expanded()
    generated = (AccountConf(config, str(REPO / "package"), str(tmp_path)).generate() or []) + (
        SettingsConf(config, str(REPO / "package"), str(tmp_path)).generate() or []
    )
    specs: dict[str, dict[str, list[str]]] = {}
    for item in generated:
        if item["file_name"].endswith(".spec"):
            stanzas: dict[str, list[str]] = {}
            current = ""
            for line in item["content"].splitlines():
                if line.startswith("["):
                    current = line.strip("[]")
                elif "=" in line:
                    stanzas.setdefault(current, []).append(line.split("=")[0].strip())
            specs[item["file_name"]] = stanzas
    return specs


def documented(spec: str, stanza: str, key: str) -> bool:
    return parse_spec((REPO / "package" / "README" / spec).read_text(encoding="utf-8")).documents(stanza, key)


def test_every_key_ucc_writes_is_documented_in_the_apps_own_spec(tmp_path: Path) -> None:
    specs = ucc_specs(tmp_path)
    assert set(specs) == {"llm_triage_account.conf.spec", "llm_triage_settings.conf.spec"}
    # The Providers table's keys live in llm_triage_providers.conf (UCC's conf for a table tab named providers).
    providers = specs["llm_triage_account.conf.spec"]["<name>"]
    # UCC writes every table tab's keys into that one stanza; each tab's own conf spec documents its keys.
    table_specs = {
        "soar_servers": "llm_triage_soar_servers.conf.spec",
        "webhooks": "llm_triage_webhooks.conf.spec",
        "enrichments": "llm_triage_enrichments.conf.spec",
    }
    assert set(providers) == set(fields("providers")).union(*(fields(tab) for tab in table_specs)) - {"name"}
    undocumented = [
        key
        for key in fields("providers")
        if key != "name" and not documented("llm_triage_providers.conf.spec", "any_provider", key)
    ]
    undocumented += [
        f"{tab} {key}"
        for tab, spec in table_specs.items()
        for key in fields(tab)
        if key != "name" and not documented(spec, "any", key)
    ]
    assert undocumented == []
    settings = specs["llm_triage_settings.conf.spec"]
    assert set(settings) == {
        "triage",
        "limits",
        "scoring",
        "audit",
        "proxy",
        "logging",
        "feedback",
        "enrichment",
        "es",
    }
    undocumented = [
        f"[{stanza}] {key}"
        for stanza, keys in settings.items()
        for key in keys
        if not documented("llm_triage_settings.conf.spec", stanza, key)
    ]
    assert undocumented == []


def test_the_built_app_ships_the_documented_files(built_app: Path) -> None:
    for relative in ("README/llm_triage_providers.conf.spec", "README/llm_triage_settings.conf.spec"):
        assert (built_app / relative).read_bytes() == (REPO / "package" / relative).read_bytes(), relative
    assert (built_app / "default" / "llm_triage_settings.conf").read_bytes() == (
        REPO / "package" / "default" / "llm_triage_settings.conf"
    ).read_bytes()
    assert not (built_app / "README" / "llm_triage_account.conf.spec").exists()
    for generated in ("restmap.conf", "web.conf", "data/ui/views/configuration.xml"):
        assert (built_app / "default" / generated).is_file(), generated
    restmap = conf_stanzas((built_app / "default" / "restmap.conf").read_text(encoding="utf-8"))
    assert restmap["admin_external:llm_triage_providers"]["handlerfile"] == "llm_triage_rh_providers.py"
    handler = (built_app / "bin" / "llm_triage_rh_providers.py").read_text(encoding="utf-8")
    assert "from llm_triage_provider_check import ProviderCheckHandler" in handler


def test_form_defaults_are_the_shipped_defaults() -> None:
    provider_defaults = conf_stanzas(
        (REPO / "package" / "default" / "llm_triage_providers.conf").read_text(encoding="utf-8")
    )["default"]
    settings_defaults = conf_stanzas(
        (REPO / "package" / "default" / "llm_triage_settings.conf").read_text(encoding="utf-8")
    )
    assert fields("providers")["type"]["defaultValue"] == provider_defaults["type"]
    assert fields("providers")["verify_tls"]["defaultValue"] is True and provider_defaults["verify_tls"] == "true"
    for field, entity in fields("providers").items():
        if "defaultValue" in entity and field not in ("type", "verify_tls"):
            assert str(entity["defaultValue"]) == provider_defaults[field], field
    [logging_tab] = [tab for tab in expanded().configuration if tab.get("name") == "logging"]
    logging = {entity["field"]: entity for entity in logging_tab["entity"]}
    assert logging["loglevel"]["defaultValue"] == settings_defaults["logging"]["loglevel"]
    assert all("defaultValue" not in entity for entity in fields("triage").values())  # the conf file holds them


def test_choices_are_the_apps_own() -> None:
    def choices(tab: str, field: str) -> list[str]:
        return [item["value"] for item in fields(tab)[field]["options"]["autoCompleteFields"]]

    assert choices("providers", "type") == list(PROVIDER_TYPES)
    assert choices("providers", "schema_constraints") == ["portable", "full"]
    assert set(choices("triage", "default_profile")) == set(profile_names())
    assert tuple(choices("triage", "injection_check")) == INJECTION_CHECKS
    assert fields("triage")["default_provider"]["options"] == {"referenceName": "providers"}


def validator(entity: dict[str, Any], kind: str) -> dict[str, Any]:
    [found] = [item for item in entity.get("validators", []) if item["type"] == kind]
    return found


def test_the_name_pattern_is_config_pys() -> None:
    assert validator(fields("providers")["name"], "regex")["pattern"] == PROVIDER_NAME.pattern


NUMBER_FIELDS = [
    field
    for field, entity in fields("providers").items()
    if any(item["type"] == "number" for item in entity.get("validators", []))
]


@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_provider_number_ranges_start_and_end_where_config_py_does(field: str) -> None:
    # A .conf file or a REST edit reaches config.py without the setup page: it takes the page's range, no more.
    number = validator(fields("providers")[field], "number")
    low, high = number["range"]
    step = 1 if number.get("isInteger") else 0.5
    for value in (low, high):
        provider_from_conf("lab", {**VALID_PROVIDER, field: str(value)})
    for value in (low - step, high + step, *([] if number.get("isInteger") else ["inf", "nan"])):
        with pytest.raises(ConfigError, match=field):
            provider_from_conf("lab", {**VALID_PROVIDER, field: str(value)})
    if number.get("isInteger"):
        with pytest.raises(ConfigError, match=field):
            provider_from_conf("lab", {**VALID_PROVIDER, field: str(low + 0.5)})


@pytest.mark.parametrize("field", ["max_rows", "max_field_chars", "max_bundle_chars"])
def test_settings_number_ranges_start_and_end_where_config_py_does(field: str) -> None:
    low, high = validator(fields("triage")[field], "number")["range"]
    for value in (low, high):
        settings_from_conf({field: str(value)})
    for value in (low - 1, high + 1):
        with pytest.raises(ConfigError, match=field):
            settings_from_conf({field: str(value)})


def test_the_seed_pattern_accepts_what_config_py_does() -> None:
    pattern = re.compile(validator(fields("providers")["seed"], "regex")["pattern"])
    for seed in ("none", "0", "7", "123456"):
        assert pattern.match(seed)
        provider_from_conf("lab", {**VALID_PROVIDER, "seed": seed})
    for seed in ("-1", "seven", "1.5"):
        assert not pattern.match(seed)
        with pytest.raises(ConfigError):
            provider_from_conf("lab", {**VALID_PROVIDER, "seed": seed})


def test_the_key_and_the_proxy_password_are_encrypted() -> None:
    assert fields("providers")["api_key"].get("encrypted") is True
    every = [entity for tab in expanded().configuration for entity in tab.get("entity", [])]
    encrypted = [entity["field"] for entity in every if entity.get("encrypted")]
    # The SOAR servers' token and the webhooks' header value (issue 6) are secrets too.
    assert sorted(encrypted) == ["api_key", "header_value", "proxy_password", "token"]


def test_messages_name_the_setup_tabs_that_exist() -> None:
    # A search without a usable provider is told which tab to open: those tabs must carry those titles.
    titles = {tab.get("title") for tab in global_config()["pages"]["configuration"]["tabs"]}
    assert {PROVIDERS_TAB, SETTINGS_TAB} <= titles
    assert tabs()["providers"]["title"] == PROVIDERS_TAB and tabs()["triage"]["title"] == SETTINGS_TAB
