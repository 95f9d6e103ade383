"""How long a search waits for the endpoint, and how the endpoint keeps within it: the search says how long it
waits, and the endpoint sends no call that could end after that, counting from when the request arrived."""

import json
import threading
import time

import pytest
from test_shared_limits import bundle, request, splunkd_with

from llm_triage.endpoint.client import MIN_QUEUE_SECONDS, RemoteJudge, answer_wait
from llm_triage.endpoint.service import TriageService
from llm_triage.endpoint.wire import (
    ENDPOINT_WORK_SECONDS,
    KIND_NARRATIVE,
    MAX_WAIT,
    bundle_to_wire,
    judgement_to_wire,
    parse_request,
)
from llm_triage.engine.resilience import estimate_request_tokens, instruction_tokens
from llm_triage.engine.stack import SharedGuards
from llm_triage.evidence.fields import STATUS_OK, STATUS_UNAVAILABLE
from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.handler import RequestRefused
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.verdict.judge import failed
from llm_triage.verdict.prompt import load_prompt
from tests.llm_triage.triage_fakes import ScriptedProvider, verdict_json

LAB = ProviderConfig(name="lab", type="openai_compatible", base_url="http://127.0.0.1:9/v1", model="m1")


def lab(**changes: object) -> ProviderConfig:
    return ProviderConfig(**{**LAB.__dict__, **changes})


class Recorded:
    """The doorway as the search uses it: records each POST's body and the time-out it was given, and answers
    with `status` and `body`."""

    def __init__(self, status=503, body=b'{"messages":[{"type":"ERROR","text":"down"}]}'):
        self.posts = []
        self.waits = []
        self.status, self.body = status, body

    def request(self, method, path, body, timeout=None):
        self.posts.append(json.loads(body))
        self.waits.append(timeout)
        return self.status, self.body


def asked(config, count=1, kind="verdict", recorded=None, **options):
    recorded = recorded or Recorded()
    bundles = [bundle(i) for i in range(count)]
    RemoteJudge(SplunkdRest(recorded.request), config, kind=kind, **options).judge(bundles)
    return recorded, bundles


def wire(**extra):
    """A search's request about one bundle, with `extra` keys."""
    return json.dumps({"provider": "lab", "bundles": [bundle_to_wire(bundle(1))], **extra})


# -- the search's side: how long it waits, and what it says --------------------------------------------------


def test_a_search_waits_for_what_a_request_may_take_and_says_so():
    config = lab(timeout=45.0)
    recorded, _ = asked(config)
    [post], [wait] = recorded.posts, recorded.waits
    # Its turn (two time-outs: a slot frees once a call in flight ends), a call and its retries (two
    # time-outs), then the endpoint's own work: longer than the doorway's minute, which a 45 s provider's
    # retries outlast.
    assert wait == post["wait"] == 4 * 45.0 + ENDPOINT_WORK_SECONDS
    short = lab(timeout=10.0)
    assert asked(short)[0].waits == [MIN_QUEUE_SECONDS + 2 * 10.0 + ENDPOINT_WORK_SECONDS]  # never less than before


def test_a_batch_is_one_wait_however_the_endpoint_splits_it():
    config = lab(timeout=20.0, batch_size=5)
    recorded, _ = asked(config, count=5)
    assert len(recorded.posts) == 1 and recorded.waits == [MIN_QUEUE_SECONDS + 40.0 + ENDPOINT_WORK_SECONDS]
    recorded, _ = asked(config, count=2, kind=KIND_NARRATIVE)  # not queued, not retried: a time-out each
    assert "wait" not in recorded.posts[0] and recorded.waits == [2 * 20.0 + ENDPOINT_WORK_SECONDS]


def test_a_rate_limited_provider_gets_the_time_its_limits_take_to_let_a_searchs_requests_go():
    config = lab(timeout=10.0, requests_per_minute=2, max_concurrency=4)
    assert asked(config)[0].posts[0]["wait"] == 120.0 + 20.0 + ENDPOINT_WORK_SECONDS  # 4 requests, 1 in 30 s
    slow_tokens = lab(timeout=10.0, tokens_per_minute=600, max_concurrency=2)
    recorded, bundles = asked(slow_tokens)
    # The bundle, half the output cap and the instructions sent with every request.
    tokens = estimate_request_tokens(bundles, slow_tokens, instruction_tokens(load_prompt()))
    assert recorded.posts[0]["wait"] == pytest.approx(2 * tokens * 60 / 600 + 20.0 + ENDPOINT_WORK_SECONDS)
    paced_past_the_bound = lab(requests_per_minute=1, max_concurrency=512)
    recorded, _ = asked(paced_past_the_bound)
    assert recorded.waits == [MAX_WAIT] == [answer_wait(paced_past_the_bound, bundles, 0)]
    assert parse_request(wire(wait=recorded.posts[0]["wait"])).wait == MAX_WAIT  # the endpoint takes it


def test_a_caller_with_a_deadline_waits_no_longer_than_it_has():
    recorded, _ = asked(lab(timeout=30.0), time_left=lambda: 42.5)
    assert recorded.waits == [42.5] and recorded.posts[0]["wait"] == 42.5
    recorded, _ = asked(lab(timeout=30.0), time_left=lambda: -3.0)  # past it: the endpoint sends nothing
    assert recorded.waits == [0.0] and recorded.posts[0]["wait"] == 0.0


def test_an_endpoint_older_than_wait_is_asked_again_without_it():
    refused = b'{"messages":[{"type":"ERROR","text":"unknown request key(s): wait"}]}'

    class Older(Recorded):
        def request(self, method, path, body, timeout=None):
            super().request(method, path, body, timeout)
            if "wait" in self.posts[-1]:
                return 400, refused
            answered = judgement_to_wire(failed(STATUS_UNAVAILABLE, "provider lab unavailable"))
            return 200, json.dumps({"judgements": [answered]}).encode()

    older = Older()
    judge = RemoteJudge(SplunkdRest(older.request), LAB)
    assert [j.status for j in judge.judge([bundle(1)])] == [STATUS_UNAVAILABLE]
    judge.judge([bundle(2)])
    assert ["wait" in post for post in older.posts] == [True, False, False]  # said once, then no more


# -- the wire -------------------------------------------------------------------------------------------------


def test_the_wait_is_optional_and_bounded():
    assert parse_request(wire()).wait is None
    assert parse_request(wire(wait=0)).wait == 0.0 and parse_request(wire(wait=90.5)).wait == 90.5
    for bad in (-1, MAX_WAIT + 1, True, "30", [1]):
        with pytest.raises(RequestRefused, match="wait must be a number of seconds"):
            parse_request(wire(wait=bad))


# -- the endpoint's side: nothing is sent that could end after the search stops waiting ------------------


def endpoint(answer, **provider):
    splunkd = splunkd_with(**provider)
    return TriageService(
        SplunkdConfig(splunkd.fetch),
        provider_factory=lambda config: ScriptedProvider(config, answer),
        guards=SharedGuards(),
        actor="ana",
    )


def test_a_request_that_gets_no_slot_in_time_is_answered_unavailable_unsent_and_before_the_search_stops_waiting():
    release = threading.Event()
    calls = []

    def answer(completion_request):
        calls.append(completion_request)
        if len(calls) == 1:
            release.wait(10)  # the first search's call holds the only slot
        return verdict_json(completion_request)

    service = endpoint(answer, max_concurrency=1, timeout=1)
    first = {}
    holder = threading.Thread(target=lambda: first.update(reply=service.answer(request(bundle(1), search="s1"))))
    holder.start()
    deadline = time.monotonic() + 10
    while not calls:
        assert time.monotonic() < deadline
        time.sleep(0.001)
    # It waits 31.3 s: 30 s of it are the endpoint's own work, so the call must be let through by 0.3 s.
    waiting = parse_request(wire(search="s2", wait=ENDPOINT_WORK_SECONDS + 1.3))
    started = time.monotonic()
    reply = service.answer(waiting)
    took = time.monotonic() - started
    release.set()
    holder.join(10)
    [judgement] = reply.payload["judgements"]
    assert judgement["status"] == STATUS_UNAVAILABLE and "was busy: not sent" in judgement["fields"]["triage_error"]
    assert 0.25 <= took < 1.3 and len(calls) == 1  # never sent, so never paid for
    assert any("was busy: some results were not sent" in warning for warning in reply.payload["warnings"])
    assert first["reply"].payload["judgements"][0]["status"] == STATUS_OK
    # Without a wait (a caller that did not say) the request waits its turn as before.
    assert service.answer(request(bundle(2), search="s3")).payload["judgements"][0]["status"] == STATUS_OK


def test_what_the_endpoint_does_before_the_call_counts_against_the_wait():
    calls = []
    service = endpoint(lambda r: calls.append(r) or verdict_json(r), timeout=1)
    slow_settings = service._settings

    def settings_read_slowly():  # type: ignore[no-untyped-def]
        time.sleep(0.4)  # the KV store or a conf read, slow today
        return slow_settings()

    service._settings = settings_read_slowly  # type: ignore[method-assign]
    # 1.3 s left for calls of up to 1 s: let through by 0.3 s, but the reading took 0.4 s.
    reply = service.answer(parse_request(wire(wait=ENDPOINT_WORK_SECONDS + 1.3)))
    [late] = reply.payload["judgements"]
    assert late["status"] == STATUS_UNAVAILABLE and calls == []
    assert "too little of the search's wait was left for a call of up to 1s" in late["fields"]["triage_error"]
    reply = service.answer(parse_request(wire(wait=ENDPOINT_WORK_SECONDS + 2.0)))
    assert reply.payload["judgements"][0]["status"] == STATUS_OK and len(calls) == 1
