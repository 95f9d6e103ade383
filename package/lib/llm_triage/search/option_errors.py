"""Option errors that name the fix: an unknown option gets the nearest valid one, a bad value the valid ones.

splunklib stops a search with `Unrecognized option: max_row=5` or `Illegal value: profile=emial`, and keeps
what its validator said to itself. `explain` rewrites those two messages from the command's own options:
which option was probably meant, which values an option takes (a set's members, true or false), or what the
validator objected to (an integer's range). Any other message passes through unchanged.
"""

import difflib
import re
from collections.abc import Mapping
from typing import Any, Optional

UNRECOGNIZED = re.compile(r"Unrecognized option: (?P<name>[^=]*)=(?P<value>.*)", re.DOTALL)
ILLEGAL = re.compile(r"Illegal value: (?P<name>[^=]*)=(?P<value>.*)", re.DOTALL)
# splunklib's own options on every command; valid, but not what an analyst of this app is looking for.
SPLUNKLIB_OPTIONS = frozenset({"logging_configuration", "logging_level", "record", "show_configuration"})
BOOLEAN_VALUES = ("true", "false")
SHOWN_VALUE_CHARS = 60  # what the analyst typed, cut where it would bury the advice


def explain(message: str, validators: Mapping[str, Optional[Any]]) -> str:
    """`message` with the fix named, when it is splunklib's unknown-option or bad-value error; `validators`
    maps each option of the command to its validator (None: any value)."""
    unknown = UNRECOGNIZED.fullmatch(message)
    if unknown is not None:
        return _unknown(unknown.group("name"), unknown.group("value"), validators)
    illegal = ILLEGAL.fullmatch(message)
    if illegal is not None and illegal.group("name") in validators:
        return _illegal(illegal.group("name"), illegal.group("value"), validators[illegal.group("name")])
    return message


def choices_of(validator: Optional[Any]) -> Optional[list[str]]:
    """The values a validator accepts when they are few (a set's members, a boolean's), else None."""
    members = getattr(validator, "membership", None)
    if members is not None:
        return sorted(str(member) for member in members)
    if type(validator).__name__ == "Boolean":
        return list(BOOLEAN_VALUES)
    return None


def _unknown(name: str, value: str, validators: Mapping[str, Optional[Any]]) -> str:
    ours = sorted(option for option in validators if option not in SPLUNKLIB_OPTIONS)
    nearest = difflib.get_close_matches(name.lower(), ours, n=1, cutoff=0.6)
    advice = f" Did you mean {nearest[0]}={_shown(value)}?" if nearest else ""
    return f"Unrecognized option: {name}={_shown(value)}.{advice} Options: {', '.join(ours)}"


def _illegal(name: str, value: str, validator: Optional[Any]) -> str:
    head = f"Illegal value: {name}={_shown(value)}."
    choices = choices_of(validator)
    if choices is not None:
        nearest = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
        advice = f" Did you mean {name}={nearest[0]}?" if nearest else ""
        return f"{head}{advice} Valid values: {', '.join(choices)}"
    try:
        validator(value) if validator is not None else None
    except ValueError as exc:  # what the validator objected to (a range, a pattern): the fix in its words
        return f"{head} {exc}"
    return head


def _shown(value: str) -> str:
    return value if len(value) <= SHOWN_VALUE_CHARS else value[:SHOWN_VALUE_CHARS] + "..."
