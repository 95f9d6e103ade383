"""One external search command process, spoken to over SCP v2 as splunkd does.

splunkd starts the script with no arguments (an argument would make splunklib fall back to protocol v1),
then sends a chunk and waits for the command's one reply, chunk after chunk. A reader thread drains the
command's stdout into a queue and another drains its stderr, so the command never blocks on a full pipe
however the writes and reads interleave.
"""

from __future__ import annotations

import collections
import os
import queue
import subprocess
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Callable

from tools.harness.chunked import Chunk, ChunkProtocolError, iter_chunks, write_chunk
from tools.harness.redaction import Redactor

StderrSink = Callable[[str, str], None]
"""Receives (command name, one line the command wrote to stderr)."""

_STDERR_TAIL_LINES = 20
_EXIT_GRACE_SECONDS = 10.0


def command_argv(python: str, script: Path) -> list[str]:
    """How splunkd starts a command: interpreter and script, no arguments.

    Paths become absolute because the command runs in the dispatch directory; symlinks are kept, since a
    virtual environment's python is one.
    """
    interpreter = os.path.abspath(python) if os.sep in python else python
    return [interpreter, str(script.absolute())]


class CommandFailed(Exception):
    """A command died, broke the protocol, timed out or reported a fatal error."""


class _EndOfOutput:
    """Queued by the reader thread when the command closes its stdout."""


class CommandProcess:
    """A running command: `send` chunks, `receive` its replies, `close` when done."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        cwd: Path,
        env: Mapping[str, str],
        on_stderr: StderrSink,
        redactor: Redactor,
        reply_timeout: float | None = None,
    ) -> None:
        self.name = name
        self._argv = list(argv)
        self._cwd = cwd
        self._env = dict(env)
        self._on_stderr = on_stderr
        self._redactor = redactor
        self._reply_timeout = reply_timeout
        self._replies: queue.Queue[Chunk | _EndOfOutput | BaseException] = queue.Queue()
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=_STDERR_TAIL_LINES)
        self._process: subprocess.Popen[bytes] | None = None
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start the script and its stdout and stderr reader threads."""
        try:
            self._process = subprocess.Popen(
                self._argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=str(self._cwd),
                env=self._env,
            )
        except OSError as error:
            raise CommandFailed(f"cannot start command {self.name!r}: {error.strerror}") from None
        self._threads = [
            threading.Thread(target=self._read_replies, name=f"{self.name}-stdout", daemon=True),
            threading.Thread(target=self._read_stderr, name=f"{self.name}-stderr", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def send(self, metadata: Mapping[str, Any], body: bytes = b"") -> None:
        """Write one chunk. A command that has died is reported by the next `receive`, not here."""
        stdin = self._running().stdin
        assert stdin is not None
        try:
            write_chunk(stdin, metadata, body)
        except (BrokenPipeError, ValueError):
            # ValueError: stdin already closed. Either way the command is gone; receive() says how.
            pass

    def receive(self) -> Chunk:
        """The command's next reply; CommandFailed if it ends, breaks the protocol or times out first."""
        try:
            item = self._replies.get(timeout=self._reply_timeout)
        except queue.Empty:
            raise CommandFailed(f"command {self.name!r} did not answer within {self._reply_timeout} s") from None
        if isinstance(item, Chunk):
            return Chunk(item.metadata, self._redactor.data(item.body, source="output rows"))
        if isinstance(item, ChunkProtocolError):
            raise CommandFailed(self._redactor.text(f"command {self.name!r} broke the protocol: {item}"))
        if isinstance(item, BaseException):
            raise CommandFailed(f"reading from command {self.name!r} failed: {type(item).__name__}")
        raise CommandFailed(self._ended_message("ended without answering"))

    def exchange(self, metadata: Mapping[str, Any], body: bytes = b"") -> Chunk:
        """Send one chunk and return the reply."""
        self.send(metadata, body)
        return self.receive()

    def close(self) -> int:
        """Close the command's stdin (its end of input), wait for it to exit and return the exit status."""
        process = self._running()
        self._close_stdin()
        try:
            status = process.wait(timeout=_EXIT_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            status = process.wait()
        self._join_threads(timeout=_EXIT_GRACE_SECONDS)
        return status

    def kill(self) -> None:
        """Stop the command now if it still runs (cleanup after an error)."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout, self._process.stderr):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
        self._join_threads(timeout=_EXIT_GRACE_SECONDS)

    def failure(self, reason: str) -> CommandFailed:
        """A CommandFailed for this command with its exit status and last stderr lines (secrets masked)."""
        return CommandFailed(self._ended_message(reason))

    def _ended_message(self, reason: str) -> str:
        process = self._running()
        # End of input tells a command that is still running (after a FATAL message, say) to stop.
        self._close_stdin()
        try:
            status: int | None = process.wait(timeout=_EXIT_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            status = None
        self._join_threads(timeout=1.0)
        message = f"command {self.name!r} {reason}"
        if status is not None:
            message += f" (exit status {status})"
        if self._stderr_tail:
            message += "; its last stderr lines:\n  " + "\n  ".join(self._stderr_tail)
        return self._redactor.text(message)

    def _close_stdin(self) -> None:
        stdin = self._running().stdin
        if stdin is not None and not stdin.closed:
            try:
                stdin.close()
            except BrokenPipeError:
                pass  # the command is gone; closing still released our end

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            raise RuntimeError(f"command {self.name!r} was not started")
        return self._process

    def _read_replies(self) -> None:
        stdout = self._running().stdout
        assert stdout is not None
        try:
            for chunk in iter_chunks(stdout):
                self._replies.put(chunk)
            self._replies.put(_EndOfOutput())
        except BaseException as error:  # handed to the main thread, which decides
            self._replies.put(error)

    def _read_stderr(self) -> None:
        stderr: IO[bytes] | None = self._running().stderr
        assert stderr is not None
        try:
            for raw in stderr:
                line = self._redactor.text(raw.decode("utf-8", errors="replace").rstrip("\r\n"), source="stderr")
                self._stderr_tail.append(line)
                self._on_stderr(self.name, line)
        except (OSError, ValueError):
            pass  # the stream was closed under us by kill()

    def _join_threads(self, timeout: float | None = None) -> None:
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout)
