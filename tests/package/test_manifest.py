"""app.manifest is complete: its license ships with the app, its release date is a date, its CIM data models
are the ones the app's searches use, and its description (the same as app.conf's) names every provider type."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from llm_triage.providers import PROVIDER_TYPES
from tools.harness.splunk_conf import parse_conf

# How the description names each provider type (PROVIDER_TYPES is the registry a new type is added to).
PROVIDER_TYPE_NAMES = {
    "openai": "OpenAI",
    "azure_openai": "Azure OpenAI",
    "anthropic": "Anthropic",
    "ollama": "Ollama",
    "openai_compatible": "OpenAI-compatible servers",
}
# The OpenAI-compatible servers the README's provider table and setup page name first.
COMPATIBLE_SERVERS = ("vLLM", "llama.cpp")
DATA_MODEL = re.compile(r"\bdatamodel\s*[=:]\s*\"?([A-Za-z_]+)")


def manifest(repo: Path) -> dict:
    return json.loads((repo / "package" / "app.manifest").read_text(encoding="utf-8"))


def test_every_provider_type_has_a_name_in_the_description(repo: Path) -> None:
    assert set(PROVIDER_TYPE_NAMES) == set(PROVIDER_TYPES), "name the new provider type here and in the manifest"
    description = manifest(repo)["info"]["description"]
    for name in (*PROVIDER_TYPE_NAMES.values(), *COMPATIBLE_SERVERS):
        assert name in description, name


def test_app_conf_describes_the_app_as_the_manifest_does(repo: Path) -> None:
    app_conf = parse_conf((repo / "package" / "default" / "app.conf").read_text(encoding="utf-8"))
    assert app_conf["launcher"]["description"] == manifest(repo)["info"]["description"]


def test_the_license_is_apache_2_and_ships_with_the_app(repo: Path, built_app: Path) -> None:
    license_info = manifest(repo)["info"]["license"]
    assert license_info == {
        "name": "Apache-2.0",
        "text": "LICENSE",
        "uri": "https://www.apache.org/licenses/LICENSE-2.0",
    }
    text = (repo / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text
    assert (built_app / license_info["text"]).read_text(encoding="utf-8") == text


def test_the_built_manifest_keeps_what_the_source_says(repo: Path, built_app: Path) -> None:
    source = manifest(repo)["info"]
    built = json.loads((built_app / "app.manifest").read_text(encoding="utf-8"))["info"]
    for key in ("description", "releaseDate", "license", "commonInformationModels"):
        assert built[key] == source[key], key


def test_the_release_date_is_a_date(repo: Path) -> None:
    datetime.date.fromisoformat(manifest(repo)["info"]["releaseDate"])


def test_the_cim_models_are_those_the_shipped_searches_use(repo: Path) -> None:
    default = repo / "package" / "default"
    used = set()
    for conf in default.glob("*.conf"):
        used |= set(DATA_MODEL.findall(conf.read_text(encoding="utf-8")))
    for view in (default / "data" / "ui" / "views").glob("*.xml"):
        used |= set(DATA_MODEL.findall(view.read_text(encoding="utf-8")))
    assert used, "the enrichment catalog searches CIM data models"
    models = manifest(repo)["info"]["commonInformationModels"]
    assert set(models) == used
    assert all(re.fullmatch(r">=\d+\.\d+\.\d+", version) for version in models.values())


def test_the_data_model_pattern_reads_both_spellings() -> None:
    assert DATA_MODEL.findall("| tstats count from datamodel=Endpoint.Processes where") == ["Endpoint"]
    assert DATA_MODEL.findall('| datamodel:"Risk" | from datamodel:Web') == ["Risk", "Web"]
