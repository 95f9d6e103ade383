"""searchbnf.conf documents exactly what llmcluster accepts, and commands.conf runs it as llmtriage runs."""

import importlib.util
import re
from pathlib import Path

from llm_triage.profiles import profile_names
from tests.package.test_searchbnf import read_searchbnf


def declared_options(app: Path) -> set:
    spec = importlib.util.spec_from_file_location("llmcluster_entry_point", app / "bin" / "llmcluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from splunklib.searchcommands import EventingCommand, Option

    own = vars(module.LLMClusterCommand).items()
    return {name for name, value in own if isinstance(value, Option) and not hasattr(EventingCommand, name)}


def test_the_syntax_names_every_declared_option_and_the_shipped_profiles(built_app):
    syntax = read_searchbnf(built_app)["llmcluster-option"]["syntax"]
    assert set(re.findall(r"(\w+)=", syntax)) == declared_options(built_app)
    choices = re.search(r"profile=\(([^)]*)\)", syntax).group(1).split("|")
    assert sorted(choices) == sorted(profile_names())


def test_every_example_runs_the_command_and_has_a_comment(built_app):
    stanza = read_searchbnf(built_app)["llmcluster-command"]
    examples = {key[len("example") :] for key in stanza if key.startswith("example")}
    assert examples and examples == {key[len("comment") :] for key in stanza if key.startswith("comment")}
    assert all("| llmcluster" in stanza[f"example{number}"] for number in examples)


def test_llmtriage_documents_its_by_clause_and_similar(built_app):
    searchbnf = read_searchbnf(built_app)
    assert searchbnf["llmtriage-command"]["syntax"].endswith("(by <field>)?")
    assert "similar=<int>" in searchbnf["llmtriage-option"]["syntax"]
