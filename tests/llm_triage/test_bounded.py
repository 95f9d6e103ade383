"""The bounded memory (llm_triage/bounded.py): it never holds more than its limit, empties itself only when a
new key finds it full, and is read as a dict."""

import pytest

from llm_triage.bounded import BoundedMemory


def test_it_keeps_and_returns_what_it_is_given():
    memory: BoundedMemory[str, int] = BoundedMemory(3)
    assert memory.keep("a", 1) == 1
    assert memory.get("a") == 1 and "a" in memory and memory["a"] == 1
    assert memory.get("b") is None


def test_a_new_key_that_finds_it_full_empties_it_first():
    memory: BoundedMemory[str, int] = BoundedMemory(3)
    for number, key in enumerate("abc"):
        memory.keep(key, number)
    memory.keep("d", 3)
    assert dict(memory) == {"d": 3}


def test_a_key_it_holds_is_replaced_without_emptying_it():
    memory: BoundedMemory[str, int] = BoundedMemory(2)
    memory.keep("a", 1)
    memory.keep("b", 2)
    memory.keep("b", 20)
    assert dict(memory) == {"a": 1, "b": 20}


def test_it_never_holds_more_than_its_limit():
    memory: BoundedMemory[int, int] = BoundedMemory(100)
    for key in range(10_000):
        memory.keep(key, key)
        assert len(memory) <= 100
    assert len(memory) == 100  # the last emptying was at 9,900


@pytest.mark.parametrize("limit", [0, -1])
def test_a_memory_holds_at_least_one_entry(limit):
    with pytest.raises(ValueError, match="at least one entry"):
        BoundedMemory(limit)
