"""The built app's knowledge objects hang together: an event type and a macro per sourcetype, the triaged
results in the CIM Alerts model, the exports other apps need, the triage queue over the fields result
events really carry, and the starter alerts (not scheduled, in the navigation, naming only what exists)."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from llm_triage import names
from llm_triage.routing.alert_action import result_event
from tests.package.test_dashboards import definition_of, read_conf, search_problems
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunk_conf import parse_conf

SOURCETYPES = {
    names.AUDIT_SOURCETYPE: ("llm_triage_audit", "llm_triage_audit_events"),
    names.RESULT_SOURCETYPE: ("llm_triage_result", "llm_triage_result_events"),
    names.CANARY_SOURCETYPE: ("llm_triage_canary", "llm_triage_canary_events"),
}
STARTERS = (
    "LLM Triage - Triage new notables (shadow mode)",
    "LLM Triage - Approvals waiting over 4 hours",
    "LLM Triage - Dead letters",
    "LLM Triage - Provider failing over 20% of calls",
    "LLM Triage - Daily cost over budget",
)


@pytest.fixture(scope="module")
def app(built_app: Path) -> SplunkApp:
    return SplunkApp(built_app)


def meta(built_app: Path) -> dict[str, dict[str, str]]:
    return {name: dict(keys) for name, keys in parse_conf((built_app / "metadata/default.meta").read_text()).items()}


def test_every_sourcetype_has_an_event_type_a_macro_and_its_props(app: SplunkApp) -> None:
    eventtypes, macros, props = app.conf("eventtypes"), app.conf("macros"), app.conf("props")
    for sourcetype, (eventtype, macro) in SOURCETYPES.items():
        assert eventtypes[eventtype]["search"] == f'sourcetype="{sourcetype}"'
        assert macros[macro]["definition"] == f'`llm_triage_index` sourcetype="{sourcetype}"'
        assert props[sourcetype]["KV_MODE"] == "json"
    assert set(eventtypes) == {eventtype for eventtype, _ in SOURCETYPES.values()}


def test_only_the_triaged_results_carry_a_cim_tag(app: SplunkApp) -> None:
    tags = app.conf("tags")
    assert tags["eventtype=llm_triage_result"] == {"alert": "enabled", "llm_triage": "enabled"}
    cim = {"alert", "change", "authentication", "network", "malware", "intrusion_detection", "endpoint", "web"}
    for stanza in ("eventtype=llm_triage_audit", "eventtype=llm_triage_canary"):
        assert not set(tags[stanza]) & cim, stanza


def test_the_results_map_to_the_cim_alerts_fields(app: SplunkApp) -> None:
    props = app.conf("props")[names.RESULT_SOURCETYPE]
    calculated = {key[len("EVAL-") :] for key in props if key.startswith("EVAL-")}
    # The Alerts data model's fields this app can fill (src, dest and user are the result's own).
    assert {"id", "type", "app", "signature", "subject", "description", "body", "mitre_technique_id"} <= calculated
    assert props["EVAL-id"] == "triage_id" and props["EVAL-type"] == '"alert"'
    assert props["EVAL-orig_severity"] == "severity"  # the detection's own severity stays readable
    lookup = props["LOOKUP-severity"].split()
    assert lookup[0] == "llm_triage_bucket_severity" and "triage_final_bucket" in lookup and lookup[-1] == "severity"


def test_every_final_bucket_has_a_cim_severity(app: SplunkApp, built_app: Path) -> None:
    schema = json.loads((built_app / "lib/llm_triage/schemas/verdict.schema.json").read_text(encoding="utf-8"))
    buckets = set(schema["properties"]["bucket"]["enum"]) | {"not_triaged"}
    transform = app.conf("transforms")["llm_triage_bucket_severity"]
    with (built_app / "lookups" / transform["filename"]).open(encoding="utf-8") as handle:
        severity = {row["bucket"]: row["severity"] for row in csv.DictReader(handle)}
    assert set(severity) == buckets
    assert set(severity.values()) <= {"critical", "high", "medium", "low", "informational", "unknown"}  # CIM's
    assert severity["likely_benign"] == "low" and severity["not_triaged"] == "unknown"
    assert '"not_triaged"' in app.conf("props")[names.RESULT_SOURCETYPE]["EVAL-triage_final_bucket"]


def test_old_audit_events_read_as_new_ones_and_lose_cims_action(app: SplunkApp) -> None:
    props = app.conf("props")[names.AUDIT_SOURCETYPE]
    assert props[f"EVAL-{names.AUDIT_KIND_FIELD}"] == f"coalesce({names.AUDIT_KIND_FIELD}, action)"
    assert props["EVAL-action"] == f"if(isnotnull({names.AUDIT_KIND_FIELD}), action, null())"


def test_what_other_apps_need_is_exported_and_nothing_more_readable(built_app: Path) -> None:
    stanzas = meta(built_app)
    for kind in ("macros", "eventtypes", "tags", "props", "workflow_actions", "commands", "searchbnf"):
        assert stanzas[kind]["export"] == "system", kind
    for lookup in (
        "llm_triage_feedback_lookup",
        "llm_triage_assets",
        "llm_triage_identities",
        "llm_triage_bucket_severity",
    ):
        assert stanzas[f"transforms/{lookup}"]["export"] == "system", lookup
    for private in ("llm_triage_approvals", "llm_triage_examples_lookup", "llm_triage_dead_letters"):
        assert stanzas[f"transforms/{private}"]["export"] == "none", private
    assert "*" not in stanzas["transforms/llm_triage_feedback_lookup"]["access"]  # exported, still role-bound
    assert "llm_triage_analyst" not in stanzas["transforms/llm_triage_dead_letters"]["access"]


def test_the_queue_reads_fields_result_events_carry(built_app: Path) -> None:
    row = {
        "_time": "1764000001", "_cd": "3:77", "index": "notable", "event_id": "E1@@notable@@1",
        "rule_name": "r", "triage_id": "a" * 24, "triage_status": "ok", "triage_verdict": "malicious",
        "triage_bucket": "probable_incident", "triage_op_bucket": "probable_incident",
        "triage_confidence": "0.8", "triage_op_confidence": "0.7", "triage_rationale": "why",
        "triage_evidence": ["a", "b"], "splunk_server": "idx1",
    }  # fmt: skip
    event = set(result_event(row, {"search_name": "s", "sid": "1"})) | {"_time", "triage_final_bucket"}
    event |= {"triage_evidence{}"}  # a multivalue field as KV_MODE=json names it
    definition = definition_of(built_app / "default/data/ui/views/llm_triage_queue.xml")
    rows = definition["dataSources"]["ds_rows"]["options"]["query"]
    made = set(re.findall(r"(\w+)=(?:floor|ceiling|coalesce|mvjoin)\(", rows))  # fields the query computes
    table = rows.rsplit("| table ", 1)[1].split()
    assert set(table) - made <= event, f"the queue shows fields result events do not have: {set(table) - made - event}"
    for pointer in ("orig_index", "orig_cd", "orig_splunk_server", "event_id", "sid", "triage_rationale", "evidence"):
        assert pointer in table


@pytest.mark.parametrize("name", STARTERS)
def test_a_starter_alert_is_shipped_unscheduled_and_names_only_what_exists(
    app: SplunkApp, built_app: Path, name: str
) -> None:
    stanza = app.conf("savedsearches")[name]
    assert stanza["enableSched"] == "0" and stanza["cron_schedule"] and stanza["description"]
    default = built_app / "default"
    known: dict[str, Any] = {
        "commands": set(read_conf(default / "commands.conf")),
        "lookups": set(read_conf(default / "transforms.conf")),
        "macros": read_conf(default / "macros.conf"),
        "indexes": set(read_conf(default / "indexes.conf")),
    }
    assert search_problems(stanza["search"], known) == []


def test_the_notable_starter_triages_in_shadow_mode_and_the_others_alert(app: SplunkApp) -> None:
    searches = app.conf("savedsearches")
    notables = searches[STARTERS[0]]
    assert (notables["action.llm_triage"], notables["action.llm_triage.param.shadow"]) == ("1", "1")
    assert notables["cron_schedule"] == "*/15 * * * *" and notables["search"].startswith("index=notable")
    assert "where waiting_hours > 4" in searches[STARTERS[1]]["search"]
    assert "failed_pct > 20" in searches[STARTERS[3]]["search"]
    assert searches[STARTERS[3]]["dispatch.earliest_time"] == "-60m@m"
    assert "`llm_triage_daily_cost_budget`" in searches[STARTERS[4]]["search"]
    assert searches[STARTERS[4]]["dispatch.earliest_time"] == "@d"


def test_the_navigation_links_every_alert(built_app: Path, app: SplunkApp) -> None:
    nav = ET.parse(built_app / "default" / "data" / "ui" / "nav" / "default.xml").getroot()
    linked = [saved.get("name") for saved in nav.iter("saved")]
    assert set(STARTERS) <= set(linked) and set(linked) <= set(app.conf("savedsearches"))
