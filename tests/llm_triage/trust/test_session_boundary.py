"""The search's side of the boundary: without the app's endpoint, pseudonyms come from the key file;
behind it, dryrun shows what the endpoint would send, or says why it cannot; the endpoint's warnings
(an audit trail not written) reach the search's messages; every bundle carries its row's triage_id."""

import json
from collections import OrderedDict

from llm_triage.endpoint.client import RemoteJudge
from llm_triage.engine.resilience import RetryPolicy
from llm_triage.evidence.bundle import Bundle
from llm_triage.providers.base import ProviderConfig
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.verdict.judge import Judgement
from tests.llm_triage.triage_fakes import ScriptedProvider, configured, verdict_json

FAST = RetryPolicy(base_delay=0.001, max_delay=0.002, breaker_cooldown=600)


def alerts(count: int = 2) -> list:
    return [
        OrderedDict(
            sourcetype="OktaIM2:log",
            eventType="user.session.start",
            **{"actor.alternateId": f"user{i}@example.com", "client.ipAddress": "198.51.100.4"},
        )
        for i in range(count)
    ]


def naming_the_user(request):  # type: ignore[no-untyped-def]
    sent = json.loads(request.messages[-1]["content"].split("<evidence>")[1].split("</evidence>")[0])
    return verdict_json(request, rationale=f"{sent['events'][0]['fields']['user']} signed in")


def direct_session(settings: dict, answer=naming_the_user, **options):  # type: ignore[no-untyped-def]
    splunkd = configured()
    splunkd.confs["llm_triage_settings"]["triage"].update(settings)
    providers: list = []

    def factory(config: ProviderConfig) -> ScriptedProvider:
        providers.append(ScriptedProvider(config, answer))
        return providers[-1]

    session = TriageSession(
        TriageOptions(**options), SplunkdConfig(splunkd.fetch), provider_factory=factory, policy=FAST
    )
    return session, providers


def test_without_the_endpoint_the_key_file_pseudonymizes_and_rows_read_real_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    key = tmp_path / "pseudonym.key"
    key.write_text("a-test-key-of-enough-length\n", encoding="utf-8")
    session, providers = direct_session({"pseudonymize": "1", "pseudonym_key_file": str(key)})
    out = list(session.triage(alerts()))
    assert [row["triage_status"] for row in out] == ["ok", "ok"]
    assert out[1]["triage_rationale"] == "user1@example.com signed in"
    sent = json.dumps([request.messages for request in providers[0].requests])
    assert "user1@example.com" not in sent and "user:ps_" in sent
    dry, _ = direct_session({"pseudonymize": "1", "pseudonym_key_file": str(key)}, dryrun=True)
    shown = [row["triage_bundle"] for row in dry.triage(alerts())]
    assert all("example.com" not in text and "user:ps_" in text for text in shown)
    assert json.loads(shown[1])["events"][0]["fields"]["user"] in sent


def test_without_the_endpoint_or_a_key_file_nothing_is_sent_and_rows_say_why() -> None:
    session, providers = direct_session({"pseudonymize": "1"})
    out = list(session.triage(alerts()))
    assert {row["triage_status"] for row in out} == {"error"} and all(p.requests == [] for p in providers)
    assert "pseudonymize = 1 needs the app's endpoint" in out[0]["triage_error"]


class Endpoint:
    """The app's endpoint as the command sees it: answers previews and judgements, or refuses."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.posts: list = []

    def request(
        self, method: str, path: str, body: "bytes | None", timeout: "float | None" = None
    ) -> "tuple[int, bytes]":
        if method == "GET":  # settings, from the fake splunkd
            return configured_with_pseudonyms.fetch(path)
        payload = json.loads(body or b"{}")
        self.posts.append(payload)
        if self.status != 200:
            return self.status, b'{"messages":[{"type":"ERROR","text":"no"}]}'
        if payload.get("preview"):
            previews = [{"text": b["text"].replace("example.com", "ps"), "hash": "h" * 64} for b in payload["bundles"]]
            return 200, json.dumps({"pseudonymized": True, "previews": previews}).encode()
        judgements = [
            {"status": "ok", "fields": {"triage_verdict": "benign"}, "model": "m"} for _ in payload["bundles"]
        ]
        reply = {
            "provider": "lab",
            "judgements": judgements,
            "warnings": ["audit trail not written for 1 inference(s): x"],
        }
        return 200, json.dumps(reply).encode()


configured_with_pseudonyms = configured()
configured_with_pseudonyms.confs["llm_triage_settings"]["triage"]["pseudonymize"] = "1"


def endpoint_session(endpoint: Endpoint, **options) -> TriageSession:  # type: ignore[no-untyped-def]
    rest = SplunkdRest(endpoint.request)
    return TriageSession(TriageOptions(**options), SplunkdConfig(rest.get), endpoint=rest, policy=FAST)


def test_dryrun_asks_the_endpoint_for_what_it_would_send() -> None:
    endpoint = Endpoint()
    out = list(endpoint_session(endpoint, dryrun=True).triage(alerts()))
    assert all("example.com" not in row["triage_bundle"] and not row["triage_error"] for row in out)
    assert [post["preview"] for post in endpoint.posts] == [True, True]


def test_dryrun_says_so_when_the_endpoint_cannot_preview() -> None:
    out = list(endpoint_session(Endpoint(status=404), dryrun=True).triage(alerts(1)))
    assert "user0@example.com" in out[0]["triage_bundle"]
    assert out[0]["triage_error"].startswith("pseudonymize = 1, but the pseudonymized bundle could not be made")


def test_bundles_carry_their_triage_id_and_the_endpoints_warnings_reach_the_search() -> None:
    endpoint = Endpoint()
    session = endpoint_session(endpoint)
    out = list(session.triage(alerts()))
    # Rows are judged side by side, so the posts may reach the endpoint in either order.
    assert sorted(bundle["triage_id"] for post in endpoint.posts for bundle in post["bundles"]) == sorted(
        row["triage_id"] for row in out
    )
    assert session.warnings.count("llmtriage: audit trail not written for 1 inference(s): x") == 1


def test_the_remote_judge_keeps_each_warning_once() -> None:
    endpoint = Endpoint()
    judge = RemoteJudge(SplunkdRest(endpoint.request), ProviderConfig(name="lab", type="t", base_url="u", model="m"))
    bundle = Bundle(profile="generic/2", text='{"format":"x"}', hash="a" * 64, refs=("ev:1/user",), event_ref="ev:1")
    for _ in range(3):
        assert judge.judge([bundle]) == [Judgement("ok", {"triage_verdict": "benign"}, model="m")]
    assert judge.warnings == ["llmtriage: audit trail not written for 1 inference(s): x"]
