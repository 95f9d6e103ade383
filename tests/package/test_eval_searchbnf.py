"""searchbnf.conf documents exactly the options llmeval and llmreplay accept."""

import configparser
import importlib.util
import re
from pathlib import Path

import pytest


def stanzas(app: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, default_section="__none__")
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((app / "default" / "searchbnf.conf").read_text(encoding="utf-8").replace("\\\n", " "))
    return parser


def declared(app: Path, script: str, class_name: str) -> set:
    spec = importlib.util.spec_from_file_location(f"{script}_entry_point", app / "bin" / f"{script}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from splunklib.searchcommands import EventingCommand, Option

    own = vars(getattr(module, class_name)).items()
    return {name for name, value in own if isinstance(value, Option) and not hasattr(EventingCommand, name)}


@pytest.mark.parametrize(("command", "class_name"), [("llmeval", "LLMEvalCommand"), ("llmreplay", "LLMReplayCommand")])
def test_the_syntax_names_every_declared_option_and_the_by_clause(built_app, command, class_name):
    bnf = stanzas(built_app)
    documented = set(re.findall(r"(\w+)=", bnf[f"{command}-option"]["syntax"]))
    documented |= set(re.findall(r"(\w+)=", bnf[f"{command}-command"]["syntax"]))
    assert documented == declared(built_app, command, class_name)
    assert "by <field-list>" in bnf[f"{command}-command"]["syntax"]
    stanza = bnf[f"{command}-command"]
    examples = [key for key in stanza if key.startswith("example")]
    assert examples and all(f"| {command}" in stanza[key] for key in examples)
    assert all(f"comment{key[len('example') :]}" in stanza for key in examples)
