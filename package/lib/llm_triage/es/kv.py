"""Events as Splunk's `key="value"` text, the form ES's risk index (sourcetype stash) and the common action
model's result logs are read in: search-time extraction finds every pair, a repeated key is multivalue.

A value can never open or close a pair: double quotes and backslashes become single quotes and slashes, and
line breaks a space, so a rationale holding `", risk_score="100` stays inside its own value.
"""

from collections.abc import Iterable

from llm_triage.es.rows import one_line

MAX_VALUE = 2000


def kv_line(pairs: Iterable[tuple[str, object]]) -> str:
    """One event: `key="value"` pairs separated by `, `, in the order given (keys are the caller's own)."""
    return ", ".join(f'{key}="{kv_value(value)}"' for key, value in pairs)


def kv_value(value: object) -> str:
    """A value safe inside double quotes."""
    text = one_line(str(value), MAX_VALUE)
    return text.replace("\\", "/").replace('"', "'")
