"""The stand-in's receivers/simple, through the stand-in's HTTP interface and the app's own writer."""

import pytest

from llm_triage.splunkd.index import IndexUnavailable, send_events
from llm_triage.splunkd.rest import SplunkdRest
from tools.harness.index_standin import IndexService
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn


def _rest(standin: SplunkdStandIn, key: str) -> SplunkdRest:
    def request(method: str, path: str, body: "bytes | None") -> "tuple[int, bytes]":
        target = f"/servicesNS/nobody/llm_triage/{path}{'&' if '?' in path else '?'}output_mode=json"
        reply = standin.handle(method, target, f"Splunk {key}", body or b"")
        return reply.status, reply.body if reply.body is not None else b"{}"

    return SplunkdRest(request)


def test_events_are_kept_per_index_and_sourcetype() -> None:
    with SplunkdStandIn(SplunkdContent()) as standin:
        indexes = IndexService()
        standin.add_service(indexes)
        send_events(_rest(standin, standin.session_key), [{"a": 1}, {"a": 2}], "main", "llm_triage:audit", "t")
        assert indexes.events("main", "llm_triage:audit") == [{"a": 1}, {"a": 2}]
        assert indexes.events("main", "other") == []


def test_unknown_index_and_missing_capability_are_refused() -> None:
    with SplunkdStandIn(SplunkdContent()) as standin:
        indexes = IndexService()
        standin.add_service(indexes)
        with pytest.raises(IndexUnavailable, match="does it exist"):
            send_events(_rest(standin, standin.session_key), [{"a": 1}], "nope", "st", "src")
        analyst = standin.add_user("analyst", ["llm_triage_run"])
        with pytest.raises(IndexUnavailable, match="edit_tcp"):
            send_events(_rest(standin, analyst), [{"a": 1}], "main", "st", "src")
        assert indexes.events() == []
