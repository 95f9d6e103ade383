"""Splitting SPL pipelines into commands with splunkd's args and raw_args."""

from __future__ import annotations

import pytest

from tools.harness.spl import CommandCall, SplError, parse_pipeline


def test_stages_and_arguments() -> None:
    assert parse_pipeline("| llmtriage dryrun=true | llmtriage provider=local  profile=auto ") == [
        CommandCall("llmtriage", ("dryrun=true",), ("dryrun=true",), "llmtriage dryrun=true"),
        CommandCall(
            "llmtriage",
            ("provider=local", "profile=auto"),
            ("provider=local", "profile=auto"),
            "llmtriage provider=local  profile=auto",
        ),
    ]


def test_quotes_group_words_and_are_removed_from_args_only() -> None:
    (call,) = parse_pipeline('llmtriage fields="user src, dest" "a | b"')
    assert call.args == ("fields=user src, dest", "a | b")
    assert call.raw_args == ('fields="user src, dest"', '"a | b"')


def test_backslash_escapes_inside_quotes_as_in_the_63_capture() -> None:
    # The capture's search typed pattern="\w+"; splunkd sent raw_args pattern="\w+" and args pattern=\w+.
    (call,) = parse_pipeline(r'countmatches fieldname=word_count pattern="\w+" text note="say \"hi\" \\o/"')
    assert call.args == ("fieldname=word_count", r"pattern=\w+", "text", 'note=say "hi" \\o/')
    assert call.raw_args == ("fieldname=word_count", r'pattern="\w+"', "text", r'note="say \"hi\" \\o/"')


@pytest.mark.parametrize(
    ("spl", "complaint"),
    [
        ("llmtriage | | llmtriage", "empty command"),
        ("llmtriage |", "empty command"),
        ('llmtriage fields="user', "unbalanced"),
        ('"llmtriage" x=1', "not a command name"),
        ("9lives", "not a command name"),
    ],
)
def test_bad_pipelines(spl: str, complaint: str) -> None:
    with pytest.raises(SplError, match=complaint):
        parse_pipeline(spl)
