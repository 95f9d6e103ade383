"""Rows through a pipeline of the app's search commands, each driven over SCP v2 as splunkd drives it.

For every stage splunkd sends `getinfo` (the search's metadata and the command's arguments) and reads the
command's configuration; then it sends the rows in `execute` chunks, `finished: true` on the last, and
reads one reply per chunk. A stage's replies are the next stage's input. Memory stays bounded whatever the
row count: each stage holds at most the chunk it is sending and the reply it is passing on.

While a command works on one chunk the harness already prepares the next one and hands the previous
reply downstream, so every process in the pipeline keeps busy; each command still sees splunkd's strict
one-chunk, one-reply exchange.
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from tools.harness.chunked import ChunkProtocolError, Row, RowLike, decode_rows, encode_rows
from tools.harness.command_process import CommandFailed, CommandProcess, StderrSink, command_argv
from tools.harness.redaction import Redactor
from tools.harness.spl import CommandCall, parse_pipeline
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn

DEFAULT_CHUNK_ROWS = 6000
"""Rows per execute chunk. splunkd sizes chunks itself; in the 8.0.3 capture full chunks carry 5,861 to
6,638 rows (plus a few short ones), so 6,000 is what a real search typically sends."""
SPLUNK_VERSION = "9.2.1"
MAX_RESULT_ROWS = 50000
FATAL_LEVELS = frozenset({"FATAL"})
GETINFO_FATAL_LEVELS = frozenset({"ERROR", "FATAL"})
# Variables that would let a command see the developer's environment instead of what splunkd gives it.
_HIDDEN_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE")

MessageSink = Callable[[str, str, str], None]
"""Receives (command name, level, text) for each message a command reports (DEBUG ... FATAL)."""

InputChunk = tuple[Sequence[RowLike], bool]
"""Rows of one chunk going into a command, and whether it is the last one."""
ResultChunk = tuple[list[Row], bool]
"""Rows of one reply coming out of a command, and whether it is the last one."""


def print_message(command: str, level: str, text: str) -> None:
    """Default MessageSink: `llmtriage: WARN: text` on stderr."""
    print(f"{command}: {level}: {text}", file=sys.stderr, flush=True)


def print_stderr_line(command: str, line: str) -> None:
    """Default StderrSink: `[llmtriage] line` on stderr."""
    print(f"[{command}] {line}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Stage:
    """One command of the pipeline and the script that implements it."""

    call: CommandCall
    script: Path


def stages_for(app: SplunkApp, spl: str) -> list[Stage]:
    """Resolve each command of `spl` through the app's commands.conf (AppError or SplError if impossible)."""
    return [Stage(call, app.command_script(call.name)) for call in parse_pipeline(spl)]


@dataclass(frozen=True)
class SearchContext:
    """What splunkd tells every command of one search in getinfo's `searchinfo`."""

    splunkd_uri: str
    session_key: str
    dispatch_dir: Path
    sid: str
    search: str
    app: str = "llm_triage"
    owner: str = "admin"
    username: str = "admin"

    def getinfo(self, call: CommandCall) -> dict[str, Any]:
        """The getinfo metadata for one command, key for key what splunkd 8.x/9.x sends."""
        return {
            "preview": False,
            "action": "getinfo",
            "streaming_command_will_restart": False,
            "searchinfo": {
                "username": self.username,
                "latest_time": "0",
                "raw_args": list(call.raw_args),
                "search": self.search,
                "session_key": self.session_key,
                "command": call.name,
                "dispatch_dir": str(self.dispatch_dir),
                "sid": self.sid,
                "splunk_version": SPLUNK_VERSION,
                "maxresultrows": MAX_RESULT_ROWS,
                "app": self.app,
                "earliest_time": "0",
                "splunkd_uri": self.splunkd_uri,
                "args": list(call.args),
                "owner": self.owner,
            },
        }


def command_environment(hidden: Collection[str] = (), base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a command starts with: ours, minus Python path overrides and the `hidden` variables
    (those holding secrets: a command must read secrets from splunkd, as it would in Splunk)."""
    environment = dict(os.environ if base is None else base)
    for name in (*_HIDDEN_VARIABLES, *hidden):
        environment.pop(name, None)
    # Running a built app must not leave __pycache__ in output/ for the package and AppInspect to find.
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    return environment


def run_pipeline(
    rows: Iterable[RowLike],
    stages: Sequence[Stage],
    context: SearchContext,
    python: str = sys.executable,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    on_message: MessageSink = print_message,
    on_stderr: StderrSink = print_stderr_line,
    redactor: Redactor | None = None,
    env: Mapping[str, str] | None = None,
    reply_timeout: float | None = None,
) -> Iterator[Row]:
    """Stream `rows` through `stages` and yield the last stage's rows, in order.

    Raises CommandFailed (after yielding whatever came back first) when a command dies, breaks the
    protocol, reports a FATAL message, reports an error during getinfo, or exits with a non-zero status.
    """
    if chunk_rows < 1:
        raise ValueError("chunk_rows must be at least 1")
    if not stages:
        raise ValueError("a pipeline needs at least one command")
    redactor = redactor or Redactor([context.session_key])
    environment = dict(command_environment() if env is None else env)
    processes: list[CommandProcess] = []
    try:
        flow: Iterator[InputChunk] = _input_chunks(rows, chunk_rows)
        results: Iterator[ResultChunk] = iter(())
        for stage in stages:
            process = CommandProcess(
                stage.call.name,
                command_argv(python, stage.script),
                cwd=context.dispatch_dir,
                env=environment,
                on_stderr=on_stderr,
                redactor=redactor,
                reply_timeout=reply_timeout,
            )
            processes.append(process)
            process.start()
            driver = _StageDriver(process, on_message, redactor)
            driver.getinfo(context.getinfo(stage.call))
            results = driver.results(flow)
            flow = results
        for result_rows, _last in results:
            yield from result_rows
        for process in processes:
            status = process.close()
            if status != 0:
                raise CommandFailed(f"command {process.name!r} exited with status {status}")
    finally:
        for process in processes:
            process.kill()


def run_search(
    rows: Iterable[RowLike],
    spl: str,
    app: SplunkApp,
    standin: SplunkdStandIn,
    python: str = sys.executable,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    on_message: MessageSink = print_message,
    on_stderr: StderrSink = print_stderr_line,
    redactor: Redactor | None = None,
    hidden_variables: Collection[str] = (),
    reply_timeout: float | None = None,
    username: str = "admin",
    session_key: str | None = None,
) -> Iterator[Row]:
    """`run_pipeline` for an SPL string against an app, with a fresh dispatch directory (removed after).

    `standin` must be running; its URI and a session key go to every command: the search runs as
    `username` with `session_key` (one of `standin.add_user`), by default as admin with the stand-in's key.
    """
    stages = stages_for(app, spl)
    redactor = redactor or Redactor()
    session_key = session_key or standin.session_key
    redactor.add(standin.session_key)
    redactor.add(session_key)
    for secret in standin.content.secret_values():
        redactor.add(secret)
    with tempfile.TemporaryDirectory(prefix="tools-search-") as root:
        sid = f"{time.time():.3f}"
        dispatch_dir = Path(root) / "dispatch" / sid
        dispatch_dir.mkdir(parents=True)
        context = SearchContext(
            splunkd_uri=standin.uri,
            session_key=session_key,
            dispatch_dir=dispatch_dir,
            sid=sid,
            search=spl.strip().lstrip("|").strip(),
            app=app.name,
            owner=username,
            username=username,
        )
        yield from run_pipeline(
            rows,
            stages,
            context,
            python=python,
            chunk_rows=chunk_rows,
            on_message=on_message,
            on_stderr=on_stderr,
            redactor=redactor,
            env=command_environment(hidden_variables),
            reply_timeout=reply_timeout,
        )


def _input_chunks(rows: Iterable[RowLike], chunk_rows: int) -> Iterator[InputChunk]:
    """Rows in chunks of `chunk_rows`, the last flagged (one empty last chunk when there are no rows)."""
    iterator = iter(rows)
    current = list(itertools.islice(iterator, chunk_rows))
    while True:
        following = list(itertools.islice(iterator, chunk_rows)) if len(current) == chunk_rows else []
        if not following:
            yield current, True
            return
        yield current, False
        current = following


class _StageDriver:
    """The splunkd side of the conversation with one command."""

    def __init__(self, process: CommandProcess, on_message: MessageSink, redactor: Redactor) -> None:
        self._process = process
        self._on_message = on_message
        self._redactor = redactor

    def getinfo(self, metadata: Mapping[str, Any]) -> None:
        """Send getinfo and check the command's configuration; CommandFailed if it reported an error."""
        reply = self._process.exchange(metadata)
        levels = self._report(reply.metadata)
        if levels & GETINFO_FATAL_LEVELS or "error" in reply.metadata:
            raise self._process.failure("reported an error during getinfo")
        if reply.metadata.get("generating"):
            raise self._process.failure("is a generating command; tools/search feeds every command rows from a file")

    def results(self, upstream: Iterator[InputChunk]) -> Iterator[ResultChunk]:
        """Feed upstream chunks to the command and yield its replies, one per chunk, the last flagged."""
        in_flight = False
        for rows, last in upstream:
            if not rows and not last:
                continue
            body = encode_rows(rows)
            if in_flight:
                reply_rows, finished = self._reply()
                if finished:
                    # The command is done before its input is: splunkd stops feeding it, and so do we.
                    _close(upstream)
                    yield reply_rows, True
                    return
                self._send(body, last)
                yield reply_rows, False
            else:
                self._send(body, last)
            in_flight = True
        if in_flight:
            reply_rows, _finished = self._reply()
            yield reply_rows, True

    def _send(self, body: bytes, last: bool) -> None:
        self._process.send({"action": "execute", "finished": last}, body)

    def _reply(self) -> tuple[list[Row], bool]:
        reply = self._process.receive()
        levels = self._report(reply.metadata)
        if levels & FATAL_LEVELS or "error" in reply.metadata:
            raise self._process.failure("reported a fatal error")
        try:
            rows = decode_rows(reply.body)
        except ChunkProtocolError as error:
            raise CommandFailed(f"command {self._process.name!r} sent a bad reply: {error}") from None
        return rows, bool(reply.metadata.get("finished", False))

    def _report(self, metadata: Mapping[str, Any]) -> set[str]:
        """Pass the reply's inspector messages (and any `error`) on; return the levels seen."""
        levels = set()
        inspector = metadata.get("inspector") or {}
        messages = inspector.get("messages", []) if isinstance(inspector, dict) else []
        for message in messages:
            if isinstance(message, (list, tuple)) and len(message) == 2:
                level, text = str(message[0]).upper(), str(message[1])
            else:
                level, text = "INFO", str(message)
            levels.add(level)
            self._on_message(self._process.name, level, self._redactor.text(text, source="messages"))
        if "error" in metadata:
            levels.add("ERROR")
            error = self._redactor.text(str(metadata["error"]), source="messages")
            self._on_message(self._process.name, "ERROR", error)
        return levels


def _close(iterator: Iterator[Any]) -> None:
    close = getattr(iterator, "close", None)
    if close is not None:
        close()
