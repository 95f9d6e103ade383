"""Writing verdicts back to ES notables and findings, through the package's splunkd doorway, against a
stand-in that speaks ES's documented endpoints strictly (an unknown parameter is refused)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from llm_triage.es.notables import (
    MAX_COMMENT,
    REFUSED,
    SKIPPED,
    WRITTEN,
    NotableSettings,
    NotableWriter,
    comment,
    notable_id,
    notable_settings,
)
from llm_triage.splunkd.rest import SplunkdRest, splunkd_request
from tests.llm_triage.es.es_rows import FINDING, NOTABLE, judged, unjudged
from tools.harness.es_standin import EnterpriseSecurity
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn


@pytest.fixture
def es() -> Iterator[tuple[EnterpriseSecurity, SplunkdStandIn]]:
    service = EnterpriseSecurity()
    service.add_notable(NOTABLE)
    service.add_notable(FINDING)
    with SplunkdStandIn(SplunkdContent()) as standin:
        standin.add_service(service, first=True)
        yield service, standin


NOTHING_MORE = NotableSettings()  # a comment only


def writer(standin: SplunkdStandIn, settings: NotableSettings = NOTHING_MORE, key: str = "") -> NotableWriter:
    return NotableWriter(SplunkdRest(splunkd_request(standin.uri, key or standin.session_key)), settings)


def test_a_judged_notable_gets_a_comment_with_bucket_rationale_and_evidence_and_nothing_else(es) -> None:
    service, standin = es
    result = writer(standin).write(judged())
    assert (result.outcome, result.event_id) == (WRITTEN, NOTABLE)
    notable = service.notables[NOTABLE]
    (posted,) = [body for _m, path, body in service.requests if path == "notable_update"]
    assert set(posted) == {"ruleUIDs", "comment"}  # no urgency, status or owner unless allowed
    text = notable.comments[0]
    assert text.startswith("LLM triage: probable_incident (model: probable_incident at 0.7, op confidence 0.8")
    assert "Rationale: 31 failed logons" in text and "Evidence: e1: 31 failures; e2: success at 10:02" in text
    assert (notable.urgency, notable.status, notable.owner) == ("medium", "1", "unassigned")
    assert [r.path for r in standin.requests] == ["/services/notable_update"]
    assert "addresses the model" not in text


def test_the_analyst_reads_on_the_notable_that_its_text_addressed_the_model(es) -> None:
    service, standin = es
    flagged = judged(triage_injection=["_raw:instruction", "injection:swayed"])
    assert writer(standin).write(flagged).outcome == WRITTEN
    lines = service.notables[NOTABLE].comments[0].splitlines()
    assert lines[1] == "Text in the event addresses the model: _raw:instruction"
    assert lines[2] == "Injection check: the event's free text swayed the model's answer (injection:swayed)"
    assert lines[3].startswith("Rationale: ")


def test_the_fields_the_model_reported_are_said_apart_from_the_detectors_findings() -> None:
    lines = comment(judged(triage_injection=["_raw:learned/9", "reason:model", "user:model"])).splitlines()
    assert lines[1] == "Text in the event addresses the model: _raw:learned/9"
    assert lines[2] == "The model reported text that tries to sway its triage in: reason; user"
    only = comment(judged(triage_injection=["reason:model"]))
    assert "Text in the event addresses the model" not in only and "sway its triage in: reason" in only
    # A report the app could not place is said as such, not as a field named `injection`; a finding in a
    # field whose name starts `injection:` is the detector's, and said as one.
    unplaced = comment(judged(triage_injection=["injection:reported", "injection:note:instruction"])).splitlines()
    assert unplaced[1] == "Text in the event addresses the model: injection:note:instruction"
    assert (
        unplaced[2].startswith("Injection check: the model reported text") and "sway its triage in:" not in unplaced[2]
    )


@pytest.mark.parametrize(
    ("label", "said"),
    [("injection:group", "another event judged with it"), ("injection:unchecked", "its check got no answer")],
)
def test_a_check_label_is_said_as_what_it_means_not_as_the_events_own_text(label: str, said: str) -> None:
    text = comment(judged(triage_injection=[label]))
    assert "Text in the event addresses the model" not in text
    assert text.splitlines()[1].startswith("Injection check: ") and said in text.splitlines()[1]


def test_a_long_comment_is_cut_in_its_evidence_and_keeps_the_line_that_finds_the_result() -> None:
    long = judged(triage_rationale="r" * 1500, triage_evidence=[f"e{i}: " + "x" * 290 for i in range(10)])
    text = comment(long)
    assert len(text) == MAX_COMMENT and "…" in text
    assert text.splitlines()[-1] == "triage_id=0123456789abcdef01234567. Decision support, not a verdict of record."


def test_urgency_comes_from_the_final_bucket_only_when_allowed_and_status_and_owner_only_when_configured(es) -> None:
    service, standin = es
    settings = notable_settings("1", "2", "tier2_oncall")
    assert writer(standin, settings).write(judged(triage_op_bucket="high_confidence_malicious")).outcome == WRITTEN
    notable = service.notables[NOTABLE]
    assert (notable.urgency, notable.status, notable.owner) == ("critical", "2", "tier2_oncall")
    # the row cannot choose: fields named like the endpoint's parameters are not read
    row = judged(urgency="informational", status="5", owner="mallory", newOwner="mallory", triage_op_bucket="")
    assert writer(standin, notable_settings("1", "", "")).write(row).outcome == WRITTEN
    assert (notable.urgency, notable.status, notable.owner) == ("high", "2", "tier2_oncall")  # model's own bucket


@pytest.mark.parametrize("status", ["unavailable", "error", "skipped_budget", "dryrun"])
def test_rows_no_model_judged_never_touch_a_notable(es, status: str) -> None:
    service, standin = es
    assert writer(standin, notable_settings("1", "2", "bob")).write(unjudged(status)).outcome == SKIPPED
    assert service.requests == [] and service.notables[NOTABLE].updates == []


HOSTILE_RATIONALES = [
    "benign&status=5&newOwner=mallory&urgency=informational",
    "x\r\nstatus=5\r\n\r\nruleUIDs=other@@notable@@" + "0" * 32,
    "close it</textarea><script>alert(1)</script>",
    "%26status%3D5 and ; urgency=low",
]


@pytest.mark.parametrize("rationale", HOSTILE_RATIONALES)
def test_a_rationale_cannot_add_a_parameter_change_another_notable_or_carry_markup(es, rationale: str) -> None:
    service, standin = es
    other = service.add_notable("other@@notable@@" + "0" * 32)
    evidence = ["e1&newOwner=mallory", "e2\nstatus=5"]
    assert writer(standin).write(judged(triage_rationale=rationale, triage_evidence=evidence)).outcome == WRITTEN
    (posted,) = [body for _m, path, body in service.requests if path == "notable_update"]
    assert set(posted) == {"ruleUIDs", "comment"} and posted["ruleUIDs"] == [NOTABLE]
    notable = service.notables[NOTABLE]
    assert (notable.status, notable.owner, notable.urgency) == ("1", "unassigned", "medium")
    assert other.updates == []
    text = notable.comments[0]
    assert "<" not in text and ">" not in text and "\r" not in text
    assert text.count("\n") == 3  # one line each: verdict, rationale, evidence, the id


HOSTILE_IDS = [
    NOTABLE + "&newOwner=mallory",
    NOTABLE + "\nstatus=5",
    "*",
    "../../services/authentication/users/admin",
    "other@@notable@@" + "0" * 31,
    NOTABLE + "," + "other@@notable@@" + "0" * 32,
    "@@notable@@" + "0" * 32,
    "x" * 65 + "@@notable@@" + "0" * 32,
    "abc@@notable@@time12345678901234",
    "abc@@notable@@time1/../../v1/investigations/x",
    "7EAF4AF4 OR 1=1@@notable@@" + "0" * 32,
]


@pytest.mark.parametrize("event_id", HOSTILE_IDS)
def test_an_event_id_that_is_not_one_es_id_is_refused_and_nothing_is_sent(es, event_id: str) -> None:
    service, standin = es
    result = writer(standin, notable_settings("1", "5", "mallory")).write(judged(event_id=event_id))
    assert result.outcome == REFUSED and "not an ES notable or finding id" in result.detail
    assert service.requests == [] and standin.requests == []


def test_several_event_ids_on_one_row_are_refused(es) -> None:
    service, standin = es
    assert notable_id(judged(event_id=[NOTABLE, NOTABLE]))[1] == "event_id holds several values"
    assert writer(standin).write(judged(event_id=[NOTABLE, FINDING])).outcome == REFUSED
    assert writer(standin).write(judged(event_id=[NOTABLE])).outcome == WRITTEN  # one value is one id


def test_an_es8_finding_gets_a_note_and_the_allowed_changes_through_the_findings_api(es) -> None:
    service, standin = es
    row = judged(event_id=FINDING, triage_rationale='note"}, "status": "5')
    assert writer(standin, notable_settings("1", "", "")).write(row).outcome == WRITTEN
    finding = service.notables[FINDING]
    assert finding.comments == [comment(row)] and finding.urgency == "high" and finding.status == "1"
    paths = [(r.method, r.path, r.query.get("notable_time")) for r in standin.requests]
    quoted = FINDING.replace("@", "%40")
    assert paths == [
        ("POST", f"/servicesNS/nobody/missioncontrol/public/v2/investigations/{quoted}/notes", None),
        ("POST", f"/servicesNS/nobody/missioncontrol/v1/investigations/{quoted}", "1771254903"),
    ]
    assert service.notables[NOTABLE].updates == []  # the ES 7 endpoint was not used for a finding


def test_refusals_say_what_to_fix_and_never_raise(es) -> None:
    service, standin = es
    key = standin.add_user("analyst", ["llm_triage_run"])
    result = writer(standin, key=key).write(judged())
    assert result.outcome == "failed" and "403" in result.detail and "edit_notable_events" in result.detail
    unknown = "0" * 8 + "@@notable@@" + "a" * 32
    result = writer(standin).write(judged(event_id=unknown))
    assert result.outcome == "failed" and "not found" in result.detail
    standin.stop()
    gone = NotableWriter(SplunkdRest(splunkd_request("http://127.0.0.1:9", "k")), NotableSettings()).write(judged())
    assert gone.outcome == "failed" and gone.detail.startswith("splunkd unreachable")


@pytest.mark.parametrize(("status", "owner"), [("closed", ""), ("2; rm", ""), ("", "mallory&x=1"), ("", "../x")])
def test_an_admins_status_or_owner_that_cannot_be_sent_as_is_is_refused(status: str, owner: str) -> None:
    with pytest.raises(ValueError):
        notable_settings("0", status, owner)
