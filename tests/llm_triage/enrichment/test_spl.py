"""llm_triage.enrichment.spl: the commands, macros, tokens and literals of an SPL text."""

from __future__ import annotations

import pytest

from llm_triage.enrichment.spl import quote_literal, scan_spl


@pytest.mark.parametrize(
    "spl,commands",
    [
        ("index=a | stats count", ["search", "stats"]),
        ("| tstats count | where count > 1", ["tstats", "where"]),
        ('search "a|b" | eval x="[c]" | table x', ["search", "eval", "table"]),
        ('search "a\\"|b" | head 1', ["search", "head"]),
        (
            "index=a [search b | head 1] | append [| inputlookup x]",
            ["search", "search", "head", "append", "inputlookup"],
        ),
        ("index=a [b=c]", ["search", "search"]),
        ("|STATS count|Sort - count", ["stats", "sort"]),
        ("`notable` | search user=x", ["search"]),
    ],
)
def test_commands_in_order_with_subsearches(spl: str, commands: list[str]) -> None:
    scan = scan_spl(spl)
    assert scan.problem == "" and scan.commands == commands


def test_a_single_quote_does_not_quote() -> None:
    # In eval it names a field; taking it as quoting could hide a stage, so a `|` inside one splits.
    assert scan_spl("eval x='a | delete y'").commands == ["eval", "delete"]
    assert "where a command name goes" in scan_spl("eval x='a|b'").problem


def test_tokens_macros_and_literals() -> None:
    scan = scan_spl('`notable` | search user=$user$ src="$src$" [search d=$dest$] | eval n="a\\\\b"')
    assert (scan.tokens, scan.quoted_tokens, scan.macros) == (["user", "dest"], ["src"], ["notable"])
    assert scan.strings == ["$src$", "a\\\\b"]


@pytest.mark.parametrize("value", ['a"b', "a\\b", 'a\\"b', "|", "] [", "$x$", "'", "\\"])
def test_a_quoted_value_is_one_literal(value: str) -> None:
    scan = scan_spl(f"index=a f={quote_literal(value)} | head 1")
    assert (scan.problem, scan.commands, len(scan.strings)) == ("", ["search", "head"], 1)
