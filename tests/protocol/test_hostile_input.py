"""Hostile input at every door: the app's REST endpoints and its search commands, as splunkd serves them.

Every request is malformed, oversized, deeply nested or shaped to inject (SPL, KV store query, path, header,
JSON), sent as the analyst, as a reviewer or admin where the endpoint needs one, and without credentials.
Each gets a clear error (4xx with a message; no 500, no stack trace), nothing is written to the KV store or
an index, no model is asked, and no secret is in any reply or log line. The alert action's own hostile
payloads are in tests/llm_triage/routing/test_alert_hostile_input.py.
"""

from __future__ import annotations

import copy
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.harness.collector import Collector
from tests.protocol.llmtriage_searches import okta_alerts, search
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.app_endpoints import AppServices, role_capabilities
from tools.harness.command_process import CommandFailed
from tools.harness.redaction import Redactor
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn

KEY = "sk-hostile-SENTINEL-4b1d9e07c2a8"
TID = "0123456789abcdef01234567"
SHA = "a" * 64
QUEUE_KEY = "b" * 32

SPL = [
    '" | delete | search "',
    "] [| rest /services/storage/passwords ] [",
    "`llm_triage_index` OR 1=1",
    'x\\"|sendemail',
]
KV_QUERY = [{"$gt": ""}, {"$where": "sleep(1000)"}, {"$ne": None}, ["$or", {"_key": {"$regex": ".*"}}]]
PATHS = ["../../storage/passwords", "..%2F..%2Fstorage%2Fpasswords", "/etc/passwd", "C:\\Windows\\win.ini"]
HEADERS = ["x\r\nX-Injected: 1", "x\nSet-Cookie: a=b", "\u0000"]
SHAPES = SPL + PATHS + HEADERS


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


BODIES: dict[str, bytes] = {
    "empty": b"",
    "not json": b"not json",
    "truncated": b'{"provider": "lab", "bundles": [',
    "a list": b"[1, 2, 3]",
    "nan": b'{"provider": "lab", "bundles": NaN}',
    "duplicate keys": b'{"provider": "lab", "provider": "other", "bundles": []}',
    "deeply nested": json.dumps({"provider": "lab", "bundles": "X"}).replace('"X"', nested(100_000)).encode(),
    "oversized": json.dumps({"provider": "lab", "bundles": [], "pad": "x" * (9 * 1024 * 1024)}).encode(),
    "not utf-8": b'{"provider": "\xff\xfe"}',
}


def judge_bodies() -> Iterator[tuple[str, Any]]:
    bundle = {"text": "{}", "refs": ["ev:1/a"], "hash": SHA, "triage_id": TID}
    for shape in SHAPES:
        yield f"provider {shape!r}", {"provider": shape, "bundles": [bundle]}
        yield f"triage_id {shape!r}", {"provider": "lab", "bundles": [dict(bundle, triage_id=shape)]}
        yield f"prompt {shape!r}", {"provider": "lab", "bundles": [bundle], "prompt": shape}
    for query in KV_QUERY:
        yield f"provider {query!r}", {"provider": query, "bundles": [bundle]}
        yield f"bundle {query!r}", {"provider": "lab", "bundles": [query]}
    yield "bundle text not a bundle", {"provider": "lab", "bundles": [dict(bundle, text='" | delete')]}
    yield "timeout huge", {"provider": "lab", "bundles": [bundle], "timeout": 1e308}
    yield "kind unknown", {"provider": "lab", "bundles": [bundle], "kind": "../narrative"}


def feedback_bodies() -> Iterator[tuple[str, Any]]:
    label = {"triage_id": TID, "disposition": "false_positive", "bundle_hash": SHA}
    for shape in SHAPES:
        yield f"triage_id {shape!r}", {"labels": [dict(label, triage_id=shape)]}
        yield f"disposition {shape!r}", {"labels": [dict(label, disposition=shape)]}
        yield f"bundle_hash {shape!r}", {"labels": [dict(label, bundle_hash=shape)]}
    for query in KV_QUERY:
        yield f"triage_id {query!r}", {"labels": [dict(label, triage_id=query)]}
        yield f"labels {query!r}", {"labels": query}
    yield "a label naming its analyst", {"labels": [dict(label, analyst="rita")]}
    yield "too many labels", {"labels": [label] * 10_000}


def review_bodies() -> Iterator[tuple[str, Any]]:
    for shape in SHAPES:
        yield f"key {shape!r}", {"decisions": [{"key": shape, "action": "approve"}]}
        yield f"action {shape!r}", {"decisions": [{"key": TID, "action": shape}]}
    for query in KV_QUERY:
        yield f"key {query!r}", {"decisions": [{"key": query, "action": "approve"}]}
    yield "an index named", {"decisions": [{"key": TID, "action": "approve"}], "index": "main"}


def routing_requests() -> Iterator[tuple[str, str, Any]]:
    """(description, path, body) for the approvals and dead-letter endpoints."""
    for shape in SPL + PATHS:
        quoted = urllib.request.quote(shape, safe="")
        yield f"approval key {shape!r}", f"llm_triage/approvals/{quoted}", {"decision": "approve"}
        yield f"dead letter key {shape!r}", "llm_triage/dead_letters/replay", {"keys": [shape]}
    for query in KV_QUERY:
        yield f"dead letter keys {query!r}", "llm_triage/dead_letters/replay", {"keys": query}
        yield f"decision {query!r}", f"llm_triage/approvals/{QUEUE_KEY}", {"decision": query}


@pytest.fixture
def api_key() -> str:
    return KEY


class Door:
    """Requests to the served app's endpoints, and what they may have changed."""

    def __init__(self, standin: SplunkdStandIn, services: AppServices, model: OpenAICompatServer) -> None:
        self.standin, self.services, self.model = standin, services, model
        self.before = self.state()

    def state(self) -> tuple[str, int]:
        """Every document in the KV store, and how many events were indexed."""
        documents = {name: docs for name, docs in self.services.kvstore.collections.items() if docs}
        return json.dumps(documents, sort_keys=True, default=str), len(self.services.indexes.indexed)

    def post(self, path: str, body: bytes, session_key: str | None) -> tuple[int, str]:
        request = urllib.request.Request(
            f"{self.standin.uri}/servicesNS/nobody/llm_triage/{path}?output_mode=json", data=body, method="POST"
        )
        if session_key is not None:
            request.add_header("Authorization", f"Splunk {session_key}")
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, reply.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode("utf-8", "replace")

    def assert_refused_and_unchanged(self, status: int, text: str, what: str) -> None:
        assert 400 <= status < 500, f"{what}: {status} {text[:300]}"
        assert text.strip() and "Traceback" not in text, what
        assert KEY not in text and self.standin.session_key not in text, what
        assert self.state() == self.before, f"{what}: something was written"
        assert self.model.chat_requests == [], f"{what}: the model was asked"


@pytest.fixture
def door(served: tuple[SplunkdStandIn, AppServices], model: OpenAICompatServer) -> Door:
    standin, services = served
    return Door(standin, services, model)


def encoded(body: Any) -> bytes:
    return body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")


CASES: list[Any] = []
for name, body in BODIES.items():
    for path in ("llm_triage/judge", "llm_triage/feedback", "llm_triage/review"):
        CASES.append(pytest.param(path, body, id=f"{path}: {name}"))
for name, body in judge_bodies():
    CASES.append(pytest.param("llm_triage/judge", body, id=f"judge: {name}"))
for name, body in feedback_bodies():
    CASES.append(pytest.param("llm_triage/feedback", body, id=f"feedback: {name}"))
for name, body in review_bodies():
    CASES.append(pytest.param("llm_triage/review", body, id=f"review: {name}"))
ROUTING = [pytest.param(path, body, id=f"routing: {name}") for name, path, body in routing_requests()]


@pytest.mark.parametrize("path, body", CASES)
def test_hostile_requests_to_the_endpoints_are_refused_and_change_nothing(
    app: SplunkApp, door: Door, path: str, body: Any
) -> None:
    # Each endpoint as the role that may use it, so the hostile body reaches its handler.
    role = "llm_triage_reviewer" if path.endswith("review") else "llm_triage_analyst"
    session = door.standin.add_user("mallory", role_capabilities(app, role))
    status, text = door.post(path, encoded(copy.deepcopy(body)), session)
    if status == 200:  # a well-formed batch answers per item: each hostile item must be refused on its own
        results = json.loads(text).get("results", [])
        assert results and all(item["status"] == "refused" and item["reason"] for item in results), text[:300]
        assert door.state() == door.before and door.model.chat_requests == []
        return
    door.assert_refused_and_unchanged(status, text, path)


@pytest.mark.parametrize("path, body", ROUTING)
def test_hostile_requests_to_the_routing_endpoints_are_refused_and_change_nothing(
    app: SplunkApp, door: Door, path: str, body: Any
) -> None:
    session = door.standin.add_user("adam", role_capabilities(app, "llm_triage_admin"))
    status, text = door.post(path, encoded(body), session)
    door.assert_refused_and_unchanged(status, text, path)


ENDPOINTS = ["llm_triage/judge", "llm_triage/feedback", "llm_triage/review", f"llm_triage/approvals/{QUEUE_KEY}",
             "llm_triage/dead_letters/replay"]  # fmt: skip
# Without credentials nothing answers; the analyst may use the judge and feedback endpoints (hostile bodies
# for those are above), and no other.
UNENTITLED = [("nobody", path) for path in ENDPOINTS] + [("analyst", path) for path in ENDPOINTS[2:]]


@pytest.mark.parametrize("who, path", UNENTITLED)
def test_callers_without_the_right_are_refused_before_any_handler_runs(
    app: SplunkApp, door: Door, who: str, path: str
) -> None:
    session = None if who == "nobody" else door.standin.add_user("ana", role_capabilities(app, "llm_triage_analyst"))
    status, text = door.post(path, encoded({"decision": "approve", "labels": [], "bundles": []}), session)
    assert status in (401, 403), f"{who} {path}: {status}"
    door.assert_refused_and_unchanged(status, text, f"{who} {path}")


COMMANDS = {
    "llmtriage": ["max_rows=lots", 'provider="lab | delete"', "profile=../../etc", 'by="a | b"', "frobnicate=1"],
    "llmcluster": ['provider="x | delete"', "window=forever", "frobnicate=1"],
    "llmeval": ["minutes_per_alert=lots", "frobnicate=1"],
    "llmreplay": ['provider="x\\" | delete"', "provider=lab prompt=../../triage-2", "frobnicate=1"],
    "llmfeedback": ['disposition="malicious | delete"', "frobnicate=1"],
    "llmreview": ['action="approve | delete"', "frobnicate=1"],
    "llmapprove": ["decision=maybe", "frobnicate=1"],
}
COMMAND_CASES = [pytest.param(command, option, id=f"{command} {option}") for command, options in COMMANDS.items()
                 for option in options]  # fmt: skip


@pytest.mark.parametrize("command, option", COMMAND_CASES)
def test_commands_refuse_hostile_options_before_any_row_with_a_clear_error(
    app: SplunkApp, door: Door, command: str, option: str
) -> None:
    capture, redactor = Collector(), Redactor([KEY])
    with pytest.raises(CommandFailed) as failed:
        search(app, door.standin, okta_alerts(3), f"{command} {option}", capture, redactor)
    said = str(failed.value) + capture.text()
    named = option.split("=")[-2].split()[-1]
    assert named in said, said[:400]  # the error names what is wrong
    assert redactor.leaks == [] and KEY not in said
    assert door.state() == door.before and door.model.chat_requests == []
