"""`llmeval` and `llmreplay` end to end: the built app's scripts over the chunked protocol, with a splunkd
stand-in serving the app's endpoint and two loopback models that answer differently (the keyword judge,
and one that escalates what it finds suspicious)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.verdict.prompt import DEFAULT_PROMPT, load_prompt
from tests.harness.collector import Collector
from tests.harness.lab_provider import add_provider, serving
from tests.protocol.llmtriage_searches import search
from tests.servers.escalating_model import EscalatingServer
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.command_process import CommandFailed
from tools.harness.inputs import read_rows
from tools.harness.redaction import Redactor
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.standin_config import content_for_app

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "alerts.jsonl"
KEY = "sk-replay-sentinel-9d2c7e41b0a35f86"
# The approved disposition of each sample, in file order (the keyword judge calls 9 suspicious).
DISPOSITIONS = ["true_positive"] * 4 + ["false_positive", "benign_true_positive", "false_positive", "false_positive"]
DISPOSITIONS += ["true_positive"] * 4 + ["false_positive"] * 2


@pytest.fixture
def models() -> Iterator[tuple[OpenAICompatServer, EscalatingServer]]:
    with OpenAICompatServer(api_key=KEY) as keyword, EscalatingServer(api_key=KEY) as escalating:
        yield keyword, escalating


@pytest.fixture
def standin(app: SplunkApp, models) -> Iterator[SplunkdStandIn]:
    keyword, escalating = models
    content = content_for_app(app)
    add_provider(content, "lab", keyword.base_url, KEY, "lab-model")
    add_provider(content, "eager", escalating.base_url, KEY, "eager-model")
    content.set_stanza("llm_triage_settings", "triage", {"default_provider": "lab"})
    with serving(app, content) as (running, _services):
        yield running


def labelled_history(app: SplunkApp, standin: SplunkdStandIn) -> list[dict[str, Any]]:
    """The samples triaged by `lab` through the real command, with their bundles and approved labels, as
    `lookup llm_triage_feedback_lookup` would join them."""
    samples = list(read_rows(SAMPLES))
    triaged = search(app, standin, samples, "llmtriage provider=lab", Collector())
    for row, sample, disposition in zip(triaged, samples, DISPOSITIONS):
        row.update(bundle=build_bundle(sample, select_profile(sample)).text, disposition=disposition)
        row["review_state"] = "approved"
    return triaged


def test_llmeval_reports_one_row_per_slice_across_chunks(app, standin, models):
    history = labelled_history(app, standin)
    assert [row["triage_bundle_hash"] for row in history[:1]] == [history[0]["triage_bundle_hash"]]
    history.append(dict(history[0], review_state="pending"))
    capture = Collector()
    out = search(app, standin, history, "llmeval minutes_per_alert=20 by provider", capture, chunk_rows=4)
    [lab] = out
    # The keyword judge: malicious samples escalated (7 true positives), the suspicious one (9) left in
    # needs_enrichment (1 false negative), the 6 benign ones not escalated.
    assert (lab["slice"], lab["n"], lab["tp"], lab["fp"], lab["fn"], lab["tn"]) == (
        "triage_provider=lab",
        "14",
        "7",
        "0",
        "1",
        "6",
    )
    assert (lab["precision"], lab["recall"], lab["kappa"], lab["fp_burden_minutes"]) == ("1", "0.875", "0.8571", "0")
    assert (lab["excluded"], lab["excluded_reasons"]) == ("1", "pending_review=1")
    [summary] = [text for name, level, text in capture.messages if name == "llmeval" and level == "INFO"]
    assert summary.startswith("llmeval: 15 rows, 14 with an approved label evaluated in 1 slices; 1 excluded")
    calibration = search(app, standin, history, "llmeval output=calibration", Collector(), chunk_rows=4)
    assert len(calibration) == 10 and sum(int(row["count"]) for row in calibration) == 14


def test_llmreplay_through_the_endpoint_shows_where_the_candidate_differs(app, standin, models):
    keyword, escalating = models
    history = labelled_history(app, standin)
    capture, redactor = Collector(), Redactor([KEY])
    out = search(app, standin, history, "llmreplay provider=eager by profile", capture, redactor, chunk_rows=5)
    identity = {row["triage_profile"]: row for row in out}["identity/2"]
    # identity/1 holds samples 1 (true positive, escalated), 5 (benign) and 9 (true positive recorded in
    # needs_enrichment): recorded recall 1/2; the eager model escalates 9 too: 2/2, one fixed.
    assert (identity["n"], identity["recorded_recall"], identity["candidate_recall"]) == ("3", "0.5", "1")
    assert (identity["fixed"], identity["broken"], identity["bucket_changed"]) == ("1", "0", "0")
    assert identity["candidate_provider"] == "eager" and identity["candidate_model"] == "eager-model"
    assert identity["candidate_prompt_version"].startswith("triage/4#")
    assert len(escalating.chat_requests) == 14
    rows = search(app, standin, history, "llmreplay provider=eager output=rows", Collector(), chunk_rows=5)
    assert [(row["recorded_bucket"], row["candidate_bucket"], row["change"]) for row in rows] == [
        ("needs_enrichment", "probable_incident", "fixed")
    ]
    same = search(app, standin, history, "llmreplay provider=lab output=rows", Collector())
    assert same == []  # the same model on the same evidence changes nothing
    assert redactor.leaks == [] and KEY not in capture.text()
    [summary] = [text for name, level, text in capture.messages if name == "llmreplay" and level == "INFO"]
    assert summary.startswith("llmreplay: 14 rows, 14 replayed through eager, 14 compared; 1 fixed, 0 broken")


def test_llmreplay_with_a_candidate_prompt_asks_with_it_and_reports_its_version(app, standin, models):
    _, escalating = models
    history = labelled_history(app, standin)
    old, default = load_prompt("triage-1"), load_prompt(DEFAULT_PROMPT)
    out = search(app, standin, history, "llmreplay provider=eager prompt=triage-1", Collector(), chunk_rows=5)
    assert [row["candidate_prompt_version"] for row in out] == [old.label]
    assert old.label.startswith("triage/1#")
    asked = [request.body["messages"][0]["content"] for request in escalating.chat_requests]
    assert len(asked) == 14 and set(asked) == {old.system}  # the endpoint asked with version 1
    out = search(app, standin, history, "llmreplay provider=eager", Collector(), chunk_rows=5)
    assert [row["candidate_prompt_version"] for row in out] == [default.label] and default.label != old.label
    again = [request.body["messages"][0]["content"] for request in escalating.chat_requests[14:]]
    assert len(again) == 14 and old.system not in again  # without prompt=, the endpoint's default


@pytest.mark.parametrize(
    "prompt, message",
    [
        (
            "triage-9",
            "llmreplay: unknown prompt 'triage-9': the shipped prompts are triage-1, triage-2, triage-3, triage-4",
        ),
        (
            "../x",
            "llmreplay: unknown prompt '../x': the shipped prompts are triage-1, triage-2, triage-3, triage-4",
        ),
    ],
)
def test_llmreplay_with_an_unknown_prompt_stops_before_any_row(app, standin, models, prompt, message):
    capture = Collector()
    with pytest.raises(CommandFailed, match="error during getinfo"):
        search(app, standin, [{"x": "1"}], f"llmreplay provider=eager prompt={prompt}", capture)
    assert any(message in text for _, level, text in capture.messages), capture.messages
    assert models[1].chat_requests == []


def test_llmreplay_with_an_unknown_provider_stops_before_any_row(app, standin, models):
    capture = Collector()
    with pytest.raises(CommandFailed, match="error during getinfo"):
        search(app, standin, [{"x": "1"}], "llmreplay provider=nobody", capture)
    assert any("provider 'nobody' is not configured" in text for _, level, text in capture.messages)
    assert models[1].chat_requests == []


def test_llmeval_with_a_malformed_by_clause_stops_before_any_row(app, standin):
    capture = Collector()
    with pytest.raises(CommandFailed, match="error during getinfo"):
        search(app, standin, [{"x": "1"}], "llmeval by profile by model", capture)
    assert ("llmeval", "ERROR", "llmeval: by may appear once, before the slice fields") in capture.messages
