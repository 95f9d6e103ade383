"""The `llm_triage_kv_pruning` modular input as splunkd runs it: the built script in a subprocess with the
input XML on standard input, the splunkd stand-in and its KV store (the app's own collections.conf and
default.meta) behind it. What must stay stays: verdicts within cache_ttl, triaged evidence within its
retention or named by a pending label; hostile keys remove only themselves; the count logged is what the
KV store lost."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from llm_triage.evidence.canonical import content_hash
from tests.llm_triage.inputs.modinput_driver import (
    InputRun,
    input_script,
    input_xml,
    run_script,
    search_head_cluster,
    validation_xml,
)
from tools.harness.app_endpoints import AppServices, serve_app
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunk_conf import is_true
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.standin_config import content_for_app

STANZA = "llm_triage_kv_pruning://housekeeping"
DAY = 86400.0
TTL = 86400  # the shipped cache_ttl
RETENTION_DAYS = 90  # the shipped triaged_retention_days
SECRET_EVIDENCE = "user=victim@example.com password=hunter2 cmd=evil.exe"


@pytest.fixture
def script(built_app: Path) -> Path:
    return input_script(built_app, "llm_triage_kv_pruning")


@pytest.fixture
def lab(app: SplunkApp) -> Iterator[tuple[SplunkdStandIn, AppServices]]:
    with SplunkdStandIn(content_for_app(app)) as running:
        yield running, serve_app(running, app)


def collection(services: AppServices, name: str) -> dict[str, dict[str, Any]]:
    return services.kvstore.collections.setdefault(name, {})


def bundle_hash(n: int) -> str:
    return content_hash(f"bundle {n}")


def verdict(services: AppServices, key: str, age: float, **more: Any) -> None:
    collection(services, "llm_triage_verdicts")[key] = {
        "_key": key, "bundle_hash": bundle_hash(0), "prompt_version": "triage/1#00000000", "provider": "lab",
        "model": "m", "fields": {"triage_rationale": SECRET_EVIDENCE}, "created": time.time() - age, **more,
    }  # fmt: skip


def triaged(services: AppServices, key: str, age: float) -> None:
    collection(services, "llm_triage_triaged")[key] = {
        "_key": key, "bundle": json.dumps({"raw": SECRET_EVIDENCE}), "triage_id": "a" * 24, "actor": "sam",
        "created": time.time() - age,
    }  # fmt: skip


def label(services: AppServices, key: str, bundle: Any, state: str) -> None:
    collection(services, "llm_triage_feedback")[key] = {
        "_key": key, "triage_id": "b" * 24, "disposition": "false_positive", "analyst": "rita", "source": "analyst",
        "created": time.time() - 100 * DAY, "bundle_hash": bundle, "bundle": SECRET_EVIDENCE, "review_state": state,
    }  # fmt: skip


def run(script: Path, standin: SplunkdStandIn, checkpoints: Path, **params: str) -> InputRun:
    stanza = {"index": "llm_triage_audit", "interval": "3600", **params}
    done = run_script(script, [], input_xml(standin.uri, standin.session_key, checkpoints, {STANZA: stanza}))
    assert done.returncode == 0, done.stderr
    return done


def logged(done: InputRun) -> dict[str, Any]:
    """The run's log line (splunkd.log: the script's standard error)."""
    line = next(line for line in done.stderr.splitlines() if "housekeeping" in line and "{" in line)
    return json.loads(line[line.index("{") : line.rindex("}") + 1])


def deletes(services: AppServices) -> int:
    return services.kvstore.calls.count(("DELETE", "collection"))


def test_scheme_and_validation(script: Path, tmp_path: Path) -> None:
    scheme = ET.fromstring(run_script(script, ["--scheme"]).stdout)
    assert scheme.findtext("title") == "llm_triage_kv_pruning"
    assert {"batch_size", "max_batches"} <= {a.get("name") for a in scheme.iter("arg")}
    good = validation_xml("http://127.0.0.1:1", "k", tmp_path, "h", {"batch_size": "200", "max_batches": "1"})
    assert run_script(script, ["--validate-arguments"], good).returncode == 0
    bad_values = [("batch_size", "0"), ("batch_size", "201"), ("batch_size", "5;"), ("max_batches", "1001"),
                  ("batch_size", "²"), ("max_batches", "１００"), ("batch_size", "-1")]  # fmt: skip
    for key, bad in bad_values:
        refused = run_script(
            script, ["--validate-arguments"], validation_xml("http://127.0.0.1:1", "k", tmp_path, "h", {key: bad})
        )
        assert refused.returncode != 0 and key in ET.fromstring(refused.stdout).findtext("message", "")


def test_only_what_is_no_longer_needed_is_removed_and_the_count_logged_is_what_went(
    script: Path, lab: tuple[SplunkdStandIn, AppServices], tmp_path: Path
) -> None:
    standin, services = lab
    verdict(services, "v-fresh", TTL - 600)
    verdict(services, "v-at-the-edge", TTL - 120)  # still usable when the run starts
    verdict(services, "v-old-1", TTL + 600)
    verdict(services, "v-old-2", 30 * DAY)
    verdict(services, "v-no-time", 30 * DAY, created="yesterday")  # not a time: never matched, never removed
    triaged(services, bundle_hash(1), 89 * DAY)  # within the retention
    triaged(services, bundle_hash(2), 91 * DAY)  # past it, nobody's
    triaged(services, bundle_hash(3), 91 * DAY)  # past it, a pending label names it
    triaged(services, bundle_hash(4), 91 * DAY)  # past it, its label approved (it keeps its own copy)
    triaged(services, bundle_hash(5), 91 * DAY)  # past it, its label rejected
    label(services, "l3", bundle_hash(3), "pending")
    label(services, "l4", bundle_hash(4), "approved")
    label(services, "l5", bundle_hash(5), "rejected")
    feedback_before = dict(collection(services, "llm_triage_feedback"))

    done = run(script, standin, tmp_path)

    assert sorted(collection(services, "llm_triage_verdicts")) == ["v-at-the-edge", "v-fresh", "v-no-time"]
    assert sorted(collection(services, "llm_triage_triaged")) == sorted([bundle_hash(1), bundle_hash(3)])
    assert collection(services, "llm_triage_feedback") == feedback_before  # labels are never touched
    report = logged(done)
    assert (report["verdicts_removed"], report["triaged_removed"], report["triaged_kept_pending"]) == (2, 3, 1)
    assert (report["cache_ttl"], report["triaged_retention_days"]) == (TTL, RETENTION_DAYS)
    assert report["verdicts_more"] is False and report["triaged_more"] is False
    (event,) = done.events
    assert event.sourcetype == "llm_triage:audit" and event.index == "llm_triage_audit"
    assert event.json()["triage_audit"] == "kv_pruned"
    assert (event.json()["verdicts_removed"], event.json()["triaged_removed"]) == (2, 3)
    # Counts and settings only: no key, no evidence, no session key in the log or the event.
    for text in (done.stderr, done.stdout):
        for secret in ("hunter2", "victim@example.com", "v-old-1", bundle_hash(2), standin.session_key):
            assert secret not in text

    again = run(script, standin, tmp_path)  # nothing more to do: the second run removes nothing
    assert (logged(again)["verdicts_removed"], logged(again)["triaged_removed"]) == (0, 0)


def test_settings_decide_the_cutoffs(script: Path, lab: tuple[SplunkdStandIn, AppServices], tmp_path: Path) -> None:
    standin, services = lab
    standin.content.set_stanza("llm_triage_settings", "triage", {"cache_ttl": "0"})
    standin.content.set_stanza("llm_triage_settings", "feedback", {"triaged_retention_days": "7"})
    verdict(services, "v-old", 365 * DAY)
    triaged(services, bundle_hash(1), 6 * DAY)
    triaged(services, bundle_hash(2), 8 * DAY)
    report = logged(run(script, standin, tmp_path))
    assert list(collection(services, "llm_triage_verdicts")) == ["v-old"]  # the cache is off: left alone
    assert "cache_ttl is 0" in report["verdicts_skipped"]
    assert list(collection(services, "llm_triage_triaged")) == [bundle_hash(1)]
    assert (report["triaged_removed"], report["triaged_retention_days"]) == (1, 7)


def test_settings_that_cannot_be_used_remove_nothing_and_end_no_process(
    script: Path, lab: tuple[SplunkdStandIn, AppServices], tmp_path: Path
) -> None:
    """cache_ttl has no upper bound: one of 400 digits is no float to subtract from the time (it ended the
    process with a traceback, the triaged evidence unpruned); now no verdict is that old. A retention that is
    no number ends the run, logged, before anything is deleted."""
    standin, services = lab
    standin.content.set_stanza("llm_triage_settings", "triage", {"cache_ttl": "9" * 400})
    verdict(services, "v-old", 365 * DAY)
    triaged(services, bundle_hash(1), 100 * DAY)
    report = logged(run(script, standin, tmp_path))
    assert "no verdict is that old" in report["verdicts_skipped"] and list(collection(services, "llm_triage_verdicts"))
    assert report["triaged_removed"] == 1
    triaged(services, bundle_hash(2), 100 * DAY)
    standin.content.set_stanza("llm_triage_settings", "feedback", {"triaged_retention_days": "ninety"})
    done = run(script, standin, tmp_path)
    assert "run ended" in done.stderr and "triaged_retention_days" in done.stderr and done.events == []
    assert list(collection(services, "llm_triage_triaged")) == [bundle_hash(2)]
    assert "Traceback" not in done.stderr


def test_hostile_keys_and_bundle_hashes_remove_only_themselves(
    script: Path, lab: tuple[SplunkdStandIn, AppServices], tmp_path: Path
) -> None:
    """Keys and bundle hashes shaped like query text or operators: a pruner that pasted them into its query
    would delete every fresh document; here each is one value, compared for equality."""
    standin, services = lab
    hostile = [
        '"}, {"_key": {"$gt": ""}}, {"x": "',
        '{"$gt": ""}',
        "$where",
        'a" || 1==1 || "',
        "x&query={}",
    ]
    for n, key in enumerate(hostile):
        verdict(services, key, 30 * DAY)
        triaged(services, key, 100 * DAY)
        verdict(services, f"fresh-{n}", 60)
        triaged(services, f"fresh-{n}", 60)
    # Old but named by a pending label: what an injected `{"$gt": ""}` on _key would take with it.
    triaged(services, bundle_hash(7), 100 * DAY)
    label(services, "l7", bundle_hash(7), "pending")
    # A pending label whose bundle_hash is an operator, or text shaped like one: it can only keep, never widen.
    label(services, "l-op", {"$ne": "nothing"}, "pending")
    label(services, "l-text", '{"$gt": ""}', "pending")
    report = logged(run(script, standin, tmp_path))
    fresh = [f"fresh-{n}" for n in range(len(hostile))]
    assert sorted(collection(services, "llm_triage_verdicts")) == fresh
    kept = sorted(fresh + ['{"$gt": ""}', bundle_hash(7)])  # their labels pend
    assert sorted(collection(services, "llm_triage_triaged")) == kept
    assert (report["verdicts_removed"], report["triaged_removed"], report["triaged_kept_pending"]) == (5, 4, 2)


def test_deletes_in_bounded_batches_and_a_backlog_takes_several_runs(
    script: Path, lab: tuple[SplunkdStandIn, AppServices], tmp_path: Path
) -> None:
    standin, services = lab
    for n in range(250):
        verdict(services, f"v{n:04d}", 2 * DAY)
    for n in range(150):  # old, but each named by a pending label: the batches must get past them
        triaged(services, bundle_hash(n), 100 * DAY)
        label(services, f"l{n}", bundle_hash(n), "pending")
    for n in range(150, 200):
        triaged(services, bundle_hash(n), 100 * DAY)
    before = deletes(services)
    first = logged(run(script, standin, tmp_path, batch_size="100", max_batches="2"))
    assert (first["verdicts_removed"], first["verdicts_batches"], first["verdicts_more"]) == (200, 2, True)
    assert len(collection(services, "llm_triage_verdicts")) == 50
    assert (first["triaged_removed"], first["triaged_kept_pending"], first["triaged_more"]) == (50, 150, False)
    assert len(collection(services, "llm_triage_triaged")) == 150
    # One delete per batch (100 keys this short fit in one URL): two of verdicts; two of triaged evidence (its
    # 200 old records, in key order, mix protected and unprotected ones, so about 25 of 100 a batch go), and the
    # second batch read past the first's 75 or so protected ones.
    assert deletes(services) - before == 2 + 2
    assert first["triaged_batches"] == 2
    second = logged(run(script, standin, tmp_path, batch_size="100", max_batches="2"))
    assert (second["verdicts_removed"], second["verdicts_more"], second["triaged_removed"]) == (50, False, 0)
    assert collection(services, "llm_triage_verdicts") == {}


def test_a_kv_store_that_refuses_is_logged_with_what_was_removed_before(
    script: Path, lab: tuple[SplunkdStandIn, AppServices], tmp_path: Path
) -> None:
    standin, services = lab
    verdict(services, "v-old", 2 * DAY)
    triaged(services, bundle_hash(1), 100 * DAY)
    services.kvstore.can_write = lambda user: False
    done = run(script, standin, tmp_path)
    report = logged(done)
    assert "no write access to the KV store collection llm_triage_verdicts" in report["verdicts_error"]
    assert "llm_triage_triaged" in report["triaged_error"]
    assert (report["verdicts_removed"], report["triaged_removed"]) == (0, 0)
    assert "WARN" in done.stderr
    assert (
        len(collection(services, "llm_triage_verdicts")) == 1 and len(collection(services, "llm_triage_triaged")) == 1
    )


def test_runs_once_per_search_head_cluster(
    script: Path, lab: tuple[SplunkdStandIn, AppServices], tmp_path: Path
) -> None:
    standin, services = lab
    verdict(services, "v-old", 2 * DAY)
    member = search_head_cluster(standin, captain="sh02")
    member["server"] = "sh01"
    done = run(script, standin, tmp_path)
    assert done.events == [] and "not run on sh01" in done.stderr
    assert "v-old" in collection(services, "llm_triage_verdicts")
    member["server"] = "sh02"
    done = run(script, standin, tmp_path)
    assert done.events[0].json()["cluster_role"] == "captain" and collection(services, "llm_triage_verdicts") == {}


def test_the_app_ships_one_pruning_stanza_enabled_and_it_runs_as_shipped(
    script: Path, app: SplunkApp, lab: tuple[SplunkdStandIn, AppServices], tmp_path: Path
) -> None:
    """Housekeeping nobody has to remember: the built inputs.conf enables `housekeeping`, and nothing else
    (the canary costs model calls, SOAR and ES need a server or ES)."""
    inputs = app.conf("inputs")
    enabled = [name for name, keys in inputs.items() if "://" in name and not is_true(keys.get("disabled", "0"))]
    assert enabled == ["llm_triage_kv_pruning://housekeeping"]
    shipped = {**inputs["llm_triage_kv_pruning"], **inputs["llm_triage_kv_pruning://housekeeping"]}
    standin, services = lab
    verdict(services, "v-old", 2 * DAY)
    done = run_script(
        script,
        [],
        input_xml(standin.uri, standin.session_key, tmp_path, {"llm_triage_kv_pruning://housekeeping": shipped}),
    )
    assert done.returncode == 0 and collection(services, "llm_triage_verdicts") == {}
    assert done.events[0].index == "llm_triage_audit" and done.events[0].json()["verdicts_removed"] == 1
