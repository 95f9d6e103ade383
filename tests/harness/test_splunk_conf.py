"""Splunk .conf parsing and layering, and finding a command's script in an app."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.harness.splunk_app import AppError, SplunkApp
from tools.harness.splunk_conf import is_true, layer, parse_conf, with_default_inheritance


def test_parse_conf_reads_stanzas_comments_continuations_and_global_keys() -> None:
    text = (
        "global_key = g\n"
        "# a comment\n"
        "[llmtriage]\n"
        "  filename = llmtriage.py  \n"
        "description = first \\\n"
        "second\n"
        "not a key value line\n"
        "\n"
        "[empty]\n"
    )
    assert parse_conf(text) == {
        "default": {"global_key": "g"},
        "llmtriage": {"filename": "llmtriage.py", "description": "first \nsecond"},
        "empty": {},
    }


def test_local_wins_key_by_key_and_default_stanza_is_inherited() -> None:
    default = {"default": {"timeout": "30"}, "p": {"model": "a", "timeout": "10"}}
    local = {"p": {"model": "b"}, "q": {}}
    merged = layer(default, local)
    assert merged == {"default": {"timeout": "30"}, "p": {"model": "b", "timeout": "10"}, "q": {}}
    assert with_default_inheritance(merged)["q"] == {"timeout": "30"}
    assert with_default_inheritance(merged)["p"]["timeout"] == "10"


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("True", True), (" yes ", True), ("0", False), ("", False)]
)
def test_splunk_booleans(value: str, expected: bool) -> None:
    assert is_true(value) is expected


def _app(tmp_path: Path, commands: str) -> SplunkApp:
    root = tmp_path / "llm_triage"
    (root / "default").mkdir(parents=True)
    (root / "bin").mkdir()
    (root / "bin" / "llmtriage.py").write_text("", encoding="utf-8")
    (root / "default" / "commands.conf").write_text(commands, encoding="utf-8")
    return SplunkApp(root)


def test_command_script_follows_commands_conf(tmp_path: Path) -> None:
    app = _app(tmp_path, "[llmtriage]\nfilename = llmtriage.py\nchunked = true\n")
    assert app.command_script("llmtriage") == app.path / "bin" / "llmtriage.py"
    assert app.name == "llm_triage"


@pytest.mark.parametrize(
    ("commands", "command", "complaint"),
    [
        (
            "[llmtriage]\nfilename = llmtriage.py\nchunked = true\n",
            "other",
            "unknown search command 'other'.*llmtriage",
        ),
        ("[llmtriage]\nfilename = llmtriage.py\n", "llmtriage", "not chunked = true"),
        ("[llmtriage]\nfilename = gone.py\nchunked = true\n", "llmtriage", "gone.py, which is not in"),
        ("[llmtriage]\nchunked = true\n", "llmtriage", "has no filename"),
    ],
)
def test_command_script_explains_what_is_wrong(tmp_path: Path, commands: str, command: str, complaint: str) -> None:
    with pytest.raises(AppError, match=complaint):
        _app(tmp_path, commands).command_script(command)


def test_local_conf_overrides_default(tmp_path: Path) -> None:
    app = _app(tmp_path, "[llmtriage]\nfilename = llmtriage.py\nchunked = true\n")
    (app.path / "local").mkdir()
    (app.path / "local" / "commands.conf").write_text("[llmtriage]\nchunked = false\n", encoding="utf-8")
    assert app.conf_names() == ["commands"]
    with pytest.raises(AppError, match="not chunked"):
        app.command_script("llmtriage")


def test_a_folder_without_default_is_not_an_app(tmp_path: Path) -> None:
    with pytest.raises(AppError, match="make build"):
        SplunkApp(tmp_path)
