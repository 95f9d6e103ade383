"""Replaying a recorded splunkd conversation (a capture from ../shared/splunk-protocol) into a command.

The capture's getinfo is sent with the command's own arguments and a real dispatch directory (and, when
given, the stand-in's URI and session key); its execute chunks follow with their bodies byte for byte as
splunkd sent them, one reply read after each, until the command says it has finished.
"""

from __future__ import annotations

import copy
import gzip
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.harness.chunked import Chunk, Row, decode_rows, iter_chunks
from tools.harness.command_process import CommandProcess, command_argv
from tools.harness.pipeline import command_environment
from tools.harness.redaction import Redactor

MULTIBYTE_CAPTURE = "splunk-8.0.3-multibyte_input.gz"
"""Splunk 8.0.3 feeding a streaming command: getinfo, then 9 execute chunks of multibyte rows."""
COUNTMATCHES_INPUT = "splunk-6.3-countmatches.input.gz"
"""Splunk 6.3 feeding `countmatches fieldname=word_count pattern="\\w+" text` 500 tweets."""
COUNTMATCHES_OUTPUT = "splunk-6.3-countmatches.output"
"""What that countmatches command (splunklib 1.x) answered."""


@dataclass
class ReplayResult:
    """What the command answered: its getinfo reply, one reply per execute chunk sent, its exit status."""

    getinfo_reply: Chunk
    replies: list[Chunk]
    status: int
    stderr: list[str] = field(default_factory=list)

    def rows(self) -> list[Row]:
        """Every row of every reply, in order."""
        return [row for reply in self.replies for row in decode_rows(reply.body)]

    def messages(self) -> list[tuple[str, str]]:
        """(level, text) of every inspector message, getinfo's first."""
        found = []
        for chunk in (self.getinfo_reply, *self.replies):
            inspector = chunk.metadata.get("inspector") or {}
            for level, text in inspector.get("messages", []):
                found.append((str(level), str(text)))
        return found


def read_capture(path: Path) -> list[Chunk]:
    """Every chunk of a capture file (gzip-compressed when it ends in .gz)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as stream:
        return list(iter_chunks(stream))


def replay_capture(
    capture: Path,
    script: Path,
    args: Sequence[str],
    dispatch_dir: Path,
    python: str = sys.executable,
    raw_args: Sequence[str] | None = None,
    command: str | None = None,
    splunkd_uri: str | None = None,
    session_key: str | None = None,
    env: Mapping[str, str] | None = None,
    reply_timeout: float | None = 120.0,
) -> ReplayResult:
    """Replay `capture` into `script` run with `python`; see the module docstring."""
    chunks = read_capture(capture)
    if not chunks or chunks[0].metadata.get("action") != "getinfo":
        raise ValueError(f"{capture} does not start with a getinfo chunk")
    getinfo = _getinfo(chunks[0].metadata, args, raw_args, dispatch_dir, command, splunkd_uri, session_key)
    stderr: list[str] = []
    process = CommandProcess(
        command or script.stem,
        command_argv(python, script),
        cwd=dispatch_dir,
        env=command_environment() if env is None else env,
        on_stderr=lambda _name, line: stderr.append(line),
        redactor=Redactor(),
        reply_timeout=reply_timeout,
    )
    process.start()
    try:
        getinfo_reply = process.exchange(getinfo)
        replies = []
        for chunk in chunks[1:]:
            if chunk.metadata.get("action") != "execute":
                raise ValueError(f"{capture}: expected execute chunks after getinfo, got {chunk.metadata!r}")
            reply = process.exchange(chunk.metadata, chunk.body)
            replies.append(reply)
            if reply.metadata.get("finished"):
                break
        status = process.close()
    finally:
        process.kill()
    return ReplayResult(getinfo_reply, replies, status, stderr)


def _getinfo(
    recorded: Mapping[str, Any],
    args: Sequence[str],
    raw_args: Sequence[str] | None,
    dispatch_dir: Path,
    command: str | None,
    splunkd_uri: str | None,
    session_key: str | None,
) -> dict[str, Any]:
    getinfo = copy.deepcopy(dict(recorded))
    searchinfo = getinfo.setdefault("searchinfo", {})
    searchinfo["args"] = list(args)
    searchinfo["raw_args"] = list(args if raw_args is None else raw_args)
    searchinfo["dispatch_dir"] = str(dispatch_dir)
    if command is not None:
        searchinfo["command"] = command
    if splunkd_uri is not None:
        searchinfo["splunkd_uri"] = splunkd_uri
    if session_key is not None:
        searchinfo["session_key"] = session_key
    return getinfo
