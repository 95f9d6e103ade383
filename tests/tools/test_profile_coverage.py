"""tools/profile_coverage.py: which profile `auto` picks per log type, how many of the fields an analyst
needs survive into the bundle, and its size; on a small synthetic sample, then (when present) on the 90
log types of panther-tests.jsonl against floors measured on 2026-11-26."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.profile_coverage import load_needs, main, measure, read_cases, summary

NEEDS = load_needs()
SAMPLE = [
    {
        "log_type": "AWS.CloudTrail",
        "log": {
            "eventName": "StopLogging",
            "eventSource": "cloudtrail.amazonaws.com",
            "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::1:user/mallory"},
            "sourceIPAddress": "203.0.113.9",
            "requestParameters": {"name": "trail-1"},
        },
    },
    {
        "log_type": "Okta.SystemLog",
        "log": {
            "eventType": "user.session.start",
            "actor": {"alternateId": "a@example.com"},
            "outcome": {"result": "FAILURE"},
        },
    },
    # A SaaS audit log no profile names: generic keeps what it can, and what it loses is counted.
    {
        "log_type": "Acme.Audit",
        "log": {"actionName": "deleteWorkspace", "whoDidIt": "bob", "client": {"ip": "198.51.100.1"}},
    },
    {"log_type": "Acme.Audit", "log": "not an object"},
]


def test_each_log_type_gets_its_family_profile_needs_and_size() -> None:
    rows = {row.log_type: row for row in measure(SAMPLE, NEEDS)}
    trail, okta, acme = rows["AWS.CloudTrail"], rows["Okta.SystemLog"], rows["Acme.Audit"]
    assert (trail.family, dict(trail.profiles), trail.events) == ("cloud_audit", {"cloud_audit": 1}, 1)
    assert (trail.kept, trail.present) == (3, 3)  # signature, user, src: no result or object in the event
    assert (okta.family, dict(okta.profiles), okta.kept, okta.present) == ("identity", {"identity": 1}, 3, 3)
    assert (acme.family, dict(acme.profiles), acme.events) == (
        "generic",
        {"generic": 1},
        1,
    )  # the string log is skipped
    assert (acme.kept, acme.present) == (1, 1)  # actionName is a signature; neither whoDidIt nor client.ip match a need
    assert trail.chars > 100 and 0 < trail.tokens < trail.chars


def test_lost_needs_are_named() -> None:
    case = {
        "log_type": "Okta.SystemLog",
        "log": {"eventType": "x", "outcome": {"result": "SUCCESS"}, "weird": {"ipAddress": "1.2.3.4"}},
    }
    (row,) = measure([case], NEEDS)
    assert row.missed == {"src": 1} and (row.kept, row.present) == (2, 3)


def test_every_family_names_defined_needs_and_the_last_takes_every_log_type() -> None:
    assert NEEDS.families[-1][1] == ("*",)
    assert NEEDS.family_of("Something.New")[0] == "generic"
    assert {family for family, _, _ in NEEDS.families} == {
        "email",
        "identity",
        "cloud_audit",
        "endpoint",
        "network",
        "generic",
    }


def test_the_table_and_a_missing_dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(json.dumps(case) + "\n" for case in SAMPLE), encoding="utf-8")
    assert main(["--dataset", str(sample), "--markdown", str(tmp_path / "out.md")]) == 0
    table = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "| AWS.CloudTrail | cloud_audit | 1 | cloud_audit 1 | 1 | 3/3 | 100 | - |" in table
    assert "All: 3 log types, 3 events, 3 with evidence; needs kept 7/7 (100.0%)" in table
    assert main(["--dataset", str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().out.splitlines()[-1]


# Floors: measured on 2026-11-26 (profiles v2, needs v1), rounded down. The first run, with the version 1
# profiles, kept 57.1% of the needs and gave 1,945 events evidence.
FLOORS = {"AWS.CloudTrail": 0.99, "Okta.SystemLog": 0.99, "Azure.MonitorActivity": 0.98, "GCP.AuditLog": 0.93,
          "Amazon.EKS.Audit": 0.99, "Proofpoint.Event": 1.0, "Crowdstrike.FDREvent": 1.0, "AWS.VPCFlow": 1.0,
          "Auth0.Events": 1.0, "Databricks.Audit": 0.99, "GSuite.ActivityEvent": 0.97}  # fmt: skip


def test_the_panther_log_types_keep_what_an_analyst_needs(shared: Path) -> None:
    rows = measure(read_cases(shared / "datasets" / "panther-tests.jsonl"), NEEDS)
    total = summary(rows)
    assert (total["log_types"], total["events"]) == (90, 3003)
    assert total["kept_share"] >= 0.965 and total["with_evidence"] >= 2935
    assert total["tokens_per_event"] <= 130  # the bundles stay small: 126 estimated tokens on average
    by_type = {row.log_type: row for row in rows}
    below = {
        name: round(by_type[name].kept_share, 3) for name, floor in FLOORS.items() if by_type[name].kept_share < floor
    }
    assert below == {}
