"""A memory of work done, bounded by emptying it when it is full.

What a search's rows repeat (field values, field names, words, user agents) is worked out once and kept.
Rows an attacker fills with values never seen before must not grow the memory without end, so it holds at
most `limit` entries and empties itself when a new one finds it full. That is a bound, not an eviction
policy: the rows that follow fill it again with what they repeat, a hit stays one dict look-up, and an
LRU's bookkeeping on every hit cost more than the work saved on the cheapest of these. What a memory keeps
per entry, and which keys are too long to keep, stays with the code that fills it.
"""

from typing import TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


class BoundedMemory(dict[Key, Value]):
    """A dict read as any dict (`get`, `in`, `[]`: a hit costs a look-up) and filled through `keep`."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"a bounded memory holds at least one entry, not {limit}")
        super().__init__()
        self.limit = limit

    def keep(self, key: Key, value: Value) -> Value:
        """Remember `value` for `key`, first emptying the memory if it holds `limit` entries; `value`, so a
        caller can keep and return in one step."""
        if key not in self and len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
