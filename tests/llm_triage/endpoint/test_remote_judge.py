"""The command's side of the endpoint: batches out, judgements back, every refusal a clear per-row error,
and a search that never reads a key."""

import json
from collections import OrderedDict

import pytest
from test_triage_service import KEY, bundle, splunkd_with

from llm_triage.endpoint.client import FORBIDDEN_MESSAGE, MAX_BUNDLES_PER_REQUEST, RemoteJudge
from llm_triage.endpoint.handler import handle
from llm_triage.endpoint.wire import ENDPOINT_PATH
from llm_triage.providers.base import ProviderConfig, ProviderError
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.verdict.judge import ProviderJudge
from llm_triage.verdict.prompt import load_prompt
from tests.llm_triage.triage_fakes import ScriptedProvider, verdict_json

LAB = ProviderConfig(name="lab", type="openai_compatible", base_url="http://127.0.0.1:9/v1", model="m1")


class Endpoint:
    """splunkd in front of the app's endpoint: a capability gate, then the handler, in process."""

    def __init__(self, answer=verdict_json, splunkd=None, allowed=True):
        self.splunkd = splunkd or splunkd_with()
        self.answer = answer
        self.allowed = allowed
        self.posts = []
        self.waits = []  # how long the search waited for each answer
        self.other = []

    def request(self, method, path, body, timeout=None):
        if (method, path) != ("POST", ENDPOINT_PATH):
            self.other.append((method, path))
            return self.splunkd.fetch(path)
        self.posts.append(json.loads(body))
        self.waits.append(timeout)
        if not self.allowed:
            return 403, b'{"messages":[{"type":"ERROR","text":"requires capability: llm_triage_run"}]}'
        envelope = {
            "method": method,
            "payload": body.decode(),
            "system_authtoken": "system",
            "server": {"rest_uri": "https://127.0.0.1:8089"},
            "session": {"user": "ana", "authtoken": "ana-session"},  # passSession, as restmap.conf sets it
        }
        reply = handle(
            json.dumps(envelope),
            lambda uri, token: lambda m, p, b, timeout=None: self.splunkd.fetch(p),
            lambda config: ScriptedProvider(config, self.answer),
        )
        return reply["status"], reply["payload"].encode()


def test_remote_judgements_are_the_direct_ones():
    endpoint = Endpoint()
    bundles = [bundle(i) for i in range(3)]
    remote = RemoteJudge(SplunkdRest(endpoint.request), LAB, timeout=7).judge(bundles)
    direct = ProviderJudge(ScriptedProvider(LAB, verdict_json), load_prompt()).judge(bundles)
    assert remote == direct
    assert endpoint.posts[0]["provider"] == "lab" and endpoint.posts[0]["timeout"] == 7
    assert [item["hash"] for item in endpoint.posts[0]["bundles"]] == [b.hash for b in bundles]


def test_bundles_go_in_batches_and_come_back_in_order():
    endpoint = Endpoint()
    bundles = [bundle(i) for i in range(2 * MAX_BUNDLES_PER_REQUEST + 5)]
    judgements = RemoteJudge(SplunkdRest(endpoint.request), LAB).judge(bundles)
    assert [len(post["bundles"]) for post in endpoint.posts] == [MAX_BUNDLES_PER_REQUEST] * 2 + [5]
    assert [j.fields["triage_evidence"][0].split("/")[0] for j in judgements] == [b.event_ref for b in bundles]


def test_without_the_capability_every_bundle_says_which_one_is_missing():
    endpoint = Endpoint(allowed=False)
    judgements = RemoteJudge(SplunkdRest(endpoint.request), LAB).judge([bundle(0), bundle(1)])
    assert [(j.status, j.error, j.http_status) for j in judgements] == [("error", FORBIDDEN_MESSAGE, 403)] * 2
    assert "llm_triage_run" in FORBIDDEN_MESSAGE


def test_one_refused_bundle_does_not_cost_the_others_their_verdicts():
    endpoint = Endpoint()
    good, bad = bundle(0), bundle(1)
    bad = type(bad)(profile=bad.profile, text=bad.text, hash="0" * 64, refs=bad.refs, event_ref=bad.event_ref)
    judgements = RemoteJudge(SplunkdRest(endpoint.request), LAB).judge([good, bad, bundle(2)])
    assert [j.status for j in judgements] == ["ok", "error", "ok"]
    assert judgements[1].error == (
        "the llm_triage endpoint refused the request (HTTP 400): bundles[0].hash is not the SHA-256 of its text"
    )


@pytest.mark.parametrize(
    "status, body, expected_status, message",
    [
        (503, b'{"messages":[{"type":"ERROR","text":"KV Store is initializing"}]}', "unavailable", "HTTP 503"),
        (500, b"", "unavailable", "the llm_triage endpoint is unavailable (HTTP 500: no detail)"),
        (401, b"", "error", "splunkd did not accept the search's session (HTTP 401)"),
        (404, b"", "error", "restart splunkd after installing the app"),
        (200, b"<html>", "error", "answered with something unexpected: not JSON"),
        (200, b'{"judgements": []}', "error", "not one judgement per bundle"),
        (200, b'{"judgements": [{"status": "ok", "fields": {"api_key": "x"}}]}', "error", "unknown fields"),
    ],
)
def test_what_the_endpoint_or_splunkd_says_becomes_the_rows_reason(status, body, expected_status, message):
    judge = RemoteJudge(SplunkdRest(lambda method, path, data, timeout=None: (status, body)), LAB)
    [judgement] = judge.judge([bundle()])
    assert judgement.status == expected_status and message in judgement.error


def test_an_unreachable_splunkd_is_unavailable():
    def broken(method, path, data, timeout=None):
        raise ConnectionRefusedError("refused")

    [judgement] = RemoteJudge(SplunkdRest(broken), LAB).judge([bundle()])
    assert (judgement.status, judgement.error) == ("unavailable", "splunkd unreachable (ConnectionRefusedError)")


def rows(count):
    return [
        OrderedDict(
            [("row_id", str(i)), ("sourcetype", "OktaIM2:log"), ("eventType", "x"), ("actor.alternateId", f"u{i}")]
        )
        for i in range(count)
    ]


def test_a_search_through_the_endpoint_never_reads_a_secret_and_its_rows_never_hold_one():
    leaky = Endpoint(answer=lambda r: ProviderError(f"upstream says key {KEY} is bad", unavailable=False))
    endpoint = Endpoint()
    for current, status in ((endpoint, "ok"), (leaky, "error")):
        rest = SplunkdRest(current.request)
        session = TriageSession(TriageOptions(), SplunkdConfig(rest.get), endpoint=rest)
        out = list(session.triage(rows(4)))
        assert [row["triage_status"] for row in out] == [status] * 4
        assert [row["row_id"] for row in out] == ["0", "1", "2", "3"]
        assert not any(path.startswith("storage/passwords") for _, path in current.other)
        assert KEY not in json.dumps(out) + " ".join(session.warnings)
    assert out[0]["triage_error"] == "upstream says key [redacted] is bad"


def test_a_search_without_the_capability_keeps_every_row_and_says_why():
    endpoint = Endpoint(allowed=False)
    rest = SplunkdRest(endpoint.request)
    session = TriageSession(TriageOptions(), SplunkdConfig(rest.get), endpoint=rest)
    out = list(session.triage(rows(3)))
    assert [(row["row_id"], row["triage_status"], row["triage_error"]) for row in out] == [
        (str(i), "error", FORBIDDEN_MESSAGE) for i in range(3)
    ]
    assert all(row["actor.alternateId"] == f"u{i}" for i, row in enumerate(out))


@pytest.mark.parametrize(("mode", "sent"), [("off", False), ("benign_only", True), ("always", True), ("", True)])
def test_a_search_tells_the_endpoint_whether_it_checks_and_a_replay_says_nothing(mode, sent):
    """The endpoint awaits a check of a search's benign answers on free text, whatever the search's mode (one
    with the check off never sends it, so its evidence makes no example until another search's check does);
    a replay's or an evaluation's answers nobody labels (endpoint/followed.py)."""
    endpoint = Endpoint()
    rest = SplunkdRest(endpoint.request)
    list(TriageSession(TriageOptions(injection_check=mode), SplunkdConfig(rest.get), endpoint=rest).triage(rows(2)))
    assert endpoint.posts and {post["checks"] for post in endpoint.posts} == {sent}
    replay = Endpoint()
    RemoteJudge(SplunkdRest(replay.request), LAB).judge([bundle(0)])
    assert [("checks" in post) for post in replay.posts] == [False]


# -- the provider's limits, retries and breaker live in the endpoint, one set per process ---------------


def test_the_providers_breaker_is_in_the_endpoint_and_shared_by_every_search_it_serves():
    asked = []

    def down(request):
        asked.append(request)
        return ProviderError("connection refused by 127.0.0.1:9", unavailable=True)

    endpoint = Endpoint(answer=down)
    first, second = (
        TriageSession(
            TriageOptions(), SplunkdConfig(SplunkdRest(endpoint.request).get), endpoint=SplunkdRest(endpoint.request)
        )
        for _ in range(2)
    )
    out = list(first.triage(rows(12)))
    assert {row["triage_status"] for row in out} == {"unavailable"}
    after_first = len(asked)
    assert after_first < 12 * 3  # the breaker opened: not three attempts for each of the 12 rows
    assert any("not asked again" in warning for warning in first.warnings)  # the endpoint said so
    out = list(second.triage(rows(4)))  # another search, the same endpoint process
    assert len(asked) == after_first  # the open breaker answered it: the provider was not asked again
    assert all("not asked again" in row["triage_error"] for row in out)


def test_a_failing_endpoint_call_is_not_counted_against_the_provider():
    endpoint = Endpoint()
    failing = {"left": 6}

    def flaky(method, path, body, timeout=None):
        if method == "POST" and path == ENDPOINT_PATH and failing["left"] > 0:
            failing["left"] -= 1
            return 503, b'{"messages":[{"type":"ERROR","text":"splunkd is busy"}]}'
        return endpoint.request(method, path, body, timeout)

    rest = SplunkdRest(flaky)
    session = TriageSession(TriageOptions(), SplunkdConfig(rest.get), endpoint=rest)
    for number, alone in enumerate(rows(12)):  # one at a time: six failures in a row, over a breaker's five
        [row] = list(session.triage(iter([alone])))
        assert row["triage_status"] == ("unavailable" if number < 6 else "ok"), row.get("triage_error")
    assert len(endpoint.posts) == 6  # every later row went to the endpoint, and the provider answered
