"""Entities from a profile's identifier fields, and the rule a row came from."""

from llm_triage.evidence.entities import row_entities, rule_of
from llm_triage.evidence.profiles import get_profile


def test_identifier_fields_become_kind_value_entities() -> None:
    row = {
        "actor.alternateId": "Alice@Example.com",
        "client.ipAddress": "203.0.113.9",
        "eventType": "user.session.start",
        "dest": ["WS01", "ws02"],
    }
    assert row_entities(row, get_profile("identity")) == (
        "dest:ws01",
        "dest:ws02",
        "src:203.0.113.9",
        "user:alice@example.com",
    )


def test_the_first_source_with_a_value_wins_and_non_identifiers_are_not_entities() -> None:
    row = {"actor.alternateId": "", "userPrincipalName": "bob@example.com", "outcome.result": "FAILURE"}
    assert row_entities(row, get_profile("identity")) == ("user:bob@example.com",)


def test_the_rule_is_the_most_specific_name_given() -> None:
    assert rule_of({"search_name": "Threat - Okta Push Spam - Rule", "rule_name": "Okta push spam"}) == "Okta push spam"
    assert rule_of({"search_name": ["Brute force", "x"]}) == "Brute force"
    assert rule_of({"user": "alice"}) == ""
