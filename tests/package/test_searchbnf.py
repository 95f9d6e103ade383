"""searchbnf.conf documents exactly what each of the app's search commands accepts, so the search assistant
tells the truth."""

import configparser
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from llm_triage.evidence.profiles import profile_names

COMMANDS = ["llmtriage", "llmeval", "llmreplay", "llmfeedback", "llmreview", "llmcluster", "llmapprove"]


def read_conf(app: Path, name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, default_section="__none__")
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    text = (app / "default" / f"{name}.conf").read_text(encoding="utf-8").replace("\\\n", " ")
    parser.read_string(text)
    return parser


def read_searchbnf(app: Path) -> configparser.ConfigParser:
    return read_conf(app, "searchbnf")


def declared_options(app: Path, command: str) -> set:
    """The options bin/<command>.py's command class declares itself."""
    spec = importlib.util.spec_from_file_location(f"{command}_entry_point", app / "bin" / f"{command}.py")
    module = importlib.util.module_from_spec(spec)
    # Splunk runs an entry point with bin/ first on the path, where its shared helper (llm_triage_bin) is.
    sys.path.insert(0, str(app / "bin"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(app / "bin"))
    from splunklib.searchcommands import Option
    from splunklib.searchcommands.search_command import SearchCommand

    [cls] = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, SearchCommand) and value.__module__ == module.__name__
    ]
    # splunklib's own options (record, show_configuration, ...) are Splunk's to document, not ours.
    return {
        name
        for name, value in vars(cls).items()
        if isinstance(value, Option) and not any(hasattr(base, name) for base in cls.__bases__)
    }


def test_these_are_the_apps_commands(built_app):
    assert sorted(read_conf(built_app, "commands").sections()) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_the_syntax_names_every_declared_option_and_nothing_else(built_app, command):
    searchbnf = read_searchbnf(built_app)
    syntax = searchbnf[f"{command}-command"]["syntax"]
    if searchbnf.has_section(f"{command}-option"):
        syntax += " " + searchbnf[f"{command}-option"]["syntax"]
    declared = declared_options(built_app, command)
    assert declared and set(re.findall(r"(\w+)=", syntax)) == declared
    if "profile" in declared:  # its choices are the shipped profiles
        choices = re.search(r"profile=\(([^)]*)\)", syntax).group(1).split("|")
        assert sorted(choices) == sorted(profile_names())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_example_runs_the_command_and_has_a_comment(built_app, command):
    stanza = read_searchbnf(built_app)[f"{command}-command"]
    examples = {key[len("example") :] for key in stanza if key.startswith("example")}
    assert examples and examples == {key[len("comment") :] for key in stanza if key.startswith("comment")}
    assert all(f"| {command}" in stanza[f"example{number}"] for number in examples)


@pytest.mark.parametrize(
    ("command", "clause"),
    [("llmtriage", "(by <field>)?"), ("llmeval", "(by <field-list>)?"), ("llmreplay", "(by <field-list>)?")],
)
def test_the_commands_that_group_document_their_by_clause(built_app, command, clause):
    assert read_searchbnf(built_app)[f"{command}-command"]["syntax"].endswith(clause)
