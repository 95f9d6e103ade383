"""searchbnf.conf documents exactly what llmtriage accepts, so the search assistant tells the truth."""

import configparser
import importlib.util
import re
from pathlib import Path

from llm_triage.profiles import profile_names


def read_searchbnf(app: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, default_section="__none__")
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    text = (app / "default" / "searchbnf.conf").read_text(encoding="utf-8").replace("\\\n", " ")
    parser.read_string(text)
    return parser


def declared_options(app: Path) -> set:
    spec = importlib.util.spec_from_file_location("llmtriage_entry_point", app / "bin" / "llmtriage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from splunklib.searchcommands import Option, StreamingCommand

    # splunklib's own options (record, show_configuration, ...) are Splunk's to document, not ours.
    own = vars(module.LLMTriageCommand).items()
    return {name for name, value in own if isinstance(value, Option) and not hasattr(StreamingCommand, name)}


def test_the_syntax_names_every_declared_option_and_nothing_else(built_app):
    syntax = read_searchbnf(built_app)["llmtriage-option"]["syntax"]
    documented = set(re.findall(r"(\w+)=", syntax))
    assert documented == declared_options(built_app)


def test_the_profile_choices_are_the_shipped_profiles(built_app):
    syntax = read_searchbnf(built_app)["llmtriage-option"]["syntax"]
    choices = re.search(r"profile=\(([^)]*)\)", syntax).group(1).split("|")
    assert sorted(choices) == sorted(profile_names())


def test_every_example_runs_the_command_and_has_a_comment(built_app):
    stanza = read_searchbnf(built_app)["llmtriage-command"]
    examples = {key[len("example") :] for key in stanza if key.startswith("example")}
    assert examples and examples == {key[len("comment") :] for key in stanza if key.startswith("comment")}
    assert all("| llmtriage" in stanza[f"example{number}"] for number in examples)
