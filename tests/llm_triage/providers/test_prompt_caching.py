"""Each provider's request carries its own prompt-cache marker, and the cached prompt tokens each reports,
in its own documented fields, reach the judgement and its cost.

The loopback servers play each provider's prompt cache (tests/servers/prompt_cache.py): OpenAI and Azure
OpenAI cache a shared prefix of 1,024 tokens or more on their own; Anthropic caches up to a
`cache_control` breakpoint; llama.cpp keeps a slot's prompt when asked with `cache_prompt`.
"""

import pytest
from test_providers_shared import bundles

from llm_triage.providers import create_provider
from llm_triage.providers.base import ProviderConfig
from llm_triage.providers.llama_cpp import LlamaCppProvider
from llm_triage.splunkd.settings import provider_from_conf
from llm_triage.verdict.judge import ProviderJudge, prefix_cache_key, usage_cost
from llm_triage.verdict.prompt import load_prompt
from tests.servers.prompt_cache import OPENAI_MINIMUM, OPENAI_STEP
from tests.servers.provider_servers import model_requests, serving

KEY = "sk-cache-sentinel-0123456789abcdef"
PRICES = {
    "price_input_per_mtok": "3",
    "price_output_per_mtok": "15",
    "price_cached_input_per_mtok": "0.3",
    "price_cache_write_per_mtok": "3.75",
}


def judged(provider_type, count=4, **stanza_changes):
    """The judgements of the first `count` sample alerts, one request each, and the requests sent."""
    with serving(provider_type, api_key=KEY) as (server, stanza):
        config = provider_from_conf("p", {**stanza, **PRICES, **stanza_changes}, KEY)
        judge = ProviderJudge(create_provider(config), load_prompt())
        judgements = [judge.judge([bundle])[0] for bundle in bundles()[:count]]  # one at a time: in order
        return judge, judgements, model_requests(server)


def assert_costed(judge, judgements):
    for j in judgements:
        assert j.status == "ok", j.error
        expected = usage_cost(judge.provider, j.prompt_tokens, j.completion_tokens, j.cached_prompt_tokens,
                              j.cache_write_tokens)  # fmt: skip
        assert j.cost == pytest.approx(expected)


def test_openai_requests_name_their_prefix_and_its_cached_tokens_are_read_and_priced():
    judge, judgements, sent = judged("openai")
    keys = {request.body.get("prompt_cache_key") for request in sent}
    assert keys == {prefix_cache_key(judge.prompt, sent[0].body["response_format"]["json_schema"]["schema"], False)}
    assert next(iter(keys)).startswith("triage/4#") and all("cache_prompt" not in r.body for r in sent)
    cached = [j.cached_prompt_tokens for j in judgements]
    # The first request is new; each next one shares the schema and the instructions with it.
    assert cached[0] == 0 and all(c >= OPENAI_MINIMUM and (c - OPENAI_MINIMUM) % OPENAI_STEP == 0 for c in cached[1:])
    assert all(j.cache_write_tokens == 0 and j.cached_prompt_tokens < j.prompt_tokens for j in judgements)
    assert_costed(judge, judgements)
    assert judgements[1].cost < usage_cost(judge.provider, judgements[1].prompt_tokens, judgements[1].completion_tokens)


def test_azure_openai_caches_on_its_own_and_is_sent_no_field_its_older_api_versions_refuse():
    judge, judgements, sent = judged("azure_openai")
    assert all("prompt_cache_key" not in r.body and "cache_prompt" not in r.body for r in sent)
    assert judgements[0].cached_prompt_tokens == 0 and all(j.cached_prompt_tokens >= 1024 for j in judgements[1:])
    assert_costed(judge, judgements)


def test_anthropic_requests_mark_the_prefix_with_cache_control_and_reads_and_writes_are_counted():
    judge, judgements, sent = judged("anthropic")
    for request in sent:
        [block] = request.body["system"]
        assert block["type"] == "text" and block["cache_control"] == {"type": "ephemeral"}
        assert block["text"] == judge.prompt.system  # the same bytes every time: no canary, no evidence
        assert "canary-" in request.body["messages"][-1]["content"]
    first, *rest = judgements
    assert first.cache_write_tokens > 0 and first.cached_prompt_tokens == 0
    assert all(j.cached_prompt_tokens == first.cache_write_tokens and j.cache_write_tokens == 0 for j in rest)
    # input_tokens leaves out what the cache served or stored; the judgement counts every prompt token.
    assert all(j.prompt_tokens > j.cached_prompt_tokens + j.cache_write_tokens for j in judgements)
    assert_costed(judge, judgements)


def test_llama_cpp_requests_keep_the_slots_prompt_and_its_reuse_is_read_from_timings():
    judge, judgements, sent = judged("llama_cpp")
    assert all(request.body["cache_prompt"] is True for request in sent)
    assert all("prompt_cache_key" not in request.body for request in sent)
    assert judgements[0].cached_prompt_tokens == 0
    # The instructions and the user message's opening, shared with the slot's previous prompt.
    assert all(j.cached_prompt_tokens >= len(judge.prompt.system) // 4 for j in judgements[1:])
    assert_costed(judge, judgements)


def test_llama_cpps_usage_field_is_preferred_to_its_timings_when_both_come():
    provider = LlamaCppProvider(ProviderConfig(name="l", type="llama_cpp", base_url="http://127.0.0.1:1/v1", model="m"))
    both = {"usage": {"prompt_tokens_details": {"cached_tokens": 7}}, "timings": {"cache_n": 9}}
    assert provider.cached_tokens(both) == 7
    assert provider.cached_tokens({"usage": {}, "timings": {"cache_n": 9, "prompt_n": 1}}) == 9
    assert provider.cached_tokens({"timings": "nonsense", "usage": None}) == 0


@pytest.mark.parametrize("provider_type", ["openai_compatible", "ollama"])
def test_other_types_send_no_cache_field_their_servers_may_refuse(provider_type):
    judge, judgements, sent = judged(provider_type, count=2)
    assert all(not {"prompt_cache_key", "cache_prompt"} & set(request.body) for request in sent)
    assert_costed(judge, judgements)


def test_an_openai_compatible_server_that_reports_cached_tokens_has_them_read():
    judge, judgements, _ = judged("openai_compatible", count=2)
    assert judgements[1].cached_prompt_tokens >= OPENAI_MINIMUM  # the stand-in reports as OpenAI does


def test_a_grammar_narrowed_per_bundle_gets_no_cache_marker():
    _, judgements, sent = judged("anthropic", count=2, schema_constraints="full")
    assert all(isinstance(request.body["system"], str) for request in sent)
    assert all(j.cache_write_tokens == j.cached_prompt_tokens == 0 for j in judgements)
    _, _, sent = judged("openai", count=1, schema_constraints="full")
    assert "prompt_cache_key" not in sent[0].body


@pytest.mark.parametrize(
    "provider_type, narrowed",
    [("llama_cpp", True), ("ollama", True), ("openai", False), ("azure_openai", False), ("anthropic", False),
     ("openai_compatible", False)],
)  # fmt: skip
def test_only_servers_that_make_the_schema_a_grammar_get_it_narrowed_to_each_bundle(provider_type, narrowed):
    _, judgements, sent = judged(provider_type, count=2)
    [first, second] = [schema_of(request.body) for request in sent]
    assert (first != second) is narrowed  # two alerts' references, or one schema for every request
    assert ("enum" in first["properties"]["evidence"]["items"]) is narrowed
    assert all(j.status == "ok" for j in judgements)


def schema_of(body):
    if "tools" in body:
        return body["tools"][0]["input_schema"]
    if "format" in body:
        return body["format"]
    return body["response_format"]["json_schema"]["schema"]
