"""The README's quick start, steps 5 and 6, over the shipped lookup llm_triage_sample_alerts: the dry run
sends nothing, and the first real search, as an analyst, brings every row back in order and leaves one
audited inference per alert, which is what the Triage overview dashboard counts on a fresh install."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.harness.collector import Collector
from tests.protocol.llmtriage_searches import search
from tools.harness.app_endpoints import AppServices, role_capabilities
from tools.harness.inputs import read_rows
from tools.harness.redaction import Redactor
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn

SENTINEL_KEY = "sk-SENTINEL-5a0c93e1d2b74f66"
OVERVIEW = "llm_triage_overview.xml"


@pytest.fixture
def api_key() -> str:
    return SENTINEL_KEY


def lookup_rows(built_app: Path) -> list[dict[str, Any]]:
    """The rows `| inputlookup llm_triage_sample_alerts` gives, read from the built app's lookup file."""
    filename = SplunkApp(built_app).conf("transforms")["llm_triage_sample_alerts"]["filename"]
    return list(read_rows(built_app / "lookups" / filename))


def run_as_analyst(
    app: SplunkApp, standin: SplunkdStandIn, rows: list[dict[str, Any]], spl: str
) -> tuple[list[dict[str, Any]], Redactor]:
    capture, redactor = Collector(), Redactor([SENTINEL_KEY])
    session_key = standin.add_user("ana", role_capabilities(app, "llm_triage_analyst"))
    out = search(app, standin, rows, spl, capture, redactor, 5, "ana", session_key)
    return out, redactor


def test_the_quick_start_dry_run_sends_nothing(built_app, app, served, model) -> None:
    standin, services = served
    rows = lookup_rows(built_app)
    out, redactor = run_as_analyst(app, standin, rows, "llmtriage dryrun=true")
    assert [row["alert_name"] for row in out] == [row["alert_name"] for row in rows] and len(out) == 14
    assert {row["triage_status"] for row in out} == {"dryrun"}
    assert all(json.loads(row["triage_bundle"])["events"] for row in out)
    assert model.chat_requests == []
    assert services.indexes.events("llm_triage_audit", "llm_triage:audit") == []
    assert redactor.leaks == []


def test_the_first_real_search_fills_what_the_overview_counts(
    built_app, app, served: tuple[SplunkdStandIn, AppServices], model
) -> None:
    standin, services = served
    rows = lookup_rows(built_app)
    # With the injection check (the default): its second asks are audited as injection_check, not counted.
    out, redactor = run_as_analyst(app, standin, rows, "llmtriage provider=lab")
    assert [row["alert_name"] for row in out] == [row["alert_name"] for row in rows] and len(out) == 14
    assert all(row["triage_status"] for row in out)
    audited = [
        event
        for event in services.indexes.events("llm_triage_audit", "llm_triage:audit")
        if event.get("triage_audit") == "inference"
    ]
    assert sorted(event["triage_id"] for event in audited) == sorted(row["triage_id"] for row in out)
    assert all(event["actor"] == "ana" for event in audited)
    # "Volume by bucket" counts answer.bucket (no verdict: "(no verdict)"): the rows' own buckets.
    overview = (built_app / "default" / "data" / "ui" / "views" / OVERVIEW).read_text(encoding="utf-8")
    assert "rename answer.bucket AS bucket" in overview
    by_bucket = Counter((event.get("answer") or {}).get("bucket") or "(no verdict)" for event in audited)
    assert by_bucket == Counter(
        row["triage_bucket"] if row["triage_source"] == "model" else "(no verdict)" for row in out
    )
    assert len(by_bucket) > 2, by_bucket
    assert redactor.leaks == [] and SENTINEL_KEY not in json.dumps(audited)
