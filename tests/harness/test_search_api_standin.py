"""The stand-in's search API: oneshot answers from a fixture, first match wins, every dispatch logged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tools.harness.search_api_standin import SearchAnswer, SearchApiService, load_search_results, open_search_log
from tools.harness.splunkd_standin import Reply, SplunkdContent, SplunkdStandIn
from tools.harness.standin_config import StandInConfigError

JOBS = "/servicesNS/nobody/llm_triage/search/v2/jobs?output_mode=json"
V1_JOBS = "/servicesNS/nobody/llm_triage/search/jobs?output_mode=json"


def post(standin: SplunkdStandIn, key: str | None, **form: Any) -> Reply:
    fields = {"exec_mode": "oneshot", "earliest_time": "100", "latest_time": "200.5", **form}
    body = urlencode(fields, doseq=True).encode()
    return standin.handle("POST", JOBS, f"Splunk {key}" if key else None, body)


@pytest.fixture
def fixture_file(tmp_path: Path) -> Path:
    path = tmp_path / "results.jsonl"
    lines = [
        {"match": "index=auth", "results": [{"user": "a", "n": "1"}, {"user": "b", "n": "2"}, {"user": "c"}]},
        {"match": "| lookup gone", "error": "The lookup table 'gone' does not exist."},
        {"match": "index=slow", "delay": 2.5},
        {"match": "index=", "results": [{"user": "any other index"}]},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines) + "\n", encoding="utf-8")
    return path


def test_first_matching_line_answers_and_count_and_f_are_honoured(fixture_file: Path) -> None:
    with SplunkdStandIn(SplunkdContent()) as standin:
        standin.add_service(SearchApiService(load_search_results(fixture_file)))
        reply = post(standin, standin.session_key, search="search index=auth", count="2", f=["n", "user"])
        assert reply.status == 200
        assert reply.payload["results"] == [{"n": "1", "user": "a"}, {"n": "2", "user": "b"}]
        assert reply.payload["fields"] == [{"name": "n"}, {"name": "user"}]
        assert reply.payload["preview"] is False and reply.payload["messages"] == []
        every = post(standin, standin.session_key, search="search index=auth", count="0")
        assert len(every.payload["results"]) == 3
        other = post(standin, standin.session_key, search="search index=proxy")
        assert other.payload["results"] == [{"user": "any other index"}]


def test_no_match_is_zero_results_on_either_path(fixture_file: Path) -> None:
    with SplunkdStandIn(SplunkdContent()) as standin:
        standin.add_service(SearchApiService(load_search_results(fixture_file)))
        reply = post(standin, standin.session_key, search="search sourcetype=none")
        assert (reply.status, reply.payload["results"]) == (200, [])
        body = urlencode({"exec_mode": "oneshot", "search": "search sourcetype=none"}).encode()
        v1 = standin.handle("POST", V1_JOBS, f"Splunk {standin.session_key}", body)
        assert (v1.status, v1.payload["results"]) == (200, [])


def test_an_error_line_answers_as_splunkd_refuses_a_search(fixture_file: Path) -> None:
    with SplunkdStandIn(SplunkdContent()) as standin:
        standin.add_service(SearchApiService(load_search_results(fixture_file)))
        reply = post(standin, standin.session_key, search="| lookup gone user")
        assert reply.status == 400
        assert reply.payload == {"messages": [{"type": "FATAL", "text": "The lookup table 'gone' does not exist."}]}


def test_a_delay_waits_before_answering_and_the_search_is_logged_first(fixture_file: Path) -> None:
    waited: list[float] = []
    service = SearchApiService(load_search_results(fixture_file), sleep=waited.append)
    with SplunkdStandIn(SplunkdContent()) as standin:
        standin.add_service(service)
        assert post(standin, standin.session_key, search="search index=slow").status == 200
    assert waited == [2.5] and len(service.dispatched) == 1


@pytest.mark.parametrize(
    ("form", "text"),
    [
        ({"search": "index=auth"}, "Unknown search command 'index=auth'"),
        ({"search": "search x", "exec_mode": "normal"}, "oneshot searches only"),
        ({"search": "  "}, "Missing search"),
    ],
)
def test_what_splunkd_refuses_is_refused(form: dict[str, str], text: str) -> None:
    with SplunkdStandIn(SplunkdContent()) as standin:
        standin.add_service(SearchApiService([SearchAnswer("index=auth", [{"a": "1"}])]))
        reply = post(standin, standin.session_key, **form)
        assert reply.status == 400 and text in reply.payload["messages"][0]["text"]


def test_the_log_records_search_window_and_user_and_unauthenticated_calls_get_401(tmp_path: Path) -> None:
    log = open_search_log(tmp_path / "searches.jsonl")
    service = SearchApiService(log_path=log)
    with SplunkdStandIn(SplunkdContent()) as standin:
        standin.add_service(service)
        analyst = standin.add_user("analyst1", {"search"})
        post(standin, analyst, search="| inputlookup assets")
        post(standin, standin.session_key, search="search x", earliest_time="-24h", latest_time="now")
        unauthenticated = post(standin, "wrong-key", search="search y")
        assert unauthenticated.status == 401 and post(standin, None, search="search y").status == 401
    logged = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert logged == [
        {"search": "| inputlookup assets", "earliest_time": 100.0, "latest_time": 200.5, "user": "analyst1"},
        {"search": "search x", "earliest_time": "-24h", "latest_time": "now", "user": "admin"},
    ]
    assert service.dispatched == logged


def test_other_requests_pass_to_the_next_service() -> None:
    with SplunkdStandIn(SplunkdContent()) as standin:
        standin.add_service(SearchApiService())
        listed = standin.handle("GET", JOBS, f"Splunk {standin.session_key}")
        assert listed.status == 404  # the stand-in's own answer: the service let it pass


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("not json", "line 2: not a JSON object"),
        ('{"results": []}', 'line 2: needs "match"'),
        ('{"match": "x", "rows": []}', "line 2: unknown keys rows"),
        ('{"match": "x", "results": [1]}', '"results" must be a list of JSON objects'),
        ('{"match": "x", "delay": -1}', '"delay" must be a number of seconds'),
        ('{"match": "x", "error": 5}', '"error" must be a string'),
    ],
)
def test_an_unusable_fixture_names_its_line(tmp_path: Path, line: str, complaint: str) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text('{"match": "ok"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(StandInConfigError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        load_search_results(path)


def test_unreadable_fixture_and_unwritable_log_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(StandInConfigError, match="cannot read --search-results"):
        load_search_results(tmp_path / "absent.jsonl")
    with pytest.raises(StandInConfigError, match="cannot write --search-log"):
        open_search_log(tmp_path / "no-such-dir" / "log.jsonl")
