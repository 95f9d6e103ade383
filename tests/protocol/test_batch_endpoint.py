"""Batching through the app's REST endpoint: the built command, run as an analyst, posts each group of
batch_size bundles to the endpoint in one POST, and the endpoint asks the model about it in one request.
N bundles with batch_size B make ceil(N/B) posts and ceil(N/B) model requests; every row comes back in
order with its own verdict and the batch prompt's version."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from llm_triage.verdict.prompt import BATCH_PROMPT, load_prompt
from tests.harness.lab_provider import add_provider
from tests.protocol.llmtriage_searches import okta_alerts, search_as
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.app_endpoints import role_capabilities, serve_app
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import Request, SplunkdStandIn
from tools.harness.standin_config import content_for_app

KEY = "sk-SENTINEL-batch-5c0e7a9b2d41"
BATCH_SIZE = 5


@pytest.fixture
def api_key() -> str:
    return KEY


@pytest.fixture
def posts() -> list[int]:
    """How many bundles each POST to the app's endpoint carried, in arrival order."""
    return []


@pytest.fixture
def standin(built_app: Path, model: OpenAICompatServer, posts: list[int]) -> Iterator[SplunkdStandIn]:
    app = SplunkApp(built_app)
    content = content_for_app(app)
    add_provider(content, "lab", model.base_url, KEY, batch_size=str(BATCH_SIZE))
    content.set_stanza("llm_triage_settings", "triage", {"default_provider": "lab"})

    def count_bundles(request: Request) -> None:
        if request.method == "POST" and "/".join(request.segments).endswith("llm_triage/judge"):
            posts.append(len(json.loads(request.body)["bundles"]))

    with SplunkdStandIn(content) as running:
        running.add_service(count_bundles, any_output_mode=True)  # before the services that answer
        serve_app(running, app)
        yield running


@pytest.mark.parametrize("count", [12, 5])
def test_an_analysts_search_sends_each_group_as_one_post_and_one_model_request(
    built_app: Path, standin: SplunkdStandIn, model: OpenAICompatServer, posts: list[int], count: int
) -> None:
    app = SplunkApp(built_app)
    # One chunk: batches do not span splunkd's chunks (6,000 rows each).
    analyst = role_capabilities(app, "llm_triage_analyst")
    out, capture, redactor = search_as(app, standin, "ana", analyst, okta_alerts(count), [KEY], chunk_rows=count)
    requests = math.ceil(count / BATCH_SIZE)
    assert [row["serial"] for row in out] == [str(i) for i in range(count)]
    assert {row["triage_status"] for row in out} == {"ok"}, out[0]["triage_error"]
    assert {row["triage_prompt_version"] for row in out} == {load_prompt(BATCH_PROMPT).label}
    assert sorted(posts, reverse=True) == [BATCH_SIZE] * (count // BATCH_SIZE) + [count % BATCH_SIZE] * (
        count % BATCH_SIZE > 0
    )
    assert len(model.chat_requests) == requests
    assert all(r.body["response_format"]["json_schema"]["name"] == "triage_verdicts" for r in model.chat_requests)
    # Each row's verdict cites its own evidence: one event ref per row, a different one for each.
    events = [{ref.split("/")[0] for ref in row["triage_evidence"]} for row in out]
    assert all(len(event) == 1 for event in events) and len(set.union(*events)) == count
    assert redactor.leaks == [] and KEY not in json.dumps(out) + capture.text()
