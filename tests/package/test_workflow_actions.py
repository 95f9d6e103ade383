"""The built app's workflow actions (default/workflow_actions.conf): each links into one of the app's
dashboards, and an event's field values, whatever they hold, arrive there as one quoted term of the search
they enter, never as SPL."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

from tests.package.test_dashboards import PLANTED, TOKEN, definition_of, read_conf, searches, stages

WORKFLOW = re.compile(r"\$(@?[^$]+)\$")


@pytest.fixture(scope="module")
def actions(built_app: Path) -> dict[str, dict[str, str]]:
    return read_conf(built_app / "default" / "workflow_actions.conf")


def view_of(built_app: Path, uri: str) -> tuple[Path, dict[str, str]]:
    """The app view a link opens, and its query template (`form.<token>` -> `$field$`)."""
    parts = urlsplit(uri)
    match = re.fullmatch(r"/app/llm_triage/(\w+)", parts.path)
    assert match, f"{uri}: not a view of the app"
    return built_app / "default" / "data" / "ui" / "views" / f"{match.group(1)}.xml", dict(parse_qsl(parts.query))


def click(uri: str, event: dict[str, str]) -> str:
    """`uri` as Splunk Web opens it for `event`: every `$field$` replaced by its value, URI encoded."""
    return WORKFLOW.sub(lambda match: quote(event.get(match.group(1), ""), safe=""), uri)


def run_as_studio(spl: str, tokens: dict[str, str]) -> str:
    """`spl` with the dashboard's tokens set: `|s` quotes a value and escapes its quotes and backslashes."""

    def one(match: re.Match) -> str:
        name, _, filters = match.group(1).partition("|")
        value = tokens.get(name, "-24h" if name.endswith((".earliest", ".latest")) else "x")
        if "s" in filters.split("|"):
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return value

    return TOKEN.sub(one, spl)


def test_the_three_actions_and_where_they_show(actions: dict[str, dict[str, str]]) -> None:
    assert set(actions) == {"llm_triage_event", "llm_triage_notable", "llm_triage_audit_record"}
    event, notable, record = (
        actions["llm_triage_event"],
        actions["llm_triage_notable"],
        actions["llm_triage_audit_record"],
    )
    assert (event["display_location"], event["fields"]) == ("event_menu", "_cd, index, splunk_server")
    assert (notable["display_location"], notable["fields"], notable["eventtypes"]) == (
        "event_menu",
        "event_id",
        "notable",
    )
    assert (record["display_location"], record["fields"]) == ("field_menu", "triage_id")
    assert [action["label"] for action in actions.values()] == [
        "Triage this event (LLM Triage)",
        "Triage this notable (LLM Triage)",
        "LLM Triage audit record",
    ]


def test_every_action_is_a_link_into_an_app_dashboard_input_never_a_search(
    actions: dict[str, dict[str, str]], built_app: Path
) -> None:
    for name, action in actions.items():
        # A search action inserts field values into SPL unescaped (workflow_actions.conf.spec).
        assert action["type"] == "link" and not any(key.startswith("search.") for key in action), name
        assert not WORKFLOW.search(action["label"]), f"{name}: a field value in a label"
        view, template = view_of(built_app, action["link.uri"])
        definition = definition_of(view)
        inputs = {item["options"]["token"] for item in definition["inputs"].values()}
        for parameter in template:
            assert parameter.startswith("form."), f"{name}: {parameter}"
            token = parameter[len("form.") :]
            assert token in inputs or token.split(".")[0] in inputs, f"{name}: {view.name} has no input {token}"


def test_the_event_action_finds_the_event_and_triages_it(actions: dict[str, dict[str, str]], built_app: Path) -> None:
    event = {"index": "main", "_cd": "12:4077", "splunk_server": "idx1", "@latest_time": "1764000001.000"}
    opened = click(actions["llm_triage_event"]["link.uri"], event)
    view, _ = view_of(built_app, actions["llm_triage_event"]["link.uri"])
    tokens = {key[len("form.") :]: value for key, value in parse_qsl(urlsplit(opened).query)}
    assert tokens == {"index": "main", "cd": "12:4077", "server": "idx1", "latest": "1764000001.000"}
    [query] = [spl for where, spl in searches(definition_of(view)) if where == "dataSources.ds_event"]
    spl = run_as_studio(query, tokens)
    assert spl.startswith('search index="main" _cd="12:4077" splunk_server="idx1" [| makeresults')
    assert [stage.split(" ")[0] for _, _, stage in stages(spl)][:3] == ["search", "head", "llmtriage"]


@pytest.mark.parametrize("planted", [*PLANTED, 'main" OR index=* | delete', "x&form.index=main#", "%22 | delete"])
@pytest.mark.parametrize("name", ["llm_triage_event", "llm_triage_notable", "llm_triage_audit_record"])
def test_a_planted_field_value_stays_one_quoted_term(
    actions: dict[str, dict[str, str]], built_app: Path, name: str, planted: str
) -> None:
    # The stored attack: log data whose field (index, _cd, event_id, triage_id) holds SPL, clicked by an analyst.
    uri = actions[name]["link.uri"]
    fields = {match.group(1) for match in WORKFLOW.finditer(uri)}
    benign = {field: "alice" for field in fields}
    attacked = {field: planted for field in fields}
    view, template = view_of(built_app, uri)
    benign_tokens = dict(parse_qsl(urlsplit(click(uri, benign)).query))
    attacked_tokens = dict(parse_qsl(urlsplit(click(uri, attacked)).query))
    # The value is one parameter's value: it adds no parameter and sets no other token.
    assert attacked_tokens.keys() == benign_tokens.keys() == template.keys()
    for parameter, value in template.items():
        if WORKFLOW.fullmatch(value):
            assert attacked_tokens[parameter] == planted
    benign_studio = {key[len("form.") :]: value for key, value in benign_tokens.items()}
    attacked_studio = {key[len("form.") :]: value for key, value in attacked_tokens.items()}
    for where, spl in searches(definition_of(view)):
        shape = [stage.split(" ")[0] for _, _, stage in stages(run_as_studio(spl, benign_studio))]
        assert [stage.split(" ")[0] for _, _, stage in stages(run_as_studio(spl, attacked_studio))] == shape, where


def test_the_checks_catch_a_search_action_and_an_unquoted_token() -> None:
    unquoted = run_as_studio("search index=$index$ | llmtriage", {"index": "x | delete"})
    assert [stage.split(" ")[0] for _, _, stage in stages(unquoted)] != ["search", "llmtriage"]
    assert click("/app/x/y?form.a=$f$", {"f": "a&form.b=c"}) == "/app/x/y?form.a=a%26form.b%3Dc"
