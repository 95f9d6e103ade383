"""What an SPL text is made of, as far as deciding whether it is safe to run: the command of every pipeline
stage (subsearches included), the macros it calls, its `$kind$` tokens and its string literals.

This is not Splunk's parser; it is made to err on the side of seeing more commands than Splunk would, never
fewer. Double quotes delimit strings (a backslash escapes the next character inside them); outside them a
`|` separates stages, `[` and `]` open and close a subsearch, backticks enclose a macro, and `$name$` is a
token. Single quotes are not taken as quoting (in `eval` they name fields): a `|` inside them splits,
which only ever finds more stages. A backslash outside a string is refused, since how Splunk would read it
depends on the command.
"""

import re
from dataclasses import dataclass, field

# A stage's first word is its command when it is a bare name. At the start of a search or a subsearch
# anything else begins an implicit search (`index=risk user=x`); after a `|` it is refused.
_COMMAND = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NONE, _START, _AFTER_PIPE = 0, 1, 2  # what the next word is: an argument, a command or search term, a command
_TOKEN = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)\$")
IMPLICIT_SEARCH = "search"


@dataclass
class SplScan:
    """The parts of an SPL text; `problem` says why it could not be read (then the rest is partial)."""

    commands: list[str] = field(default_factory=list)  # lower-cased, in order, subsearches where they open
    macros: list[str] = field(default_factory=list)  # the text between each pair of backticks
    tokens: list[str] = field(default_factory=list)  # `$kind$` outside strings, by kind
    quoted_tokens: list[str] = field(default_factory=list)  # `$kind$` written inside a string literal
    strings: list[str] = field(default_factory=list)  # each string literal as written, quotes removed
    problem: str = ""


def scan_spl(spl: str) -> SplScan:
    """Split `spl` into stages outside quotes and brackets, recursing into `[ ... ]`, and collect its parts."""
    scan = SplScan()
    expecting = [_START]  # per open pipeline (the search, then each subsearch): what its next word is
    index = 0
    while index < len(spl) and not scan.problem:
        char = spl[index]
        if char.isspace():
            index += 1
        elif char in '"$' and expecting[-1] == _AFTER_PIPE:
            scan.problem = "a quoted string or a $token$ stands where a command name goes"
        elif char == '"':
            index = _read_string(spl, index, scan)
            _search_term(scan, expecting)
        elif char == "|":
            expecting[-1] = _AFTER_PIPE
            index += 1
        elif char == "[":
            _search_term(scan, expecting)
            expecting.append(_START)
            index += 1
        elif char == "]":
            if len(expecting) == 1:
                scan.problem = "a ']' closes no subsearch"
            else:
                expecting.pop()
                index += 1
        elif char == "`":
            end = spl.find("`", index + 1)
            if end < 0:
                scan.problem = "a backtick opens a macro that is never closed"
                break
            scan.macros.append(spl[index + 1 : end])
            expecting[-1] = _NONE  # the macro stands for the command (macros are allowed by name only)
            index = end + 1
        elif char == "\\":
            scan.problem = "a backslash outside a quoted string"
        elif char == "$":
            match = _TOKEN.match(spl, index)
            if not match:
                scan.problem = "a '$' that is not part of a $kind$ token (write a literal $ inside quotes)"
                break
            scan.tokens.append(match.group(1))
            _search_term(scan, expecting)
            index = match.end()
        else:
            index = _read_word(spl, index, scan, expecting)
    if not scan.problem and len(expecting) > 1:
        scan.problem = "a '[' opens a subsearch that is never closed"
    return scan


def _read_string(spl: str, start: int, scan: SplScan) -> int:
    """Read the literal opening at `start`; the index after its closing quote."""
    index = start + 1
    while index < len(spl):
        if spl[index] == "\\":
            index += 2
            continue
        if spl[index] == '"':
            text = spl[start + 1 : index]
            scan.strings.append(text)
            scan.quoted_tokens.extend(_TOKEN.findall(text))
            return index + 1
        index += 1
    scan.problem = "a double quote opens a string that is never closed"
    return len(spl)


def _read_word(spl: str, start: int, scan: SplScan, expecting: list[int]) -> int:
    """Read up to the next character that means something on its own; note it if it is a command."""
    index = start
    while index < len(spl) and not spl[index].isspace() and spl[index] not in '"|[]`$\\':
        index += 1
    word = spl[start:index]
    if expecting[-1] != _NONE and _COMMAND.fullmatch(word):
        scan.commands.append(word.lower())
    elif expecting[-1] == _AFTER_PIPE:
        scan.problem = f"{word!r} stands where a command name goes"
    else:
        _search_term(scan, expecting)
    expecting[-1] = _NONE
    return index


def _search_term(scan: SplScan, expecting: list[int]) -> None:
    """Something other than a command name: at the start of a pipeline, it begins an implicit search."""
    if expecting[-1] == _START:
        scan.commands.append(IMPLICIT_SEARCH)
    expecting[-1] = _NONE


def quote_literal(value: str) -> str:
    """`value` as one SPL double-quoted string literal: backslashes and double quotes escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
