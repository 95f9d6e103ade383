"""Pass or fail a splunk-appinspect JSON report.

splunk-appinspect's exit code says nothing useful (warnings are always present), so `make inspect`
writes the JSON report and this gate reads it: any check whose result is failure, error or
future_failure fails the build. It prints the summary and each offending check with all its
messages, then the warnings the same way.

Usage: python tools/appinspect_gate.py REPORT.json
Exit status: 0 pass, 1 blocking results, 2 unreadable or empty report.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

BLOCKING = ("failure", "error", "future_failure")
SUMMARY_ORDER = ("error", "failure", "future_failure", "warning", "success", "not_applicable", "skipped")


class ReportError(ValueError):
    """The file is not a splunk-appinspect JSON report with results in it."""


@dataclass(frozen=True)
class Check:
    """One check's result in one inspected app."""

    app: str
    name: str
    result: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    """What the gate decided: the report's summary and the checks behind it."""

    summary: Mapping[str, int]
    blocking: tuple[Check, ...]
    warnings: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        return not self.blocking and not any(self.summary.get(key, 0) for key in BLOCKING)


def _message_text(message: Mapping[str, Any]) -> str:
    text = str(message.get("message", "")).strip()
    where = message.get("message_filename")
    # AppInspect writes the string "None" when a message has no file.
    if where and where != "None" and str(where) not in text:
        line = message.get("message_line")
        text += f" ({where}{':' + str(line) if line else ''})"
    return text


def _checks(report: Mapping[str, Any]) -> Iterator[Check]:
    for app in report.get("reports", []):
        app_name = str(app.get("app_package_id") or app.get("app_name") or "?")
        for group in app.get("groups", []):
            for check in group.get("checks", []):
                result = str(check.get("result", ""))
                # A check's messages can mix results (a not_applicable note beside the real
                # finding): keep the ones that carry the check's own result.
                messages = tuple(
                    _message_text(m) for m in check.get("messages", []) if m.get("result", result) == result
                )
                yield Check(app_name, str(check.get("name", "?")), result, messages)


def evaluate(report: Mapping[str, Any]) -> Verdict:
    """Decide on a parsed report. Raises ReportError when it holds no summary or no checks."""
    summary = report.get("summary")
    if not isinstance(summary, dict) or not isinstance(report.get("reports"), list):
        raise ReportError("no 'summary' or 'reports': not a splunk-appinspect JSON report")
    checks = list(_checks(report))
    if not checks:
        raise ReportError("the report holds no check results")
    # Both the summary and the individual checks are read: either one showing a blocking result fails.
    return Verdict(
        summary={str(k): int(v) for k, v in summary.items()},
        blocking=tuple(c for c in checks if c.result in BLOCKING),
        warnings=tuple(c for c in checks if c.result == "warning"),
    )


def render(verdict: Verdict, out: TextIO) -> None:
    """Print the summary, then every message of each blocking check and of each warning."""
    keys = [k for k in SUMMARY_ORDER if k in verdict.summary]
    keys += sorted(k for k in verdict.summary if k not in SUMMARY_ORDER)
    out.write("AppInspect summary: " + ", ".join(f"{k}={verdict.summary[k]}" for k in keys) + "\n")
    # Blocking checks in capitals first; warnings follow so a reviewer sees them without the JSON.
    for check in verdict.blocking + verdict.warnings:
        label = check.result.upper() if check.result in BLOCKING else check.result
        out.write(f"{label}: {check.name} [{check.app}]\n")
        for message in check.messages or ("(no message)",):
            out.write(f"    {message}\n")
    out.write("AppInspect gate: " + ("PASS" if verdict.passed else "FAIL") + "\n")


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/appinspect_gate.py REPORT.json", file=sys.stderr)
        return 2
    try:
        with open(argv[0], encoding="utf-8") as handle:
            report = json.load(handle)
        if not isinstance(report, dict):
            raise ReportError("the top level is not a JSON object")
        verdict = evaluate(report)
    except (OSError, ValueError) as exc:  # json.JSONDecodeError and ReportError are ValueErrors
        print(f"AppInspect gate: cannot read {argv[0]}: {exc}", file=sys.stderr)
        return 2
    render(verdict, sys.stdout)
    return 0 if verdict.passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
