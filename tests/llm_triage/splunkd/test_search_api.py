"""run_search: one search through splunkd's search API as the session's user, never raising, within a deadline.

Most cases go over loopback HTTP through the package's doorway (splunkd_request) to the harness's splunkd
stand-in with its search API; a few feed the runner answers splunkd could give that the stand-in does not.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest

from llm_triage.net.http import TransportError
from llm_triage.splunkd.rest import splunkd_request
from llm_triage.splunkd.search_api import SearchOutcome, run_search, search_text
from tools.harness.search_api_standin import SearchAnswer, SearchApiService
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn

EARLIEST, LATEST = 1_700_000_000.25, 1_700_003_600.0
ROWS = [{"user": "alice", "src": ["10.0.0.1", "10.0.0.2"], "n": str(i), "_raw": "x"} for i in range(5)]


@pytest.fixture
def searches() -> SearchApiService:
    return SearchApiService(
        [
            SearchAnswer("index=auth", ROWS),
            SearchAnswer("index=slow", ROWS, delay=3.0),
            SearchAnswer("lookup missing", error="The lookup table 'missing' does not exist."),
            SearchAnswer("index=", [{"first": "no"}]),  # never reached by index=auth: first match wins
        ]
    )


@pytest.fixture
def standin(searches: SearchApiService) -> Iterator[SplunkdStandIn]:
    with SplunkdStandIn(SplunkdContent()) as running:
        running.add_service(searches)
        yield running


def search(standin: SplunkdStandIn, spl: str, key: str | None = None, **options: Any) -> SearchOutcome:
    arguments: dict[str, Any] = {"max_results": 10, "timeout": 5.0, **options}
    doorway = splunkd_request(standin.uri, key or standin.session_key)
    return run_search(doorway, spl, EARLIEST, LATEST, **arguments)


def test_rows_come_back_as_strings_and_lists_and_the_search_gets_its_command(standin: SplunkdStandIn) -> None:
    outcome = search(standin, "index=auth user=alice")
    assert outcome.ok and outcome.error == "" and not outcome.truncated
    assert outcome.search == "search index=auth user=alice"
    assert outcome.rows == ROWS
    assert 0 <= outcome.duration < 5


def test_rows_are_capped_at_max_results_and_the_cap_is_told(standin: SplunkdStandIn) -> None:
    capped = search(standin, "index=auth", max_results=2)
    assert [row["n"] for row in capped.rows] == ["0", "1"] and capped.truncated
    exact = search(standin, "index=auth", max_results=5)
    assert len(exact.rows) == 5 and not exact.truncated


def test_fields_select_what_each_row_keeps(standin: SplunkdStandIn, searches: SearchApiService) -> None:
    outcome = search(standin, "index=auth", fields=("src", "user", "absent"))
    assert outcome.rows[0] == {"src": ["10.0.0.1", "10.0.0.2"], "user": "alice"}


def test_the_window_goes_as_epoch_seconds_and_the_user_is_the_sessions(
    standin: SplunkdStandIn, searches: SearchApiService
) -> None:
    analyst = standin.add_user("analyst1", {"search"})
    search(standin, "| inputlookup assets", key=analyst)
    assert searches.dispatched == [
        {"search": "| inputlookup assets", "earliest_time": EARLIEST, "latest_time": LATEST, "user": "analyst1"}
    ]


def test_no_match_is_zero_results_not_an_error(standin: SplunkdStandIn) -> None:
    outcome = search(standin, "search sourcetype=nothing")
    assert outcome.ok and outcome.rows == [] and outcome.search == "search sourcetype=nothing"


def test_a_search_past_the_deadline_is_an_error_outcome_that_comes_back_quickly(standin: SplunkdStandIn) -> None:
    started = time.monotonic()
    outcome = search(standin, "index=slow", timeout=0.5)
    assert time.monotonic() - started < 2.0
    assert not outcome.ok and outcome.rows == []
    assert "within 0.5s" in outcome.error
    assert standin.session_key not in outcome.error


def test_splunkds_message_for_a_failed_search_is_the_error_and_no_session_key_is(standin: SplunkdStandIn) -> None:
    outcome = search(standin, "| lookup missing user")
    assert outcome.error == ("splunkd could not run the search (400): The lookup table 'missing' does not exist.")
    assert standin.session_key not in outcome.error


def test_an_unknown_session_is_a_401_outcome(standin: SplunkdStandIn, searches: SearchApiService) -> None:
    outcome = search(standin, "index=auth", key="not-a-session-key")
    assert outcome.error.startswith("splunkd refused the search's session (401): ")
    assert "not-a-session-key" not in outcome.error
    assert searches.dispatched == []


def test_search_text_prefixes_search_unless_a_command_leads() -> None:
    assert search_text("  index=a  ") == "search index=a"
    assert search_text("Search index=a") == "Search index=a"
    assert search_text("| makeresults") == "| makeresults"
    assert search_text("searchable=1") == "search searchable=1"


class Answers:
    """A doorway that answers every call with one canned answer (or raises it) and records what it got."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.calls: list[tuple[str, str, dict[str, list[str]], float | None]] = []

    def __call__(self, method: str, path: str, body: bytes | None, timeout: float | None = None) -> tuple[int, bytes]:
        self.calls.append((method, path, parse_qs((body or b"").decode()), timeout))
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer  # type: ignore[no-any-return]


def test_the_oneshot_asks_for_one_row_more_and_bounds_the_jobs_time() -> None:
    doorway = Answers((200, b'{"results": []}'))
    run_search(doorway, "index=a", EARLIEST, LATEST, max_results=3, timeout=2.5, fields=("a", "b"))
    [(method, path, form, timeout)] = doorway.calls
    assert (method, path, timeout) == ("POST", "search/v2/jobs", 2.5)
    assert form["exec_mode"] == ["oneshot"] and form["count"] == ["4"] and form["f"] == ["a", "b"]
    assert form["earliest_time"] == ["1700000000.25"] and form["latest_time"] == ["1700003600"]
    assert form["max_time"] == ["4"]  # past the caller's deadline: never a cut-short search taken as whole


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ((200, b"<html>proxy error</html>"), "splunkd's answer to the search was not JSON search results"),
        ((200, b'{"results": "nope"}'), "splunkd's answer to the search was not JSON search results"),
        ((503, b"not json"), "splunkd could not run the search (503): no detail"),
        (TransportError("connection refused by 127.0.0.1:8089"), "the search did not finish: connection refused"),
        (RuntimeError("Splunk abc-session-key"), "the search did not finish: RuntimeError"),
    ],
)
def test_failures_become_error_outcomes_never_exceptions(answer: Any, error: str) -> None:
    outcome = run_search(Answers(answer), "index=a", EARLIEST, LATEST, 5, 1.0)
    assert outcome.error.startswith(error) and outcome.rows == []
    assert "abc-session-key" not in outcome.error


def test_error_messages_in_a_200_answer_fail_the_search_and_keep_its_rows() -> None:
    body = b'{"messages": [{"type": "INFO", "text": "fine"}, {"type": "ERROR", "text": "peer p1 failed"}],'
    body += b' "results": [{"a": "1", "b": null}]}'
    outcome = run_search(Answers((200, body)), "index=a", EARLIEST, LATEST, 5, 1.0)
    assert outcome.error == "splunkd reported: peer p1 failed" and outcome.rows == [{"a": "1"}]


def test_arguments_no_search_could_honour_are_refused() -> None:
    with pytest.raises(ValueError, match="max_results"):
        run_search(Answers((200, b"{}")), "index=a", EARLIEST, LATEST, 0, 1.0)
    with pytest.raises(ValueError, match="timeout"):
        run_search(Answers((200, b"{}")), "index=a", EARLIEST, LATEST, 1, 0)
    outcome = run_search(Answers((200, b"{}")), "index=a", float("nan"), LATEST, 1, 1.0)
    assert "time window" in outcome.error


def test_the_job_is_dispatched_in_the_searching_users_namespace(standin: SplunkdStandIn) -> None:
    analyst = standin.add_user("analyst1", {"search"})
    assert search(standin, "index=auth", key=analyst, user="analyst1").ok
    [job] = [request for request in standin.requests if request.path.endswith("/search/v2/jobs")]
    assert (job.path, job.status) == ("/servicesNS/analyst1/llm_triage/search/v2/jobs", 200)
    doorway = Answers((200, b'{"results": []}'))
    run_search(doorway, "index=a", EARLIEST, LATEST, max_results=1, timeout=1.0, user="ana maria@corp.example")
    assert doorway.calls[0][1] == "/servicesNS/ana%20maria@corp.example/llm_triage/search/v2/jobs"


@pytest.mark.parametrize("user", ["../admin", "..", ".", "a/b", "nobody/../admin", "50%2Fx", "dom\\ana", "a?b",
                                  "a#b", "ana\nadmin", "ana\x00"])  # fmt: skip
def test_a_user_name_that_could_leave_its_path_segment_is_refused_and_nothing_is_searched(user: str) -> None:
    doorway = Answers((200, b'{"results": [{"x": "1"}]}'))
    outcome = run_search(doorway, "index=a", EARLIEST, LATEST, max_results=1, timeout=1.0, user=user)
    assert doorway.calls == [] and outcome.rows == []
    assert outcome.error == "not searched: the searching user's name cannot name a REST namespace"
