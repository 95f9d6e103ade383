"""The README's top: its contents list every heading under the anchor GitHub gives it, every link to a
heading lands on one, and the six quick-start steps name only options, lookups, roles, fields and pages
the app has."""

from __future__ import annotations

import json
import re
from pathlib import Path

from llm_triage.evidence.fields import OUTPUT_FIELDS
from llm_triage.providers import PROVIDER_TYPES
from llm_triage.splunkd.settings import PROVIDER_NAME
from tools.harness.splunk_conf import parse_conf
from tools.readme_toc import BEGIN, END, github_anchor, headings, main, render_contents, with_contents
from tools.sample_lookup import LOOKUP_FILE

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
DEFAULT = REPO / "package" / "default"
# Splunk Web's own menus the quick start walks through (Splunk's, not the app's).
SPLUNK_MENUS = {
    "Apps > Manage Apps > Install app from file",
    "Settings > Server controls > Restart Splunk",
    "Settings > Users",
}
BOOLEANS = {"true", "false", "t", "f", "1", "0", "yes", "no"}


def section(title: str) -> str:
    """The README's `## title` section, up to the next `## ` heading."""
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else len(README)]


def conf(name: str) -> dict[str, dict[str, str]]:
    return parse_conf((DEFAULT / name).read_text(encoding="utf-8"))


def command_options(script: str) -> set[str]:
    """The options a search command declares (`name = Option(` in its class)."""
    text = (REPO / "package" / "bin" / script).read_text(encoding="utf-8")
    return set(re.findall(r"^\s+(\w+) = Option\(", text, re.M))


def searchbnf_options(command: str) -> set[str]:
    syntax = conf("searchbnf.conf")[f"{command}-option"]["syntax"]
    return set(re.findall(r"(\w+)=", syntax))


def quick_start_searches() -> list[str]:
    """Each SPL block of the quick start, its continuation lines joined."""
    blocks = re.findall(r"```\n(.*?)```", section("Quick start (in Splunk)"), re.S)
    return [" ".join(block.split()) for block in blocks]


# Contents


def test_github_anchors_follow_githubs_rule():
    assert github_anchor("Running it without Splunk: `tools/search`") == "running-it-without-splunk-toolssearch"
    assert github_anchor("Routing: the `llm_triage` alert action") == "routing-the-llm_triage-alert-action"
    assert github_anchor("What it does, and what it does not") == "what-it-does-and-what-it-does-not"
    assert github_anchor("Quick start (in Splunk)") == "quick-start-in-splunk"
    anchors = [h.anchor for h in headings("## Running it\n```\n## not a heading\n```\n### Running it\n")]
    assert anchors == ["running-it", "running-it-1"]


def test_the_contents_are_what_the_tool_writes():
    assert README == with_contents(README), "run python -m tools.readme_toc"
    assert main(["--check"]) == 0


def test_the_contents_list_every_section_and_subsection():
    block = README[README.index(BEGIN) : README.index(END) + len(END)]
    listed = re.findall(r"\]\(#([^)]+)\)", block)
    expected = [h.anchor for h in headings(README) if h.level in (2, 3) and h.title != "Contents"]
    assert listed == expected
    assert len(listed) > 30
    assert render_contents(README) == block


def test_every_link_to_a_heading_lands_on_one():
    anchors = {h.anchor for h in headings(README)}
    targets = re.findall(r"\]\(#([^)]+)\)", README)
    assert targets
    assert sorted(set(targets) - anchors) == []


def test_a_stale_contents_block_is_caught():
    stale = README.replace("\n## Limits\n", "\n## Limits and caveats\n")
    assert with_contents(stale) != stale


# Quick start


def test_the_quick_start_has_exactly_six_steps_and_comes_first():
    steps = re.findall(r"^(\d+)\. ", section("Quick start (in Splunk)"), re.M)
    assert steps == ["1", "2", "3", "4", "5", "6"]
    titles = [h.title for h in headings(README) if h.level == 2]
    assert titles[:2] == ["Quick start (in Splunk)", "Contents"]


def test_the_quick_start_searches_use_real_options_lookups_and_fields():
    searches = quick_start_searches()
    assert len(searches) == 2 and all("llmtriage" in spl for spl in searches)
    lookups = set(conf("transforms.conf"))
    options = command_options("llmtriage.py")
    assert options == searchbnf_options("llmtriage")
    lookup_columns = LOOKUP_FILE.read_text(encoding="utf-8").splitlines()[0].split(",")
    for spl in searches:
        for name in re.findall(r"\|\s*inputlookup\s+(\w+)", spl):
            assert name in lookups, name
        arguments = re.search(r"\|\s*llmtriage\s+(.*?)(?:\||$)", spl)
        assert arguments
        for key, value in re.findall(r"(\w+)=(\S+)", arguments.group(1)):
            assert key in options, key
            if key == "dryrun":
                assert value in BOOLEANS
            if key == "provider":
                assert PROVIDER_NAME.match(value)
        for table in re.findall(r"\|\s*table\s+([^|]+)", spl):
            for field in table.split():
                assert field in OUTPUT_FIELDS or field in lookup_columns, field


def test_the_quick_start_provider_is_the_one_it_adds():
    text = section("Quick start (in Splunk)")
    added = re.search(r"a name \(here `([^`]+)`\)", text)
    assert added
    assert re.findall(r"provider=(\S+)", " ".join(quick_start_searches())) == [added.group(1)]


def test_the_quick_start_names_every_provider_type_and_only_those():
    step = re.search(r"^3\. .*?(?=^4\. )", section("Quick start (in Splunk)"), re.M | re.S)
    assert step
    types = re.search(r"a type\s+\(([^)]*)\)", " ".join(step.group(0).split()))
    assert types
    assert set(re.findall(r"`(\w+)`", types.group(1))) == set(PROVIDER_TYPES)


def test_the_quick_start_names_real_roles_capabilities_lookups_and_endpoints():
    authorize = conf("authorize.conf")
    roles = {name.removeprefix("role_") for name in authorize if name.startswith("role_")}
    capabilities = {name.removeprefix("capability::") for name in authorize if name.startswith("capability::")}
    lookups = set(conf("transforms.conf"))
    restmap = (DEFAULT / "restmap.app.conf").read_text(encoding="utf-8")
    endpoints = {path.lstrip("/") for path in re.findall(r"^match\s*=\s*(\S+)", restmap, re.M)}
    named = set(re.findall(r"`(llm_triage[\w/]*|admin)`", section("Quick start (in Splunk)")))
    assert {"llm_triage_analyst", "llm_triage_run", "llm_triage_sample_alerts", "llm_triage/judge"} <= named
    for name in named:
        assert name in roles | capabilities | lookups | endpoints, name


def test_the_quick_start_pages_tabs_and_fields_exist():
    config = json.loads((REPO / "globalConfig.json").read_text(encoding="utf-8"))
    tabs = {tab.get("title"): tab for tab in config["pages"]["configuration"]["tabs"] if tab.get("title")}
    labels = {entity["label"] for tab in tabs.values() for entity in tab.get("entity", [])}
    views = {}
    for view in (DEFAULT / "data" / "ui" / "views").glob("*.xml"):
        views[re.search(r"<label>([^<]+)</label>", view.read_text(encoding="utf-8")).group(1)] = view.stem
    nav = (DEFAULT / "data" / "ui" / "nav" / "default.xml").read_text(encoding="utf-8")
    for phrase in re.findall(r"\*\*([^*]+)\*\*", section("Quick start (in Splunk)")):
        phrase = " ".join(phrase.split())
        if phrase in SPLUNK_MENUS or phrase.rstrip(".:") in {"Install", "Restart", "Add a provider", "Give the role"}:
            continue
        if phrase.startswith("Configuration > "):
            tab, _, action = phrase.removeprefix("Configuration > ").partition(" > ")
            assert tab in tabs and ("table" in tabs[tab]) == (action == "Add"), phrase
        elif phrase.startswith("Dashboards > "):
            view = views.get(phrase.removeprefix("Dashboards > "))
            assert view and f'<view name="{view}"/>' in nav, phrase
        elif phrase.startswith(("Dry run", "A first real search")):
            continue
        else:
            assert phrase in tabs or phrase in labels, phrase


# The triaged rows


def test_the_triaged_rows_are_the_demos_table_over_the_sample_alerts():
    from tools.demo import read_samples, render_table

    block = re.search(r"### Triaged rows, from the demo\n.*?```\n(.*?)```", README, re.S)
    assert block
    lines = block.group(1).splitlines()
    samples = read_samples(REPO / "samples" / "alerts.jsonl")
    assert lines[:2] == render_table([]).splitlines()
    rows = lines[2 : 2 + len(samples)]
    alert_column = lines[0].index("alert_name")
    for number, (line, sample) in enumerate(zip(rows, samples), start=1):
        assert line.startswith(f"{number} ")
        shown = line[alert_column : alert_column + 36].rstrip().rstrip("…")
        assert sample["alert_name"].startswith(shown), (number, shown)
    summary = re.fullmatch(r"(\d+) rows in [\d.]+ s \([\d.]+ s a row\): (.*)", lines[-1])
    assert summary and int(summary.group(1)) == len(samples)
    counted: dict[str, int] = {}
    for part in summary.group(2).split(", "):
        status, count = part.split()
        counted[status] = int(count)
    status_column = lines[0].index("status")
    assert counted == {
        status: sum(1 for line in rows if line[status_column:].split()[0] == status)
        for status in {line[status_column:].split()[0] for line in rows}
    }
