"""The built alert action with Enterprise Security's parameters, run as splunkd runs it on notables: risk
events, the verdict on each notable, adaptive response results, and what is kept when time runs out."""

from __future__ import annotations

import json
from typing import Any

from llm_triage.names import AUDIT_KIND_FIELD as AUDIT_KIND
from tests.llm_triage.es.es_rows import FINDING, NOTABLE, extracted
from tests.llm_triage.routing.alert_runs import Lab, alert_row, assert_no_secret
from tools.harness.es_standin import EnterpriseSecurity

OTHER = "5A5E8B0B-0000-4A44-9F4C-000000000001@@notable@@" + "ab" * 16


def notable_rows() -> list[dict[str, Any]]:
    """Two notables of a correlation search, as `notable` returns them (orig_sid and orig_rid included)."""
    return [
        alert_row(1, event_id=NOTABLE, orig_sid="scheduler__admin__SA-AccessProtection__RMD5abc_at_1764", orig_rid="0",
                  dest="ws01", urgency="low", status="5",
                  _raw="rundll32 comsvcs.dll MiniDump 624 C:\\temp\\lsass.dmp full, by alice on ws01"),
        alert_row(2, event_id=OTHER, orig_sid="scheduler__admin__SA-AccessProtection__RMD5abc_at_1764", orig_rid="1"),
    ]  # fmt: skip


def lines(soc: Lab, index: str) -> list[dict[str, list[str]]]:
    return [extracted(event.raw) for event in soc.services.indexes.indexed if event.index == index]


def test_notables_get_the_verdict_risk_and_adaptive_response_results(soc: tuple[Lab, EnterpriseSecurity]) -> None:
    lab, es = soc
    es.add_notable(NOTABLE)
    es.add_notable(OTHER)
    done = lab.fire(notable_rows(), risk="1", notable_update="1", notable_urgency="1")
    assert done.returncode == 0, done.stderr
    results = lab.results()
    assert [r["triage_status"] for r in results] == ["ok", "ok"]
    for row in results:
        notable = es.notables[row["event_id"]]
        assert len(notable.comments) == 1 and row["triage_rationale"] in notable.comments[0]
        assert (
            notable.urgency
            == {
                "high_confidence_malicious": "critical",
                "probable_incident": "high",
                "needs_enrichment": "medium",
                "likely_benign": "low",
            }[row["triage_op_bucket"]]
        )
        assert (notable.status, notable.owner) == ("1", "unassigned")  # the row's status=5 is not read
        assert notable.updates[0]["user"] == "admin"  # the alert's owner's session, ES's own check
    # the LSASS dump is judged malicious, the plain failed logon benign: only the first creates risk
    assert [r["triage_bucket"] for r in results] == ["high_confidence_malicious", "likely_benign"]
    assert {e.source for e in lab.services.indexes.indexed if e.index == "risk"} == {"Brute force to SOAR"}
    risk = lines(lab, "risk")
    assert [(r["risk_object"][0], r["risk_object_type"][0]) for r in risk] == [
        ("alice", "user"), ("ws01", "system"), ("203.0.113.1", "system"),
    ]  # fmt: skip
    expected_score = str(round(100 * float(results[0]["triage_op_confidence"])))
    for event in risk:
        assert event["triage_id"] == [results[0]["triage_id"]] and event["risk_score"] == [expected_score]
        assert event["search_name"] == ["Brute force to SOAR"]
        assert event["annotations.mitre_attack.mitre_technique_id"] == ["T1003.001"]
    ar = lines(lab, "cim_modactions")
    assert [(a["orig_sid"][0], a["orig_rid"][0], a["rid"][0], a["action_status"][0], a["action_mode"][0])
            for a in ar] == [
        ("scheduler__admin__SA-AccessProtection__RMD5abc_at_1764", "0", "0", "success", "saved"),
        ("scheduler__admin__SA-AccessProtection__RMD5abc_at_1764", "1", "1", "success", "saved"),
    ]  # fmt: skip
    assert ar[0]["action_name"] == ["llm_triage"] and ar[0]["signature"][0].startswith("LLM triage: ")
    audit = [e for e in lab.audit() if e.get(AUDIT_KIND) == "notable_update"]
    assert [(e["event_id"], e["outcome"]) for e in audit] == [(NOTABLE, "written"), (OTHER, "written")]
    links = {d["event_id"]: d["triage_id"] for d in lab.collection("llm_triage_notables")}
    assert links == {r["event_id"]: r["triage_id"] for r in results}
    assert_no_secret(done.stderr, json.dumps(lab.audit()))


def test_an_adhoc_run_from_incident_review_on_an_es8_finding(soc: tuple[Lab, EnterpriseSecurity]) -> None:
    lab, es = soc
    es.add_notable(FINDING)
    row = alert_row(3, event_id=FINDING, orig_sid="1764000000.42", orig_rid="0")
    done = lab.fire([row], search_name="", notable_update="1")  # ES's ad hoc search has no saved name
    assert done.returncode == 0, done.stderr
    assert len(es.notables[FINDING].comments) == 1 and es.notables[FINDING].urgency == "medium"
    (ar,) = lines(lab, "cim_modactions")
    assert (ar["action_mode"], ar["orig_sid"], ar["orig_rid"]) == (["adhoc"], ["1764000000.42"], ["0"])


def test_with_the_model_down_no_notable_is_touched_and_no_risk_is_written(soc: tuple[Lab, EnterpriseSecurity]) -> None:
    lab, es = soc
    es.add_notable(NOTABLE)
    es.add_notable(OTHER)
    lab.model.behave("http_error", status=500)
    done = lab.fire(notable_rows(), risk="1", notable_update="1", notable_urgency="1", notable_status="2")
    assert [r["triage_status"] for r in lab.results()] == ["unavailable", "unavailable"]
    assert es.requests == [] and lines(lab, "risk") == []
    assert all(n.updates == [] for n in es.notables.values())
    ar = lines(lab, "cim_modactions")
    assert [a["action_status"] for a in ar] == [["failure"], ["failure"]]
    assert "no model verdict (unavailable)" in ar[0]["signature"][0]
    assert lab.collection("llm_triage_notables") == []
    assert done.returncode == 0, done.stderr  # nothing failed: there was nothing to write


def test_a_forged_orig_sid_or_event_id_changes_no_other_notable(soc: tuple[Lab, EnterpriseSecurity]) -> None:
    lab, es = soc
    es.add_notable(NOTABLE)
    other = es.add_notable(OTHER)
    rows = [alert_row(4, event_id=f"{NOTABLE}&ruleUIDs={OTHER}", orig_sid='x", action_status="success', orig_rid="0;1")]
    done = lab.fire(rows, notable_update="1", notable_owner="tier2")
    assert done.returncode == 1 and "not an ES notable or finding id" in done.stderr
    assert es.requests == [] and other.updates == [] and es.notables[NOTABLE].updates == []
    (ar,) = lines(lab, "cim_modactions")
    assert ar["orig_sid"] == [ar["sid"][0]] and ar["orig_rid"] == ["0"]  # malformed: this search's own
    assert ar["action_status"] == ["failure"]


def test_past_the_deadline_write_backs_and_deliveries_become_dead_letters(soc: tuple[Lab, EnterpriseSecurity]) -> None:
    lab, es = soc
    es.add_notable(NOTABLE)
    es.add_notable(OTHER)
    lab.use_policy(("open_case", "automatic"))
    done = lab.fire(notable_rows(), soar_server="soar1", notable_update="1", deadline="0")
    assert done.returncode == 1
    assert es.requests == [] and lab.soar.containers == {}
    letters = lab.collection("llm_triage_dead_letters")
    kinds = sorted(letter["kind"] for letter in letters)
    assert kinds == ["es_notable", "es_notable", "soar", "soar"]
    notable_letter = next(letter for letter in letters if letter["kind"] == "es_notable")
    assert notable_letter["envelope"]["request"]["event_id"] in (NOTABLE, OTHER)
    assert "deadline" in notable_letter["error"]
    outcomes = sorted(e["outcome"] for e in lab.audit() if e.get(AUDIT_KIND) in ("routing", "notable_update"))
    assert outcomes == ["dead_letter"] * 4
    assert_no_secret(json.dumps(letters))


def test_an_admin_replays_the_write_backs_kept_as_dead_letters(soc: tuple[Lab, EnterpriseSecurity]) -> None:
    lab, es = soc
    es.add_notable(NOTABLE)
    es.add_notable(OTHER)
    lab.fire(notable_rows(), notable_update="1", notable_urgency="1", deadline="0")
    assert es.requests == [] and len(lab.collection("llm_triage_dead_letters")) == 2
    # an edited letter is checked again as if new: one now names a second notable and an odd owner
    letters = lab.services.kvstore.collections["llm_triage_dead_letters"]
    edited = next(letter for letter in letters.values() if letter["envelope"]["request"]["event_id"] == OTHER)
    edited["envelope"]["request"].update(event_id=f"{OTHER}&ruleUIDs={NOTABLE}", owner="mallory")
    status, answer = lab.call("POST", "llm_triage/dead_letters/replay", lab.standin.session_key, {})
    assert status == 200 and answer["replayed"] == 1 and answer["still_pending"] == 1, answer
    notable = es.notables[NOTABLE]
    assert len(notable.comments) == 1 and notable.urgency in ("critical", "high", "medium", "low")
    assert notable.owner == "unassigned" and es.notables[OTHER].updates == []
    refused = next(item for item in answer["letters"] if item["status"] == "pending")
    assert refused["detail"] == "the dead letter is not a write-back to one ES id"
    routing = [e for e in lab.audit() if e.get(AUDIT_KIND) == "routing"]
    replays = [e for e in routing if e["outcome"] in ("replayed", "replay_failed")]
    assert sorted(e["outcome"] for e in replays) == ["replay_failed", "replayed"]
    assert all(e["actor"] == "admin" for e in replays)


def test_without_es_results_that_look_like_notables_still_route(soc: tuple[Lab, EnterpriseSecurity]) -> None:
    lab, _es = soc
    lab.services.indexes.indexes.discard("cim_modactions")  # no ES on this search head
    done = lab.fire(notable_rows())
    assert done.returncode == 0, done.stderr
    assert "WARN llm_triage alert: no index 'cim_modactions': adaptive response results not written" in done.stderr


def test_past_the_deadlines_triage_share_the_rest_is_indexed_and_audited_untriaged(
    soc: tuple[Lab, EnterpriseSecurity],
) -> None:
    lab, _es = soc
    rows = [alert_row(n, user=f"user{n}") for n in range(55)]  # the first batch (50) always runs
    done = lab.fire(rows, deadline="0")
    assert done.returncode == 1 and "deadline: 5 results were not triaged" in done.stderr
    results = lab.results()
    assert len(results) == 55 and [r["triage_status"] for r in results[:50]].count("skipped_budget") == 0
    assert [r["triage_status"] for r in results[50:]] == ["skipped_budget"] * 5
    assert results[54]["triage_error"] == "the alert action's deadline passed before this result was triaged"
    routing = [e for e in lab.audit() if e.get(AUDIT_KIND) == "routing"]
    assert [e["outcome"] for e in routing].count("not_triaged") == 5
    asked = b"".join(request.raw for request in lab.model.chat_requests)
    assert b"user49" in asked and not any(f"user{n}".encode() in asked for n in range(50, 55))
