"""How bundles become model requests: in order, runs of the provider's `batch_size` bundles (one each when
it does not batch). The one rule every layer follows: the search's engine sizes its groups in whole
requests, the concurrency bound fans the requests out one task each, and the layers below it (the
endpoint's retries, the provider's judge) receive one request's bundles and keep them together.
"""

from collections.abc import Sequence
from typing import TypeVar

from llm_triage.providers.base import ProviderConfig

Item = TypeVar("Item")


def request_size(provider: ProviderConfig) -> int:
    """How many bundles go in one request to `provider`."""
    return max(1, provider.batch_size)


def model_requests(bundles: Sequence[Item], provider: ProviderConfig) -> list[Sequence[Item]]:
    """`bundles` cut into `provider`'s requests, in order."""
    size = request_size(provider)
    return [bundles[start : start + size] for start in range(0, len(bundles), size)]
