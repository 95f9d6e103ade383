"""Canonical JSON: the same evidence always gives the same bytes, and so the same hash."""

import hashlib
import json
import re
from typing import Any, Union

# Made once: json.dumps with options builds a new encoder on every call.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)

# Control tokens some chat templates spell without angle brackets, so escaping `<` leaves them whole: Mistral's
# (mistral-common's SpecialTokens: `[INST]`, `[SYSTEM_PROMPT]`...), EXAONE's (`[|system|]`, `[|endofturn|]`),
# GLM's `[gMASK]` and MiniMax's (`]~!b[`, `]~b]`, `[e~[`). Their first bracket is escaped (`\u005b`,
# `\u005d`): a structural `[` is never followed by a capital, `|`, `e~[` or `gMASK]`, nor a structural `]`
# by `~`, so only a bracket inside a string is ever escaped.
_BRACKET_CONTROL_TOKEN = re.compile(
    r"\[(?=/?(?:INST|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_RESULTS|TOOL_CALLS|TOOL_CONTENT|ARGS|CALL_ID|THINK"
    r"|PREFIX|MIDDLE|SUFFIX|IMG|IMG_BREAK|IMG_END)\]|\||e~\[|gMASK\])|\](?=~)"
)


def canonical_json(value: Any) -> str:
    """Sorted keys, no insignificant white space, UTF-8 text kept as is, no raw `<`, `>` or `&`, and no
    chat-template control token whole (defused_json)."""
    # Escaping these keeps `<evidence>`-style delimiters unforgeable from inside a value. (str.replace,
    # not str.translate: a replace that finds nothing costs almost nothing, a translate walks every char.)
    return defused_json(_ENCODER.encode(value).replace(">", "\\u003e").replace("&", "\\u0026"))


def defused_json(text: str) -> str:
    """JSON `text`, the same JSON, with no `<` and no chat-template control token whole: what a model may
    be shown. A self-hosted server parses control tokens in a message's text as its own (llama.cpp does),
    so a log field that held ChatML's, Llama 3's, Gemma's, DeepSeek's, `<s>`, Mistral's `[INST]` or EXAONE's
    `[|system|]` could otherwise open a turn of the conversation; escaping `<` splits every one written with
    angle brackets, and the bracketed ones are listed above."""
    return _BRACKET_CONTROL_TOKEN.sub(_escaped_bracket, text.replace("<", "\\u003c"))


def _escaped_bracket(match: "re.Match[str]") -> str:
    return "\\u005b" if match.group() == "[" else "\\u005d"


def strict_json_loads(text: Union[str, bytes]) -> Any:
    """Parse JSON as JSON defines it: Python's parser also accepts NaN and Infinity, which this refuses
    (ValueError, like any other malformed JSON), and nesting deep enough to exhaust the stack is a
    ValueError too, not a RecursionError that would escape a caller's handling of bad input."""
    try:
        return json.loads(text, parse_constant=_refuse_non_finite)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _refuse_non_finite(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def content_hash(text: str) -> str:
    """SHA-256 of the text's UTF-8 bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
