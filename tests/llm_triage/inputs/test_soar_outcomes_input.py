"""The `llm_triage_soar_outcomes` modular input as splunkd runs it: the built bin/llm_triage_soar_outcomes.py
in a subprocess with the input XML on standard input, the splunkd stand-in (conf, secret storage, the KV
store) behind it and the SOAR loopback server (tests/servers/soar.py) as the SOAR server the setup page
configured. Cases are opened and closed through SOAR's own REST API, as analysts and the alert action do."""

from __future__ import annotations

import datetime
import json
import urllib.request
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
from tests.servers.serving import JsonHandler
from tests.servers.soar import SoarServer, failure, soar_time
from tools.harness.app_endpoints import AppServices, serve_app
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import Reply, Request, SplunkdStandIn
from tools.harness.standin_config import content_for_app
from tools.harness.ucc_credentials import store_credential

TOKEN = "soar-SENTINEL-token-8c41f0e2aa"
STANZA = "llm_triage_soar_outcomes://soc"
NOW = datetime.datetime.now(datetime.timezone.utc)


class FlakySoar(SoarServer):
    """The loopback SOAR, whose container listings fail with 503 after the first `good` of them."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.good: int | None = None
        self.listings = 0

    def _handle(self, handler: JsonHandler, method: str) -> None:
        if method == "GET" and handler.path.startswith("/rest/container?"):
            self.listings += 1
            if self.good is not None and self.listings > self.good:
                handler.read_body()
                handler.send_json(503, failure("Service Unavailable"))
                return
        super()._handle(handler, method)


class KvStoreSwitch:
    """A stand-in service in front of the KV store: while `down`, its writes answer 503 as splunkd's do."""

    def __init__(self) -> None:
        self.down = False

    def __call__(self, request: Request) -> Reply | None:
        if self.down and request.method == "POST" and request.segments[:3] == ["storage", "collections", "data"]:
            return Reply(503, {"messages": [{"type": "ERROR", "text": "KV Store is initializing."}]})
        return None


@pytest.fixture
def kvstore_switch() -> KvStoreSwitch:
    return KvStoreSwitch()


@pytest.fixture
def script(built_app: Path) -> Path:
    return input_script(built_app, "llm_triage_soar_outcomes")


@pytest.fixture
def soar() -> Iterator[FlakySoar]:
    with FlakySoar(TOKEN) as server:
        yield server


@pytest.fixture
def splunkd(
    app: SplunkApp, soar: FlakySoar, kvstore_switch: KvStoreSwitch
) -> Iterator[tuple[SplunkdStandIn, AppServices]]:
    content = content_for_app(app)
    content.set_stanza("llm_triage_soar_servers", "soc", {"url": soar.base_url, "verify_tls": "1"})
    store_credential(content, "llm_triage_soar_servers", "soc", {"token": TOKEN})
    with SplunkdStandIn(content) as running:
        running.add_service(kvstore_switch)  # before the KV store it stands in front of
        yield running, serve_app(running, app)


def soar_call(soar: SoarServer, path: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        soar.base_url + path,
        data=json.dumps(body).encode(),
        headers={"ph-auth-token": TOKEN, "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def open_case(soar: SoarServer, name: str, triage_id: str = "", in_artifact: bool = False) -> int:
    body: dict[str, Any] = {"name": name, "label": "events", "source_data_identifier": f"sdi-{name}"}
    if triage_id and not in_artifact:
        body["custom_fields"] = {"triage_id": triage_id}
    if triage_id and in_artifact:
        body["artifacts"] = [{"name": "triage", "cef": {"triage_id": triage_id, "src": "203.0.113.9"}}]
    return int(soar_call(soar, "/rest/container", body)["id"])


def close_case(soar: SoarServer, container: int, minutes_ago: float, **fields: Any) -> None:
    closed = soar_time(NOW - datetime.timedelta(minutes=minutes_ago))
    soar_call(soar, f"/rest/container/{container}", {"status": "closed", "close_time": closed, **fields})


def closed_cases(soar: SoarServer, name: str, minutes_ago: list[float], **fields: Any) -> list[int]:
    """Cases `<name>-0`, `<name>-1`, ... linked to triage results `tid-<name>-N`, all opened, then each closed
    as long ago as `minutes_ago` says, with `fields`."""
    cases = [open_case(soar, f"{name}-{n}", f"tid-{name}-{n}") for n in range(len(minutes_ago))]
    for minutes, case in zip(minutes_ago, cases):
        close_case(soar, case, minutes, **fields)
    return cases


def run(script: Path, standin: SplunkdStandIn, checkpoints: Path, **params: str) -> InputRun:
    stanza = {"index": "llm_triage", "interval": "300", "soar_server": "soc", **params}
    done = run_script(script, [], input_xml(standin.uri, standin.session_key, checkpoints, {STANZA: stanza}))
    assert done.returncode == 0, done.stderr
    assert TOKEN not in done.stdout + done.stderr and TOKEN[-8:] not in done.stdout + done.stderr
    return done


def feedback(services: AppServices) -> dict[str, dict[str, Any]]:
    return dict(services.kvstore.collections.get("llm_triage_feedback", {}))


def filed(done: InputRun) -> list[str]:
    return [event.json()["provenance"] for event in done.events]


def test_scheme_and_validation(script: Path, tmp_path: Path) -> None:
    scheme = ET.fromstring(run_script(script, ["--scheme"]).stdout)
    assert scheme.findtext("title") == "llm_triage_soar_outcomes"
    assert {"soar_server", "disposition_map", "start_days", "page_size"} <= {a.get("name") for a in scheme.iter("arg")}
    good = validation_xml("http://127.0.0.1:1", "k", tmp_path, "soc", {"soar_server": "soc"})
    assert run_script(script, ["--validate-arguments"], good).returncode == 0
    bad = validation_xml(
        "http://127.0.0.1:1", "k", tmp_path, "soc", {"soar_server": "soc", "disposition_map": "x=maybe"}
    )
    refused = run_script(script, ["--validate-arguments"], bad)
    assert refused.returncode != 0 and "disposition_map" in ET.fromstring(refused.stdout).findtext("message", "")


def test_closed_cases_become_pending_dispositions_linked_to_their_triage_result(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], soar: FlakySoar, tmp_path: Path
) -> None:
    standin, services = splunkd
    confirmed = open_case(soar, "confirmed", "tid-confirmed")
    benign = open_case(soar, "benign", "tid-benign", in_artifact=True)
    unlinked = open_case(soar, "unlinked")
    still_open = open_case(soar, "still-open", "tid-open")
    duplicate = open_case(soar, "duplicate", "tid-duplicate")
    close_case(soar, confirmed, 50, resolution="True Positive", tags=["phishing"])
    close_case(soar, benign, 40, tags=["benign"])
    close_case(soar, unlinked, 30, resolution="false positive")
    close_case(soar, duplicate, 20, resolution="duplicate")
    done = run(script, standin, tmp_path)
    documents = {doc["provenance"]: doc for doc in feedback(services).values()}
    assert sorted(documents) == sorted([str(confirmed), str(benign)])
    assert str(still_open) not in documents and str(unlinked) not in documents
    first = documents[str(confirmed)]
    assert (first["triage_id"], first["disposition"], first["source"], first["review_state"]) == (
        "tid-confirmed",
        "true_positive",
        "soar",
        "pending",
    )
    assert first["analyst"] == "soar:soc" and "True Positive" in first["note"]
    assert documents[str(benign)]["triage_id"] == "tid-benign"  # from the artifact's cef
    assert documents[str(benign)]["disposition"] == "benign_true_positive"
    assert sorted(filed(done)) == sorted([str(confirmed), str(benign)])
    event = done.events[0]
    assert (event.sourcetype, event.index) == ("llm_triage:audit", "llm_triage")
    assert event.json()["triage_audit"] == "feedback_filed" and event.json()["actor"] == "soar:soc"
    assert '"filed":2' in done.stderr and '"unlinked":1' in done.stderr and '"unmapped":1' in done.stderr
    assert all(r.headers.get("ph-auth-token") == TOKEN for r in soar.received if r.method == "GET")


def test_a_case_is_labelled_by_the_soar_user_who_closed_it_who_then_cannot_approve_it(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], soar: FlakySoar, tmp_path: Path
) -> None:
    standin, services = splunkd
    soar.users[7] = "rita"
    case = open_case(soar, "closed-by-rita", "a" * 24)
    close_case(soar, case, 10, resolution="false positive", closing_owner=7)
    run(script, standin, tmp_path)
    (document,) = feedback(services).values()
    assert document["analyst"] == "rita"
    rita = standin.add_user("rita", {"llm_triage_run", "llm_triage_review"})
    status, body = rest_for(standin, rita).post_json(
        "llm_triage/review", {"decisions": [{"key": document["_key"], "action": "approve"}]}
    )
    assert status == 200 and json.loads(body)["results"][0]["reason"] == "nobody may review their own label"


def test_a_restart_neither_repeats_nor_loses_cases(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], soar: FlakySoar, tmp_path: Path
) -> None:
    standin, services = splunkd
    first = open_case(soar, "first", "tid-1")
    close_case(soar, first, 10, resolution="false positive")
    assert filed(run(script, standin, tmp_path)) == [str(first)]
    saves = services.kvstore.calls.count(("POST", "batch_save"))
    again = run(script, standin, tmp_path)
    assert again.events == [] and services.kvstore.calls.count(("POST", "batch_save")) == saves
    later = open_case(soar, "later", "tid-2")
    close_case(soar, later, 1, resolution="true positive")
    assert filed(run(script, standin, tmp_path)) == [str(later)]
    assert len(feedback(services)) == 2


def test_pages_of_cases_closed_at_one_instant_are_each_filed_once(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], soar: FlakySoar, tmp_path: Path
) -> None:
    standin, services = splunkd
    cases = closed_cases(soar, "bulk", [15] * 5, tags=["false_positive"])  # a bulk close: one close_time for all
    last = open_case(soar, "after", "tid-after")
    close_case(soar, last, 5, tags=["true_positive"])
    done = run(script, standin, tmp_path, page_size="2")
    assert sorted(filed(done)) == sorted(str(case) for case in [*cases, last])
    assert run(script, standin, tmp_path, page_size="2").events == []
    assert len(feedback(services)) == 6


def test_soar_failing_mid_run_ends_it_cleanly_and_the_next_run_resumes(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], soar: FlakySoar, tmp_path: Path
) -> None:
    standin, services = splunkd
    cases = closed_cases(soar, "case", [50, 40, 30, 20, 10], resolution="true positive")
    soar.good = 1  # the first page answers, then every listing fails (each retried)
    broken = run(script, standin, tmp_path, page_size="2")
    assert filed(broken) == [str(cases[0]), str(cases[1])]
    assert "run ended; the next run resumes from the checkpoint" in broken.stderr and "HTTP 503" in broken.stderr
    assert soar.listings == 4  # one good page, then three attempts
    soar.good = None
    resumed = run(script, standin, tmp_path, page_size="2")
    assert filed(resumed) == [str(case) for case in cases[2:]]
    assert len(feedback(services)) == 5


def test_soar_down_files_nothing_and_loses_nothing(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], soar: FlakySoar, tmp_path: Path
) -> None:
    standin, services = splunkd
    case = open_case(soar, "while-down", "tid-down")
    close_case(soar, case, 3, resolution="benign")
    soar.down()
    assert run(script, standin, tmp_path).events == [] and feedback(services) == {}
    soar.up()
    assert filed(run(script, standin, tmp_path)) == [str(case)]


def test_an_unknown_server_is_reported_not_raised(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], tmp_path: Path
) -> None:
    standin, _ = splunkd
    done = run(script, standin, tmp_path, soar_server="nowhere")
    assert done.events == [] and "SOAR server 'nowhere' is not configured" in done.stderr


def test_a_lost_checkpoint_keeps_the_reviewers_decision(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], soar: FlakySoar, tmp_path: Path
) -> None:
    standin, services = splunkd
    case = open_case(soar, "reviewed", "tid-reviewed")
    close_case(soar, case, 8, resolution="true positive")
    assert filed(run(script, standin, tmp_path / "first")) == [str(case)]
    (document,) = services.kvstore.collections["llm_triage_feedback"].values()
    document.update(review_state="approved", reviewer="rev1")
    again = run(script, standin, tmp_path / "lost")  # a fresh checkpoint directory: everything is read again
    assert again.events == [] and '"already_filed":1' in again.stderr
    assert feedback(services)[document["_key"]]["review_state"] == "approved"
    close_case(soar, case, 1, resolution="false positive")  # closed again, differently: a new label
    relabelled = run(script, standin, tmp_path / "lost")
    assert filed(relabelled) == [str(case)]
    stored = feedback(services)[document["_key"]]
    assert (stored["disposition"], stored["review_state"]) == ("false_positive", "pending")


def test_the_kv_store_failing_files_nothing_and_the_next_run_files_it_all(
    script: Path,
    splunkd: tuple[SplunkdStandIn, AppServices],
    soar: FlakySoar,
    kvstore_switch: KvStoreSwitch,
    tmp_path: Path,
) -> None:
    standin, services = splunkd
    cases = closed_cases(soar, "kv", [30, 20, 10], tags=["false_positive"])
    kvstore_switch.down = True
    broken = run(script, standin, tmp_path)
    assert broken.events == [] and "the KV store answered 503" in broken.stderr
    kvstore_switch.down = False
    assert sorted(filed(run(script, standin, tmp_path))) == sorted(str(case) for case in cases)
    assert len(feedback(services)) == 3


def test_custom_resolved_statuses_close_cases_and_may_decide_the_disposition(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], soar: FlakySoar, tmp_path: Path
) -> None:
    standin, services = splunkd
    case = open_case(soar, "custom-status", "tid-custom")
    close_case(soar, case, 4)
    soar.containers[case]["status"] = "resolved-fp"  # a Resolved-type status an admin added
    assert run(script, standin, tmp_path / "a").events == []  # not a closed status for this input
    mapping = "status:resolved-fp=false_positive, true positive=true_positive"
    done = run(script, standin, tmp_path / "b", closed_statuses="closed,resolved-fp", disposition_map=mapping)
    assert filed(done) == [str(case)]
    assert [d["disposition"] for d in feedback(services).values()] == ["false_positive"]


def test_in_a_search_head_cluster_only_the_captain_files_and_its_events_say_so(
    script: Path, splunkd: tuple[SplunkdStandIn, AppServices], soar: FlakySoar, tmp_path: Path
) -> None:
    standin, services = splunkd
    close_case(soar, open_case(soar, "confirmed", "tid-confirmed"), 5, resolution="True Positive")
    this = search_head_cluster(standin, captain="sh2")
    this["server"] = "sh3"
    on_member = run(script, standin, tmp_path / "sh3")
    assert on_member.events == [] and feedback(services) == {}
    assert [request for request in soar.received if request.method == "GET"] == []  # SOAR never asked
    assert "not run on sh3: runs once per cluster, on the captain sh2" in on_member.stderr
    this["server"] = "sh2"
    on_captain = run(script, standin, tmp_path / "sh2")
    [event] = [streamed.json() for streamed in on_captain.events]
    assert (event["triage_audit"], event["triage_id"]) == ("feedback_filed", "tid-confirmed")
    assert (event["cluster_role"], event["cluster_captain"], event["once_per_cluster"]) == ("captain", "sh2", True)
    assert len(feedback(services)) == 1
