"""`| llmtriage notable_update=true` through the chunked protocol: each verdict goes back to its notable with
the analyst's own session, as the admin's [es] settings allow; every row says what happened."""

from __future__ import annotations

from llm_triage.es.notables import URGENCY_BY_BUCKET
from tests.harness.collector import Collector
from tests.llm_triage.es.es_rows import NOTABLE
from tests.llm_triage.routing.alert_runs import Lab, alert_row
from tests.protocol.llmtriage_searches import search
from tools.harness.es_standin import EnterpriseSecurity

OTHER = "5A5E8B0B-0000-4A44-9F4C-000000000002@@notable@@" + "cd" * 16


def test_verdicts_go_back_to_their_notables_as_the_admin_allows(soc: tuple[Lab, EnterpriseSecurity]) -> None:
    lab, es = soc
    es.add_notable(NOTABLE)
    other = es.add_notable(OTHER)
    lab.standin.content.set_stanza("llm_triage_settings", "es", {"notable_urgency": "1", "notable_status": "2"})
    rows = [
        alert_row(1, event_id=NOTABLE),
        alert_row(2, event_id=f"{NOTABLE}&ruleUIDs={OTHER}&newOwner=mallory"),
        alert_row(3),
    ]
    capture = Collector()
    out = search(lab.app, lab.standin, rows, "llmtriage notable_update=true", capture)
    assert [r["triage_notable"] for r in out] == ["written", "refused", "skipped"]
    assert out[1]["triage_notable_detail"] == "event_id is not an ES notable or finding id"
    notable = es.notables[NOTABLE]
    assert len(notable.comments) == 1 and out[0]["triage_rationale"] in notable.comments[0]
    assert (notable.status, notable.owner) == ("2", "unassigned")
    assert notable.urgency == URGENCY_BY_BUCKET[out[0]["triage_op_bucket"]]
    assert other.updates == [] and len(es.requests) == 1
    assert "ES notables: refused 1, skipped 1, written 1" in capture.text()


def test_an_analyst_without_es_rights_and_a_model_that_is_down_change_nothing(
    soc: tuple[Lab, EnterpriseSecurity],
) -> None:
    lab, es = soc
    es.add_notable(NOTABLE)
    key = lab.standin.add_user("ana", {"llm_triage_run", "edit_tcp"})
    out = search(
        lab.app, lab.standin, [alert_row(1, event_id=NOTABLE)], "llmtriage notable_update=true", Collector(),
        username="ana", session_key=key,
    )  # fmt: skip
    assert out[0]["triage_notable"] == "failed" and "edit_notable_events" in out[0]["triage_notable_detail"]
    assert es.notables[NOTABLE].updates == []
    lab.model.behave("http_error", status=500)
    out = search(lab.app, lab.standin, [alert_row(2, event_id=NOTABLE)], "llmtriage notable_update=true", Collector())
    assert out[0]["triage_status"] == "unavailable" and out[0]["triage_notable"] == "skipped"
    assert es.notables[NOTABLE].updates == []
