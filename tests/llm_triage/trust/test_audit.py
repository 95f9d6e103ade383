"""The audit trail: one event per inference the endpoint makes, with what was sent (masked and, when on,
pseudonymized), the prompt, provider, model, endpoint, cost and answer; never a key; a failed write costs
no verdict but says so."""

import json
from dataclasses import replace

import pytest

from llm_triage.endpoint.limits import ProcessLimits
from llm_triage.endpoint.service import ConfigMemo, TriageService
from llm_triage.endpoint.wire import bundle_to_wire, parse_request
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import get_profile
from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.breakers import COLLECTION as BREAKERS
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.splunkd.settings import ConfigError
from llm_triage.splunkd.usage import COLLECTION as USAGE
from llm_triage.trust.audit import (
    AUDIT_SOURCETYPE,
    AuditSettings,
    audit_settings_from_conf,
    endpoint_of,
    inference_event,
)
from llm_triage.trust.pseudonyms import KEY_REALM, KEY_USERNAME
from llm_triage.verdict.judge import Judgement
from llm_triage.verdict.prompt import load_prompt
from tests.harness.in_process_rest import rest_for
from tests.llm_triage.triage_fakes import ScriptedProvider, verdict_json
from tools.harness.index_standin import DEFAULT_INDEXES, IndexService
from tools.harness.kvstore_standin import KvStoreService
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn
from tools.harness.splunkd_storage import install as install_storage
from tools.harness.ucc_credentials import store_provider_key

API_KEY = "sk-SENTINEL-audit-5c1e0b7a93"
EVIDENCE_SECRET = "Sentinel-Pw-4471!"
ROW = {
    "sourcetype": "OktaIM2:log",
    "eventType": "user.account.reset_password",
    "actor.alternateId": "alice@example.com",
    "client.ipAddress": "203.0.113.9",
    "displayMessage": f"helpdesk ran: reset.exe --password {EVIDENCE_SECRET} for alice@example.com",
}


@pytest.mark.parametrize(
    ("stanza", "expected"),
    [
        ({}, AuditSettings(True, "llm_triage_audit")),
        ({"audit_enabled": "0", "index": "llm_audit"}, AuditSettings(False, "llm_audit")),
        ({"audit_enabled": "true", "index": " "}, AuditSettings(True, "llm_triage_audit")),
    ],
)
def test_audit_settings(stanza, expected) -> None:  # type: ignore[no-untyped-def]
    assert audit_settings_from_conf(stanza) == expected


@pytest.mark.parametrize("stanza", [{"audit_enabled": "maybe"}, {"index": "Main Index"}, {"index": "_internal"}])
def test_bad_audit_settings_are_named(stanza) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match=r"\[audit\]"):
        audit_settings_from_conf(stanza)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://user:pw@gw.example:8443/v1?api-key=x#f", "https://gw.example:8443/v1"),
        ("https://api.openai.com/v1", "https://api.openai.com/v1"),
        ("http://[::1]:11434", "http://[::1]:11434"),
    ],
)
def test_the_endpoint_is_recorded_without_credentials_or_query(url, expected) -> None:  # type: ignore[no-untyped-def]
    assert endpoint_of(url) == expected


def test_a_cached_answer_is_recorded_as_sending_nothing_and_costing_nothing() -> None:
    bundle = build_bundle(ROW, get_profile("identity"))
    judgement = Judgement("ok", {"triage_verdict": "benign"}, model="m", prompt_tokens=9, cached=True)
    provider = ProviderConfig(name="lab", type="openai", base_url="https://x.example/v1", model="m")
    event = inference_event(bundle, judgement, bundle.text, load_prompt(), provider, "ana", False, 1.5)
    assert (event["cached"], event["sent"], event["tokens"], event["answer"]) == (True, None, 0, {"verdict": "benign"})


def test_the_fields_an_answer_reported_as_swaying_it_are_recorded_with_the_answer() -> None:
    bundle = build_bundle(ROW, get_profile("identity"))
    judgement = Judgement("ok", {"triage_verdict": "benign", "triage_injection": ["reason:model"]}, model="m")
    provider = ProviderConfig(name="lab", type="openai", base_url="https://x.example/v1", model="m")
    event = inference_event(bundle, judgement, bundle.text, load_prompt(), provider, "ana", False, 1.5)
    assert event["answer"] == {"verdict": "benign", "injection": ["reason:model"]}


def test_the_prompt_tokens_the_providers_cache_served_or_stored_are_recorded_by_name() -> None:
    bundle = build_bundle(ROW, get_profile("identity"))
    judgement = Judgement("ok", {}, model="m", prompt_tokens=900, cached_prompt_tokens=768, cache_write_tokens=12)
    provider = ProviderConfig(name="lab", type="anthropic", base_url="https://x.example/v1", model="m")
    event = inference_event(bundle, judgement, bundle.text, load_prompt(), provider, "ana", False, 1.5)
    assert (event["prompt_tokens"], event["prompt_tokens_cached"], event["prompt_tokens_cache_write"]) == (900, 768, 12)
    from_cache = inference_event(
        bundle, replace(judgement, cached=True), None, load_prompt(), provider, "ana", False, 2
    )
    assert (from_cache["prompt_tokens_cached"], from_cache["prompt_tokens_cache_write"]) == (0, 0)


def test_an_injection_checks_second_ask_is_filed_as_its_own_kind_so_no_verdict_count_holds_it() -> None:
    bundle = build_bundle(ROW, get_profile("identity"))
    judgement = Judgement("ok", {"triage_bucket": "probable_incident"}, model="m", prompt_tokens=9)
    provider = ProviderConfig(name="lab", type="openai", base_url="https://x.example/v1", model="m")
    event = inference_event(bundle, judgement, bundle.text, load_prompt(), provider, "ana", False, 1.5)
    check = inference_event(
        replace(bundle, purpose="injection_check"), judgement, bundle.text, load_prompt(), provider, "ana", False, 1.5
    )
    assert (event["triage_audit"], check["triage_audit"]) == ("inference", "injection_check")
    assert check["tokens"] == event["tokens"] == 9  # its cost is counted where costs are summed


@pytest.fixture
def splunkd():  # type: ignore[no-untyped-def]
    content = SplunkdContent()
    content.set_stanza("llm_triage_settings", "triage", {"default_provider": "lab", "pseudonymize": "1"})
    content.set_stanza("llm_triage_settings", "audit", {"audit_enabled": "1", "index": "summary"})
    content.set_stanza(
        "llm_triage_providers",
        "lab",
        {"type": "openai_compatible", "base_url": "https://gw.example/v1?tenant=soc", "model": "m1"},
    )
    store_provider_key(content, "lab", API_KEY)
    for collection in (USAGE, BREAKERS):  # the endpoint's shared limits keep their records here
        content.set_stanza("collections", collection, {})
    server = SplunkdStandIn(content).start()
    install_storage(server)
    server.add_service(KvStoreService(content))
    indexes = IndexService((*DEFAULT_INDEXES, "llm_triage_audit"))
    server.add_service(indexes)
    yield server, indexes
    server.stop()


def system_rest(standin: SplunkdStandIn) -> SplunkdRest:
    return rest_for(standin, standin.add_user("splunk-system-user", None))


def service(standin: SplunkdStandIn, answer, providers: list, cached: int = 0) -> TriageService:  # type: ignore[no-untyped-def]
    rest = system_rest(standin)

    def factory(config: ProviderConfig) -> ScriptedProvider:
        providers.append(ScriptedProvider(config, answer, cached_tokens=cached))
        return providers[-1]

    limits = ProcessLimits()  # this test's own process: no record or problem left by another test
    return TriageService(SplunkdConfig(rest.get), factory, memo=ConfigMemo(), rest=rest, actor="ana", limits=limits)


def request_for(*bundles, **extra):  # type: ignore[no-untyped-def]
    wire = [dict(bundle_to_wire(b), triage_id=f"{i:024x}") for i, b in enumerate(bundles)]
    return parse_request(json.dumps({"provider": "lab", "bundles": wire, **extra}))


def naming_the_user(request):  # type: ignore[no-untyped-def]
    """A valid answer whose rationale names the user as the model saw it."""
    sent = json.loads(request.messages[-1]["content"].split("<evidence>")[1].split("</evidence>")[0])
    user = sent["events"][0]["fields"]["user"]
    return verdict_json(request, rationale=f"{user} reset a password", questions=[f"Did {user} call the helpdesk?"])


def test_every_inference_is_audited_pseudonymized_and_the_analyst_reads_real_names(splunkd) -> None:  # type: ignore[no-untyped-def]
    standin, indexes = splunkd
    providers: list = []
    bundle = build_bundle(ROW, get_profile("identity"))
    assert EVIDENCE_SECRET not in bundle.text  # masked before anything else
    reply = service(standin, naming_the_user, providers).answer(request_for(bundle))
    assert reply.status == 200 and "warnings" not in reply.payload
    fields = reply.payload["judgements"][0]["fields"]
    assert fields["triage_rationale"] == "alice@example.com reset a password"
    assert fields["triage_questions"] == ["Did alice@example.com call the helpdesk?"]
    sent_to_model = json.dumps(providers[0].requests[0].messages)
    assert "alice@example.com" not in sent_to_model and "203.0.113.9" not in sent_to_model
    (event,) = indexes.events("summary", AUDIT_SOURCETYPE)
    prompt = load_prompt()
    assert event["triage_audit"] == "inference" and event["actor"] == "ana" and event["triage_id"] == f"{0:024x}"
    assert event["bundle_hash"] == bundle.hash and event["pseudonymized"] is True
    assert event["sent"] in sent_to_model.replace('\\"', '"') and "user:ps_" in event["sent"]
    assert (event["prompt"], event["prompt_hash"]) == (prompt.label, prompt.digest)
    assert (event["provider"], event["model"], event["endpoint"]) == ("lab", "m1-2026", "https://gw.example/v1")
    assert (event["prompt_tokens"], event["completion_tokens"], event["tokens"]) == (100, 40, 140)
    assert event["status"] == "ok" and event["cached"] is False and event["latency_ms"] >= 0
    assert event["answer"]["rationale"] == "alice@example.com reset a password"
    indexed = json.dumps([e.raw for e in indexes.indexed])
    pseudonym_key = standin.content.secrets[(KEY_REALM, KEY_USERNAME)]
    for secret in (API_KEY, EVIDENCE_SECRET, pseudonym_key):
        assert secret not in indexed and secret not in json.dumps(reply.payload)


def test_cached_prompt_tokens_reach_the_reply_and_the_trail(splunkd) -> None:  # type: ignore[no-untyped-def]
    standin, indexes = splunkd
    bundle = build_bundle(ROW, get_profile("identity"))
    reply = service(standin, naming_the_user, [], cached=64).answer(request_for(bundle))
    [judgement] = reply.payload["judgements"]
    assert (judgement["prompt_tokens"], judgement["cached_prompt_tokens"], judgement["cache_write_tokens"]) == (
        100,
        64,
        0,
    )
    (event,) = indexes.events("summary", AUDIT_SOURCETYPE)
    assert (event["prompt_tokens"], event["prompt_tokens_cached"], event["prompt_tokens_cache_write"]) == (100, 64, 0)


def test_a_preview_shows_what_would_be_sent_and_asks_no_model(splunkd) -> None:  # type: ignore[no-untyped-def]
    standin, indexes = splunkd
    providers: list = []
    bundle = build_bundle(ROW, get_profile("identity"))
    reply = service(standin, naming_the_user, providers).answer(request_for(bundle, preview=True))
    (preview,) = reply.payload["previews"]
    assert reply.payload["pseudonymized"] is True and "alice" not in preview["text"]
    assert providers == [] and indexes.indexed == []
    # What a preview shows is what a real request then sends.
    service(standin, naming_the_user, providers).answer(request_for(bundle))
    assert indexes.events("summary", AUDIT_SOURCETYPE)[0]["sent"] == preview["text"]


def test_a_preview_needs_no_provider() -> None:
    bundle = build_bundle(ROW, get_profile("identity"))
    request = parse_request(json.dumps({"preview": True, "bundles": [bundle_to_wire(bundle)]}))
    assert request.preview and request.provider == ""


def test_a_failed_audit_write_keeps_the_verdict_and_warns(splunkd) -> None:  # type: ignore[no-untyped-def]
    standin, indexes = splunkd
    indexes.failing_status = 503
    reply = service(standin, verdict_json, []).answer(request_for(build_bundle(ROW, get_profile("identity"))))
    assert reply.status == 200 and reply.payload["judgements"][0]["status"] == "ok"
    assert reply.payload["warnings"] == [
        "audit trail not written for 1 inference(s): splunkd answered 503 to receivers/simple"
    ]


def test_the_trail_can_be_turned_off(splunkd) -> None:  # type: ignore[no-untyped-def]
    standin, indexes = splunkd
    standin.content.set_stanza("llm_triage_settings", "audit", {"audit_enabled": "0"})
    service(standin, verdict_json, []).answer(request_for(build_bundle(ROW, get_profile("identity"))))
    assert indexes.indexed == []


def test_failed_inferences_are_audited_with_their_status(splunkd) -> None:  # type: ignore[no-untyped-def]
    from llm_triage.providers.base import ProviderError

    standin, indexes = splunkd
    failing = lambda request: ProviderError(f"bad key {API_KEY}", unavailable=False, status=401)  # noqa: E731
    service(standin, failing, []).answer(request_for(build_bundle(ROW, get_profile("identity"))))
    (event,) = indexes.events("summary", AUDIT_SOURCETYPE)
    assert event["status"] == "error" and API_KEY not in json.dumps(event) and "[redacted]" in event["error"]


def test_unreadable_audit_settings_still_write_the_record_to_the_apps_index(splunkd) -> None:  # type: ignore[no-untyped-def]
    standin, indexes = splunkd
    standin.content.set_stanza("llm_triage_settings", "audit", {"index": "Not An Index"})
    reply = service(standin, verdict_json, []).answer(request_for(build_bundle(ROW, get_profile("identity"))))
    assert len(indexes.events("llm_triage_audit", AUDIT_SOURCETYPE)) == 1  # never main, which anyone may read
    assert "audit settings unreadable" in reply.payload["warnings"][0]


def test_the_secrets_kept_from_leaving_are_counted_by_kind() -> None:
    row = dict(ROW, **{"client.userAgent.rawUserAgent": "curl/8 ghp_" + "a1B2" * 9 + " secret=hunter2hunter2"})
    bundle = build_bundle(row, get_profile("identity"))
    provider = ProviderConfig(name="lab", type="openai", base_url="https://x.example/v1", model="m")
    sent = inference_event(
        bundle, Judgement("ok", {}, model="m"), bundle.text, load_prompt(), provider, "ana", False, 1.5
    )
    assert sent["redactions"] == {"command_line_password": 1, "github_token": 1, "secret_value": 1}  # ROW has one too
    assert "hunter2hunter2" not in json.dumps(sent) and "a1B2a1B2" not in json.dumps(sent)
    cached = Judgement("ok", {}, model="m", cached=True)
    assert inference_event(bundle, cached, None, load_prompt(), provider, "ana", False, 1.5)["redactions"] == {}


def test_a_bundle_refused_before_any_request_is_audited_as_sending_nothing(splunkd) -> None:  # type: ignore[no-untyped-def]
    """The provider down: the requests tried say what they would have sent; once the breaker is open, the
    rows it answers say `sent` null, since nothing left the search head."""
    from llm_triage.engine.resilience import RetryPolicy
    from llm_triage.engine.stack import SharedGuards
    from llm_triage.providers.base import ProviderError

    standin, indexes = splunkd
    asked: list = []

    def down(request):  # type: ignore[no-untyped-def]
        asked.append(request)
        return ProviderError("connection refused by 127.0.0.1:9", unavailable=True)

    guards = SharedGuards(RetryPolicy(max_attempts=1, breaker_threshold=2, breaker_cooldown=600))
    rest = system_rest(standin)

    def answering() -> TriageService:
        return TriageService(
            SplunkdConfig(rest.get),
            lambda config: ScriptedProvider(config, down),
            memo=ConfigMemo(),
            rest=rest,
            actor="ana",
            guards=guards,
            limits=ProcessLimits(),
        )

    for _ in range(4):
        answering().answer(request_for(build_bundle(ROW, get_profile("identity"))))
    events = indexes.events("summary", AUDIT_SOURCETYPE)
    assert len(asked) == 2 and len(events) == 4  # every row is on the trail, asked or not
    tried, refused = events[:2], events[2:]
    assert all("connection refused" in e["error"] and "user:ps_" in e["sent"] and e["redactions"] for e in tried)
    assert all("not asked again" in e["error"] and e["sent"] is None and e["redactions"] == {} for e in refused)
    assert {e["status"] for e in events} == {"unavailable"}
