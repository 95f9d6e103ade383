"""The `llm_triage` modular alert action, as splunkd runs it: `<script> --execute`, the JSON payload on
standard input (app, owner, results_file, server_uri, session_key, sid, search_name, configuration).

It reads the results file (gzipped CSV) row by row, up to `max_rows`, triages every row itself, writes each
to an index (sourcetype `llm_triage:result`), and routes each by the policy decision it computed
(llm_triage.routing.router). Fields named `triage_*` that arrive on a result are untrusted (log data,
a lookup or an edited search can carry them, a forged `triage_policy` or `likely_benign` included): they
are dropped before triage, so they reach neither the model, nor the decision, nor the router. What it does
goes to standard error, which splunkd writes to splunkd.log; never a secret.

Alert parameters (`configuration`): soar_server or webhook (one target), provider, profile, index,
shadow (1: record, route nothing), max_rows, attempts and backoff (seconds) for deliveries, deadline
(seconds, inside alert_actions.conf's maxtime), and Enterprise Security's: risk, risk_index,
notable_update, notable_urgency, notable_status, notable_owner, ar_index (llm_triage.es.alert_step).
"""

import csv
import gzip
import sys
import time
from collections.abc import Iterator, Mapping
from typing import IO, Any, Callable, Optional

from llm_triage import names
from llm_triage.es.alert_step import EsPlan, EsStep, es_plan
from llm_triage.evidence.canonical import strict_json_loads
from llm_triage.evidence.fields import STATUS_SKIPPED_BUDGET, empty_fields
from llm_triage.routing.audit import Auditor
from llm_triage.routing.ceilings import ceilings_in_force
from llm_triage.routing.origin import ORIGIN_FIELDS, origin_of
from llm_triage.routing.queues import ApprovalQueue, DeadLetters
from llm_triage.routing.review import shadow_mode
from llm_triage.routing.router import Router, RoutingPlan
from llm_triage.routing.targets import SOAR, WEBHOOK, TargetError, load_target
from llm_triage.search.triage import Row, TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.index import IndexUnavailable, send_events
from llm_triage.splunkd.log_files import start_logging, to_file
from llm_triage.splunkd.rest import Request, SplunkdRest, splunkd_request
from llm_triage.splunkd.settings import SETTINGS_CONF, is_true

RESULT_SOURCETYPE = names.RESULT_SOURCETYPE
SOURCE = "llm_triage:alert_action"
DEFAULT_INDEX = names.AUDIT_INDEX
DEFAULT_MAX_ROWS = 1000  # when the alert sets none: an alert of more results is cut, and says so
# Seconds from the action's start after which nothing more is sent: what is left becomes dead letters.
# Inside alert_actions.conf's maxtime (10 minutes), so splunkd never kills the action mid-delivery.
DEFAULT_DEADLINE = 540.0
# Triage starts batches until this share of the deadline has passed, leaving the rest for delivery.
TRIAGE_SHARE = 0.8
TRIAGE_BATCH = 50
DEADLINE_ERROR = "the alert action's deadline passed before this result was triaged"
TRIAGE_PREFIX = "triage_"
csv.field_size_limit(64 * 1024 * 1024)  # a result's _raw may be long


class AlertError(Exception):
    """The alert cannot run as configured; the message is safe to log."""


def main(
    argv: list[str],
    stdin: IO[str],
    stderr: IO[str],
    request_factory: Callable[[str, str], Request] = splunkd_request,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run the alert action; the exit code splunkd records (0: every row triaged, indexed and routed or
    recorded; 1: something was not; 2: not run as an alert action)."""

    def log(level: str, message: str) -> None:
        stderr.write(f"{level} llm_triage alert: {message}\n")
        stderr.flush()
        to_file("alert", level, f"llm_triage alert: {message}")

    if len(argv) < 2 or argv[1] != "--execute":
        log("FATAL", "run by splunkd as an alert action: <script> --execute, with the payload on standard input")
        return 2
    try:
        payload = strict_json_loads(stdin.read())
        if not isinstance(payload, dict):
            raise ValueError("not an object")
        run = AlertRun(payload, request_factory, sleep, log, clock)
        return run.execute()
    except ValueError:
        log("FATAL", "the payload on standard input is not a JSON object")
        return 2
    except AlertError as exc:
        log("ERROR", str(exc))
        return 1
    except Exception as exc:  # a bug: say what kind, never what it held (it may hold a row or a secret)
        log("ERROR", f"internal error: {exc.__class__.__name__}")
        return 1


class AlertRun:
    """One firing of the alert."""

    def __init__(
        self,
        payload: Mapping[str, Any],
        request_factory: Callable[[str, str], Request],
        sleep: Callable[[float], None],
        log: Callable[[str, str], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.clock = clock
        self.started = clock()
        self.payload = payload
        self.params: Mapping[str, Any] = payload.get("configuration") or {}
        self.log = log
        self.sleep = sleep
        server_uri, session_key = str(payload.get("server_uri", "")), str(payload.get("session_key", ""))
        if not server_uri or not session_key:
            raise AlertError("the payload has no server_uri or session_key")
        self.rest = SplunkdRest(request_factory(server_uri, session_key))
        self.config = SplunkdConfig(self.rest.get)
        start_logging("alert", lambda: self.config.conf(SETTINGS_CONF))
        self.search = {
            "search_name": str(payload.get("search_name", "")),
            "sid": str(payload.get("sid", "")),
            "app": str(payload.get("app", "")),
            "owner": str(payload.get("owner", "")),
        }
        self.index = self._param("index") or DEFAULT_INDEX
        self.deadline = _seconds(self._param("deadline"), DEFAULT_DEADLINE, upper=3600.0)
        self.deadline_skipped = 0  # results left untriaged when the deadline's triage share ran out

    def deadline_passed(self) -> bool:
        """Whether the action's own deadline (inside splunkd's maxtime) has passed."""
        return self.clock() - self.started > self.deadline

    def execute(self) -> int:
        """Triage, index, route; the exit code."""
        plan = self._plan()  # first: parameters that cannot work stop the run before anything is asked
        es = self._es_plan()
        limit = _positive_int(self._param("max_rows")) or DEFAULT_MAX_ROWS
        rows, untrusted, left = read_rows(str(self.payload.get("results_file", "")), limit)
        if untrusted:
            self.log("WARN", f"{untrusted} results carried triage_* fields; they were ignored and triaged here")
        failed = bool(left)
        if left:
            self.log("ERROR", f"max_rows={limit}: {left} more results were not triaged, indexed or routed")
        triaged = self._triage(rows)
        failed = failed or bool(self.deadline_skipped)
        try:
            send_events(
                self.rest, [result_event(row, self.search) for row in triaged], self.index, RESULT_SOURCETYPE, SOURCE
            )
        except IndexUnavailable as exc:
            self.log("ERROR", f"results not indexed: {exc}")
            failed = True
        auditor = Auditor(self.rest, self.index, SOURCE)
        dead_letters = DeadLetters(self.rest)
        # ES first: its write-backs go to this splunkd and are quick; deliveries may wait on remote servers.
        es_report = EsStep(self.rest, es, self.search, auditor, dead_letters, self.deadline_passed).run(triaged)
        for line in es_report.problems:
            self.log("ERROR", line)
        for line in es_report.notes:
            self.log("WARN", line)
        failed = failed or bool(es_report.problems)
        router = Router(plan, auditor, ApprovalQueue(self.rest), dead_letters, self.sleep, self.deadline_passed)
        for row in triaged:
            router.route(row)
        problem = auditor.flush()
        if problem:
            self.log("ERROR", problem)
            failed = True
        for line in router.report.problems:
            self.log("ERROR", line)
        failed = failed or bool(router.report.problems)
        counts = ", ".join(f"{name} {count}" for name, count in sorted(router.report.outcomes.items()))
        self.log("INFO", f"search {self.search['search_name']!r}: {len(triaged)} rows; {counts or 'nothing routed'}")
        self.log("INFO", es_report.summary())
        return 1 if failed else 0

    def _triage(self, rows: list[Row]) -> list[Row]:
        """Every row triaged here (the verdict cache answers evidence seen before), in place, a batch at a
        time while the deadline's triage share lasts; rows left then are marked, never dropped."""
        if not rows:
            return rows
        options = TriageOptions(provider=self._param("provider"), profile=self._param("profile"))
        # splunkd kills the action at maxtime, and then nothing is indexed. The first batch always runs, so that every
        # firing makes progress, and waits until the deadline's triage share or DEFAULT_DEADLINE has passed,
        # whichever is later: inside maxtime as shipped, however short a deadline (one call to a provider can take a
        # minute or more), and leaving a long deadline's rest for delivery. Later batches wait only while the
        # deadline's triage share lasts.
        done = 0
        session = TriageSession(
            options,
            self.config,
            endpoint=self.rest,
            time_left=lambda: self._triage_time_left() if done else self._first_batch_time_left(),
        )
        try:
            while done < len(rows):
                if done and self.clock() - self.started > self.deadline * TRIAGE_SHARE:
                    break  # the first batch always runs: every firing makes progress
                list(session.triage(rows[done : done + TRIAGE_BATCH]))  # the rows are updated in place
                done = min(len(rows), done + TRIAGE_BATCH)
        finally:
            session.close()
        for warning in session.warnings:
            self.log("WARN", warning)
        self.log("INFO", session.summary())
        if done < len(rows):
            for row in rows[done:]:
                row.update(empty_fields(), triage_status=STATUS_SKIPPED_BUDGET, triage_error=DEADLINE_ERROR)
            self.log("ERROR", f"deadline: {len(rows) - done} results were not triaged (indexed and audited as such)")
            self.deadline_skipped = len(rows) - done
        return rows

    def _triage_time_left(self) -> float:
        """Seconds left of the deadline's triage share."""
        return self.deadline * TRIAGE_SHARE - (self.clock() - self.started)

    def _first_batch_time_left(self) -> float:
        """Seconds left of the deadline's triage share or DEFAULT_DEADLINE, whichever is later (see `_triage`)."""
        return max(self.deadline * TRIAGE_SHARE, DEFAULT_DEADLINE) - (self.clock() - self.started)

    def _plan(self) -> RoutingPlan:
        soar, webhook = self._param("soar_server"), self._param("webhook")
        if soar and webhook:
            raise AlertError("name either soar_server or webhook, not both")
        kind, name = (SOAR, soar) if soar else (WEBHOOK, webhook) if webhook else ("", "")
        target, problem = None, ""
        if kind:
            try:
                target = load_target(self.config, kind, name)
            except TargetError as exc:
                problem = str(exc)
                self.log("ERROR", f"{problem}; deliveries are kept as dead letters")
        shadow, reason = self._shadow()
        return RoutingPlan(
            target=target,
            target_kind=kind,
            target_name=name,
            target_problem=problem,
            shadow=shadow,
            shadow_reason=reason,
            attempts=_positive_int(self._param("attempts")) or 4,
            backoff=_seconds(self._param("backoff"), 1.0),
            search=self.search,
            actor=self.search["owner"] or "splunk-system-user",
            ceilings=ceilings_in_force(self.config),
        )

    def _es_plan(self) -> EsPlan:
        try:
            return es_plan(self._param)
        except ValueError as exc:
            raise AlertError(str(exc)) from None

    def _shadow(self) -> tuple[bool, str]:
        if is_true(self._param("shadow")):
            return True, "alert parameter"
        reason = shadow_mode(self.config)
        if reason == "settings unreadable":
            # Unknown whether the SOC wants shadow mode: send nothing rather than act against its wish.
            self.log("ERROR", "cannot read the app's shadow_mode setting; routing nothing")
        return bool(reason), reason

    def _param(self, name: str) -> str:
        value = self.params.get(name)
        return str(value).strip() if value is not None else ""


def read_rows(path: str, limit: int) -> tuple[list[Row], int, int]:
    """Up to `limit` results of the file, each without its untrusted `triage_*` fields; how many results
    carried any, and how many were left unread past the limit (counted, not kept)."""
    rows: list[Row] = []
    untrusted = left = 0
    for row in read_results(path):
        if len(rows) >= limit:
            left += 1
            continue
        forged = [name for name in row if name.startswith(TRIAGE_PREFIX)]
        for name in forged:
            del row[name]
        untrusted += bool(forged)
        rows.append(row)
    return rows, untrusted, left


def read_results(path: str) -> Iterator[Row]:
    """The rows of splunkd's gzipped CSV results file; multivalue fields (`__mv_<f>`: `$a$;$b$`) as lists."""
    try:
        handle = gzip.open(path, "rt", encoding="utf-8", newline="")
    except OSError as exc:
        raise AlertError(f"cannot open the results file: {exc.strerror or exc.__class__.__name__}") from None
    try:
        with handle:
            for record in csv.DictReader(handle):
                row: Row = {}
                for name, value in record.items():
                    if name is None or name.startswith("__mv_"):
                        continue
                    multi = record.get(f"__mv_{name}") or ""
                    row[name] = _multivalue(multi) if multi else (value or "")
                yield row
    except (OSError, EOFError, csv.Error) as exc:
        raise AlertError(f"the results file is not a gzipped CSV ({exc.__class__.__name__})") from None


def result_event(row: Mapping[str, Any], search: Mapping[str, str]) -> dict[str, Any]:
    """The indexed form of a triaged row: its fields (not the bundle), the search, when, and where the row
    came from (routing.origin: its index, `_cd` and indexer, or its notable's event_id)."""
    event: dict[str, Any] = {
        "time": _epoch(row.get("_time")) or round(time.time(), 6),
        "search_name": search.get("search_name", ""),
        "sid": search.get("sid", ""),
        **origin_of(row),
    }
    for name, value in row.items():
        if name == "triage_bundle" or name.startswith("_") or name in ORIGIN_FIELDS:
            continue
        event[name] = value
    return event


def _multivalue(encoded: str) -> list[str]:
    """Splunk's `$a$;$b$` multivalue encoding (`$$` is a literal `$`)."""
    values, current, inside, index = [], "", False, 0
    while index < len(encoded):
        char = encoded[index]
        if char == "$":
            if inside and encoded[index + 1 : index + 2] == "$":
                current += "$"
                index += 2
                continue
            if inside:
                values.append(current)
                current = ""
            inside = not inside
        elif inside:
            current += char
        index += 1
    return values


def _epoch(value: Any) -> Optional[float]:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _positive_int(text: str) -> Optional[int]:
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value > 0 else None


def _seconds(text: str, default: float, upper: float = 600.0) -> float:
    try:
        value = float(text)
    except ValueError:
        return default
    return value if 0 <= value <= upper else default


def run() -> int:
    """The entry point's call."""
    return main(sys.argv, sys.stdin, sys.stderr)
