"""The one rule of how bundles become model requests."""

import pytest

from llm_triage.providers.base import ProviderConfig
from llm_triage.verdict.batching import model_requests, request_size


@pytest.mark.parametrize("batch_size, sizes", [(0, [1] * 5), (1, [1] * 5), (2, [2, 2, 1]), (5, [5]), (8, [5])])
def test_requests_are_runs_of_batch_size_in_order(batch_size, sizes):
    provider = ProviderConfig("lab", "openai_compatible", "http://127.0.0.1:9/v1", "m1", batch_size=batch_size)
    requests = model_requests(list("abcde"), provider)
    assert [len(request) for request in requests] == sizes
    assert [item for request in requests for item in request] == list("abcde")
    assert request_size(provider) == max(1, batch_size)
