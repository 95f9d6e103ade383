"""What leaves the boundary, end to end: the built command, run as an analyst, posts bundles to the app's
endpoint, which pseudonymizes identifiers with the deployment key from secret storage, asks the model on
127.0.0.1, maps the answer back, and writes one audit event per inference through receivers/simple.
A sentinel secret planted in the evidence, the API key and the pseudonym key never reach the model, a row,
a message or an indexed event."""

from __future__ import annotations

import json
from typing import Any

import pytest

from llm_triage.trust.pseudonyms import KEY_REALM, KEY_USERNAME
from tests.harness.collector import Collector
from tests.protocol.llmtriage_searches import search
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.app_endpoints import AppServices, role_capabilities
from tools.harness.redaction import Redactor
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn

API_KEY = "sk-SENTINEL-b0undary-7e41c9"
PLANTED = "Planted-Secret-99x!"


def alerts(count: int) -> list[dict[str, Any]]:
    return [
        {
            "serial": str(index),
            "sourcetype": "OktaIM2:log",
            "eventType": "user.account.reset_password",
            "actor.alternateId": f"ana{index}@example.com",
            "client.ipAddress": "198.51.100.7",
            "displayMessage": f"helpdesk: net user ana{index} {PLANTED} /domain",
        }
        for index in range(count)
    ]


@pytest.fixture
def api_key() -> str:
    return API_KEY


@pytest.fixture
def triage_settings() -> dict[str, str]:
    return {"pseudonymize": "1"}


def run(app: SplunkApp, standin: SplunkdStandIn, spl: str, count: int) -> tuple[list[dict[str, Any]], Collector]:
    capture = Collector()
    session_key = standin.add_user("ana", role_capabilities(app, "llm_triage_analyst"))
    redactor = Redactor([API_KEY])
    out = search(app, standin, alerts(count), spl, capture, redactor, 3, "ana", session_key)
    assert redactor.leaks == []
    return out, capture


def test_the_model_sees_pseudonyms_the_analyst_real_rows_and_the_audit_every_inference(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices], model: OpenAICompatServer
) -> None:
    standin, services = served
    out, capture = run(app, standin, "llmtriage", 4)
    assert [row["triage_status"] for row in out] == ["ok"] * 4, out[0]["triage_error"]
    assert out[2]["actor.alternateId"] == "ana2@example.com"
    sent = b"".join(request.raw for request in model.chat_requests).decode()
    assert "ana2@example.com" not in sent and "198.51.100.7" not in sent and "user:ps_" in sent
    assert PLANTED not in sent and "[redacted:command_line_password]" in sent
    events = services.indexes.events("llm_triage_audit", "llm_triage:audit")
    # Two inferences a row: the lab's likely_benign answer, then the injection check without the row's free
    # text (search/swaying.py); both audited under the row's triage_id, the check as its own kind.
    assert sorted(event["triage_audit"] for event in events) == ["inference"] * 4 + ["injection_check"] * 4
    assert {event["actor"] for event in events} == {"ana"}
    assert sorted(event["triage_id"] for event in events) == sorted(row["triage_id"] for row in out for _ in "ab")
    assert all(event["pseudonymized"] and "user:ps_" in event["sent"] for event in events)
    assert {event["endpoint"] for event in events} == {model.base_url}
    key = standin.content.secrets[(KEY_REALM, KEY_USERNAME)]
    # The rows keep their own fields (the planted secret is the analyst's own data); what the app added,
    # said and indexed holds none of the three.
    added = [{name: value for name, value in row.items() if name.startswith("triage_")} for row in out]
    everything = json.dumps([e.raw for e in services.indexes.indexed]) + json.dumps(added) + capture.text()
    for secret in (API_KEY, PLANTED, key):
        assert secret not in everything


def test_dryrun_shows_the_pseudonymized_bundle_the_endpoint_would_send(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices], model: OpenAICompatServer
) -> None:
    standin, services = served
    dry, _ = run(app, standin, "llmtriage dryrun=true", 2)
    assert [row["triage_status"] for row in dry] == ["dryrun"] * 2 and not dry[0].get("triage_error")
    assert "ana0@example.com" not in dry[0]["triage_bundle"] and "user:ps_" in dry[0]["triage_bundle"]
    assert model.chat_requests == [] and services.indexes.indexed == []
    run(app, standin, "llmtriage injection_check=off", 2)  # the bundles alone, not the checks' too
    sent = [event["sent"] for event in services.indexes.events("llm_triage_audit", "llm_triage:audit")]
    assert sorted(sent) == sorted(row["triage_bundle"] for row in dry)


def test_an_audit_trail_that_cannot_be_written_costs_no_row_its_verdict(
    app: SplunkApp, served: tuple[SplunkdStandIn, AppServices]
) -> None:
    standin, services = served
    services.indexes.failing_status = 503
    out, capture = run(app, standin, "llmtriage", 3)
    assert [row["triage_status"] for row in out] == ["ok"] * 3
    warnings = [text for _, _, text in capture.messages if "audit trail not written" in text]
    assert len(warnings) == 1, capture.messages
