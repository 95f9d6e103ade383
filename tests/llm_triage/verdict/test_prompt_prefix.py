"""Every request of one prompt, schema variant and provider begins with the same bytes, and what the
provider served from its prompt cache is counted and priced apart."""

import json
import os.path
from pathlib import Path

import pytest

from llm_triage.enrichment.context import with_offer
from llm_triage.evidence.bundle import Limits, build_bundle
from llm_triage.evidence.profiles import select_profile
from llm_triage.providers.base import Completion, CompletionRequest, ProviderConfig
from llm_triage.verdict.judge import ProviderJudge, prefix_cache_key, usage_cost
from llm_triage.verdict.prompt import load_prompt, with_examples
from tests.llm_triage.triage_fakes import verdict_json
from tools.harness.inputs import flatten_json

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "alerts.jsonl"
PRICES = {"price_input_per_mtok": 2.5, "price_output_per_mtok": 10.0}
CONFIG = ProviderConfig(name="p", type="openai", base_url="https://x.example/v1", model="m", **PRICES)


class CachingProvider:
    """Answers every request well, reporting `cached` and `written` of its 1,000 prompt tokens as cached."""

    def __init__(self, config: ProviderConfig, cached: int = 0, written: int = 0):
        self.config = config
        self.cached, self.written = cached, written
        self.requests: list[CompletionRequest] = []

    def complete(self, request: CompletionRequest) -> Completion:
        self.requests.append(request)
        if "properties" in request.schema and "alert_1" in request.schema["properties"]:
            items = request.schema["required"]
            content = json.dumps(
                {item: json.loads(verdict_json(_Single(request, index))) for index, item in enumerate(items)}
            )
        else:
            content = verdict_json(request)
        return Completion(content, "m", 1000, 100, cached_tokens=self.cached, cache_write_tokens=self.written)


class _Single:
    """One section of a batch request, as verdict_json reads a request."""

    def __init__(self, request: CompletionRequest, index: int):
        from tests.servers.judge import batch_sections

        _, evidence = batch_sections(request.messages[-1]["content"])[index]
        self.schema = {}
        self.messages = [{"role": "user", "content": f"<evidence>\n{evidence}\n</evidence>"}]


def sample_bundles():
    rows = [flatten_json(json.loads(line)) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line]
    return [build_bundle(row, select_profile(row, "auto"), Limits()) for row in rows]


def request_text(request: CompletionRequest) -> str:
    """What a provider that puts the schema ahead of the instructions reads, in that order."""
    return json.dumps(request.schema) + "".join(message["content"] for message in request.messages)


def test_at_batch_size_one_the_shared_prefix_is_at_least_four_fifths_of_the_demo_alerts_prompts():
    provider = CachingProvider(CONFIG)
    bundles = sample_bundles()
    ProviderJudge(provider, load_prompt()).judge(bundles)
    texts = [request_text(request) for request in provider.requests]
    # The schema and the system message, then the user message's opening up to the evidence (the bundles'
    # own first bytes, `{"events":[...`, are alike by chance, not by design: not counted).
    shared = os.path.commonprefix(texts)
    shared = shared[: shared.index("<evidence>\n") + len("<evidence>\n")]
    assert len({request.cache_key for request in provider.requests}) == 1
    assert len({json.dumps(request.messages[0]) for request in provider.requests}) == 1
    share = len(shared) * len(texts) / sum(len(text) for text in texts)
    assert share >= 0.80, f"{share:.3f}"
    # Version 2 keeps its canary in the instructions: each request's system message is its own.
    old = CachingProvider(CONFIG)
    ProviderJudge(old, load_prompt("triage-2")).judge(bundles)
    assert len({json.dumps(request.messages[0]) for request in old.requests}) == len(bundles)
    assert {request.cache_key for request in old.requests} == {""}


def test_reviewed_examples_and_the_canary_come_after_the_shared_prefix():
    [first, second, *_] = sample_bundles()
    prompt = with_examples(load_prompt(), ['{"disposition":"benign"}'])
    provider = CachingProvider(CONFIG)
    ProviderJudge(provider, prompt).judge([first, second])
    one, two = provider.requests
    assert one.messages[0] == two.messages[0] and one.schema == two.schema and one.cache_key == two.cache_key
    canaries = [prompt.canary([first.hash]), prompt.canary([second.hash])]
    assert canaries[0] != canaries[1]
    assert canaries[0] in one.messages[1]["content"] and canaries[0] not in one.messages[0]["content"]
    # The key names the prompt and the schema, not the example set (which may change per row).
    assert one.cache_key == prefix_cache_key(load_prompt(), one.schema, narrowed=False)


def test_bundles_offering_context_searches_share_their_own_prefix():
    [first, second, *_] = sample_bundles()
    offered = [with_offer(first, (("auth_by_user", "sign-ins"),)), with_offer(second, (("traffic_by_src", "flows"),))]
    provider = CachingProvider(CONFIG)
    ProviderJudge(provider, load_prompt()).judge([first, *offered])
    plain, one, two = provider.requests
    assert one.schema == two.schema != plain.schema and one.cache_key == two.cache_key != plain.cache_key


def test_an_asked_for_search_that_was_not_offered_is_dropped():
    bundle = with_offer(sample_bundles()[0], (("auth_by_user", "sign-ins"),))

    class Asks(CachingProvider):
        def complete(self, request):
            answer = json.loads(super().complete(request).content)
            answer["enrichment"] = ["no_such_item", "auth_by_user", "auth_by_user"]
            return Completion(json.dumps(answer), "m", 1000, 100)

    [judgement] = ProviderJudge(Asks(CONFIG), load_prompt()).judge([bundle])
    assert judgement.status == "ok" and judgement.fields["triage_enrichment_proposed"] == ["auth_by_user"]


def test_a_grammar_schema_narrowed_per_bundle_promises_no_shared_prefix():
    full = ProviderConfig(
        name="p", type="llama_cpp", base_url="http://127.0.0.1:1/v1", model="m", schema_constraints="full"
    )
    provider = CachingProvider(full)
    ProviderJudge(provider, load_prompt()).judge(sample_bundles()[:2])
    assert [request.cache_key for request in provider.requests] == ["", ""]
    assert provider.requests[0].messages[0] == provider.requests[1].messages[0]  # the instructions still are


def test_batches_of_one_size_share_a_prefix_too():
    config = ProviderConfig(name="p", type="openai", base_url="https://x.example/v1", model="m", batch_size=3, **PRICES)
    provider = CachingProvider(config)
    ProviderJudge(provider, load_prompt()).judge(sample_bundles()[:6])
    one, two = provider.requests
    assert one.messages[0] == two.messages[0] and one.schema == two.schema and one.cache_key == two.cache_key
    assert one.cache_key.startswith("triage-batch/4#")


def test_cached_and_written_prompt_tokens_are_priced_at_their_own_prices():
    priced = ProviderConfig(
        name="p", type="anthropic", base_url="https://x.example/v1", model="m",
        price_cached_input_per_mtok=0.25, price_cache_write_per_mtok=3.125, **PRICES,
    )  # fmt: skip
    assert usage_cost(priced, 1_000_000, 0, cached=600_000, cache_write=100_000) == pytest.approx(
        0.3 * 2.5 + 0.6 * 0.25 + 0.1 * 3.125
    )
    # Unset, they are the input price: no discount is assumed that the admin did not configure.
    assert usage_cost(CONFIG, 1_000_000, 0, cached=600_000) == usage_cost(CONFIG, 1_000_000, 0) == 2.5
    # A provider's count beyond the prompt's cannot make the cost negative or larger than the whole.
    assert usage_cost(priced, 100, 0, cached=500, cache_write=500) == pytest.approx(100 * 0.25 / 1e6)
    [judgement] = ProviderJudge(CachingProvider(priced, cached=800, written=0), load_prompt()).judge(
        sample_bundles()[:1]
    )
    assert (judgement.prompt_tokens, judgement.cached_prompt_tokens, judgement.cache_write_tokens) == (1000, 800, 0)
    assert judgement.cost == pytest.approx((200 * 2.5 + 800 * 0.25 + 100 * 10.0) / 1e6)


def test_a_batch_splits_its_cached_tokens_among_its_bundles_and_they_sum_to_the_request():
    config = ProviderConfig(name="p", type="openai", base_url="https://x.example/v1", model="m", batch_size=3, **PRICES)
    judgements = ProviderJudge(CachingProvider(config, cached=701, written=2), load_prompt()).judge(
        sample_bundles()[:3]
    )
    assert [j.cached_prompt_tokens for j in judgements] == [234, 234, 233]
    assert sum(j.cache_write_tokens for j in judgements) == 2
    assert sum(j.cost for j in judgements) == pytest.approx(usage_cost(config, 1000, 100, 701, 2))


@pytest.mark.parametrize("cached, written", [(999, 1), (1, 999), (0, 1000), (998, 5), (5000, 5000)])
def test_each_share_of_a_batch_holds_its_reads_and_writes_within_its_prompt_tokens(cached, written):
    config = ProviderConfig(name="p", type="openai", base_url="https://x.example/v1", model="m", batch_size=3, **PRICES)
    judgements = ProviderJudge(CachingProvider(config, cached=cached, written=written), load_prompt()).judge(
        sample_bundles()[:3]
    )
    assert all(j.cached_prompt_tokens + j.cache_write_tokens <= j.prompt_tokens for j in judgements)
    assert sum(j.cached_prompt_tokens + j.cache_write_tokens for j in judgements) == min(cached + written, 1000)
    assert sum(j.cached_prompt_tokens for j in judgements) == min(cached, 1000)
