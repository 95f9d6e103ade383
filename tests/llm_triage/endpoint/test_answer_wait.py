"""How long a search waits for the endpoint, and how the endpoint keeps within it: the search sends a queue
bound, waits for what a request can take with it, and the endpoint sends nothing once that bound has passed."""

import json
import threading
import time

import pytest
from test_shared_limits import bundle, request, splunkd_with

from llm_triage.endpoint.client import ENDPOINT_WORK_SECONDS, RemoteJudge
from llm_triage.endpoint.service import TriageService
from llm_triage.endpoint.wire import KIND_NARRATIVE, MAX_QUEUE, bundle_to_wire, parse_request
from llm_triage.engine.resilience import estimate_request_tokens, longest_request
from llm_triage.engine.stack import SharedGuards
from llm_triage.evidence.fields import STATUS_OK, STATUS_UNAVAILABLE
from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.handler import RequestRefused
from llm_triage.splunkd.rest import SplunkdRest
from tests.llm_triage.triage_fakes import ScriptedProvider, verdict_json

LAB = ProviderConfig(name="lab", type="openai_compatible", base_url="http://127.0.0.1:9/v1", model="m1")


class Recorded:
    """The doorway as the search uses it: records each POST's body and the time-out it was given."""

    def __init__(self):
        self.posts = []
        self.waits = []

    def request(self, method, path, body, timeout=None):
        self.posts.append(json.loads(body))
        self.waits.append(timeout)
        return 503, b'{"messages":[{"type":"ERROR","text":"down"}]}'


def asked(config, count=1, kind="verdict"):
    recorded = Recorded()
    bundles = [bundle(i) for i in range(count)]
    RemoteJudge(SplunkdRest(recorded.request), config, kind=kind).judge(bundles)
    return recorded, bundles


# -- the search's side: what it sends, and how long it waits ------------------------------------------------


def test_a_search_waits_for_the_whole_of_what_a_request_may_take_not_the_doorways_minute():
    config = ProviderConfig(**{**LAB.__dict__, "timeout": 45.0})
    recorded, _ = asked(config)
    [post], [wait] = recorded.posts, recorded.waits
    assert post["queue"] == 90.0  # two time-outs: a slot frees once a call in flight ends, retries included
    assert wait == longest_request(config, 90.0) + ENDPOINT_WORK_SECONDS == 210.0
    assert wait > 60.0  # the doorway's own default, which a 45 s provider's retries outlast


def test_a_rate_limited_provider_gets_the_time_its_limits_take_to_let_a_searchs_requests_go():
    config = ProviderConfig(**{**LAB.__dict__, "timeout": 10.0, "requests_per_minute": 6, "max_concurrency": 4})
    recorded, _ = asked(config)
    assert recorded.posts[0]["queue"] == 40.0  # four requests, one every ten seconds
    slow_tokens = ProviderConfig(**{**LAB.__dict__, "timeout": 10.0, "tokens_per_minute": 600, "max_concurrency": 2})
    recorded, bundles = asked(slow_tokens)
    tokens = estimate_request_tokens(bundles, slow_tokens, 0)  # the bundle and half the output cap
    assert recorded.posts[0]["queue"] == pytest.approx(2 * tokens * 60 / 600) and tokens * 0.2 > 20.0
    paced_past_the_bound = ProviderConfig(**{**LAB.__dict__, "requests_per_minute": 1, "max_concurrency": 64})
    assert asked(paced_past_the_bound)[0].posts[0]["queue"] == MAX_QUEUE


def test_a_batch_is_waited_for_as_requests_one_after_another_and_a_narrative_is_not_queued():
    config = ProviderConfig(**{**LAB.__dict__, "timeout": 20.0, "batch_size": 5})
    recorded, _ = asked(config, count=5)
    assert len(recorded.posts) == 1 and recorded.waits == [5 * longest_request(config, 40.0) + ENDPOINT_WORK_SECONDS]
    recorded, _ = asked(config, count=2, kind=KIND_NARRATIVE)
    assert "queue" not in recorded.posts[0] and recorded.waits == [2 * 20.0 + ENDPOINT_WORK_SECONDS]


# -- the wire -------------------------------------------------------------------------------------------------


def wire(**extra):
    """A search's request about one bundle, with `extra` keys."""
    return json.dumps({"provider": "lab", "bundles": [bundle_to_wire(bundle(1))], **extra})


def test_the_queue_is_optional_and_bounded():
    assert parse_request(wire()).queue is None
    assert parse_request(wire(queue=0)).queue == 0.0 and parse_request(wire(queue=90.5)).queue == 90.5
    for bad in (-1, MAX_QUEUE + 1, True, "30", [1]):
        with pytest.raises(RequestRefused, match="queue must be a number of seconds"):
            parse_request(wire(queue=bad))


# -- the endpoint's side: nothing is sent once the search's bound has passed -----------------------------


def test_a_request_that_gets_no_slot_within_its_queue_is_answered_unavailable_unsent_and_fast():
    release = threading.Event()
    calls = []

    def answer(completion_request):
        calls.append(completion_request)
        if len(calls) == 1:
            release.wait(10)  # the first search's call holds the only slot
        return verdict_json(completion_request)

    splunkd = splunkd_with(max_concurrency=1)
    service = TriageService(
        SplunkdConfig(splunkd.fetch),
        provider_factory=lambda config: ScriptedProvider(config, answer),
        guards=SharedGuards(),
        actor="ana",
    )
    first = {}
    holder = threading.Thread(target=lambda: first.update(reply=service.answer(request(bundle(1), search="s1"))))
    holder.start()
    deadline = time.monotonic() + 10
    while not calls:
        assert time.monotonic() < deadline
        time.sleep(0.001)
    waiting = parse_request(wire(search="s2", queue=0.2))
    started = time.monotonic()
    reply = service.answer(waiting)
    took = time.monotonic() - started
    release.set()
    holder.join(10)
    [judgement] = reply.payload["judgements"]
    assert judgement["status"] == STATUS_UNAVAILABLE and "was busy: not sent" in judgement["fields"]["triage_error"]
    assert 0.2 <= took < 5 and len(calls) == 1  # never sent, so never paid for
    assert first["reply"].payload["judgements"][0]["status"] == STATUS_OK
    # Without a queue (a caller that did not say how long it waits) the request waits its turn as before.
    assert service.answer(request(bundle(2), search="s3")).payload["judgements"][0]["status"] == STATUS_OK
