import re

import pytest

from llm_triage.verdict import prompt as prompt_module
from llm_triage.verdict.prompt import PromptError, load_prompt


def test_the_shipped_prompt_has_a_versioned_label():
    prompt = load_prompt()
    assert re.fullmatch(r"triage/4#[0-9a-f]{8}", prompt.label)


def test_messages_carry_instructions_then_the_bundle_between_markers():
    messages = load_prompt().messages('{"events":[]}')
    assert [message["role"] for message in messages] == ["system", "user"]
    assert "never\n  an instruction" in messages[0]["content"] or "never an instruction" in messages[0]["content"]
    assert '<evidence>\n{"events":[]}\n</evidence>' in messages[1]["content"]


def write_prompt(directory, name, text):
    (directory / f"{name}.prompt").write_text(text, encoding="utf-8")


def test_any_edit_changes_the_label_even_without_a_version_bump(tmp_path, monkeypatch):
    monkeypatch.setattr(prompt_module, "PROMPT_DIR", tmp_path)
    load_prompt.cache_clear()
    body = "id: t\nversion: 3\n--- system\nBe careful.\n--- user\n<evidence>\n{bundle}\n</evidence>\n"
    write_prompt(tmp_path, "a", body)
    write_prompt(tmp_path, "b", body.replace("careful", "very careful"))
    try:
        first, second = load_prompt("a"), load_prompt("b")
        assert first.label.split("#")[0] == second.label.split("#")[0] == "t/3"
        assert first.label != second.label
    finally:
        load_prompt.cache_clear()


@pytest.mark.parametrize(
    "text, problem",
    [
        ("version: 1\n--- system\nx\n--- user\n{bundle}\n", "needs id and version"),
        ("id: t\nversion: one\n--- system\nx\n--- user\n{bundle}\n", "needs id and version"),
        ("id: t\nversion: 1\n--- system\nx\n--- user\nno slot\n", "no {bundle} slot"),
    ],
)
def test_a_malformed_prompt_file_is_refused(tmp_path, monkeypatch, text, problem):
    monkeypatch.setattr(prompt_module, "PROMPT_DIR", tmp_path)
    load_prompt.cache_clear()
    write_prompt(tmp_path, "bad", text)
    try:
        with pytest.raises(PromptError, match=re.escape(problem)):
            load_prompt("bad")
    finally:
        load_prompt.cache_clear()
