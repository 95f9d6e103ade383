"""tools/appinspect_gate.py on small reports shaped like splunk-appinspect 4.3's JSON output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tools.appinspect_gate import BLOCKING, ReportError, evaluate, main


def message(text: str, result: str, filename: str | None = None, line: int | None = None) -> dict[str, Any]:
    return {"message": text, "result": result, "message_filename": filename or "None", "message_line": line}


def check(name: str, result: str, *messages: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "result": result, "tags": ["cloud"], "messages": list(messages)}


def report(*checks: dict[str, Any], summary: dict[str, int] | None = None) -> dict[str, Any]:
    """A one-app report; the summary counts the checks unless given."""
    if summary is None:
        summary = {result: 0 for result in ("error", "failure", "future_failure", "warning", "success")}
        for item in checks:
            summary[item["result"]] = summary.get(item["result"], 0) + 1
    groups = [{"name": "check_group", "description": "", "checks": list(checks)}]
    return {"summary": summary, "reports": [{"app_package_id": "llm_triage", "groups": groups}]}


def run(tmp_path: Path, content: Any, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "appinspect.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    status = main([str(path)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


SUCCESS = check("check_app_manifest", "success")
TLS_WARNING = check(
    "check_for_supported_tls",
    "warning",
    message("Ensure that the SSL certificate validation ... is enabled.", "warning", "lib/solnlib/rest.py", 58),
)


def test_warnings_pass_and_are_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(tmp_path, report(SUCCESS, TLS_WARNING), capsys)
    assert status == 0
    assert "warning=1" in out and "success=1" in out
    assert "check_for_supported_tls" in out and "(lib/solnlib/rest.py:58)" in out
    assert out.rstrip().endswith("AppInspect gate: PASS")


@pytest.mark.parametrize("result", BLOCKING)
def test_each_blocking_result_fails_with_its_messages(
    result: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = check(
        "check_python_required",
        result,
        message("python.required is missing. File: default/commands.conf Line Number: 3", result),
        message("second finding", result, "bin/llmtriage.py", 12),
    )
    status, out = run(tmp_path, report(SUCCESS, TLS_WARNING, bad), capsys)
    assert status == 1
    assert f"{result}=1" in out
    assert f"{result.upper()}: check_python_required [llm_triage]" in out
    # The file is already in the first message's text, so it is not repeated.
    assert "python.required is missing. File: default/commands.conf Line Number: 3\n" in out
    assert "second finding (bin/llmtriage.py:12)" in out
    assert out.rstrip().endswith("AppInspect gate: FAIL")


def test_a_summary_count_alone_fails() -> None:
    summary = {"error": 0, "failure": 1, "future_failure": 0, "warning": 0, "success": 1}
    verdict = evaluate(report(SUCCESS, summary=summary))
    assert not verdict.passed and not verdict.blocking


def test_a_failed_check_fails_even_when_the_summary_shows_none() -> None:
    summary = {"error": 0, "failure": 0, "future_failure": 0, "warning": 0, "success": 2}
    verdict = evaluate(report(SUCCESS, check("check_x", "failure"), summary=summary))
    assert not verdict.passed
    assert [c.name for c in verdict.blocking] == ["check_x"]


def test_messages_of_another_result_are_left_out() -> None:
    mixed = check(
        "check_python_sdk_version",
        "warning",
        message("Directory does not contain Splunk SDK for Python.", "not_applicable"),
        message("Detected an outdated version of the Splunk SDK for Python (2.1.1).", "warning"),
    )
    verdict = evaluate(report(mixed))
    assert verdict.passed
    assert verdict.warnings[0].messages == ("Detected an outdated version of the Splunk SDK for Python (2.1.1).",)


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        json.dumps({"reports": []}),
        json.dumps({"summary": {"failure": 0}}),
        json.dumps(report()),  # a summary but no check results: AppInspect did not really run
    ],
)
def test_an_unreadable_report_is_an_error(content: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(tmp_path, content, capsys)
    assert status == 2
    assert "cannot read" in out


def test_a_missing_report_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.json")]) == 2
    assert main([]) == 2
    capsys.readouterr()


def test_evaluate_rejects_a_report_without_checks() -> None:
    with pytest.raises(ReportError):
        evaluate({"summary": {}, "reports": [{"groups": []}]})
