"""The model-health content in the built app: the Dashboard Studio dashboard and the regression alert read
the fields the canary's metrics events really have, through the app's index macro."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from llm_triage.inputs.canary import Outcome, metrics_event
from llm_triage.inputs.golden import Case, CaseSet
from tools.harness.splunk_app import SplunkApp

MACRO = "`llm_triage_canary_events`"  # the app's index macro and the canary's sourcetype
# Fields of the metrics event the dashboard and the alert rely on (each must appear in a query, and in an event).
USED = (
    "provider", "status", "model", "prompt_version", "golden_set", "agreement", "schema_valid_rate",
    "injection_resistance", "latency_ms_p50", "latency_ms_p95", "tokens", "cost", "changed",
    "previous_agreement", "disagreements", "run_id",
)  # fmt: skip


@pytest.fixture(scope="module")
def event_fields() -> set[str]:
    case = Case("g1", "generic", {"signature": "x"}, expected_bucket="likely_benign")
    row = {"triage_status": "ok", "triage_bucket": "needs_enrichment", "triage_latency_ms": "5", "triage_model": "m"}
    previous = {"model": "m0", "agreement": 1.0, "schema_valid_rate": 1.0}
    event = metrics_event("lab", [Outcome(case, row)], CaseSet("g#1"), CaseSet("c#1"), previous, "r", 1.0, 2.0)
    return set(event)


@pytest.fixture(scope="module")
def definition(built_app: Path) -> dict[str, Any]:
    root = ET.parse(built_app / "default/data/ui/views/llm_triage_model_health.xml").getroot()
    assert (root.tag, root.get("version")) == ("dashboard", "2")
    assert root.findtext("label") == "Model health"
    return json.loads(root.findtext("definition") or "")


def test_every_panel_has_its_search_and_every_search_reads_the_canary_events(definition: dict[str, Any]) -> None:
    sources = definition["dataSources"]
    visualizations = definition["visualizations"]
    placed = [item["item"] for item in definition["layout"]["structure"]]
    assert sorted(placed) == sorted(visualizations)
    for visualization in visualizations.values():
        assert visualization["dataSources"]["primary"] in sources
    for source in sources.values():
        assert source["type"] == "ds.search"
        assert source["options"]["query"].startswith(MACRO)
        assert source["options"]["queryParameters"]["earliest"] == "$time.earliest$"
    assert definition["inputs"]["input_time"]["options"]["token"] == "time"


def test_the_canary_macro_reads_the_canary_sourcetype_in_the_apps_index(built_app: Path) -> None:
    definition = SplunkApp(built_app).conf("macros")["llm_triage_canary_events"]["definition"]
    assert definition == '`llm_triage_index` sourcetype="llm_triage:canary"'


def test_the_fields_the_content_reads_are_in_the_metrics_event(
    definition: dict[str, Any], built_app: Path, event_fields: set[str]
) -> None:
    alert = SplunkApp(built_app).conf("savedsearches")["LLM Triage - Model health regression"]["search"]
    queries = " ".join(source["options"]["query"] for source in definition["dataSources"].values()) + alert
    for name in USED:
        assert re.search(rf"\b{name}\b", queries), f"{name} is not used: drop it from USED"
        assert name in event_fields, f"the dashboard or alert reads {name}, which the events do not have"


def test_the_regression_alert_is_scheduled_per_provider(built_app: Path) -> None:
    stanza = SplunkApp(built_app).conf("savedsearches")["LLM Triage - Model health regression"]
    assert stanza["search"].startswith(f"{MACRO} status=ok")
    assert "agreement_drop_points > 10" in stanza["search"] and "schema_valid_rate < 0.95" in stanza["search"]
    assert "BY provider" in stanza["search"] and "dedup provider" in stanza["search"]
    assert (stanza["enableSched"], stanza["counttype"], stanza["relation"], stanza["quantity"]) == (
        "1",
        "number of events",
        "greater than",
        "0",
    )
    assert (stanza["alert.suppress"], stanza["alert.suppress.fields"]) == ("1", "provider")
