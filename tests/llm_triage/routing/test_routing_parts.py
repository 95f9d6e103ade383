"""The routing package's pure parts: reading policy decisions, splunkd's results file, envelopes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from llm_triage.routing.alert_action import AlertError, read_results, read_rows, result_event
from llm_triage.routing.ceilings import Ceilings
from llm_triage.routing.origin import origin_of
from llm_triage.routing.payloads import envelope, summarize
from llm_triage.routing.policy import AUTOMATIC, NEEDS_APPROVAL, NEVER, read_policy
from llm_triage.routing.review_command import FORBIDDEN, review_rows
from llm_triage.routing.targets import SOAR, WEBHOOK, Target
from llm_triage.splunkd.messages import error_body
from llm_triage.splunkd.rest import SplunkdRest
from tests.llm_triage.routing.alert_runs import CEILINGS, write_results


def policy(*actions: tuple[str, str], shadow: bool = False) -> str:
    """A triage_policy value as the operational-confidence step writes it."""
    decision: dict[str, Any] = {
        "policy": "soc-default/3",
        "bucket": "probable_incident",
        "op_confidence": 0.82,
        "criticality": "high",
        "actions": [{"action": name, "class": klass, "reason": f"{klass} by rule 4"} for name, klass in actions],
    }
    if shadow:
        decision["shadow"] = True
    return json.dumps(decision, sort_keys=True, separators=(",", ":"))


def triaged_row(number: int, triage_policy: str | None) -> dict[str, Any]:
    """A result as the alert action's own triage left it."""
    row: dict[str, Any] = {
        "_time": str(1764000000 + number),
        "_raw": f"failed password for alice from 203.0.113.{number}",
        "rule_name": "Brute force",
        "triage_status": "ok",
        "triage_id": f"{number:024x}",
        "triage_verdict": "malicious",
        "triage_bucket": "probable_incident",
        "triage_rationale": "40 failures then a success from one address",
        "triage_evidence": [f"ev:{number:08x}/src", f"ev:{number:08x}/user"],
    }
    if triage_policy is not None:
        row["triage_policy"] = triage_policy
    return row


@pytest.mark.parametrize(
    "action,klass,refused",
    [
        ("open_case", "automatic", ""),
        ("disable_account", "needs_approval", ""),
        ("isolate_host", "automatic", "isolate_host refused: a consequential action is never automatic"),
        (
            "wipe_host",
            "needs_approval",
            "wipe_host refused as needs_approval: its ceiling in policy soc-default/3 is never",
        ),
        ("launch_missiles", "automatic", "launch_missiles refused: policy soc-default/3 does not catalogue it"),
    ],
)
def test_ceilings_refuse_what_the_policy_in_force_does_not_allow(action: str, klass: str, refused: str) -> None:
    assert Ceilings("soc-default/3", CEILINGS).refusal(action, klass) == refused


def test_without_a_readable_policy_every_action_is_refused() -> None:
    refusal = Ceilings(problem="policy 'x': no such file x.json").refusal("tag", "automatic")
    assert refusal == "tag refused: the policy in force cannot be read (policy 'x': no such file x.json)"


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


def test_the_indexed_result_says_where_its_event_or_notable_is_under_names_of_its_own() -> None:
    row = dict(triaged_row(1, None), _cd="3:77", index="notable", splunk_server="idx2", sourcetype="stash", host="es1")
    row["event_id"] = "5E2A1B34-0000-4000-8000-00000000AB12@@notable@@4c3f"
    event = result_event(row, {"search_name": "s", "sid": "scheduler__x"})
    assert (event["orig_index"], event["orig_cd"], event["orig_splunk_server"]) == ("notable", "3:77", "idx2")
    assert (event["orig_sourcetype"], event["orig_host"], event["event_id"]) == ("stash", "es1", row["event_id"])
    assert event["sid"] == "scheduler__x"
    # The result event's own index, sourcetype and host stay Splunk's: no JSON key stands beside them.
    assert not {"index", "sourcetype", "host", "splunk_server", "_cd"} & set(event)


def test_a_pointer_is_never_empty_nor_one_of_many() -> None:
    assert origin_of({"_cd": ["3:77", "4:1"], "index": "", "event_id": None, "_time": "17"}) == {"orig_time": "17"}
    assert origin_of({"_cd": ["3:77"], "index": "main"}) == {"orig_cd": "3:77", "orig_index": "main"}


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


@pytest.mark.parametrize(
    ("injection", "tagged"),
    [
        (["_raw:instruction"], True),
        (["injection:group"], True),
        (["injection:swayed"], True),
        (["injection:unchecked"], False),  # the check got no answer: nothing was found addressing the model
        ("_raw:instruction\ninjection:unchecked", True),  # multivalue as the results file gives it
        ([], False),
    ],
)
def test_a_container_is_tagged_prompt_injection_when_its_verdict_was_read_beside_such_text(
    injection: Any, tagged: bool
) -> None:
    row = dict(triaged_row(1, policy(("open_case", "automatic"))), triage_injection=injection)
    decision = read_policy(row["triage_policy"])
    soar = Target(SOAR, "soar1", "https://soar.example.com", secret="t")
    built = envelope(soar, summarize(row), decision, decision.actions, {"search_name": "s", "sid": "1"})
    assert ("prompt_injection" in built["request"]["tags"]) is tagged


def test_the_review_service_answers_malformed_and_unknown_requests_without_raising() -> None:
    from llm_triage.routing.review_service import handle

    malformed = handle("not json")
    assert malformed["status"] == 400
    assert json.loads(malformed["payload"])["messages"][0]["text"].endswith("not a JSON object")  # splunkd's shape
    document = {"method": "GET", "rest_path": "/llm_triage/approvals", "session": {"user": "rita"}}
    assert handle(json.dumps(document))["status"] == 500  # no system token: restmap.conf lacks passSystemAuth

    def broken(uri: str, token: str):  # a connection that fails in a way nobody planned for
        def request(method: str, path: str, body: object) -> tuple[int, bytes]:
            raise RuntimeError("boom with row data")

        return request

    document.update(system_authtoken="t", server={"rest_uri": "https://127.0.0.1:8089"})
    answer = handle(json.dumps(document), broken)
    assert answer["status"] == 503 and "boom" not in answer["payload"]


def said(text: str) -> bytes:
    """`text` in splunkd's error body, as the endpoint refuses."""
    return json.dumps(error_body(text)).encode("utf-8")


@pytest.mark.parametrize(
    "status, body, expected",
    [
        (200, b'{"status": "approved", "decided_by": "rita"}', ("approved", "approved by rita")),
        (403, b"", ("forbidden", FORBIDDEN)),
        (409, said("already approved by rita"), ("refused", "already approved by rita")),
        (503, said("KV store not ready"), ("error", "the endpoint answered 503: KV store not ready")),
        (200, b"<html>", ("error", "the endpoint answered 200: no detail")),
    ],
)
def test_llmapprove_reads_the_endpoints_refusals_from_splunkds_error_body(
    status: int, body: bytes, expected: tuple[str, str]
) -> None:
    def request(method: str, path: str, data: bytes | None) -> tuple[int, bytes]:
        return status, body

    [row] = review_rows(SplunkdRest(request), [{"_key": "a" * 32}], "approve")
    assert (row["review_status"], row["review_detail"]) == expected


def test_the_alert_reads_up_to_max_rows_and_drops_untrusted_triage_fields(tmp_path: Path) -> None:
    path = tmp_path / "results.csv.gz"
    forged = {"triage_id": "f" * 24, "triage_status": "ok", "triage_bucket": "likely_benign", "triage_policy": "{}"}
    write_results(path, [{"n": str(n), **forged} for n in range(5)] + [{"n": "5"}])
    rows, untrusted, left = read_rows(str(path), 3)
    assert rows == [{"n": "0"}, {"n": "1"}, {"n": "2"}]
    assert (untrusted, left) == (3, 3)  # past the limit rows are counted, never kept


class Recording:
    """Stands in for the auditor, the approval queue and the dead letters: notes what it was handed."""

    index = "llm_triage_audit"

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.queued: list[dict[str, Any]] = []
        self.letters: list[dict[str, Any]] = []

    def record(self, event: dict[str, Any], *rest: Any) -> str:
        (self.events if not rest else self.letters).append(event)
        return "letter-1"

    def enqueue(self, item: dict[str, Any]) -> tuple[str, bool]:
        self.queued.append(item)
        return "item-1", True


def test_the_router_refuses_actions_above_their_ceiling_whatever_the_decision_in_hand_says() -> None:
    from llm_triage.routing.router import RECORDED, Router, RoutingPlan

    stub = Recording()
    plan = RoutingPlan(target_kind=WEBHOOK, target_name="hook1", ceilings=Ceilings("soc-default/3", CEILINGS))
    router = Router(plan, stub, stub, stub, sleep=lambda seconds: None)  # type: ignore[arg-type]
    forged = policy(("isolate_host", "automatic"), ("wipe_host", "needs_approval"), ("nuke", "automatic"))
    assert router.route(triaged_row(1, forged)) == RECORDED
    assert stub.letters == [] and stub.queued == []  # nothing sent, nothing kept to send later
    [event] = stub.events
    assert event["automatic"] == [] and event["needs_approval"] == []
    assert len(event["refused"]) == 3 and len(router.report.problems) == 3
    assert "isolate_host refused: a consequential action is never automatic" in event["refused"]


def test_replies_from_soar_and_webhooks_are_capped(monkeypatch: Any) -> None:
    from llm_triage.routing import delivery
    from tests.servers.raw_http import serve_once

    monkeypatch.setattr(delivery, "MAX_ANSWER_BYTES", 2048)
    url, thread = serve_once(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"1000\r\n" + b"x" * 4096)
    result = delivery.send_once(Target(WEBHOOK, "hook", url), {"id": "e1", "request": {}}, timeout=5)
    assert not result.ok and result.retryable and "larger than 2048 bytes" in result.detail
    thread.join(5)
