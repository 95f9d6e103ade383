"""One SPL search run through splunkd's search API as the user whose session the doorway carries.

Enrichment runs a few small context searches per row, and each answer must come back within a deadline,
so this uses a oneshot job: `POST search/v2/jobs` with `exec_mode=oneshot` blocks until the search is done
and answers with its results in the same response, `{"preview": false, "messages": [...], "fields":
[...], "results": [{field: value or [values]}, ...]}` with `output_mode=json`. One round trip, one
deadline, and `count` bounds the answer. The alternatives cost more: a normal job needs polling and a
second request for its results; an export (`search/v2/jobs/export`) streams every result of the search
with no count, and the app's HTTP client reads whole answers, not streams.

The job is dispatched in the app's namespace under the searching user (`/servicesNS/<user>/llm_triage/`),
not `nobody`'s: the search resolves the user's own knowledge objects (private macros, event types, field
extractions) and runs with their rights, as the same search typed in the app would. The name goes into
the path as one encoded segment; a name that could leave it (`/`, `\\`, `%`, `.` or `..`, a control
character) is refused and nothing is searched.

The v2 path, as Splunk's own SDK dispatches from Splunk 9.0.2 on (9.0.1 began deprecating the v1 search
endpoints); every Splunk that runs the app's Python (3.9 or 3.13) is newer.

The parameters sent: `search` (splunkd wants it to start with a command: `search ...` or `| generating`),
`earliest_time` and `latest_time` as epoch seconds, `count` (one more than kept, to tell a capped answer
from an exact one), `f` once per wanted field, `max_time` (splunkd stops the search soon after the caller
gave up on it) and `timeout` (the job's time to live once done: its results are already in the answer).
"""

import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Union
from urllib.parse import quote, urlencode

from llm_triage import names
from llm_triage.net.http import TransportError
from llm_triage.splunkd.messages import splunkd_message
from llm_triage.splunkd.rest import Request

SEARCH_JOBS = "search/v2/jobs"
_UNSAFE_IN_USER = frozenset("/\\%?#") | frozenset(chr(code) for code in (*range(32), 127))
# The job's results travel in the answer; keeping its artifacts longer only eats the user's disk quota.
JOB_TTL_SECONDS = 60
_FAILED_MESSAGE_TYPES = ("FATAL", "ERROR")

SearchRow = dict[str, Union[str, list[str]]]
"""One result: each field's value, a list of values for a multivalue field."""


@dataclass(frozen=True)
class SearchOutcome:
    """What one search gave: its rows (at most `max_results`), how long it took, and why it failed.

    `error` is empty when splunkd ran the search; otherwise it says why not (splunkd's own message where
    it gave one) and `rows` holds whatever came back anyway, usually nothing. `truncated` says the search
    found more rows than were kept.
    """

    search: str
    rows: list[SearchRow] = field(default_factory=list)
    duration: float = 0.0
    error: str = ""
    truncated: bool = False

    @property
    def ok(self) -> bool:
        """Whether splunkd ran the search and answered with its results."""
        return not self.error


def search_text(spl: str) -> str:
    """`spl` as splunkd accepts it: starting with `search` or `|`, else prefixed with `search `."""
    text = spl.strip()
    first_word = text.split(None, 1)[0].lower() if text else ""
    if text.startswith("|") or first_word == "search":
        return text
    return f"search {text}"


def jobs_path(user: str) -> str:
    """The search jobs endpoint in the app's namespace under `user`; ValueError for a name that cannot be
    one path segment (empty, `.`, `..`, or holding `/`, a backslash, `%`, `?`, `#` or a control character)."""
    if user in ("", ".", "..") or any(char in _UNSAFE_IN_USER for char in user):
        raise ValueError("the searching user's name cannot name a REST namespace")
    return f"/servicesNS/{quote(user, safe='@')}/{names.APP}/{SEARCH_JOBS}"


def run_search(
    splunkd: Request,
    spl: str,
    earliest_time: float,
    latest_time: float,
    max_results: int,
    timeout: float,
    fields: Sequence[str] = (),
    user: str = "",
) -> SearchOutcome:
    """Run `spl` over [earliest_time, latest_time) (epoch seconds) as the doorway's user and return at most
    `max_results` rows (only `fields` of each, when given), all within `timeout` seconds; in `user`'s
    namespace (jobs_path) when given, else the doorway's (`nobody`'s).

    Never raises for what splunkd or the network does (refusal, failed search, time-out, unreadable
    answer): the outcome's `error` says what happened, so the row being enriched is never lost. Raises
    ValueError only for arguments no search could honour (no rows wanted, no time to run).
    """
    if max_results < 1:
        raise ValueError("max_results must be at least 1 (splunkd reads count=0 as every result)")
    if not timeout > 0 or not math.isfinite(timeout):
        raise ValueError("timeout must be a positive number of seconds")
    search = search_text(spl)
    started = time.monotonic()

    def outcome(rows: Sequence[SearchRow] = (), error: str = "", truncated: bool = False) -> SearchOutcome:
        return SearchOutcome(search, list(rows), time.monotonic() - started, error, truncated)

    if not (math.isfinite(earliest_time) and math.isfinite(latest_time)):
        return outcome(error="the search's time window is not a pair of epoch times")
    try:
        path = jobs_path(user) if user else SEARCH_JOBS
    except ValueError as exc:
        return outcome(error=f"not searched: {exc}")
    body = _form(search, earliest_time, latest_time, max_results, timeout, fields)
    try:
        status, answer = splunkd("POST", path, body, timeout=timeout)
    except Exception as exc:  # the doorway's transport may raise anything; only TransportError's text is safe
        reason = str(exc) if isinstance(exc, TransportError) else exc.__class__.__name__
        return outcome(error=f"the search did not finish: {reason}")
    if status == 401:
        return outcome(error=f"splunkd refused the search's session (401): {splunkd_message(answer)}")
    if status // 100 != 2:
        return outcome(error=f"splunkd could not run the search ({status}): {splunkd_message(answer)}")
    document = _json(answer)
    if not isinstance(document, dict) or not isinstance(document.get("results", []), list):
        return outcome(error="splunkd's answer to the search was not JSON search results")
    rows = [_row(result, fields) for result in document.get("results", []) if isinstance(result, dict)]
    return outcome(rows[:max_results], _failure(document), truncated=len(rows) > max_results)


def _form(
    search: str, earliest_time: float, latest_time: float, max_results: int, timeout: float, fields: Sequence[str]
) -> bytes:
    params = [
        ("search", search),
        ("exec_mode", "oneshot"),
        ("earliest_time", _epoch(earliest_time)),
        ("latest_time", _epoch(latest_time)),
        ("count", str(max_results + 1)),
        # Whole seconds past the caller's deadline: splunkd never hands back a search it cut short as if
        # it were complete in time for the caller to take it, and stops working soon after it gave up.
        ("max_time", str(math.ceil(timeout) + 1)),
        ("timeout", str(JOB_TTL_SECONDS)),
    ]
    params.extend(("f", name) for name in fields)
    return urlencode(params).encode("ascii")


def _epoch(value: float) -> str:
    """Epoch seconds as splunkd reads them: no exponent, at most microseconds."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _json(answer: bytes) -> Any:
    try:
        return json.loads(answer.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError included
        return None


def _row(result: dict[str, Any], fields: Sequence[str]) -> SearchRow:
    """A result's fields as strings (lists for multivalue fields); only `fields` when given, since splunkd's
    `f` may be ignored for some searches."""
    names = fields or list(result)
    row: SearchRow = {}
    for name in names:
        if name not in result or result[name] is None:
            continue
        value = result[name]
        row[name] = [str(item) for item in value] if isinstance(value, list) else str(value)
    return row


def _failure(document: dict[str, Any]) -> str:
    """splunkd's error messages in a search answer (a search can fail on a peer yet answer 200)."""
    messages = document.get("messages")
    if not isinstance(messages, list):
        return ""
    texts = [
        str(message.get("text", ""))
        for message in messages
        if isinstance(message, dict) and str(message.get("type", "")).upper() in _FAILED_MESSAGE_TYPES
    ]
    text = "; ".join(text for text in texts if text)[:200]
    return f"splunkd reported: {text}" if text else ""
