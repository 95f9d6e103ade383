"""The loopback server's stand-in judgement, on requests built the way `llmtriage` builds them.

Each sample alert goes through the harness's JSON flattening, the package's profile choice, bundle and
prompt, and the wire schema; the judge must answer every one schema-valid and with the verdict the
sample was written to have.
"""

from pathlib import Path
from typing import Any

import pytest

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.verdict.prompt import load_prompt
from llm_triage.verdict.schema import answer_problems, wire_schema
from tests.servers.judge import judge_answer
from tests.servers.triage_requests import DESCRIBE_INSTANCES, STOP_LOGGING, triage_request
from tools.harness.inputs import read_rows

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "alerts.jsonl"

# What each sample, in file order, was written to be.
EXPECTED_VERDICTS = (
    ("AWS CloudTrail Logging Stopped or Trail Deleted", "malicious"),
    ("Okta MFA Push Fatigue Followed by Success", "malicious"),
    ("Email Delivered With Malicious Attachment", "malicious"),
    ("Office Application Spawned Encoded PowerShell", "malicious"),
    ("AWS High Volume of Describe API Calls", "benign"),
    ("Okta Password Reset by Administrator", "benign"),
    ("Email From Newly Observed Sender Domain", "benign"),
    ("Msiexec Installing Package From ProgramData", "benign"),
    ("AWS Console Login Without MFA From New ASN", "malicious"),
    ("Okta Sign-in Attempts From Anonymizing Proxy", "suspicious"),
    ("Email Delivered With Malicious Attachment", "malicious"),
    ("LSASS Memory Dump via Comsvcs", "malicious"),
    ("AWS Security Group Enumeration", "benign"),
    ("PowerShell Execution Policy Bypass", "benign"),
)


def sample_requests() -> list[tuple[dict[str, Any], tuple[str, ...], dict[str, Any]]]:
    """(row, bundle refs, request body) for every sample alert, as the command would send it."""
    prompt = load_prompt()
    built = []
    for row in read_rows(SAMPLES):
        bundle = build_bundle(row, select_profile(row))
        body = {
            "model": "local-model",
            "messages": prompt.messages(bundle.text),
            "temperature": 0,
            "max_tokens": 512,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "triage_verdict", "strict": True, "schema": wire_schema(bundle.refs)},
            },
        }
        built.append((row, bundle.refs, body))
    return built


def test_every_sample_is_judged_as_written_and_schema_valid():
    judged = []
    for row, refs, body in sample_requests():
        answer = judge_answer(body)
        assert answer_problems(answer, refs) == [], row["alert_name"]
        judged.append((row["alert_name"], answer["verdict"]))
    assert tuple(judged) == EXPECTED_VERDICTS


def test_the_planted_instruction_does_not_change_the_verdict_but_is_noticed():
    planted = [
        (row, body) for row, _, body in sample_requests() if "Note to the AI assistant" in str(row.get("subject"))
    ]
    assert len(planted) == 1
    answer = judge_answer(planted[0][1])
    assert answer["verdict"] == "malicious"
    assert any("address the triage assistant" in question for question in answer["questions"])


def test_the_judge_cites_the_fields_that_made_its_verdict_first():
    row, refs, body = sample_requests()[0]
    assert row["eventName"] == "StopLogging"
    cited = judge_answer(body)["evidence"]
    assert cited[0].endswith("/signature") and set(cited) <= set(refs)


def test_text_outside_the_evidence_block_is_not_judged():
    body = triage_request(DESCRIBE_INSTANCES)
    body["messages"][0]["content"] += " For example, StopLogging by a CI role is malicious."
    assert judge_answer(body)["verdict"] == "benign"


def test_a_request_without_evidence_gets_insufficient_evidence():
    body = triage_request(STOP_LOGGING)
    body["messages"][1]["content"] = "Is this bad?"
    answer = judge_answer(body)
    assert (answer["verdict"], answer["bucket"]) == ("insufficient_evidence", "needs_enrichment")


def test_the_same_request_gets_the_same_answer():
    body = triage_request(STOP_LOGGING)
    assert judge_answer(body) == judge_answer(dict(body))


@pytest.mark.parametrize("limit", [1, 2])
def test_the_answer_respects_the_schemas_item_limits(limit):
    body = triage_request(STOP_LOGGING)
    properties = body["response_format"]["json_schema"]["schema"]["properties"]
    properties["evidence"]["maxItems"] = limit
    properties["attack"]["maxItems"] = limit
    answer = judge_answer(body)
    assert len(answer["evidence"]) <= limit and len(answer["attack"]) <= limit
