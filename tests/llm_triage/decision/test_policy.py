"""The action policy: the shipped file, the decisions it gives, and the files it refuses."""

import copy
import json
import os
from pathlib import Path

import pytest

from llm_triage.decision.policy import (
    POLICY_DIR,
    PolicyError,
    action_names,
    decision_text,
    load_policy,
    parse_policy,
    policy_schema,
)


def shipped() -> dict:
    return json.loads((POLICY_DIR / "default-1.json").read_text(encoding="utf-8"))


def test_the_shipped_policy_follows_its_schema_as_jsonschema_reads_it():
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(shipped(), policy_schema())
    assert load_policy("default-1").label == "default/1"


def test_bookkeeping_is_automatic_and_containment_needs_approval_on_a_confirmed_incident():
    decision = load_policy("default-1").decide("high_confidence_malicious", 0.9, "high", "model")
    assert decision["rule"] == "malicious"
    assert action_names(decision, "automatic") == ["tag", "group_duplicates", "open_case", "notify", "assign_owner"]
    assert action_names(decision, "needs_approval") == [
        "disable_account",
        "isolate_host",
        "revoke_tokens",
        "block_address",
    ]
    assert action_names(decision, "never") == ["close_alert", "suppress_rule"]
    assert decision["actions"][0]["reason"].startswith("malicious: confirmed malicious")
    assert "shadow" not in decision


def test_criticality_and_op_confidence_choose_the_rule():
    policy = load_policy("default-1")
    critical = policy.decide("high_confidence_malicious", 0.9, "critical", "model")
    assert critical["rule"] == "malicious-critical-asset"
    assert "isolate_host" in action_names(critical, "never")
    # The model's strongest bucket with op confidence under 0.85 is handled as a probable incident.
    assert policy.decide("high_confidence_malicious", 0.8, "critical", "model")["rule"] == "probable-incident"
    assert policy.decide("probable_incident", 0.7, "", "model")["criticality"] == "unknown"
    assert action_names(policy.decide("probable_incident", 0.7, "", "model"), "needs_approval") == [
        "revoke_tokens",
        "block_address",
    ]
    assert policy.decide("needs_enrichment", 0.5, "low", "model")["rule"] == "needs-enrichment"
    assert policy.decide("likely_benign", 0.1, "low", "model")["rule"] == "otherwise"


def test_a_baseline_bucket_only_gets_bookkeeping():
    decision = load_policy("default-1").decide("high_confidence_malicious", 0.95, "critical", "baseline")
    assert decision["rule"] == "no-model-verdict"
    assert action_names(decision, "automatic") == ["tag", "group_duplicates"]
    assert action_names(decision, "needs_approval") == []


def test_the_decision_is_canonical_json_with_the_contracts_keys_and_shadow_when_asked():
    decision = load_policy("default-1").decide("likely_benign", 0.12, "medium", "model", shadow=True)
    text = decision_text(decision)
    assert text == json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    parsed = json.loads(text)
    assert parsed["policy"] == "default/1" and parsed["bucket"] == "likely_benign"
    assert parsed["op_confidence"] == 0.12 and parsed["criticality"] == "medium" and parsed["shadow"] is True
    assert {tuple(sorted(item)) for item in parsed["actions"]} == {("action", "class", "reason")}


def refused(change, match):
    data = shipped()
    change(data)
    with pytest.raises(PolicyError, match=match):
        parse_policy(data, "mine-1.json")


def test_a_consequential_action_can_never_be_automatic():
    refused(
        lambda data: data["actions"]["isolate_host"].update(ceiling="automatic"),
        r"mine-1.json refused: action isolate_host can never be automatic",
    )


def test_a_rule_cannot_loosen_an_actions_ceiling():
    def loosen(data):
        data["rules"][2]["never"].remove("close_alert")
        data["rules"][2]["automatic"].append("close_alert")

    refused(loosen, r"rule malicious: action close_alert is automatic, looser than its ceiling never")


def test_unknown_actions_duplicates_and_a_conditional_last_rule_are_refused():
    refused(lambda data: data["rules"][0]["automatic"].append("wipe_disk"), "action wipe_disk is not in the catalogue")
    refused(lambda data: data["rules"][0]["never"].append("tag"), "action tag is in more than one class")
    refused(lambda data: data["rules"][-1]["when"].update(buckets=["likely_benign"]), "the last rule must have no")
    refused(lambda data: data["rules"][1].update(name="malicious"), "rule malicious: the name is used twice")
    refused(
        lambda data: data["rules"][1]["when"].update(min_op_confidence=0.9, max_op_confidence=0.2),
        "min_op_confidence is above max_op_confidence",
    )


def test_schema_breaks_are_refused_with_where():
    refused(lambda data: data.pop("version"), r"\$: missing version")
    refused(lambda data: data["rules"][0]["when"].update(buckets=["maybe"]), r"\$.rules\[0\].when.buckets\[0\]")
    refused(lambda data: data["actions"]["tag"].update(ceiling="sometimes"), r"\$.actions.tag.ceiling")
    refused(lambda data: data["rules"][0].update(extra=1), "unexpected property 'extra'")


def test_files_are_refused_at_load_naming_the_problem(tmp_path: Path):
    with pytest.raises(PolicyError, match="no such file default-9.json"):
        load_policy("default-9")
    with pytest.raises(PolicyError, match="give a shipped policy's name"):
        load_policy("../../etc/passwd")
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x", "version": NaN}', encoding="utf-8")
    with pytest.raises(PolicyError, match="broken.json: not valid JSON"):
        load_policy(str(broken))
    misnamed = tmp_path / "strict-2.json"
    misnamed.write_text(json.dumps(shipped()), encoding="utf-8")
    with pytest.raises(PolicyError, match="id and version say default/1; name the file default-1.json"):
        load_policy(str(misnamed))


def test_an_admins_own_file_is_loaded_and_reloaded_when_it_changes(tmp_path: Path):
    data = copy.deepcopy(shipped())
    data.update(id="strict", version=2)
    path = tmp_path / "strict-2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_policy(str(path)).label == "strict/2"
    data["rules"][-1]["automatic"] = ["tag"]
    path.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the file system's resolution
    decision = load_policy(str(path)).decide("likely_benign", 0.1, "", "model")
    assert action_names(decision, "automatic") == ["tag"]


# additionalProperties as a schema (the catalogue's entries) is checked by parse_policy itself.
SUPPORTED = {"type", "enum", "required", "properties", "additionalProperties", "items", "minItems", "maxItems"}
SUPPORTED |= {"minLength", "maxLength", "pattern", "minimum", "maximum", "description", "title", "$schema", "$id"}


def keywords(schema, found):
    for keyword, value in schema.items():
        found.add(keyword)
        if keyword == "properties":
            for sub in value.values():
                keywords(sub, found)
        elif keyword in ("items", "additionalProperties") and isinstance(value, dict):
            keywords(value, found)
    return found


def test_the_schema_is_valid_and_uses_only_what_the_shipped_validator_checks():
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(policy_schema())
    assert keywords(policy_schema(), set()) <= SUPPORTED
