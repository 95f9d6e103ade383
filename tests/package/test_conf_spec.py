"""tools/conf_spec.py: the spec checker on made-up texts, then on every .conf file the built app ships."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.prerequisites import missing
from tools.conf_spec import ConfSyntaxError, check_app, conf_stanzas, parse_conf, parse_spec, undocumented


def documented(spec_text: str, stanza: str, key: str) -> bool:
    return parse_spec(spec_text).documents(stanza, key)


# The examples of splunk-spec/9.2/conf_checker.rules, each with what it must accept and reject.


def test_exact_setting() -> None:
    spec = "[s]\nsetting_x = <integer>\n"
    assert documented(spec, "s", "setting_x")
    assert not documented(spec, "s", "setting_y")
    assert not documented(spec, "s", "setting_x2")


@pytest.mark.parametrize("key", ["FOO", "FOOS", "FOO-something", "FOODEATINGMONSTER"])
def test_prefix_setting_accepts(key: str) -> None:
    assert documented("[s]\nFOO-class = <foo_stanza>\n", "s", key)


@pytest.mark.parametrize("key", ["foo", "FO", "BAR-class"])
def test_prefix_setting_rejects(key: str) -> None:
    assert not documented("[s]\nFOO-class = <foo_stanza>\n", "s", key)


def test_angle_bracket_prefix_and_arbitrary_names() -> None:
    assert documented("[s]\nreload.<conf_file_name> = simple\n", "s", "reload.llm_triage_settings")
    assert not documented("[s]\nreload.<conf_file_name> = simple\n", "s", "reloadx")
    assert documented("[s]\n<name> = enabled|disabled\n", "s", "anything.at_all")


def test_a_dot_is_no_setting_prefix() -> None:
    # Stricter than the rules' `blacklist.n` example: a misspelt python.version must not pass.
    assert not documented("[s]\npython.version = python3\n", "s", "python.verison")
    assert not documented("[s]\nblacklist.n = <regular expression>\n", "s", "blacklist.5")


def test_settings_before_any_stanza_and_after_default_are_global() -> None:
    spec = "foo = bar\n[default]\nfoo2 = bar2\n[only]\nfoo3 = x\n"
    for stanza in ("default", "whatever", "only"):
        assert documented(spec, stanza, "foo")
        assert documented(spec, stanza, "foo2")
    assert documented(spec, "only", "foo3")
    assert not documented(spec, "whatever", "foo3")


@pytest.mark.parametrize("stanza,accepted", [("access_allowed", True), ("default", False), ("something_else", False)])
def test_explicit_stanza(stanza: str, accepted: bool) -> None:
    assert documented("[access_allowed]\nadmin = true|false\n", stanza, "admin") is accepted


@pytest.mark.parametrize(
    "stanza,accepted",
    [
        ("category:fruit", True),
        ("category", True),
        ("categorywhatever", True),
        ("category::::::anything..<><>goes!", True),
        ("categor", False),
        ("other:fruit", False),
    ],
)
def test_prefix_stanza(stanza: str, accepted: bool) -> None:
    assert documented("[category:name]\naccess = true|false\n", stanza, "access") is accepted


@pytest.mark.parametrize("stanza", ["anything", "really?:::_anything", "Yep", "default"])
def test_arbitrary_stanza(stanza: str) -> None:
    spec = "[<stanza_name>]\nowner = <user>\n"
    assert documented(spec, stanza, "owner")
    assert not documented(spec, stanza, "group")


def test_indented_stanzas_comments_and_bullets_are_not_structure() -> None:
    spec = "# commented = 1\n[real]\na = 1\n* Default: bullet = 2\n    [example]\n    b = 2\n"
    assert documented(spec, "real", "b")  # the indented [example] is an example: b stays in [real]
    assert not documented(spec, "example", "b")
    assert not documented(spec, "real", "commented")
    assert not documented(spec, "real", "* Default: bullet")


def test_python_required_is_valid_wherever_python_version_is() -> None:
    spec = "[<STANZA_NAME>]\npython.version = {default|python|python2|python3}\n[other]\nfilename = <string>\n"
    assert documented(spec, "llmtriage", "python.required")
    assert documented("python.version = python3\n", "any", "python.required")
    assert not documented("[<STANZA_NAME>]\nfilename = <string>\n", "llmtriage", "python.required")
    # Only where python.version is: [other] is an explicit stanza without it.
    spec = "[other]\nfilename = <string>\n[x:<n>]\npython.version = python3\n"
    assert not documented(spec, "other", "python.required")


def test_conf_parsing_continuations_and_stanzas() -> None:
    text = "# comment\ntop = 1\n[llmtriage]\ndescription = a long \\\n  text = not a key\nchunked = true\n"
    settings = parse_conf(text)
    assert [(s.stanza, s.key, s.line) for s in settings] == [
        ("default", "top", 2),
        ("llmtriage", "description", 4),
        ("llmtriage", "chunked", 6),
    ]
    assert settings[1].value == "a long \ntext = not a key"
    assert conf_stanzas(text + "[llmtriage]\nchunked = false\n")["llmtriage"]["chunked"] == "false"


def test_conf_junk_line_is_an_error() -> None:
    with pytest.raises(ConfSyntaxError, match="line 2"):
        parse_conf("[s]\njust words\n")


def test_undocumented_reports_each_unknown_key_with_its_line(tmp_path: Path) -> None:
    splunk, app_readme = tmp_path / "spec", tmp_path / "app" / "README"
    splunk.mkdir()
    app_readme.mkdir(parents=True)
    (splunk / "commands.conf.spec").write_text("[<STANZA_NAME>]\nfilename = <string>\nchunked = <boolean>\n")
    (app_readme / "commands.conf.spec").write_text("[<name>]\nlocal_extra = <string>\n")
    conf = tmp_path / "app" / "commands.conf"
    conf.write_text("[cmd]\nfilename = cmd.py\nlocal_extra = 1\nchunkd = true\n")
    specs = f"{splunk / 'commands.conf.spec'} or {app_readme / 'commands.conf.spec'}"
    assert undocumented(conf, [splunk, app_readme]) == [f"{conf}:4: [cmd] chunkd is not in {specs}"]
    # Without the app's own spec, its key is undocumented too.
    assert len(undocumented(conf, [splunk])) == 2


def test_check_app_flags_a_conf_file_without_any_spec(tmp_path: Path) -> None:
    (tmp_path / "spec").mkdir()
    (tmp_path / "app" / "default").mkdir(parents=True)
    (tmp_path / "app" / "default" / "mystery.conf").write_text("[s]\nkey = value\n")
    (tmp_path / "app" / "default" / "empty.conf").write_text("# nothing set\n")
    problems = check_app(tmp_path / "app", tmp_path / "spec")
    assert len(problems) == 1 and "no mystery.conf.spec" in problems[0]


# The built app (output/llm_triage, as `make build` leaves it) against Splunk 9.2's specs.

PYTHON_CONF_FILES = ("commands.conf", "alert_actions.conf", "inputs.conf", "restmap.conf")


@pytest.fixture(scope="module")
def splunk_spec_dir(shared: Path) -> Path:
    spec_dir = shared / "splunk-spec" / "9.2"
    if not spec_dir.is_dir():
        missing("../shared/splunk-spec/9.2 is absent")
    return spec_dir


def test_every_shipped_setting_is_documented(built_app: Path, splunk_spec_dir: Path) -> None:
    shipped = {path.name for path in (built_app / "default").glob("*.conf")}
    assert {"app.conf", "commands.conf", "searchbnf.conf"} <= shipped
    assert check_app(built_app, splunk_spec_dir) == []


def python_stanzas(app: Path, conf_name: str) -> dict[str, dict[str, str]]:
    """The stanzas of default/<conf_name> that run Python, with [default]'s settings inherited."""
    path = app / "default" / conf_name
    if not path.is_file():
        return {}
    stanzas = conf_stanzas(path.read_text(encoding="utf-8"))
    defaults = stanzas.pop("default", {})
    scripts = {script.stem for script in (app / "bin").glob("*.py")}

    def runs_python(name: str, settings: dict[str, str]) -> bool:
        # A Python setting of its own, a .py file named (filename, script, handlerfile, [script://x.py]),
        # or a modular input or alert action whose bin/<name>.py Splunk runs.
        return (
            any(key.startswith("python.") for key in settings)
            or any(text.strip().endswith(".py") for text in (name, *settings.values()))
            or name.split("://", 1)[0] in scripts
        )

    return {name: {**defaults, **settings} for name, settings in stanzas.items() if runs_python(name, settings)}


def test_every_python_stanza_names_its_python_versions(built_app: Path) -> None:
    found = {conf: python_stanzas(built_app, conf) for conf in PYTHON_CONF_FILES}
    assert "llmtriage" in found["commands.conf"]
    for conf, stanzas in found.items():
        for name, settings in stanzas.items():
            assert settings.get("python.version") == "python3", f"{conf} [{name}]"
            assert settings.get("python.required") == "3.9, 3.13", f"{conf} [{name}]"


def test_python_stanza_detection(tmp_path: Path) -> None:
    (tmp_path / "default").mkdir()
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "my_input.py").write_text("")
    (tmp_path / "default" / "inputs.conf").write_text(
        "[default]\npython.required = 3.9, 3.13\n[my_input://one]\ninterval = 60\n"
        "[script://./bin/run.py]\ninterval = 5\n[monitor:///var/log]\nindex = main\n"
    )
    stanzas = python_stanzas(tmp_path, "inputs.conf")
    assert sorted(stanzas) == ["my_input://one", "script://./bin/run.py"]
    assert stanzas["my_input://one"] == {"python.required": "3.9, 3.13", "interval": "60"}
