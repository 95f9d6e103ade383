"""The endpoint's optional `prompt`: only a shipped verdict prompt's name, asked with when given (its batch
counterpart when the provider batches), refused with a clear message otherwise."""

import json

import pytest

from llm_triage.endpoint.client import RemoteJudge
from llm_triage.endpoint.service import TriageService
from llm_triage.endpoint.wire import RequestRefused, bundle_to_wire, parse_request
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.verdict.judge import ProviderJudge
from llm_triage.verdict.prompt import BATCH_PROMPT, DEFAULT_PROMPT, load_prompt, prompt_for, verdict_prompts
from tests.llm_triage.triage_fakes import ScriptedProvider, configured, verdict_json


def bundle():
    data = {"sourcetype": "OktaIM2:log", "eventType": "user.session.start", "actor.alternateId": "u0@example.com"}
    return build_bundle(data, select_profile(data, "auto"))


def body(**extra):
    return json.dumps({"provider": "lab", "bundles": [bundle_to_wire(bundle())], **extra})


def test_the_shipped_verdict_prompts_are_the_single_bundle_triage_files():
    assert verdict_prompts() == ("triage-1", "triage-2", "triage-3", "triage-4") and DEFAULT_PROMPT in verdict_prompts()


@pytest.mark.parametrize("name", ["triage-1", "triage-2", "triage-3", "triage-4"])
def test_a_shipped_prompt_name_is_accepted(name):
    assert parse_request(body(prompt=name)).prompt == name


def test_without_a_prompt_the_request_names_none():
    assert parse_request(body()).prompt == ""


@pytest.mark.parametrize(
    "name, shown",
    [
        ("../x", "'../x'"),
        ("triage-9", "'triage-9'"),
        ("triage-1/../../etc/passwd", "'triage-1/../../etc/passwd'"),
        ("/etc/passwd", "'/etc/passwd'"),
        ("triage-batch-1", "'triage-batch-1'"),  # chosen by the provider's batch_size, not by name
        ("cluster-narrative-1", "'cluster-narrative-1'"),  # not a verdict prompt
        ("", "''"),
        (1, "that"),
        (None, "that"),
    ],
)
def test_anything_but_a_shipped_prompt_name_is_refused_naming_the_shipped_ones(name, shown):
    with pytest.raises(RequestRefused) as caught:
        parse_request(body(prompt=name))
    assert caught.value.status == 400
    shipped = "triage-1, triage-2, triage-3, triage-4"
    assert caught.value.message == f"prompt: unknown prompt {shown}: the shipped prompts are {shipped}"


def test_a_narrative_request_cannot_choose_a_verdict_prompt():
    with pytest.raises(RequestRefused) as caught:
        parse_request(body(prompt="triage-1", kind="narrative"))
    assert (caught.value.status, caught.value.message) == (
        400,
        "prompt chooses a verdict prompt; kind narrative has its own",
    )


def asked_system(payload):
    providers = []

    def factory(config):
        providers.append(ScriptedProvider(config, verdict_json))
        return providers[-1]

    service = TriageService(SplunkdConfig(configured().fetch), provider_factory=factory)
    reply = service.answer(parse_request(payload))
    assert reply.status == 200 and [j["status"] for j in reply.payload["judgements"]] == ["ok"]
    [request] = providers[0].requests
    return request.messages[0]["content"]


def test_the_endpoint_asks_with_the_named_prompt_and_otherwise_with_its_default():
    old, default = load_prompt("triage-1"), load_prompt(DEFAULT_PROMPT)
    assert old.system != default.system
    assert asked_system(body(prompt="triage-1")) == old.system
    assert asked_system(body()).startswith(default.system.split("{canary}")[0])
    assert asked_system(body()) != old.system


def test_a_batching_provider_asks_with_the_named_prompts_batch_counterpart():
    assert prompt_for(5, load_prompt("triage-1")) is load_prompt("triage-batch-1")
    assert prompt_for(5, load_prompt("triage-2")) is load_prompt("triage-batch-2")
    assert prompt_for(5, load_prompt("triage-3")) is load_prompt("triage-batch-3")
    assert prompt_for(5, load_prompt("triage-4")) is load_prompt(BATCH_PROMPT)
    assert prompt_for(1, load_prompt("triage-1")) is load_prompt("triage-1")
    config = ProviderConfig(
        name="lab", type="openai_compatible", base_url="http://127.0.0.1:9/v1", model="m1", batch_size=5
    )
    judge = ProviderJudge(ScriptedProvider(config, verdict_json), load_prompt("triage-1"))
    assert judge.prompt_label.startswith("triage-batch/1#")


class Posted:
    """A SplunkdRest stand-in that records the JSON bodies posted and refuses them (no model here)."""

    def __init__(self):
        self.bodies = []

    def request(self, method, path, body, timeout=None):
        self.bodies.append(json.loads(body))
        return 503, b'{"messages": [{"type": "ERROR", "text": "down"}]}'


@pytest.mark.parametrize("prompt, sent", [("triage-1", {"prompt": "triage-1"}), ("", {})])
def test_the_search_side_sends_the_prompt_only_when_given(prompt, sent):
    rest = Posted()
    config = ProviderConfig(name="lab", type="openai_compatible", base_url="http://127.0.0.1:9/v1", model="m1")
    RemoteJudge(rest, config, prompt=prompt).judge([bundle()])
    [payload] = rest.bodies
    assert {key: payload[key] for key in payload if key == "prompt"} == sent
