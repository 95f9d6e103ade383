"""llm_triage.enrichment.catalog: which templates may run, and the shipped catalog itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from llm_triage.enrichment.catalog import FORBIDDEN_COMMANDS, build_catalog, validate_item
from llm_triage.evidence.entities import entity_kinds

PACKAGE = Path(__file__).resolve().parents[3] / "package"
GOOD = {
    "search": "| tstats count from datamodel=Authentication where Authentication.user=$user$ by Authentication.action",
    "entities": "user",
    "description": "Sign-ins of the user.",
}


def problem(**changes: str) -> str:
    return validate_item("item", {**GOOD, **changes})


def test_a_good_item_is_built_with_its_defaults() -> None:
    [item], problems = build_catalog({"item": GOOD, "default": {}, "off": {**GOOD, "disabled": "1"}})
    assert problems == []
    assert (item.name, item.entities, item.earliest_offset, item.latest_offset, item.max_results) == (
        "item",
        ("user",),
        -86400,
        3600,
        20,
    )
    assert item.applies_to(["src:10.0.0.1", "user:alice"], "identity")
    assert not item.applies_to(["src:10.0.0.1"], "identity")


def test_profiles_limit_where_an_item_applies() -> None:
    [item], _ = build_catalog({"item": {**GOOD, "profiles": "endpoint, identity"}})
    assert item.applies_to(["user:a"], "endpoint") and not item.applies_to(["user:a"], "network")
    assert "profiles must name" in problem(profiles="endpoint, phishing")


def test_a_refused_stanza_is_left_out_and_named() -> None:
    items, problems = build_catalog({"good": GOOD, "bad": {**GOOD, "search": "| delete"}})
    assert [item.name for item in items] == ["good"]
    assert problems == ["llm_triage_enrichments.conf [bad]: search uses delete: context searches may only read"]


def forbidden_templates() -> list[tuple[str, str]]:
    cases = []
    for command in sorted(FORBIDDEN_COMMANDS | {"llmtriage", "llmfeedback", "llmanything"}):
        for template in (
            "index=risk user=$user$ | {c} x",
            "index=risk user=$user$ |{c} x",
            "index=risk user=$user$ |\t {c}",
            "index=risk user=$user$ | {C} x",
            "| tstats count where x=$user$ | append [search index=a | {c} x]",
            "index=risk user=$user$ [ | {c} ]",
            "index=risk [search a [search b | {c} x] | fields user] user=$user$",
            '| makeresults | eval x="a|b" | {c}',
            "{c} user=$user$",
        ):
            cases.append((command, template.format(c=command, C=command.upper())))
    return cases


@pytest.mark.parametrize("command,template", forbidden_templates())
def test_every_forbidden_command_is_refused_wherever_it_stands(command: str, template: str) -> None:
    message = problem(search=template)
    assert message.startswith("llm_triage_enrichments.conf [item]: search uses ")
    assert command in message


@pytest.mark.parametrize(
    "template",
    [
        'index=main user=$user$ "| delete" | stats count',
        'index=main user=$user$ | eval note="a | outputlookup x [collect]" | stats count',
        'index=main user=$user$ | rex field=_raw "(?<x>a\\"|delete)" | stats count',
        "| makeresults | eval user=$user$",
        "`notable` | search user=$user$",
        "| tstats `summariesonly` count from datamodel=Web where Web.user=$user$ by Web.src"
        " | `drop_dm_object_name(Web)`",
    ],
)
def test_reading_templates_are_accepted(template: str) -> None:
    assert problem(search=template) == ""


@pytest.mark.parametrize(
    "changes,expected",
    [
        ({"search": "index=a user=$usr$"}, "unknown token $usr$"),
        ({"search": "index=a user=$src$"}, "$src$, which entities does not list"),
        ({"search": 'index=a user="$user$"'}, "write $user$ outside quotes"),
        ({"search": "index=a user=alice"}, "uses no $kind$ token"),
        ({"search": "index=a user=$user$ | `evil`"}, "the macro `evil`"),
        ({"search": "index=a user=$user$ | `notable($user$)`"}, "the macro `notable($user$)`"),
        ({"search": "index=a user=$user$ ```comment```"}, "the macro"),
        ({"search": "index=a user=$user$ | rex x\\y"}, "a backslash outside a quoted string"),
        ({"search": "index=a user=$user$ cost=$5"}, "a '$' that is not part of"),
        ({"search": 'index=a user=$user$ "open'}, "never closed"),
        ({"search": "index=a [search user=$user$"}, "never closed"),
        ({"search": "index=a user=$user$ ]"}, "closes no subsearch"),
        ({"search": "index=a | $user$"}, "where a command name goes"),
        ({"search": "index=a user=$user$ | index=b"}, "where a command name goes"),
        ({"search": ""}, "search must be an SPL template"),
        ({"search": "index=a user=$user$ \x00"}, "control character"),
        ({"entities": ""}, "entities must list"),
        ({"entities": "user, hostname"}, "not hostname"),
        ({"earliest_offset": "-24x"}, "earliest_offset: '-24x' is not a relative time"),
        ({"earliest_offset": "abc"}, "earliest_offset: 'abc' is not a relative time"),
        ({"earliest_offset": ""}, "earliest_offset: '' is not a relative time"),
        ({"latest_offset": "-1d@d"}, "snapping (@) is not supported"),
        ({"earliest_offset": "-400d"}, "further than a year"),
        ({"earliest_offset": "+2h", "latest_offset": "+1h"}, "must come before latest_offset"),
        ({"max_results": "0"}, "max_results must be a whole number from 1 to 200, not '0'"),
        ({"max_results": "201"}, "from 1 to 200"),
        ({"max_results": "ten"}, "from 1 to 200"),
        ({"description": "  "}, "description must say"),
        ({"description": "x" * 501}, "description must say"),
        ({"fields": "count, bad field"}, "not bad field"),
    ],
)
def test_refusals_name_the_stanza_and_the_reason(changes: dict[str, str], expected: str) -> None:
    message = problem(**changes)
    assert message.startswith("llm_triage_enrichments.conf [item]: ")
    assert expected in message


@pytest.mark.parametrize("max_results", ["1", "200", " 20 "])
def test_max_results_bounds_are_inclusive(max_results: str) -> None:
    assert problem(max_results=max_results) == ""


@pytest.mark.parametrize("name", ["", "-lead", "a b", "x" * 65, "semi;colon"])
def test_item_names_follow_the_setup_pages_pattern(name: str) -> None:
    assert "names use" in validate_item(name, GOOD)


def shipped() -> dict[str, dict[str, str]]:
    from tools.conf_spec import conf_stanzas

    stanzas = conf_stanzas((PACKAGE / "default" / "llm_triage_enrichments.conf").read_text(encoding="utf-8"))
    defaults = stanzas.pop("default", {})
    return {name: {**defaults, **stanza} for name, stanza in stanzas.items()}


def test_every_shipped_item_validates() -> None:
    stanzas = shipped()
    items, problems = build_catalog(stanzas)
    assert problems == []
    assert len(items) == len(stanzas) >= 12
    used = {kind for item in items for kind in item.entities}
    assert {"user", "src", "dest", "risk_object"} <= used <= entity_kinds()
    assert all(item.fields and item.description for item in items)


def test_the_spec_names_every_entity_kind() -> None:
    spec = (PACKAGE / "README" / "llm_triage_enrichments.conf.spec").read_text(encoding="utf-8")
    listed = spec.split("identifier fields of the use-case profiles:", 1)[1].split(")", 1)[0]
    assert sorted(entity_kinds()) == sorted(kind.strip(" \n:.") for kind in listed.replace("\n", " ").split(", "))


@pytest.mark.parametrize(
    "search",
    [
        "| from savedsearch:nightly | search user=$user$",  # runs a saved search, as savedsearch would
        "index=main user=$user$ | outputtelemetry",
        "index=main user=$user$ | `notable(1)`",  # another macro than `notable`
        'index=main user=$user$ | eval x="`evil`"',  # Splunk may expand a macro inside quotes
        "index=main user=$user$ | eval 'x\"'=1 | stats count",
    ],
)
def test_what_review_found_the_check_let_through_is_refused(search: str) -> None:
    assert validate_item("item", {**GOOD, "search": search}) != ""
