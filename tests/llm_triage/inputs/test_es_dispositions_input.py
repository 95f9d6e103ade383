"""The `llm_triage_es_dispositions` modular input as splunkd runs it: the built script in a subprocess with
the input XML on standard input, the splunkd stand-in (KV store, the app's endpoints) and Enterprise
Security's Incident Review collection (tools/harness/es_standin.py) behind it."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness.in_process_rest import rest_for
from tests.llm_triage.inputs.modinput_driver import (
    InputRun,
    input_script,
    input_xml,
    run_script,
    search_head_cluster,
    validation_xml,
)
from tools.harness.app_endpoints import AppServices, serve_app
from tools.harness.es_standin import EnterpriseSecurity
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.standin_config import content_for_app

STANZA = "llm_triage_es_dispositions://soc"
NOW = time.time()


def notable(n: int) -> str:
    return f"5A5E8B0B-0000-4A44-9F4C-{n:012d}@@notable@@{n:032x}"


@pytest.fixture
def script(built_app: Path) -> Path:
    return input_script(built_app, "llm_triage_es_dispositions")


@pytest.fixture
def es_lab(app: SplunkApp) -> Iterator[tuple[SplunkdStandIn, AppServices, EnterpriseSecurity]]:
    with SplunkdStandIn(content_for_app(app)) as running:
        es = EnterpriseSecurity()
        running.add_service(es, first=True)
        yield running, serve_app(running, app), es


def judged_notables(services: AppServices, *numbers: int) -> None:
    """The alert action wrote verdicts back to these notables (its links, as it keeps them)."""
    links = services.kvstore.collections.setdefault("llm_triage_notables", {})
    for n in numbers:
        links[f"link{n}"] = {"_key": f"link{n}", "event_id": notable(n), "triage_id": f"tid-{n}"}


def run(script: Path, standin: SplunkdStandIn, checkpoints: Path, **params: str) -> InputRun:
    stanza = {"index": "llm_triage", "interval": "300", **params}
    done = run_script(script, [], input_xml(standin.uri, standin.session_key, checkpoints, {STANZA: stanza}))
    assert done.returncode == 0, done.stderr
    return done


def labels(services: AppServices) -> list[dict[str, Any]]:
    return sorted(services.kvstore.collections.get("llm_triage_feedback", {}).values(), key=lambda d: d["created"])


def test_scheme_and_validation(script: Path, tmp_path: Path) -> None:
    scheme = ET.fromstring(run_script(script, ["--scheme"]).stdout)
    assert scheme.findtext("title") == "llm_triage_es_dispositions"
    assert {"disposition_map", "start_days", "page_size"} <= {a.get("name") for a in scheme.iter("arg")}
    good = validation_xml(
        "http://127.0.0.1:1", "k", tmp_path, "soc", {"disposition_map": "disposition:5=false_positive"}
    )
    assert run_script(script, ["--validate-arguments"], good).returncode == 0
    for bad in ("disposition:1=maybe", "true positive=true_positive", "disposition:1=true_positive&x"):
        refused = run_script(
            script,
            ["--validate-arguments"],
            validation_xml("http://127.0.0.1:1", "k", tmp_path, "soc", {"disposition_map": bad}),
        )
        assert refused.returncode != 0 and "disposition_map" in ET.fromstring(refused.stdout).findtext("message", "")


def test_dispositions_become_pending_labels_by_the_analyst_who_set_them(
    script: Path, es_lab: tuple[SplunkdStandIn, AppServices, EnterpriseSecurity], tmp_path: Path
) -> None:
    standin, services, es = es_lab
    judged_notables(services, 1, 2, 3, 4)
    es.review(notable(1), "disposition:1", "rita", NOW - 500, comment="confirmed with the user")
    es.review(notable(2), "disposition:2", "sam", NOW - 400)
    es.review(notable(3), "disposition:3", "rita", NOW - 300)
    es.review(notable(4), "disposition:6", "sam", NOW - 200)  # undetermined: no label
    es.review(notable(4), "", "sam", NOW - 150, status="2")  # a status change only
    es.review(notable(9), "disposition:1", "sam", NOW - 100)  # a notable the app never judged
    done = run(script, standin, tmp_path)
    found = [(d["triage_id"], d["disposition"], d["analyst"], d["source"], d["review_state"]) for d in labels(services)]
    assert found == [
        ("tid-1", "true_positive", "rita", "es", "pending"),
        ("tid-2", "benign_true_positive", "sam", "es", "pending"),
        ("tid-3", "false_positive", "rita", "es", "pending"),
    ]
    first = labels(services)[0]
    assert first["provenance"] == notable(1) and "confirmed with the user" in first["note"]
    assert [e.json()["triage_audit"] for e in done.events] == ["feedback_filed"] * 3
    assert done.events[0].json()["actor"] == "rita" and done.events[0].sourcetype == "llm_triage:audit"
    report = json.loads(done.stderr[done.stderr.index("{") : done.stderr.rindex("}") + 1])
    assert (report["filed"], report["unmapped"], report["unlinked"], report["no_disposition"]) == (3, 1, 1, 1)
    # the reviewer gate: rita cannot approve her own label
    reviewer = standin.add_user("rita", {"llm_triage_run", "llm_triage_review"})
    status, body = rest_for(standin, reviewer).post_json(
        "llm_triage/review", {"decisions": [{"key": first["_key"], "action": "approve"}]}
    )
    assert status == 200 and json.loads(body)["results"][0]["reason"] == "nobody may review their own label"


def test_nobody_labels_twice_and_a_restart_neither_repeats_nor_loses_a_disposition(
    script: Path, es_lab: tuple[SplunkdStandIn, AppServices, EnterpriseSecurity], tmp_path: Path
) -> None:
    standin, services, es = es_lab
    judged_notables(services, 1, 2)
    es.review(notable(1), "disposition:3", "rita", NOW - 90)
    es.review(notable(1), "disposition:4", "rita", NOW - 80)  # the same judgement, said again: one label
    assert len(run(script, standin, tmp_path).events) == 1
    (label,) = labels(services)
    label["review_state"] = "approved"  # a reviewer approved it
    assert run(script, standin, tmp_path).events == []  # nothing new: nothing filed, the review stands
    assert labels(services)[0]["review_state"] == "approved"
    checkpoint = tmp_path / "other-checkpoints"
    checkpoint.mkdir()
    again = run(script, standin, checkpoint)  # a lost checkpoint: the same label is not filed again
    assert again.events == [] and labels(services)[0]["review_state"] == "approved"
    es.review(notable(1), "disposition:1", "rita", NOW - 10)  # rita changes her mind
    es.review(notable(2), "disposition:1", "sam", NOW - 10)
    assert sorted(e.json()["actor"] for e in run(script, standin, tmp_path).events) == ["rita", "sam"]
    by_triage = {(d["triage_id"], d["analyst"]): d for d in labels(services)}
    assert len(by_triage) == 2 and by_triage[("tid-1", "rita")]["disposition"] == "true_positive"
    assert by_triage[("tid-1", "rita")]["review_state"] == "pending"  # replaced, to be reviewed again


def test_an_analysts_own_llmfeedback_label_is_not_filed_twice(
    script: Path, es_lab: tuple[SplunkdStandIn, AppServices, EnterpriseSecurity], tmp_path: Path
) -> None:
    standin, services, es = es_lab
    judged_notables(services, 1)
    services.kvstore.collections.setdefault("llm_triage_feedback", {})["given"] = {
        "_key": "given", "triage_id": "tid-1", "disposition": "false_positive", "analyst": "rita",
        "created": NOW - 1000, "source": "analyst", "provenance": "search:1", "review_state": "pending",
    }  # fmt: skip
    es.review(notable(1), "disposition:3", "rita", NOW - 50)
    done = run(script, standin, tmp_path)
    assert done.events == [] and '"already_filed":1' in done.stderr
    assert len(labels(services)) == 1


def test_pages_of_changes_made_at_one_instant_are_each_filed_once(
    script: Path, es_lab: tuple[SplunkdStandIn, AppServices, EnterpriseSecurity], tmp_path: Path
) -> None:
    standin, services, es = es_lab
    judged_notables(services, *range(1, 8))
    for n in range(1, 8):
        es.review(notable(n), "disposition:1", f"analyst{n}", NOW - 60)  # one bulk edit in Incident Review
    done = run(script, standin, tmp_path, page_size="3")
    assert sorted(e.json()["triage_id"] for e in done.events) == [f"tid-{n}" for n in range(1, 8)]
    assert run(script, standin, tmp_path, page_size="3").events == []


def test_in_a_search_head_cluster_only_the_captain_files_dispositions_and_its_events_say_so(
    script: Path, es_lab: tuple[SplunkdStandIn, AppServices, EnterpriseSecurity], tmp_path: Path
) -> None:
    standin, services, es = es_lab
    judged_notables(services, 1)
    es.review(notable(1), "disposition:1", "rita", NOW - 500)
    this = search_head_cluster(standin, captain="sh2")
    this["server"] = "sh1"
    on_member = run(script, standin, tmp_path / "sh1")
    assert on_member.events == [] and labels(services) == []
    assert "not run on sh1: runs once per cluster, on the captain sh2" in on_member.stderr
    this["server"] = "sh2"
    [event] = [streamed.json() for streamed in run(script, standin, tmp_path / "sh2").events]
    assert (event["triage_audit"], event["triage_id"]) == ("feedback_filed", "tid-1")
    assert (event["cluster_role"], event["cluster_captain"], event["once_per_cluster"]) == ("captain", "sh2", True)
    assert len(labels(services)) == 1
