"""The bounded memory (llm_triage/bounded.py): it never holds more than its limit, and is emptied only when a
new key finds it full."""

from llm_triage.bounded import remember


def test_it_keeps_and_returns_what_it_is_given():
    memory: dict[str, int] = {}
    assert remember(memory, "a", 1, 3) == 1
    assert memory == {"a": 1}


def test_a_new_key_that_finds_it_full_empties_it_first():
    memory: dict[str, int] = {}
    for number, key in enumerate("abc"):
        remember(memory, key, number, 3)
    remember(memory, "d", 3, 3)
    assert memory == {"d": 3}


def test_a_key_it_holds_is_replaced_without_emptying_it():
    memory: dict[str, int] = {}
    remember(memory, "a", 1, 2)
    remember(memory, "b", 2, 2)
    remember(memory, "b", 20, 2)
    assert memory == {"a": 1, "b": 20}


def test_it_never_holds_more_than_its_limit():
    memory: dict[int, int] = {}
    for key in range(10_000):
        remember(memory, key, key, 100)
        assert len(memory) <= 100
    assert len(memory) == 100  # the last emptying was at 9,900
