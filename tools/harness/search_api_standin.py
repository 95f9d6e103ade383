"""splunkd's search API for the splunkd stand-in: oneshot searches answered from a fixture, each one logged.

    searches = SearchApiService(load_search_results(Path("results.jsonl")), log_path=Path("searches.jsonl"))
    standin.add_service(searches)

`POST .../search/v2/jobs` (or v1's `search/jobs`) with `exec_mode=oneshot` answers as splunkd does, with the
search's results in the response: `{"preview": false, "init_offset": 0, "messages": [], "fields":
[{"name": ...}], "results": [...], "highlighted": {}}`. The form fields (query string and body, as splunkd
merges them) honoured: `search`, `earliest_time`, `latest_time`, `count` (default 100, 0 for all) and `f`
(repeatable: the fields to return).

The fixture is JSON lines, one search answer each:

    {"match": "index=auth user=alice", "results": [{"user": "alice", "src": ["10.0.0.1", "10.0.0.2"]}]}
    {"match": "index=proxy", "delay": 5, "results": []}
    {"match": "| inputlookup broken", "error": "The lookup table 'broken' does not exist."}

The first line whose `match` occurs in the dispatched search answers it; none matching: zero results.
`delay` (seconds) waits before answering, to exercise a caller's deadline; `error` answers as splunkd
does for a search that cannot run: 400 with `{"messages": [{"type": "FATAL", "text": <error>}]}`. As
splunkd, a search not starting with a command (`search ...` or `| ...`) is refused the same way.

Each dispatched search appends one JSON line to `log_path` (and to `dispatched`), before any delay:
`{"search": <SPL>, "earliest_time": <epoch seconds>, "latest_time": <epoch seconds>, "user": <name>}`
(a time that is not a number, such as `-24h`, is logged as given; one not given as null).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from tools.harness.splunkd_standin import Reply, Request
from tools.harness.standin_config import StandInConfigError

_JOBS_PATHS = (["search", "jobs"], ["search", "v2", "jobs"])
_DEFAULT_COUNT = 100  # splunkd's default for a oneshot's results
_ANSWER_KEYS = frozenset({"match", "results", "delay", "error"})


@dataclass(frozen=True)
class SearchAnswer:
    """One fixture line: what a search containing `match` gets back."""

    match: str
    results: list[dict[str, Any]] = field(default_factory=list)
    delay: float = 0.0
    error: str = ""


def load_search_results(path: Path) -> list[SearchAnswer]:
    """The answers in a `--search-results` file (StandInConfigError naming the line when one is unusable)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as error:
        raise StandInConfigError(f"cannot read --search-results {path}: {error.strerror}") from None
    answers = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            answers.append(_answer(path, number, line))
    return answers


def _answer(path: Path, number: int, line: str) -> SearchAnswer:
    where = f"--search-results {path} line {number}"
    try:
        entry = json.loads(line)
    except ValueError:
        raise StandInConfigError(f"{where}: not a JSON object") from None
    if not isinstance(entry, dict) or not isinstance(entry.get("match"), str) or not entry["match"]:
        raise StandInConfigError(f'{where}: needs "match": a non-empty string')
    unknown = sorted(set(entry) - _ANSWER_KEYS)
    if unknown:
        known = ", ".join(sorted(_ANSWER_KEYS))
        raise StandInConfigError(f"{where}: unknown keys {', '.join(unknown)} (known: {known})")
    results = entry.get("results", [])
    if not isinstance(results, list) or not all(isinstance(row, dict) for row in results):
        raise StandInConfigError(f'{where}: "results" must be a list of JSON objects')
    delay = entry.get("delay", 0)
    if isinstance(delay, bool) or not isinstance(delay, (int, float)) or delay < 0:
        raise StandInConfigError(f'{where}: "delay" must be a number of seconds, at least 0')
    error = entry.get("error", "")
    if not isinstance(error, str):
        raise StandInConfigError(f'{where}: "error" must be a string')
    return SearchAnswer(entry["match"], results, float(delay), error)


def open_search_log(path: Path) -> Path:
    """Create `path` if need be (kept as it is if it exists), so a path that cannot be written fails before
    the search starts rather than inside a search."""
    try:
        path.open("a", encoding="utf-8").close()
    except OSError as error:
        raise StandInConfigError(f"cannot write --search-log {path}: {error.strerror}") from None
    return path


class SearchApiService:
    """Oneshot searches for the splunkd stand-in (see the module docstring)."""

    def __init__(
        self,
        answers: Sequence[SearchAnswer] = (),
        log_path: Path | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.answers = list(answers)
        self.log_path = log_path
        self.dispatched: list[dict[str, Any]] = []
        self._sleep = sleep
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply | None:
        if request.segments not in _JOBS_PATHS or request.method != "POST":
            return None
        form = _form(request)
        if form.get("exec_mode", ["normal"])[-1] != "oneshot":
            return _fatal(400, "the splunkd stand-in runs oneshot searches only (exec_mode=oneshot)")
        search = form.get("search", [""])[-1]
        if not search.strip():
            return _fatal(400, "Missing search")
        self._log(search, form, request.user.name)
        first_word = search.split(None, 1)[0]
        if not search.startswith("|") and first_word.lower() != "search":
            return _fatal(400, f"Error in 'SearchParser': Unknown search command '{first_word.lower()}'.")
        answer = next((answer for answer in self.answers if answer.match in search), None)
        if answer is not None and answer.delay:
            self._sleep(answer.delay)
        if answer is not None and answer.error:
            return _fatal(400, answer.error)
        return Reply(200, _results(answer.results if answer else [], form))

    def _log(self, search: str, form: dict[str, list[str]], user: str) -> None:
        entry = {
            "search": search,
            "earliest_time": _epoch(form.get("earliest_time")),
            "latest_time": _epoch(form.get("latest_time")),
            "user": user,
        }
        with self._lock:
            self.dispatched.append(entry)
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as log:
                    log.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _form(request: Request) -> dict[str, list[str]]:
    """The request's fields, query string then form body, every value kept (`f` repeats)."""
    form: dict[str, list[str]] = {}
    for name, value in request.query.items():
        form.setdefault(name, []).append(value)
    body = request.body.decode("utf-8", errors="replace")
    for name, values in parse_qs(body, keep_blank_values=True).items():
        form.setdefault(name, []).extend(values)
    return form


def _results(rows: list[dict[str, Any]], form: dict[str, list[str]]) -> dict[str, Any]:
    try:
        count = int(form.get("count", [str(_DEFAULT_COUNT)])[-1])
    except ValueError:
        count = _DEFAULT_COUNT
    chosen = rows[:count] if count > 0 else rows
    wanted = form.get("f", [])
    if wanted:
        chosen = [{name: row[name] for name in wanted if name in row} for row in chosen]
    names = list(dict.fromkeys(name for row in chosen for name in row))
    return {
        "preview": False,
        "init_offset": 0,
        "messages": [],
        "fields": [{"name": name} for name in names],
        "results": chosen,
        "highlighted": {},
    }


def _epoch(values: list[str] | None) -> float | str | None:
    if not values:
        return None
    try:
        return float(values[-1])
    except ValueError:
        return values[-1]


def _fatal(status: int, text: str) -> Reply:
    return Reply(status, {"messages": [{"type": "FATAL", "text": text}]})
