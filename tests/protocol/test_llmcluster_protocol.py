"""`llmcluster` end to end: the built app's script, splunklib's eventing command over the chunked protocol,
the app's endpoint asked for narratives (`kind: narrative`), and an OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.harness.collector import Collector
from tests.protocol.llmtriage_searches import search
from tools.attack_chains import generate
from tools.harness.redaction import Redactor

KEY = "sk-sentinel-cluster-5d1e7a03b9c2"


@pytest.fixture
def api_key() -> str:
    return KEY


def day() -> list[dict[str, Any]]:
    """A small generated day: one chain of each kind among 30 benign alerts, each row numbered."""
    return [dict(row, serial=str(index)) for index, row in enumerate(generate(5, chains_per_kind=1, noise=30).rows)]


def values(field: Any) -> list[str]:
    return field if isinstance(field, list) else [field] if field else []


def test_rows_held_across_chunks_come_back_in_order_with_their_investigation_and_its_story(app, standin, model):
    rows = day()
    capture, redactor = Collector(), Redactor([KEY])
    out = search(app, standin, rows, "llmcluster", capture, redactor, chunk_rows=7)
    assert [row["serial"] for row in out] == [row["serial"] for row in rows]
    for chain in ("phish-0", "cloud-0", "lateral-0"):
        members = [row for row in out if row["truth"] == chain]
        assert len({row["cluster_id"] for row in members}) == 1, chain
        assert {row["cluster_status"] for row in members} == {"ok"}, members[0]["cluster_error"]
        narrative = members[0]["cluster_narrative"]
        assert narrative and narrative.count("\n") >= len(members) - 1 and "linked alerts" in narrative
        cited = set(values(members[0]["cluster_evidence"]))
        assert {row["cluster_ref"] for row in members} <= {ref.split("/")[0] for ref in cited}
        assert int(members[0]["cluster_size"]) >= len(members)
    assert any(row["cluster_status"] == "single" for row in out)
    requests = model.chat_requests
    assert requests and all(r.body["response_format"]["json_schema"]["name"] == "cluster_narrative" for r in requests)
    assert '"cluster":' in requests[0].body["messages"][1]["content"]
    [summary] = [text for _, level, text in capture.messages if level == "INFO"]
    assert summary.startswith(f"llmcluster: {len(rows)} rows in ")
    assert redactor.leaks == [] and KEY not in json.dumps(out) + capture.text()


def test_with_the_model_down_the_clusters_still_come_back_marked_without_a_story(app, standin, model):
    model.stop()
    out = search(app, standin, day(), "llmcluster timeout=2", Collector(), chunk_rows=50)
    chain = [row for row in out if row["truth"] == "cloud-0"]
    assert len({row["cluster_id"] for row in chain}) == 1
    assert {row["cluster_status"] for row in chain} == {"unavailable"}
    assert chain[0].get("cluster_narrative", "") == "" and chain[0]["cluster_error"]


def test_dryrun_asks_nothing_and_shows_each_clusters_bundle(app, standin, model):
    out = search(app, standin, day(), "llmcluster dryrun=true max_narratives=1", Collector(), chunk_rows=50)
    assert model.chat_requests == []
    statuses = {row["cluster_status"] for row in out}
    assert {"dryrun", "single"} <= statuses and "skipped_budget" in statuses
    [bundle_text] = {row["cluster_bundle"] for row in out if row["cluster_status"] == "dryrun"}
    bundle = json.loads(bundle_text)
    assert bundle["cluster"]["linked_by"] and len(bundle["events"]) >= 4


def test_an_analyst_without_access_to_secrets_gets_stories_through_the_endpoint(app, standin, model):
    session_key = standin.add_user("ana", {"llm_triage_run"})
    capture, redactor = Collector(), Redactor([KEY])
    out = search(app, standin, day(), "llmcluster", capture, redactor, 50, "ana", session_key)
    chain = [row for row in out if row["truth"] == "phish-0"]
    assert {row["cluster_status"] for row in chain} == {"ok"}, chain[0]["cluster_error"]
    assert redactor.leaks == [] and KEY not in json.dumps(out) + capture.text()
    without = standin.add_user("bo", set())
    refused = search(app, standin, day(), "llmcluster", Collector(), None, 50, "bo", without)
    assert {row["cluster_status"] for row in refused if row["truth"] == "phish-0"} == {"error"}
    assert "llm_triage_run" in next(row for row in refused if row["truth"] == "phish-0")["cluster_error"]
