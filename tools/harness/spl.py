"""An SPL pipeline of custom commands, split into stages and arguments as splunkd hands them over.

splunkd gives each command two lists: `raw_args`, every argument as typed (quotes kept), and `args`, the
same with the quotes removed and `\\"` and `\\\\` unescaped inside them. The 6.3 capture shows it: the
typed `pattern="\\w+"` arrives as raw_args `pattern="\\w+"` and args `pattern=\\w+`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMAND_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class SplError(ValueError):
    """The pipeline text cannot be split (unbalanced quote, empty stage, bad command name)."""


@dataclass(frozen=True)
class CommandCall:
    """One stage of a pipeline: `llmtriage dryrun=true fields="user src"`."""

    name: str
    args: tuple[str, ...]
    raw_args: tuple[str, ...]
    text: str


def parse_pipeline(spl: str) -> list[CommandCall]:
    """The stages of `spl` (a leading `|` is allowed), each with its args and raw_args."""
    stages = _split_stages(spl.strip())
    calls = []
    for text in stages:
        tokens = _tokens(text)
        if not tokens:
            raise SplError(f"empty command in pipeline: {spl!r}")
        (name, raw_name), *arguments = tokens
        if raw_name != name or not _COMMAND_NAME.match(name):
            raise SplError(f"not a command name: {raw_name!r}")
        calls.append(
            CommandCall(
                name=name,
                args=tuple(cooked for cooked, _raw in arguments),
                raw_args=tuple(raw for _cooked, raw in arguments),
                text=text.strip(),
            )
        )
    return calls


def _split_stages(spl: str) -> list[str]:
    if spl.startswith("|"):
        spl = spl[1:]
    stages = []
    start = 0
    in_quotes = False
    index = 0
    while index < len(spl):
        char = spl[index]
        if in_quotes and char == "\\":
            index += 2
            continue
        if char == '"':
            in_quotes = not in_quotes
        elif char == "|" and not in_quotes:
            stages.append(spl[start:index])
            start = index + 1
        index += 1
    if in_quotes:
        raise SplError(f"unbalanced double quote in {spl!r}")
    stages.append(spl[start:])
    return stages


def _tokens(text: str) -> list[tuple[str, str]]:
    """(cooked, raw) for each whitespace-separated token; whitespace inside quotes does not separate."""
    tokens = []
    cooked: list[str] = []
    raw: list[str] = []
    in_quotes = False
    index = 0
    while index < len(text):
        char = text[index]
        if in_quotes and char == "\\" and index + 1 < len(text) and text[index + 1] in '"\\':
            raw.append(text[index : index + 2])
            cooked.append(text[index + 1])
            index += 2
            continue
        if char == '"':
            in_quotes = not in_quotes
            raw.append(char)
        elif char.isspace() and not in_quotes:
            if raw:
                tokens.append(("".join(cooked), "".join(raw)))
                cooked, raw = [], []
        else:
            raw.append(char)
            cooked.append(char)
        index += 1
    if raw:
        tokens.append(("".join(cooked), "".join(raw)))
    return tokens
