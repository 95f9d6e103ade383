import json

import pytest

from llm_triage.evidence.profiles import (
    AUTO,
    PROFILE_DIR,
    PROFILE_SCHEMA_PATH,
    ProfileError,
    explicit_profile,
    get_profile,
    load_profiles,
    profile_names,
    select_profile,
)
from llm_triage.verdict.schema import schema_errors
from tools.harness.inputs import flatten_json


def test_every_shipped_profile_loads_and_generic_comes_last():
    names = [profile.id for profile in load_profiles()]
    assert names[-1] == "generic"
    assert set(names) == {"cloud_audit", "identity", "email", "endpoint", "network", "generic"}
    assert profile_names()[0] == AUTO


def test_every_profile_starts_with_the_common_fields():
    for profile in load_profiles():
        assert [spec.name for spec in profile.fields[:5]] == ["time", "rule", "severity", "risk_score", "sourcetype"]


def test_the_profile_schema_rejects_a_broken_profile():
    schema = json.loads(PROFILE_SCHEMA_PATH.read_text())
    good = json.loads((PROFILE_DIR / "identity.json").read_text())
    assert schema_errors(good, schema) == []
    broken = dict(good, fields=[{"name": "User Name", "from": []}], surprise=True)
    errors = schema_errors(broken, schema)
    assert "$: unexpected property 'surprise'" in errors
    assert any(error.startswith("$.fields[0].name") for error in errors)
    assert "$.fields[0].from: fewer than 1 items" in errors


def test_an_unknown_profile_names_the_choices():
    with pytest.raises(ProfileError, match="choose one of: auto, cloud_audit"):
        get_profile("nope")


@pytest.mark.parametrize(
    "row, expected",
    [
        ({"sourcetype": "aws:cloudtrail", "eventName": "x"}, "cloud_audit"),
        ({"sourcetype": "OktaIM2:log"}, "identity"),
        ({"sourcetype": "oktaim2:LOG"}, "identity"),
        ({"sourcetype": "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"}, "endpoint"),
        ({"sourcetype": "pps_messagelog"}, "email"),
        ({"sourcetype": "pan:traffic"}, "network"),
        ({"sourcetype": "json", "eventName": "GetObject", "eventSource": "s3.amazonaws.com"}, "cloud_audit"),
        ({"sourcetype": "json", "eventType": "user.session.start", "actor.alternateId": "a@b"}, "identity"),
        ({"sourcetype": "json", "CommandLine": "cmd /c whoami", "ParentImage": "C:\\w.exe"}, "endpoint"),
        ({"sourcetype": "json", "sender": "a@b", "subject": "hi", "recipient": "c@d"}, "email"),
        ({"sourcetype": "json", "eventName": "GetObject"}, "generic"),  # one field is below min_fields
        ({"sourcetype": "stash", "rule_name": "Excessive logins", "src": "10.0.0.1"}, "generic"),
        ({}, "generic"),
    ],
)
def test_auto_picks_by_sourcetype_then_by_fields(row, expected):
    assert select_profile(row, AUTO).id == expected


def test_a_requested_profile_wins_over_auto():
    assert select_profile({"sourcetype": "aws:cloudtrail"}, "generic").id == "generic"


def test_explicit_fields_keep_the_common_fields_first():
    profile = explicit_profile(["src_ip", "severity"])
    assert profile.id == "fields"
    assert [spec.name for spec in profile.fields] == ["time", "rule", "severity", "risk_score", "sourcetype", "src_ip"]


PANTHER_FAMILIES = {
    "AWS.CloudTrail": "cloud_audit",
    "Azure.MonitorActivity": "cloud_audit",
    "GCP.AuditLog": "cloud_audit",
    "Okta.SystemLog": "identity",
    "Proofpoint.Event": "email",
    "AWS.VPCFlow": "network",
}


def test_auto_recognises_real_log_shapes_without_a_sourcetype(shared):
    seen = {family: 0 for family in PANTHER_FAMILIES}
    misses = []
    with (shared / "datasets" / "panther-tests.jsonl").open() as lines:
        for line in lines:
            case = json.loads(line)
            expected = PANTHER_FAMILIES.get(case["log_type"])
            if expected is None or not isinstance(case["log"], dict):
                continue
            seen[case["log_type"]] += 1
            chosen = select_profile(flatten_json(case["log"]), AUTO).id
            if chosen != expected:
                misses.append((case["log_type"], case["test_name"], chosen))
    assert all(count > 0 for count in seen.values()), seen
    # Hand-written test events are sometimes minimal stubs; require the profile on nearly all of them.
    assert len(misses) <= 0.05 * sum(seen.values()), misses[:10]
