"""Enrichment end to end: the built llmtriage, run as an analyst through the chunked protocol, gets a
needs_enrichment answer from the model on 127.0.0.1, runs the shipped catalog's context searches through
splunkd's search API as that analyst (the stand-in answers from a fixture and logs each search), and asks
the app's endpoint again with the results; the endpoint's audit event for that inference names the
searches. Every row comes back, in order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.harness.collector import Collector
from tests.protocol.llmtriage_searches import search
from tools.harness.app_endpoints import AppServices, role_capabilities
from tools.harness.search_api_standin import SearchApiService, load_search_results
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn

API_KEY = "sk-SENTINEL-enr1ch-3c52aa"


@pytest.fixture
def api_key() -> str:
    return API_KEY


def console_logins(count: int) -> list[dict[str, Any]]:
    """CloudTrail console sign-ins: the stand-in model calls them suspicious (needs_enrichment)."""
    return [
        {"serial": str(index), "_time": str(1764064000 + index), "sourcetype": "aws:cloudtrail",
         "eventName": "ConsoleLogin", "eventSource": "signin.amazonaws.com",
         "userIdentity.arn": f"arn:aws:iam::111122223333:user/ops{index % 2}", "sourceIPAddress": "203.0.113.9"}
        for index in range(count)
    ]  # fmt: skip


def test_uncertain_rows_are_enriched_as_the_analyst_and_judged_again(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices], tmp_path: Path
) -> None:
    standin, services = served
    fixture, log = tmp_path / "results.jsonl", tmp_path / "searches.jsonl"
    fixture.write_text(
        json.dumps({"match": "datamodel=Authentication where Authentication.user=",
                    "results": [{"action": "success", "count": "3", "src": "198.51.100.23"},
                                {"action": "failure", "count": "40", "src": "StopLogging from 198.51.100.23"}]})
        + "\n",
        encoding="utf-8",
    )  # fmt: skip
    standin.add_service(SearchApiService(load_search_results(fixture), log_path=log))
    capture = Collector()
    session_key = standin.add_user("ana", role_capabilities(app, "llm_triage_analyst"))
    rows = console_logins(4)
    out = search(app, standin, rows, "llmtriage", capture, None, 2, "ana", session_key)

    assert [row["serial"] for row in out] == [row["serial"] for row in rows]
    assert {row["triage_bucket_initial"] for row in out} == {"needs_enrichment"}
    # The sign-ins' context mentions StopLogging: with it, the model escalates, citing the context.
    assert {(row["triage_enriched"], row["triage_bucket"]) for row in out} == {("true", "high_confidence_malicious")}
    for row in out:
        evidence = row["triage_evidence"] if isinstance(row["triage_evidence"], list) else [row["triage_evidence"]]
        assert any(ref.startswith("cx:") for ref in evidence) or row["triage_rationale"]
        assert "authentication_by_user: 2 results" in row["triage_enrichment"]
    searches = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    by_user = [entry for entry in searches if "Authentication.user=" in entry["search"]]
    assert {entry["user"] for entry in searches} == {"ana"}  # the analyst's rights, never the app's
    # ...in the analyst's namespace, so their own knowledge objects apply, never nobody's
    jobs = {request.path for request in standin.requests if request.path.endswith("/search/v2/jobs")}
    assert jobs == {"/servicesNS/ana/llm_triage/search/v2/jobs"}
    # two users, one window each: the same search for the same user and window ran once per triage search
    assert len(by_user) == len({(entry["search"], entry["earliest_time"]) for entry in by_user})
    assert {entry["search"].count('"arn:aws:iam::111122223333:user/ops') for entry in by_user} == {1}
    audit = services.indexes.events("llm_triage_audit", "llm_triage:audit")
    enriched = [event for event in audit if event.get("enrichment")]
    assert enriched and all(
        {record["item"] for record in event["enrichment"]} >= {"authentication_by_user"} for event in enriched
    )
    # Each search under the row's triage id and the analyst's name: item, SPL, window, count, duration.
    assert {event["triage_id"] for event in enriched} == {row["triage_id"] for row in out}
    assert {event["actor"] for event in enriched} == {"ana"}
    logged = {(entry["search"], entry["earliest_time"], entry["latest_time"]) for entry in searches}
    for record in (record for event in enriched for record in event["enrichment"]):
        assert {"item", "spl", "earliest", "latest", "results", "duration_ms", "error"} <= set(record)
        assert (f"search {record['spl']}" if not record["spl"].startswith("|") else record["spl"],
                record["earliest"], record["latest"]) in logged or record["reused"]  # fmt: skip
    assert API_KEY not in json.dumps(out) + capture.text() + json.dumps(audit)
