"""Pseudonyms: identifiers replaced by keyed hashes before sending, stable per key, mapped back in answers;
the key generated once in secret storage and readable only with the system token."""

import json
import re

import pytest

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import explicit_profile, get_profile
from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.trust.pseudonyms import (
    KEY_REALM,
    KEY_USERNAME,
    Pseudonymizer,
    PseudonymizingJudge,
    PseudonymKeyUnavailable,
    identifier_names,
    reveal,
    reveal_fields,
    stored_key,
)
from llm_triage.verdict.judge import Judgement
from tests.harness.in_process_rest import rest_for
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn
from tools.harness.splunkd_storage import install as install_storage

KEY = "k" * 32
ROW = {
    "sourcetype": "OktaIM2:log",
    "eventType": "user.session.start",
    "actor.alternateId": "alice@example.com",
    "client.ipAddress": "203.0.113.9",
    "displayMessage": "User alice@example.com signed in from 203.0.113.9",
    "outcome.result": "SUCCESS",
}


def fields_of(text: str) -> dict:
    return json.loads(text)["events"][0]["fields"]


def test_identifiers_and_their_mentions_are_replaced_and_the_rest_kept() -> None:
    bundle = build_bundle(ROW, get_profile("identity"))
    done = Pseudonymizer(KEY).bundle(bundle)
    fields = fields_of(done.bundle.text)
    assert fields["user"].startswith("user:ps_") and fields["src"].startswith("src:ps_")
    assert fields["message"] == f"User {fields['user']} signed in from {fields['src']}"
    assert fields["signature"] == "user.session.start" and fields["result"] == "SUCCESS"
    assert "alice" not in done.bundle.text and "203.0.113.9" not in done.bundle.text
    assert done.bundle.refs == bundle.refs and done.bundle.event_ref == bundle.event_ref
    assert done.bundle.hash != bundle.hash and json.loads(done.bundle.text)["profile"] == "identity/2"


def test_contacts_in_free_text_are_pseudonymized_too_and_read_back() -> None:
    row = dict(ROW, displayMessage="User alice@example.com asked bob.jones@corp.example to call +44 20 7946 0958")
    done = Pseudonymizer(KEY).bundle(build_bundle(row, get_profile("identity")))
    message = fields_of(done.bundle.text)["message"]
    assert "bob.jones" not in message and "7946" not in message
    assert re.fullmatch(r"User user:ps_\w{12} asked email:ps_\w{12} to call phone:ps_\w{12}", message)
    assert reveal(message, done.real) == row["displayMessage"]


def test_the_same_value_gets_the_same_pseudonym_under_one_key_and_another_under_another() -> None:
    one, two = Pseudonymizer(KEY), Pseudonymizer("z" * 32)
    assert one.pseudonym("user", "alice") == one.pseudonym("user", "alice")
    assert one.digest("alice") != two.digest("alice") and one.digest("alice") != one.digest("bob")
    other_row = dict(ROW, eventType="user.mfa.factor.deactivate")
    first = fields_of(one.bundle(build_bundle(ROW, get_profile("identity"))).bundle.text)
    second = fields_of(one.bundle(build_bundle(other_row, get_profile("identity"))).bundle.text)
    assert first["user"] == second["user"]


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError):
        Pseudonymizer("short")


def test_answers_are_mapped_back_with_or_without_the_kind() -> None:
    pseudonymizer = Pseudonymizer(KEY)
    done = pseudonymizer.bundle(build_bundle(ROW, get_profile("identity")))
    token = pseudonymizer.pseudonym("user", "alice@example.com")
    bare = token.split(":", 1)[1]
    assert reveal(f"{token} signed in; ask {bare}.", done.real) == "alice@example.com signed in; ask alice@example.com."
    assert reveal("ps_000000000000 is unknown", done.real) == "ps_000000000000 is unknown"
    fields = reveal_fields({"triage_questions": [f"Did {token} travel?"], "triage_rationale": "x"}, done.real)
    assert fields == {"triage_questions": ["Did alice@example.com travel?"], "triage_rationale": "x"}


def test_multivalue_identifiers_keep_the_count_of_left_out_values() -> None:
    row = {"sourcetype": "pps_messagelog", "recipient{}": [f"r{i}@example.com" for i in range(12)], "subject": "hi"}
    fields = fields_of(Pseudonymizer(KEY).bundle(build_bundle(row, get_profile("email"))).bundle.text)
    assert all(item.startswith("recipient:ps_") for item in fields["recipient"][:10])
    assert fields["recipient"][10] == "…[2 more values]"


def test_fields_an_analyst_named_use_every_profiles_identifier_names() -> None:
    assert {"user", "src", "dest", "src_user", "recipient"} <= identifier_names("fields/1")
    bundle = build_bundle({"user": "bob", "signature": "x"}, explicit_profile(["user", "signature"]))
    assert "bob" not in Pseudonymizer(KEY).bundle(bundle).bundle.text


class EchoJudge:
    """Answers with a rationale naming the bundle's user field, as a model would."""

    provider = ProviderConfig(name="lab", type="openai_compatible", base_url="http://127.0.0.1:9/v1", model="m")

    def __init__(self) -> None:
        self.seen: list[str] = []

    def judge(self, bundles):  # type: ignore[no-untyped-def]
        self.seen.extend(bundle.text for bundle in bundles)
        return [
            Judgement(status="ok", fields={"triage_rationale": f"{fields_of(b.text)['user']} signed in"})
            for b in bundles
        ]


def test_the_judge_sends_pseudonyms_and_returns_real_names() -> None:
    inner = EchoJudge()
    judge = PseudonymizingJudge(inner, Pseudonymizer(KEY))
    bundle = build_bundle(ROW, get_profile("identity"))
    (judgement,) = judge.judge([bundle])
    assert "alice" not in inner.seen[0]
    assert judgement.fields["triage_rationale"] == "alice@example.com signed in"
    assert judge.sent[bundle.hash] == inner.seen[0]


@pytest.fixture
def standin():  # type: ignore[no-untyped-def]
    server = SplunkdStandIn(SplunkdContent()).start()
    install_storage(server)
    yield server
    server.stop()


def test_the_key_is_made_once_in_secret_storage_and_kept(standin) -> None:  # type: ignore[no-untyped-def]
    system = rest_for(standin, standin.add_user("splunk-system-user", None))
    first = stored_key(system)
    assert len(first) == 64 and standin.content.secrets[(KEY_REALM, KEY_USERNAME)] == first
    assert stored_key(system) == first


def test_two_processes_making_the_key_at_once_agree(standin) -> None:  # type: ignore[no-untyped-def]
    system = rest_for(standin, standin.add_user("splunk-system-user", None))
    standin.content.set_secret(KEY_REALM, KEY_USERNAME, "already-there-0123456789")
    calls = []

    def racing(method: str, path: str, body: "bytes | None") -> "tuple[int, bytes]":
        calls.append(method)
        if method == "GET" and calls.count("GET") == 1:
            return 404, b"{}"  # the first read saw no key; another process stored one since
        return system.request(method, path, body)

    assert stored_key(SplunkdRest(racing)) == "already-there-0123456789"
    assert calls == ["GET", "POST", "GET"]


def test_an_analyst_can_neither_read_nor_make_the_key(standin) -> None:  # type: ignore[no-untyped-def]
    analyst = rest_for(standin, standin.add_user("ana", {"llm_triage_run"}))
    with pytest.raises(PseudonymKeyUnavailable, match="403"):
        stored_key(analyst)
    assert (KEY_REALM, KEY_USERNAME) not in standin.content.secrets


def test_aws_key_ids_are_identifiers_pseudonymized_wherever_they_appear() -> None:
    row = {
        "eventName": "GetObject",
        "eventSource": "s3.amazonaws.com",
        "userIdentity.accessKeyId": "ASIAY34FZKBOKMUTVV7A",
        "userIdentity.arn": "arn:aws:iam::1:user/bob",
        "requestParameters.note": "key ASIAY34FZKBOKMUTVV7A again, then AKIAIOSFODNN7EXAMPLE",
    }
    pseudonymized = Pseudonymizer(KEY).bundle(build_bundle(row, get_profile("cloud_audit")))
    fields = fields_of(pseudonymized.bundle.text)
    key_id = Pseudonymizer(KEY).pseudonym("access_key", "ASIAY34FZKBOKMUTVV7A")
    assert fields["access_key"] == key_id
    assert fields["request.note"] == (
        f"key {key_id} again, then {Pseudonymizer(KEY).pseudonym('access_key', 'AKIAIOSFODNN7EXAMPLE')}"
    )
    assert "ASIAY34FZKBOKMUTVV7A" not in pseudonymized.bundle.text and "AKIAIOSFODNN7" not in pseudonymized.bundle.text
    assert reveal(fields["request.note"], pseudonymized.real).startswith("key ASIAY34FZKBOKMUTVV7A again")
    assert fields["user"].startswith("user:ps_")


def test_masked_secrets_in_identifier_fields_stay_masks() -> None:
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl"
    row = {"userIdentity.arn": "arn:aws:iam::1:user/bob", "userIdentity.accessKeyId": jwt}
    fields = fields_of(Pseudonymizer(KEY).bundle(build_bundle(row, get_profile("cloud_audit"))).bundle.text)
    assert fields["access_key"] == "[redacted:jwt]"


def test_enrichment_results_are_pseudonymized_whatever_their_field_names_and_counts_stay() -> None:
    # Found by review: context events carry names the profile does not mark (risk_object, object), so with
    # pseudonymize = 1 they went to the model in clear.
    from llm_triage.enrichment.context import ContextResult, with_context

    row = {"sourcetype": "OktaIM2:log", "eventType": "user.session.start", "actor.alternateId": "ana@corp.example"}
    found = ContextResult("risk_by_user", "risk", [{"risk_object": "ceo.jones", "count": "41", "src": "10.1.2.3"}])
    bundle = with_context(build_bundle(row, get_profile("identity")), [found], 500)
    done = Pseudonymizer(KEY).bundle(bundle)
    for clear in ("ceo.jones", "10.1.2.3", "ana@corp.example"):
        assert clear not in done.bundle.text
    [context] = [event for event in json.loads(done.bundle.text)["events"] if event["ref"].startswith("cx:")]
    assert context["fields"]["count"] == "41" and context["fields"]["risk_object"].startswith("risk_object:ps_")
    assert reveal(context["fields"]["risk_object"], done.real) == "ceo.jones"
