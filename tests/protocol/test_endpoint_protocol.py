"""Keys analysts never see, end to end: the built command over the chunked protocol, run as an analyst
whose roles grant only the app's llm_triage_run, posts bundles to the app's own REST endpoint, which
the splunkd stand-in serves in-process with its system token; an OpenAI-compatible server on 127.0.0.1
checks the key. Runs under the interpreter that runs pytest (3.9 and 3.13), the handler included."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness.collector import Collector
from tests.harness.lab_provider import lab_content
from tests.protocol.llmtriage_searches import okta_alerts, search
from tests.protocol.llmtriage_searches import search_as as analyst_search
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.app_endpoints import AppServices, role_capabilities, serve_app
from tools.harness.inputs import read_rows
from tools.harness.redaction import Redactor
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import Request, SplunkdStandIn

SENTINEL_KEY = "sk-SENTINEL-9d2f61c0a7b34e58"
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "alerts.jsonl"
FORBIDDEN = (
    "not permitted to run llmtriage: the app's endpoint needs the llm_triage_run capability "
    "(role llm_triage_analyst); ask a Splunk admin"
)


@pytest.fixture
def api_key() -> str:
    return SENTINEL_KEY


class Recorder:
    """A stand-in service that notes who asked for what, and passes every request on."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []

    def __call__(self, request: Request) -> None:
        self.calls.append((request.user.name, request.method, "/".join(request.segments)))

    def paths_of(self, user: str) -> list[str]:
        return [path for name, _method, path in self.calls if name == user]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def served(
    app: SplunkApp, model: OpenAICompatServer, recorder: Recorder
) -> Iterator[tuple[SplunkdStandIn, AppServices]]:
    with SplunkdStandIn(lab_content(app, model.base_url, SENTINEL_KEY)) as running:
        running.add_service(recorder, any_output_mode=True)  # before the services that answer
        yield running, serve_app(running, app)


@pytest.fixture
def standin(served: tuple[SplunkdStandIn, AppServices]) -> SplunkdStandIn:
    return served[0]


def search_as(
    app: SplunkApp, standin: SplunkdStandIn, user: str, capabilities: set[str], count: int = 7
) -> tuple[list[dict[str, Any]], Collector, Redactor]:
    return analyst_search(app, standin, user, capabilities, okta_alerts(count), [SENTINEL_KEY])


def assert_no_key_anywhere(out: list[dict[str, Any]], capture: Collector, redactor: Redactor) -> None:
    assert redactor.leaks == []
    text = json.dumps(out) + capture.text()
    assert SENTINEL_KEY not in text and SENTINEL_KEY[-6:] not in text


def test_the_shipped_analyst_role_grants_run_and_not_secret_storage(app: SplunkApp) -> None:
    assert role_capabilities(app, "llm_triage_analyst") == {"llm_triage_run"}
    assert role_capabilities(app, "llm_triage_admin") == {"llm_triage_run", "llm_triage_review", "llm_triage_admin"}
    roles = [name[len("role_") :] for name in app.conf("authorize") if name.startswith("role_")]
    assert all("list_storage_passwords" not in role_capabilities(app, role) for role in roles)


def test_an_analyst_triages_through_the_endpoint_and_never_reads_a_secret(
    app: SplunkApp, standin: SplunkdStandIn, model: OpenAICompatServer, recorder: Recorder
) -> None:
    out, capture, redactor = search_as(app, standin, "ana", role_capabilities(app, "llm_triage_analyst"))
    assert [row["serial"] for row in out] == [str(i) for i in range(7)]
    assert {row["triage_status"] for row in out} == {"ok"}, out[0]["triage_error"]
    assert all(row["triage_verdict"] and row["triage_provider"] == "lab" for row in out)
    assert out[3]["actor.alternateId"] == "ana3@example.com"
    assert len(model.chat_requests) == 7
    assert {request.header("Authorization") for request in model.chat_requests} == {f"Bearer {SENTINEL_KEY}"}
    # The analyst's session posted bundles and read settings; only splunkd's system user read secrets.
    ana = recorder.paths_of("ana")
    assert "llm_triage/judge" in ana and not any(path.startswith("storage/passwords") for path in ana)
    assert any(path.startswith("storage/passwords") for path in recorder.paths_of("splunk-system-user"))
    assert any(text.startswith("llmtriage: 7 rows (ok 7); 7 model answers") for _, _, text in capture.messages)
    assert_no_key_anywhere(out, capture, redactor)


def test_without_the_run_capability_every_row_comes_back_with_the_reason(
    app: SplunkApp, standin: SplunkdStandIn, model: OpenAICompatServer, recorder: Recorder
) -> None:
    out, capture, redactor = search_as(app, standin, "vic", {"search"}, count=5)
    assert [row["serial"] for row in out] == [str(i) for i in range(5)]
    assert [(row["triage_status"], row["triage_error"]) for row in out] == [("error", FORBIDDEN)] * 5
    assert out[4]["actor.alternateId"] == "ana4@example.com" and out[0]["triage_bundle_hash"]
    assert model.chat_requests == []
    assert recorder.paths_of("splunk-system-user") == []  # refused before the handler ran
    assert_no_key_anywhere(out, capture, redactor)


def get_as(standin: SplunkdStandIn, session_key: str, path: str) -> tuple[int, str]:
    """A GET of `path` (under the app's namespace, JSON output) with `session_key`: status and body."""
    separator = "&" if "?" in path else "?"
    request = urllib.request.Request(f"{standin.uri}/servicesNS/nobody/llm_triage/{path}{separator}output_mode=json")
    request.add_header("Authorization", f"Splunk {session_key}")
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()


def test_an_analyst_cannot_read_the_key_directly(app: SplunkApp, standin: SplunkdStandIn) -> None:
    key = standin.add_user("ana", role_capabilities(app, "llm_triage_analyst"))
    realm = "__REST_CREDENTIAL__#llm_triage#configs/conf-llm_triage_providers"
    query = urllib.parse.urlencode({"count": "0", "search": f"realm={realm}"})
    status, body = get_as(standin, key, f"storage/passwords?{query}")
    assert status == 403
    assert SENTINEL_KEY not in body


def test_a_rejected_key_is_an_error_that_never_shows_the_key(
    app: SplunkApp, standin: SplunkdStandIn, model: OpenAICompatServer
) -> None:
    model.behave("http_error", status=401)
    out, capture, redactor = search_as(app, standin, "ana", {"llm_triage_run"}, count=3)
    assert [(row["triage_status"], row["triage_error"]) for row in out] == [
        ("error", "provider rejected the credentials (HTTP 401)")
    ] * 3
    assert_no_key_anywhere(out, capture, redactor)


def test_a_provider_the_endpoint_cannot_reach_is_unavailable_on_every_row(
    app: SplunkApp, standin: SplunkdStandIn, model: OpenAICompatServer
) -> None:
    model.stop()
    out, capture, redactor = search_as(app, standin, "ana", {"llm_triage_run"}, count=6)
    assert [row["triage_status"] for row in out] == ["unavailable"] * 6
    assert all("connection refused by 127.0.0.1" in row["triage_error"] for row in out)
    assert_no_key_anywhere(out, capture, redactor)


def test_the_endpoint_answers_cache_hits_that_the_analyst_cannot_read_and_audits_them(
    app: SplunkApp,
    served: tuple[SplunkdStandIn, AppServices],
    model: OpenAICompatServer,
    recorder: Recorder,
) -> None:
    standin, services = served
    first, _, _ = search_as(app, standin, "ana", {"llm_triage_run"}, count=4)
    again, capture, redactor = search_as(app, standin, "ana", {"llm_triage_run"}, count=4)
    assert [row["triage_cached"] for row in first] == ["false"] * 4
    assert [row["triage_cached"] for row in again] == ["true"] * 4
    assert [row["triage_verdict"] for row in again] == [row["triage_verdict"] for row in first]
    assert len(model.chat_requests) == 4  # the second search asked the model nothing
    # Only the endpoint (system token) reads and writes the shared cache; the analyst's search never does.
    cache_users = {name for name, _method, path in recorder.calls if "llm_triage_verdicts" in path}
    assert cache_users == {"splunk-system-user"}
    status, body = get_as(
        standin, standin.add_user("ana", {"llm_triage_run"}), "storage/collections/data/llm_triage_verdicts"
    )
    assert status == 403 and "rationale" not in body
    # Every verdict is audited, the four taken from the cache included (nothing was sent for them).
    audited = services.indexes.events("llm_triage_audit", "llm_triage:audit")
    assert sorted(event["cached"] for event in audited) == [False] * 4 + [True] * 4
    assert all(event["sent"] is None for event in audited if event["cached"])
    assert {event["triage_id"] for event in audited if event["cached"]} == {row["triage_id"] for row in again}
    assert_no_key_anywhere(again, capture, redactor)


def bucket_values(row: dict[str, Any]) -> list[str]:
    """Every bucket a row carries: each field naming one (triage_bucket, triage_op_bucket,
    triage_bucket_initial, ...) and the policy decision's own."""
    values = [str(value) for name, value in row.items() if "bucket" in name]
    if row.get("triage_policy"):
        values.append(str(json.loads(row["triage_policy"]).get("bucket", "")))
    return values


@pytest.mark.parametrize("outage", ["refusing", "timing out"])
def test_an_outage_never_reads_as_benign(
    app: SplunkApp, standin: SplunkdStandIn, model: OpenAICompatServer, outage: str
) -> None:
    # The shipped sample alerts (the baseline alone called 5 of them likely_benign): with the model down, a
    # search filtering on any bucket field must still see every row, in order, marked as not judged.
    if outage == "refusing":
        model.stop()
    else:
        model.behave("hang")
    samples = [{**row, "serial": str(index)} for index, row in enumerate(read_rows(SAMPLES))]
    capture, redactor = Collector(), Redactor([SENTINEL_KEY])
    session_key = standin.add_user("ana", {"llm_triage_run"})
    out = search(app, standin, samples, "llmtriage timeout=1", capture, redactor, 5, "ana", session_key)
    assert len(samples) == 14
    assert [row["serial"] for row in out] == [str(index) for index in range(14)]
    assert {row["triage_status"] for row in out} == {"unavailable"}
    assert {row["triage_source"] for row in out} == {"baseline"}
    assert not [row for row in out if row.get("triage_verdict")]
    buckets = [value for row in out for value in bucket_values(row)]
    assert len(buckets) >= 3 * 14 and "likely_benign" not in buckets
    assert set(buckets) - {""} <= {"needs_enrichment", "probable_incident", "high_confidence_malicious"}
    assert_no_key_anywhere(out, capture, redactor)
