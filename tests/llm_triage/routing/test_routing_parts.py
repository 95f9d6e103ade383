"""The routing package's pure parts: reading policy decisions, splunkd's results file, envelopes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from llm_triage.routing.alert_action import AlertError, read_results, result_event
from llm_triage.routing.payloads import envelope, summarize
from llm_triage.routing.policy import AUTOMATIC, NEEDS_APPROVAL, NEVER, read_policy
from llm_triage.routing.targets import SOAR, WEBHOOK, Target
from tests.llm_triage.routing.alert_runs import policy, triaged_row, write_results


def test_a_policy_decision_is_read_by_class_in_order() -> None:
    decision = read_policy(policy(("open_case", "automatic"), ("isolate_host", "needs_approval"), ("wipe", "never")))
    assert decision.problem == "" and decision.policy == "soc-default/3" and decision.shadow is False
    assert [a.action for a in decision.of_class(AUTOMATIC)] == ["open_case"]
    assert [a.action for a in decision.of_class(NEEDS_APPROVAL)] == ["isolate_host"]
    assert [a.action for a in decision.of_class(NEVER)] == ["wipe"]
    assert decision.summary()["op_confidence"] == 0.82
    assert read_policy(policy(("tag", "automatic"), shadow=True)).shadow is True
    assert read_policy([policy(("tag", "automatic"))]).policy == "soc-default/3"  # a one-value multivalue


@pytest.mark.parametrize(
    "value",
    [
        "",
        "{",
        "[]",
        json.dumps({"policy": "p/1"}),
        json.dumps({"policy": "p/1", "actions": ["open_case"]}),
        json.dumps({"policy": "p/1", "actions": [{"action": "Open Case!", "class": "automatic"}]}),
        json.dumps({"policy": "p/1", "actions": [{"action": "tag", "class": "auto"}]}),
        json.dumps({"policy": "p/1", "actions": [], "shadow": "yes"}),
    ],
)
def test_anything_else_is_no_decision(value: str) -> None:
    decision = read_policy(value)
    assert decision.problem and decision.actions == ()


def test_the_results_file_gives_rows_with_multivalue_fields_as_lists(tmp_path: Path) -> None:
    path = tmp_path / "results.csv.gz"
    write_results(path, [{"a": "1", "mv": ["x", "y$z"]}, {"a": "2", "mv": ["only"]}])
    assert list(read_results(str(path))) == [{"a": "1", "mv": ["x", "y$z"]}, {"a": "2", "mv": ["only"]}]


def test_an_unreadable_results_file_is_an_alert_error(tmp_path: Path) -> None:
    with pytest.raises(AlertError, match="cannot open"):
        list(read_results(str(tmp_path / "missing.csv.gz")))
    plain = tmp_path / "plain.csv.gz"
    plain.write_text("a,b\n1,2\n")
    with pytest.raises(AlertError, match="not a gzipped CSV"):
        list(read_results(str(plain)))
    empty = tmp_path / "empty.csv.gz"
    with gzip.open(empty, "wt") as handle:
        handle.write("")
    assert list(read_results(str(empty))) == []


def test_the_indexed_result_keeps_fields_not_the_bundle_or_internals() -> None:
    row = dict(triaged_row(1, None), triage_bundle="{...}", _cd="3:77", _serial="0")
    event = result_event(row, {"search_name": "s", "sid": "1"})
    assert event["time"] == 1764000001.0 and event["orig_time"] == "1764000001"
    assert "triage_bundle" not in event and "_raw" not in event and "_cd" not in event and "_serial" not in event


def test_envelopes_hold_no_secret_and_are_the_same_for_the_same_delivery() -> None:
    row = triaged_row(1, policy(("open_case", "automatic")))
    decision = read_policy(row["triage_policy"])
    soar = Target(SOAR, "soar1", "https://soar.example.com", secret="SECRET-token")
    hook = Target(WEBHOOK, "hook1", "https://hooks.example.com/x", header_name="Authorization", secret="SECRET-h")
    search = {"search_name": "s", "sid": "1"}
    first = envelope(soar, summarize(row), decision, decision.actions, search)
    assert first == envelope(soar, summarize(row), decision, decision.actions, search)
    approved = envelope(soar, summarize(row), decision, decision.actions, search, approved_by="rita")
    assert approved["id"] != first["id"] and approved["request"]["artifacts"][0]["cef"]["approved_by"] == "rita"
    to_hook = envelope(hook, summarize(row), decision, decision.actions, search)
    assert to_hook["request"]["result"]["evidence"] == row["triage_evidence"]
    assert "SECRET" not in json.dumps([first, approved, to_hook])
    assert "SECRET" not in repr(soar) and "SECRET" not in repr(hook)


def test_the_review_service_answers_malformed_and_unknown_requests_without_raising() -> None:
    from llm_triage.routing.review_service import handle

    assert handle("not json")["status"] == 400
    document = {"method": "GET", "rest_path": "/llm_triage/approvals", "session": {"user": "rita"}}
    assert handle(json.dumps(document))["status"] == 500  # no system token: restmap.conf lacks passSystemAuth

    def broken(uri: str, token: str):  # a connection that fails in a way nobody planned for
        def request(method: str, path: str, body: object) -> tuple[int, bytes]:
            raise RuntimeError("boom with row data")

        return request

    document.update(system_authtoken="t", server={"rest_uri": "https://127.0.0.1:8089"})
    answer = handle(json.dumps(document), broken)
    assert answer["status"] == 503 and "boom" not in answer["payload"]
