"""Enrichment inside the bundle: the offer of context searches and the context events of their results."""

from llm_triage.enrichment.context import OFFER, ContextResult, offered_searches, with_context, with_offer
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.canonical import canonical_json, content_hash, strict_json_loads
from llm_triage.evidence.profiles import get_profile

ROW = {"sourcetype": "OktaIM2:log", "eventType": "user.session.start", "actor.alternateId": "ana@corp.example"}
ITEMS = (("auth_by_user", "Sign-ins <of> the user & more"), ("risk_by_user", "Risk"))


def test_the_offer_written_in_front_is_the_canonical_text_of_the_whole() -> None:
    for bundle in (build_bundle(ROW, get_profile("identity")),):
        offered = with_offer(bundle, ITEMS)
        document = strict_json_loads(offered.text)
        assert offered.text == canonical_json(document) and offered.hash == content_hash(offered.text)
        assert [item["name"] for item in document[OFFER]] == ["auth_by_user", "risk_by_user"]
        assert offered_searches(offered.text) == ["auth_by_user", "risk_by_user"]
        assert offered.refs == bundle.refs and offered_searches(bundle.text) == []


def test_context_events_are_citable_redacted_and_capped() -> None:
    bundle = with_offer(build_bundle(ROW, get_profile("identity")), ITEMS)
    rows = [{"src": "203.0.113.9", "note": "password=Winter2024!x"}, {"src": "198.51.100.1", "note": "x" * 900}]
    found = with_context(bundle, [ContextResult("auth_by_user", "Sign-ins", rows, fields=("src", "note"))], 200)
    document = strict_json_loads(found.text)
    assert OFFER not in document  # the answer with context is final
    [context] = [event for event in document["events"] if event["ref"].startswith("cx:")]
    assert context["context"]["item"] == "auth_by_user" and context["context"]["results"] == 2
    assert context["fields"]["src"] == ["203.0.113.9", "198.51.100.1"]
    assert "Winter2024" not in found.text
    assert sum(len(value) for values in context["fields"].values() for value in values) <= 200
    assert {f"{context['ref']}/src", f"{context['ref']}/note"} <= set(found.refs)


def test_contacts_in_a_results_free_text_are_masked_with_mask_contacts_and_kept_without() -> None:
    bundle = build_bundle(ROW, get_profile("identity"))
    rows = [
        {"Authentication.user": "eve@corp.example", "note": "call eve at +1 415 555 0134 or mail eve@corp.example"},
        {"Authentication.user": "bob@corp.example", "note": "bob.b@corp.example asked, +44 20 7946 0958"},
    ]
    result = ContextResult("auth_by_user", "Sign-ins", rows)
    masked = strict_json_loads(with_context(bundle, [result], 2000, mask_contacts=True).text)
    kept = strict_json_loads(with_context(bundle, [result], 2000).text)
    [masked_fields] = [event["fields"] for event in masked["events"] if event["ref"].startswith("cx:")]
    [kept_fields] = [event["fields"] for event in kept["events"] if event["ref"].startswith("cx:")]
    notes = " ".join(masked_fields["note"])
    for contact in ("eve@corp.example", "+1 415 555 0134", "bob.b@corp.example", "+44 20 7946 0958"):
        assert contact not in notes and contact in " ".join(kept_fields["note"])
    assert "[redacted:phone]" in notes and "[redacted:email]" in notes
    # Identifier fields keep their value: pseudonymize = 1 hides those (trust/pseudonyms.py), with the row's.
    assert (
        masked_fields["Authentication.user"]
        == kept_fields["Authentication.user"]
        == [
            "eve@corp.example",
            "bob@corp.example",
        ]
    )
