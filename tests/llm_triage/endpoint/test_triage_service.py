"""The app's REST endpoint logic: request parsing and bounds, reading keys where the setup page stores
them, judging with the system token's view, and replies that never carry a key."""

import json
import time

import pytest

from llm_triage.endpoint.handler import handle
from llm_triage.endpoint.limits import STORE_SECONDS
from llm_triage.endpoint.service import ConfigMemo, TriageService
from llm_triage.endpoint.wire import (
    MAX_BUNDLES,
    MAX_REQUEST_BYTES,
    WireError,
    bundle_to_wire,
    judgement_from_wire,
    judgement_to_wire,
    parse_request,
)
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.providers.base import ProviderError
from llm_triage.splunkd.conf import SecretForbidden, SplunkdConfig, proxy_from_conf
from llm_triage.splunkd.secrets import END_MARK as UCC_END_MARK
from llm_triage.splunkd.secrets import SEPARATOR as UCC_PIECE_SEPARATOR
from llm_triage.splunkd.secrets import realm as credential_realm
from llm_triage.splunkd.settings import ConfigError
from llm_triage.verdict.judge import Judgement
from tests.llm_triage.triage_fakes import FakeSplunkd, ScriptedProvider, configured, refs_of, verdict_json

KEY = "sk-SENTINEL-4b1d7e20c9a85f36"
PROVIDERS_REALM = credential_realm("llm_triage_providers")
SETTINGS_REALM = credential_realm("llm_triage_settings")
SYSTEM_TOKEN = "system-token-0f9e8d7c"


def ucc_pieces(realm, stanza, fields, length=255):
    """Secrets as solnlib writes a UCC credential: JSON in pieces of `length`, then the end mark."""
    text = json.dumps(fields)
    pieces = [text[i : i + length] for i in range(0, len(text), length)] + [UCC_END_MARK]
    return {(realm, f"{stanza}{UCC_PIECE_SEPARATOR}{n}"): piece for n, piece in enumerate(pieces, start=1)}


def splunkd_with(key=KEY, **changes):
    splunkd = configured()
    splunkd.secrets = {**ucc_pieces(PROVIDERS_REALM, "lab", {"api_key": key}), **changes.get("secrets", {})}
    return splunkd


def row(i=0):
    return {"sourcetype": "OktaIM2:log", "eventType": "user.session.start", "actor.alternateId": f"u{i}@example.com"}


def bundle(i=0):
    data = row(i)
    return build_bundle(data, select_profile(data, "auto"))


def body(*bundles, provider="lab", **extra):
    return json.dumps({"provider": provider, "bundles": [bundle_to_wire(b) for b in bundles], **extra})


def refused(text):
    with pytest.raises(Exception) as caught:
        parse_request(text)
    return caught.value.status, caught.value.message


# Parsing and bounds


def test_a_good_request_gives_back_the_same_bundles():
    request = parse_request(body(bundle(0), bundle(1), timeout=12))
    assert request.provider == "lab" and request.timeout == 12.0
    assert [b.hash for b in request.bundles] == [bundle(0).hash, bundle(1).hash]
    assert request.bundles[0].refs == bundle(0).refs and request.bundles[0].event_ref == bundle(0).event_ref


@pytest.mark.parametrize(
    "text, status, message",
    [
        (None, 400, "the request has no body"),
        ("{not json", 400, "the request body is not valid JSON"),
        ('{"provider": NaN}', 400, "the request body is not valid JSON"),
        ("[1, 2]", 400, "must be a JSON object"),
        ('{"provider": "lab", "bundles": [], "key": "x"}', 400, "unknown request key(s): key"),
        ('{"provider": "../etc", "bundles": []}', 400, "provider must be a provider name"),
        ('{"provider": "lab", "bundles": []}', 400, "bundles must be a non-empty list"),
        ('{"provider": "lab", "bundles": [{"text": "x"}]}', 400, "bundles[0] must be an object with exactly"),
    ],
)
def test_malformed_requests_are_refused_with_what_is_wrong(text, status, message):
    got_status, got_message = refused(text)
    assert got_status == status and message in got_message


def test_too_many_bundles_are_refused():
    status, message = refused(body(*[bundle(i) for i in range(MAX_BUNDLES + 1)]))
    assert (status, message) == (400, f"{MAX_BUNDLES + 1} bundles in one request; at most {MAX_BUNDLES} are accepted")


def test_a_request_over_the_byte_cap_is_413():
    status, message = refused(" " * (MAX_REQUEST_BYTES + 1))
    assert status == 413 and f"at most {MAX_REQUEST_BYTES} are accepted" in message


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda w: w.update(hash="0" * 64), "bundles[0].hash is not the SHA-256 of its text"),
        (lambda w: w.update(refs=[]), "bundles[0].refs must list 1 to"),
        (lambda w: w.update(refs=w["refs"] + ["ev:00000000/user"]), "refs name evidence the bundle does not hold"),
        (lambda w: w.update(text="hello", hash=__import__("hashlib").sha256(b"hello").hexdigest()), "not an evidence"),
    ],
)
def test_a_bundle_must_be_what_it_says(change, message):
    wire = bundle_to_wire(bundle())
    change(wire)
    status, got = refused(json.dumps({"provider": "lab", "bundles": [wire]}))
    assert status == 400 and message in got


@pytest.mark.parametrize("timeout", [0, 601, "30", True, None])
def test_timeout_is_bounded(timeout):
    if timeout is None:
        assert parse_request(body(bundle())).timeout is None
        return
    status, message = refused(body(bundle(), timeout=timeout))
    assert status == 400 and message == "timeout must be a number of seconds from 1 to 600"


# Reading the key and the proxy where the setup page stores them


def test_the_key_is_read_from_the_setup_pages_realm_and_joined_from_its_pieces():
    long_key = "sk-SENTINEL-" + "x" * 600  # three pieces of 255 and the end mark
    splunkd = splunkd_with(key=long_key)
    assert len(splunkd.secrets) == 4
    assert SplunkdConfig(splunkd.fetch).provider_key("lab") == long_key


def test_a_key_stored_in_one_piece_or_the_earlier_way_still_works():
    splunkd = configured()
    splunkd.secrets = {(PROVIDERS_REALM, "lab"): json.dumps({"api_key": "one-piece"})}
    assert SplunkdConfig(splunkd.fetch).provider_key("lab") == "one-piece"
    splunkd.secrets = {("llm_triage", "lab"): "earlier-way"}
    assert SplunkdConfig(splunkd.fetch).provider_key("lab") == "earlier-way"
    splunkd.secrets = {}
    assert SplunkdConfig(splunkd.fetch).provider_key("lab") == ""


def test_other_stanzas_pieces_and_realms_are_not_mixed_in():
    splunkd = splunkd_with(
        secrets={
            **ucc_pieces(PROVIDERS_REALM, "lab2", {"api_key": "not-this-one"}),
            **ucc_pieces(SETTINGS_REALM, "lab", {"api_key": "nor-this"}),
        }
    )
    assert SplunkdConfig(splunkd.fetch).provider_key("lab") == KEY


def test_a_stored_value_that_is_not_the_setup_pages_json_is_named_without_showing_it():
    splunkd = configured()
    splunkd.secrets = {(PROVIDERS_REALM, f"lab{UCC_PIECE_SEPARATOR}1"): "sk-raw-not-json", (PROVIDERS_REALM, "x"): "y"}
    with pytest.raises(ConfigError) as caught:
        SplunkdConfig(splunkd.fetch).provider_key("lab")
    assert "not the setup page's JSON" in str(caught.value) and "sk-raw" not in str(caught.value)


def test_a_forbidden_listing_is_secret_forbidden():
    def fetch(path):
        return 403, b'{"messages":[{"type":"ERROR","text":"Permission denied"}]}'

    with pytest.raises(SecretForbidden):
        SplunkdConfig(fetch).credential("llm_triage_providers", "lab")


@pytest.mark.parametrize(
    "stanza, expected",
    [
        ({}, ("", "")),
        ({"proxy_enabled": "0", "proxy_url": "proxy.corp"}, ("", "")),
        ({"proxy_enabled": "1", "proxy_url": "proxy.corp", "proxy_port": "3128"}, ("http://proxy.corp:3128", "")),
        (
            {"proxy_enabled": "true", "proxy_url": "https://p.corp:8443", "proxy_username": "svc"},
            ("https://p.corp:8443", "svc"),
        ),
    ],
)
def test_proxy_settings(stanza, expected):
    proxy = proxy_from_conf(stanza, password="pw")
    assert (proxy.url, proxy.username) == expected
    assert proxy.password == ("pw" if proxy.username else "")  # a password only goes with a username


@pytest.mark.parametrize(
    "stanza, message",
    [
        ({"proxy_enabled": "1", "proxy_type": "socks5", "proxy_url": "p", "proxy_port": "1080"}, "not supported"),
        ({"proxy_enabled": "1", "proxy_url": "p"}, "must name a proxy host and port"),
        ({"proxy_enabled": "1", "proxy_url": "p", "proxy_port": "x"}, "must name a proxy host and port"),
    ],
)
def test_unusable_proxy_settings_are_named(stanza, message):
    with pytest.raises(ConfigError, match=message):
        proxy_from_conf(stanza)


def test_the_endpoint_side_gets_the_proxy_and_its_password_and_the_command_side_neither_nor_the_key():
    splunkd = splunkd_with(secrets=ucc_pieces(SETTINGS_REALM, "proxy", {"proxy_password": "pw-SENTINEL-91"}))
    splunkd.confs["llm_triage_settings"]["proxy"] = {
        "proxy_enabled": "1",
        "proxy_url": "proxy.corp",
        "proxy_port": "3128",
        "proxy_username": "svc",
    }
    config = SplunkdConfig(splunkd.fetch)
    full = config.provider("lab", config.settings()).config
    assert (full.api_key, full.proxy.url, full.proxy.username, full.proxy.password) == (
        KEY,
        "http://proxy.corp:3128",
        "svc",
        "pw-SENTINEL-91",
    )
    splunkd.paths.clear()
    view = SplunkdConfig(splunkd.fetch).provider("lab", config.settings(), with_key=False).config
    assert (view.api_key, view.proxy.url, view.proxy.password) == ("", "", "")
    assert not any(path.startswith("storage/passwords") for path in splunkd.paths)


# Judging


def service_with(answer, splunkd=None):
    providers = []

    def factory(config):
        providers.append(ScriptedProvider(config, answer))
        return providers[-1]

    return TriageService(SplunkdConfig((splunkd or splunkd_with()).fetch), provider_factory=factory), providers


def test_each_bundle_gets_its_judgement_and_the_provider_its_key():
    service, providers = service_with(verdict_json)
    reply = service.answer(parse_request(body(bundle(0), bundle(1), timeout=9)))
    assert reply.status == 200
    assert [j["status"] for j in reply.payload["judgements"]] == ["ok", "ok"]
    assert reply.payload["judgements"][0]["fields"]["triage_verdict"] == "suspicious"
    assert reply.payload["judgements"][0]["prompt_tokens"] == 100
    assert providers[0].config.api_key == KEY and providers[0].config.timeout == 9.0
    assert KEY not in json.dumps(reply.payload)


class Recorder:
    """Stands in for the triaged evidence: what the endpoint recorded, request by request."""

    def __init__(self):
        self.calls = []

    def lookup(self, hashes):
        return {}

    def record(self, bundles, actor, findings=None, read=None):
        self.calls.append(([b.hash for b in bundles], dict(findings.reported if findings else {})))


def test_what_each_answer_reported_is_recorded_with_its_evidence_and_nothing_for_the_others():
    recorder = Recorder()

    def answer(request):
        refs = refs_of(request)
        return verdict_json(request, swaying=refs[:1] if "u0@" in request.messages[-1]["content"] else [])

    splunkd = splunkd_with()
    service = TriageService(
        SplunkdConfig(splunkd.fetch), provider_factory=lambda config: ScriptedProvider(config, answer), triaged=recorder
    )
    first, second = bundle(0), bundle(1)
    assert service.answer(parse_request(body(first, second, checks=True))).status == 200
    [(hashes, reported)] = recorder.calls
    field = sorted(first.refs)[0].split("/", 1)[1]
    assert hashes == [first.hash, second.hash] and reported == {first.hash: [f"{field}:model"]}


def test_a_provider_error_echoing_the_key_is_scrubbed():
    service, _ = service_with(lambda r: ProviderError(f"bad key {KEY} (HTTP 401)", unavailable=False, status=401))
    reply = service.answer(parse_request(body(bundle())))
    judgement = reply.payload["judgements"][0]
    assert (judgement["status"], judgement["http_status"]) == ("error", 401)
    assert KEY not in json.dumps(reply.payload) and "[redacted]" in judgement["fields"]["triage_error"]


def test_an_unknown_provider_is_400_naming_the_configured_ones():
    service, providers = service_with(verdict_json)
    reply = service.answer(parse_request(body(bundle(), provider="nope")))
    assert reply.status == 400 and providers == []
    assert reply.payload["messages"][0]["text"] == (
        "provider 'nope' is not configured; configured providers: lab "
        "(add one on the app's setup page, Configuration > Providers)"
    )


def test_settings_splunkd_cannot_serve_are_503():
    service, _ = service_with(verdict_json, splunkd=FakeSplunkd(status=503))
    reply = service.answer(parse_request(body(bundle())))
    assert reply.status == 503 and reply.payload["messages"][0]["text"].startswith("settings unreadable")


def test_a_key_over_plain_http_to_another_host_is_refused_by_the_endpoint():
    splunkd = splunkd_with()
    splunkd.confs["llm_triage_providers"]["lab"]["base_url"] = "http://llm.example/v1"
    service, providers = service_with(verdict_json, splunkd=splunkd)
    reply = service.answer(parse_request(body(bundle())))
    assert reply.status == 400 and "refusing to send the API key over plain http" in json.dumps(reply.payload)
    assert providers == []


def test_an_unknown_provider_type_is_400():
    splunkd = splunkd_with()
    splunkd.confs["llm_triage_providers"]["lab"]["type"] = "telepathy"
    reply = TriageService(SplunkdConfig(splunkd.fetch)).answer(parse_request(body(bundle())))
    assert reply.status == 400 and "has type 'telepathy'" in reply.payload["messages"][0]["text"]


# splunkd's persistent-handler envelope


def envelope(method="POST", payload=None, token=SYSTEM_TOKEN):
    document = {
        "method": method,
        "rest_path": "/llm_triage/judge",
        "session": {"user": "ana", "authtoken": "ana-session"},
        "server": {"rest_uri": "https://127.0.0.1:8089"},
        "payload": payload if payload is not None else body(bundle()),
    }
    if token:
        document["system_authtoken"] = token
    return json.dumps(document)


def connect_to(splunkd, seen):
    def connect(rest_uri, token):
        seen.append((rest_uri, token))
        return lambda method, path, data: splunkd.fetch(path)

    return connect


def test_the_handler_reads_with_the_system_token_and_answers_json_text():
    seen = []
    result = handle(envelope(), connect_to(splunkd_with(), seen), lambda c: ScriptedProvider(c, verdict_json))
    assert seen == [("https://127.0.0.1:8089", SYSTEM_TOKEN)]
    assert result["status"] == 200 and result["headers"]["Content-Type"].startswith("application/json")
    assert json.loads(result["payload"])["judgements"][0]["status"] == "ok"


@pytest.mark.parametrize(
    "document, status, message",
    [
        ("not json", 400, "not a JSON object"),
        (envelope(method="GET"), 405, "answers POST only, not GET"),
        (envelope(token=""), 500, "passSystemAuth = true"),
        (envelope(payload="{"), 400, "not valid JSON"),
    ],
)
def test_the_handler_refuses_what_it_cannot_serve(document, status, message):
    result = handle(document, connect_to(splunkd_with(), []))
    assert result["status"] == status and message in json.loads(result["payload"])["messages"][0]["text"]


def test_a_bug_is_a_500_without_the_key(caplog):
    plain_key = "SENTINEL-plain-key-not-shaped-like-one-7c1e"  # only the known value can scrub this

    def explode(config):
        raise RuntimeError(f"exploded near {config.api_key}")

    with caplog.at_level("ERROR", logger="llm_triage"):
        result = handle(envelope(), connect_to(splunkd_with(key=plain_key), []), explode)
    assert result["status"] == 500 and "exploded near [redacted]" in caplog.text
    assert plain_key not in caplog.text
    assert json.loads(result["payload"])["messages"][0]["text"] == (
        "internal error in the llm_triage judge endpoint: RuntimeError"
    )
    assert KEY not in caplog.text and KEY not in json.dumps(result)


def kv_store_that_hangs(splunkd, asked):
    """A connect whose KV store never answers for the triage's own collections (each call waits out its time-out,
    or splunkd's 60 s, and fails), where the limits' collections, the conf and the audit's receiver answer at
    once; every call and its time-out go to `asked`."""

    def connect(rest_uri, token):
        def request(method, path, data, timeout=None):
            asked.append((path, timeout))
            if path.startswith("storage/collections/") and not path.startswith(LIMITS_COLLECTIONS):
                time.sleep(min(60.0 if timeout is None else timeout, 10.0))  # 10 s stands for 60, to end the test
                raise TimeoutError("timed out")
            if path.startswith(("receivers/simple", *LIMITS_COLLECTIONS)):
                return 200, b"[]"
            return splunkd.fetch(path)

        return request

    return connect


LIMITS_COLLECTIONS = ("storage/collections/data/llm_triage_usage", "storage/collections/data/llm_triage_breakers")


def test_a_hung_kv_store_keeps_no_reply_past_the_callers_wait():
    # Each call to the triage's KV store collections had its own 60 s, so a failing KV store kept the reply for
    # minutes after the search had stopped waiting. Now each ends within the wait and the reply comes before it.
    # The audit and the settings keep splunkd's own time-out, and the limits every request shares their own bound
    # (endpoint/limits.py): a short wait must not empty them.
    asked = []
    payload = body(bundle(0), bundle(1), wait=4, checks=False)
    started = time.monotonic()
    connect = kv_store_that_hangs(splunkd_with(), asked)
    result = handle(envelope(payload=payload), connect, lambda c: ScriptedProvider(c, verdict_json))
    took = time.monotonic() - started
    assert took < 4, f"answered after {took:.1f} s"
    reply = json.loads(result["payload"])
    assert result["status"] == 200 and [j["status"] for j in reply["judgements"]] == ["unavailable", "unavailable"]
    recorded = "triaged evidence not recorded (labels on it will be refused or make no example)"
    assert f"{recorded}: no time left of the caller's wait" in reply["warnings"]
    hung = [
        timeout
        for path, timeout in asked
        if path.startswith("storage/collections/") and not path.startswith(LIMITS_COLLECTIONS)
    ]
    assert hung and all(timeout is not None and timeout <= 2 for timeout in hung)
    kept = [timeout for path, timeout in asked if path.startswith(("receivers/simple", "configs/"))]
    assert kept and all(timeout is None for timeout in kept)
    limits = [timeout for path, timeout in asked if path.startswith(LIMITS_COLLECTIONS)]
    assert all(timeout is not None and timeout <= STORE_SECONDS for timeout in limits)  # when they sync


# The reply's judgements on the wire


def test_judgements_survive_the_wire():
    judgement = Judgement(
        "unavailable", {"triage_error": "rate limited"}, model="m", http_status=429, retry_after=2.5, latency_ms=7
    )
    assert judgement_from_wire(json.loads(json.dumps(judgement_to_wire(judgement)))) == judgement
    cached = Judgement(
        "ok", {"triage_verdict": "benign"}, prompt_tokens=900, cached_prompt_tokens=768, cache_write_tokens=5
    )
    assert judgement_from_wire(json.loads(json.dumps(judgement_to_wire(cached)))) == cached


def test_a_reply_from_an_endpoint_without_prompt_cache_counts_reads_as_none_cached():
    wire = judgement_to_wire(Judgement("ok", {"triage_verdict": "benign"}, prompt_tokens=9))
    del wire["cached_prompt_tokens"], wire["cache_write_tokens"]
    assert (judgement_from_wire(wire).cached_prompt_tokens, judgement_from_wire(wire).cache_write_tokens) == (0, 0)


@pytest.mark.parametrize(
    "change",
    [
        {"status": "maybe"},
        {"fields": {"secret_field": "x"}},
        {"fields": {"triage_verdict": 3}},
        {"fields": {}, "status": "error"},
        # A failure that carries a verdict: the row would be read as judged (or as benign) when nothing was.
        {"fields": {"triage_error": "timed out", "triage_bucket": "likely_benign"}, "status": "unavailable"},
        {"fields": {"triage_error": "refused", "triage_verdict": "benign"}, "status": "rejected"},
        {"prompt_tokens": -1},
        {"prompt_tokens": 1.5},
        {"cached_prompt_tokens": -3},
        {"cache_write_tokens": "12"},
        {"cost": float("nan")},
        {"model": 7},
    ],
)
def test_a_malformed_judgement_is_refused(change):
    wire = judgement_to_wire(Judgement("ok", {"triage_verdict": "benign"}))
    wire.update(change)
    with pytest.raises(WireError):
        judgement_from_wire(wire)


def test_a_persistent_process_rereads_settings_and_keys_only_after_its_memo_expires():
    now = [100.0]
    memo = ConfigMemo(seconds=15, clock=lambda: now[0])
    splunkd = splunkd_with()

    def ask():
        factory = lambda config: ScriptedProvider(config, verdict_json)  # noqa: E731
        service = TriageService(SplunkdConfig(splunkd.fetch), provider_factory=factory, memo=memo)
        return service.answer(parse_request(body(bundle(0))))

    assert ask().status == 200
    reads = len(splunkd.paths)
    assert reads and any(path.startswith("storage/passwords") for path in splunkd.paths)
    now[0] += 14
    assert ask().status == 200 and len(splunkd.paths) == reads  # nothing read again
    now[0] += 2
    assert ask().status == 200 and len(splunkd.paths) == 2 * reads  # expired: read afresh


def test_a_provider_that_cannot_be_used_is_not_remembered():
    memo = ConfigMemo()
    service = TriageService(SplunkdConfig(splunkd_with().fetch), memo=memo)
    assert service.answer(parse_request(body(bundle(0), provider="nope"))).status == 400
    assert memo.get("nope") is None


# Identifiers an attacker shapes: each reaches the audit trail with the system token, and dashboards' SPL.
PLANTED = [
    '" | delete',
    "abc123def456abc123def456 | outputlookup x",
    "0123456789abcdef01234567\n",
    "0123456789ABCDEF01234567",
    "] [| rest /services/storage/passwords",
    "`llm_triage_index` OR 1=1",
    "x" * 64,
]


@pytest.mark.parametrize("planted", PLANTED)
def test_a_triage_id_of_any_other_shape_is_refused_and_never_audited(planted):
    wire = dict(bundle_to_wire(bundle()), triage_id=planted)
    status, message = refused(json.dumps({"provider": "lab", "bundles": [wire]}))
    assert status == 400 and "triage id (24 lower-case hex characters)" in message
    assert planted.strip() not in message  # the refusal does not echo it
    splunkd, seen = splunkd_with(), []
    reply = handle(
        envelope(payload=json.dumps({"provider": "lab", "bundles": [wire]})),
        connect_to(splunkd, seen),
        lambda c: ScriptedProvider(c, verdict_json),
    )
    assert reply["status"] == 400 and seen == []  # refused before anything was read or written


@pytest.mark.parametrize("provider", ["lab\n", "lab | delete", "../lab", ""])
def test_a_provider_name_of_any_other_shape_is_refused(provider):
    assert refused(body(bundle(), provider=provider))[0] == 400


def test_a_request_without_the_callers_session_is_refused():
    document = json.loads(envelope())
    del document["session"]
    seen = []
    reply = handle(json.dumps(document), connect_to(splunkd_with(), seen), lambda c: ScriptedProvider(c, verdict_json))
    assert reply["status"] == 401 and "passSession" in reply["payload"] and seen == []
