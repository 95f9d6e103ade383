"""llm_triage.enrichment.render: values from event data go into a search as data, never as SPL."""

from __future__ import annotations

import re

import pytest

from llm_triage.enrichment.catalog import EnrichmentItem, parse_item
from llm_triage.enrichment.render import Refusal, RenderedSearch, render_search
from llm_triage.enrichment.spl import scan_spl
from llm_triage.enrichment.values import VALUE_CHECKS
from llm_triage.evidence.entities import entity_kinds

TIME = 1_700_000_000.0
METACHARACTERS = ['"', "|", "[", "]", "`", "$", "\\", "\n", "'", "$user$", '" | delete | search "', '\\" | delete']
# Per kind, a value it may hold, to carry each metacharacter.
BASES = {"file_hash": "a" * 32, "access_key": "AKIAABCDEFGHIJKLMNOP", "recipient": "bob@example.com"}


def item_for(kind: str, search: str = "") -> EnrichmentItem:
    """An item searching `kind`, checked by the catalog when the profiles know the kind (the values table
    also covers kinds a future profile may mark as identifiers)."""
    search = search or f'index=main field=${kind}$ [search index=b other=${kind}$ | fields x] | eval n="a|b"'
    if kind not in entity_kinds():
        return EnrichmentItem(name="probe", search=search, entities=(kind,), description="test")
    item, problem = parse_item("probe", {"search": search, "entities": kind, "description": "test"})
    assert item is not None, problem
    return item


def unquote(literal: str) -> str:
    return re.sub(r"\\(.)", r"\1", literal, flags=re.S)


def shape_problem(template: str, rendered: str, value: str) -> str:
    """What is wrong with `rendered` as `template` with `value` in place of its tokens; "" when nothing."""
    before, after = scan_spl(template), scan_spl(rendered)
    if after.problem:
        return after.problem
    if (after.commands, after.macros) != (before.commands, before.macros) or after.tokens:
        return f"commands {after.commands} != {before.commands}"
    planted = [text for text in after.strings if text not in before.strings]
    if len(planted) != len(before.tokens) or any(unquote(text) != value for text in planted):
        return f"the value is not one literal per token: {planted}"
    return ""


ATTACK_KINDS = sorted(entity_kinds() | set(VALUE_CHECKS))


@pytest.mark.parametrize("kind", ATTACK_KINDS)
@pytest.mark.parametrize("planted", METACHARACTERS)
@pytest.mark.parametrize("where", ["prefix", "suffix", "alone"])
def test_metacharacters_in_any_kind_are_refused_or_stay_one_literal(kind: str, planted: str, where: str) -> None:
    base = BASES.get(kind, "host1.example.com")
    value = {"prefix": planted + base, "suffix": base + planted, "alone": planted}[where]
    item = item_for(kind)
    outcome = render_search(item, [f"{kind}:{value}", "other:x"], TIME)
    if isinstance(outcome, Refusal):
        assert outcome.item == "probe" and kind in outcome.reason
        return
    assert shape_problem(item.search, outcome.spl, value) == ""
    assert "\n" not in value and "`" not in value  # these never reach a search


def test_the_shape_check_catches_a_renderer_that_does_not_escape() -> None:
    item = item_for("user")
    value = 'x" | delete | search "y'
    naive = item.search.replace("$user$", f'"{value}"')
    assert "commands" in shape_problem(item.search, naive, value)
    unescaped_backslash = item.search.replace("$user$", '"a\\"')
    assert shape_problem(item.search, unescaped_backslash, "a\\")


def test_a_value_that_looks_like_a_token_is_not_replaced_again() -> None:
    item = item_for("user", "index=a user=$user$ src=$user$")
    outcome = render_search(item, ["user:$user$"], TIME)
    assert isinstance(outcome, RenderedSearch)
    assert outcome.spl == 'index=a user="$user$" src="$user$"'


def test_quotes_and_backslashes_are_escaped() -> None:
    outcome = render_search(item_for("user", "index=a user=$user$"), ['user:corp\\al"ice'], TIME)
    assert isinstance(outcome, RenderedSearch)
    assert outcome.spl == 'index=a user="corp\\\\al\\"ice"'


@pytest.mark.parametrize(
    "kind,value,accepted",
    [
        ("src", "203.0.113.9", True),
        ("src", "2001:db8::1", True),
        ("src", "host-1.example.com.", True),
        ("src", "host_1", False),
        ("src", "a b", False),
        ("dest", "-bad.example.com", False),
        ("dest", "x" * 64 + ".com", False),
        ("user", "CORP\\alice", True),
        ("user", "Alice Smith", True),
        ("user", "x" * 257, False),
        ("user", "tab\there", False),
        ("user", "zero\u200bwidth", False),
        ("recipient", "bob@example.com", True),
        ("recipient", "Bob <bob@example.com>", False),
        ("file_hash", "d41d8cd98f00b204e9800998ecf8427e", True),
        ("file_hash", "d41d8cd98f00b204e9800998ecf8427", False),
        ("file_hash", "g" * 32, False),
        ("url", "https://example.com/a?b=c|d", True),
        ("url", "https://example.com/a b", False),
        ("access_key", "AKIAIOSFODNN7EXAMPLE", True),
        ("access_key", "AKIA-1", False),
        ("some_future_kind", "anything printable", True),
        ("some_future_kind", "x" * 300, False),
    ],
)
def test_values_a_kind_cannot_hold_are_never_searched(kind: str, value: str, accepted: bool) -> None:
    item = EnrichmentItem(name="i", search=f"index=a f=${kind}$", entities=(kind,), description="d")
    outcome = render_search(item, [f"{kind}:{value}"], TIME)
    assert isinstance(outcome, RenderedSearch) is accepted, outcome


def test_the_first_searchable_value_of_a_kind_is_used_and_the_others_reported() -> None:
    item = item_for("src", "index=a src=$src$")
    outcome = render_search(item, ["src:bad value", "src:10.0.0.1", "src:10.0.0.2"], TIME)
    assert isinstance(outcome, RenderedSearch)
    assert outcome.spl == 'index=a src="10.0.0.1"'
    assert outcome.values == (("src", "10.0.0.1"),)
    assert len(outcome.skipped) == 1 and "bad value" in outcome.skipped[0]


def test_a_row_without_the_kind_or_its_time_gets_no_search() -> None:
    item = item_for("src", "index=a src=$src$")
    assert render_search(item, ["user:alice"], TIME) == Refusal("probe", "no src value of the row may be searched")
    refused = render_search(item, ["src:not a host"], TIME)
    assert isinstance(refused, Refusal) and "neither an IP address nor a host name" in refused.reason
    assert render_search(item, ["src:10.0.0.1"], "") == Refusal(
        "probe", "the row has no _time to place the search around"
    )


@pytest.mark.parametrize(
    "time,earliest,latest,window",
    [
        (TIME, "-24h", "+1h", (TIME - 86400, TIME + 3600)),
        ("1700000000.5", "-30m", "0", (TIME + 0.5 - 1800, TIME + 0.5)),
        (["1700000000"], "-7d", "+1w", (TIME - 7 * 86400, TIME + 7 * 86400)),
        (1_700_000_000, "-90s", "+h", (TIME - 90, TIME + 3600)),
        (TIME, "-2days", "now", (TIME - 2 * 86400, TIME)),
    ],
)
def test_the_window_is_the_offsets_around_the_rows_time(
    time: object, earliest: str, latest: str, window: tuple[float, float]
) -> None:
    item, problem = parse_item(
        "w", {"search": "index=a u=$user$", "entities": "user", "description": "d", "earliest_offset": earliest,
              "latest_offset": latest, "max_results": "7", "fields": "a, b"}
    )  # fmt: skip
    assert item is not None, problem
    outcome = render_search(item, ["user:alice"], time)
    assert isinstance(outcome, RenderedSearch)
    assert (outcome.earliest, outcome.latest) == window
    assert (outcome.item, outcome.max_results, outcome.fields) == ("w", 7, ("a", "b"))


@pytest.mark.parametrize("time", [None, "", "yesterday", "nan", "-5", True, []])
def test_a_time_that_is_no_epoch_is_refused(time: object) -> None:
    assert isinstance(render_search(item_for("user"), ["user:alice"], time), Refusal)


@pytest.mark.parametrize("planted", [char for char in METACHARACTERS if char not in ("\n", "`")])
def test_a_user_name_with_metacharacters_is_searched_as_one_literal(planted: str) -> None:
    # The attack test above must not pass by refusing everything: user names keep what they may hold.
    item = item_for("user")
    value = f"al{planted}ice"
    outcome = render_search(item, [f"user:{value}"], TIME)
    assert isinstance(outcome, RenderedSearch), outcome
    assert shape_problem(item.search, outcome.spl, value) == ""


@pytest.mark.parametrize("kind", sorted(set(VALUE_CHECKS) | set(entity_kinds())))
def test_a_wildcard_is_never_searched_since_no_backslash_escapes_it(kind: str) -> None:
    # Found by review: `risk_object="*"` matches every risk object; a row holding `user:*` beside the real
    # user would have had the wildcard searched first (entities are sorted).
    from llm_triage.enrichment.values import value_problem

    assert "wildcard" in value_problem(kind, "adm*")


@pytest.mark.parametrize(
    ("kind", "value"),
    [("src", "fe80::1%*"), ("src", 'fe80::1%" OR dest="x'), ("dest", "fe80::1%eth0"), ("email", "a|b@corp.example"),
     ("email", "$user$@corp.example"), ("email", "*@corp.example")],
)  # fmt: skip
def test_address_scopes_and_odd_mailbox_names_are_refused(kind: str, value: str) -> None:
    from llm_triage.enrichment.values import value_problem

    assert value_problem(kind, value) != ""
