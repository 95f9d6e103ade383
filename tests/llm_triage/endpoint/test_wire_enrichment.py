"""The enrichment records a bundle carries to the judge endpoint, bounded because the endpoint writes them
to the audit trail with the system token."""

import json

import pytest

from llm_triage.endpoint.wire import bundle_to_wire, parse_request
from llm_triage.enrichment.runner import SearchRecord
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import get_profile
from llm_triage.splunkd.handler import RequestRefused

ROW = {"sourcetype": "OktaIM2:log", "eventType": "user.session.start", "actor.alternateId": "ana@corp.example"}
RECORD = SearchRecord("auth_by_user", '| tstats count where user="ana"', 1.0, 2.0, 3, 120).as_audit()


def request_with(records: object) -> bytes:
    wire = bundle_to_wire(build_bundle(ROW, get_profile("identity")))
    wire["enrichment"] = records
    return json.dumps({"provider": "lab", "bundles": [wire]}).encode()


def test_records_travel_with_their_bundle() -> None:
    [bundle] = parse_request(request_with([RECORD, RECORD])).bundles
    assert bundle.enrichment == (RECORD, RECORD)


@pytest.mark.parametrize(
    "change",
    [
        {"item": "<script>"},  # not a catalog item's name
        {"error": "x" * 301},
        {"spl": "<" * 4001},
        {"results": 10**9},
        {"duration_ms": -1},
        {"earliest": float("inf")},
        {"reused": 1},
        {"extra": "field"},
    ],
)
def test_a_record_that_could_bloat_or_forge_the_audit_event_is_refused(change: dict) -> None:
    with pytest.raises(RequestRefused):
        parse_request(request_with([{**RECORD, **change}]))


def test_records_that_would_swell_the_indexed_event_are_refused() -> None:
    # Found by review: 30 records of 4,000 '<' each became 2 MB of escaped JSON, past props.conf's TRUNCATE.
    swollen = {**RECORD, "spl": "<" * 3000}
    with pytest.raises(RequestRefused, match="more than"):
        parse_request(request_with([swollen] * 30))


def test_an_injection_checks_purpose_travels_and_no_other_kind_can_be_forged() -> None:
    from dataclasses import replace

    from llm_triage.evidence.bundle import INJECTION_CHECK

    bundle = replace(build_bundle(ROW, get_profile("identity")), purpose=INJECTION_CHECK)
    [parsed] = parse_request(json.dumps({"provider": "lab", "bundles": [bundle_to_wire(bundle)]}).encode()).bundles
    assert parsed.purpose == INJECTION_CHECK
    for forged in ("routing", "approval", "inference ", 7):
        wire = dict(bundle_to_wire(bundle), purpose=forged)  # it names the audit event's kind
        with pytest.raises(RequestRefused, match="purpose must be injection_check"):
            parse_request(json.dumps({"provider": "lab", "bundles": [wire]}).encode())
