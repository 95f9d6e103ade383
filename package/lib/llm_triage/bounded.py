"""A memory of work done, bounded by emptying it when it is full.

What a search's rows repeat (field values, field names, words, user agents) is worked out once and kept in a
plain dict. Rows an attacker fills with values never seen before must not grow it without end, so it holds at
most a limit of entries and is emptied when a new one finds it full. That is a bound, not an eviction policy:
the rows that follow fill it again with what they repeat, and a hit stays one look-up in a plain dict (a dict
subclass, or an LRU's bookkeeping, cost more on every hit than the work saved on the cheapest of these). What a
memory keeps per entry, and which keys are too long to keep, stays with the code that fills it.
"""

from typing import TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


def remember(memory: "dict[Key, Value]", key: Key, value: Value, limit: int) -> Value:
    """Keep `value` for `key` in `memory`, first emptying it if it holds `limit` entries; `value`, so a caller
    can keep and return in one step."""
    if key not in memory and len(memory) >= limit:
        memory.clear()
    memory[key] = value
    return value
