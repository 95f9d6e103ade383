"""Model providers by wire format, behind one interface (`base.Provider`)."""

from typing import Callable

from llm_triage.providers.base import Provider, ProviderConfig, ProviderError
from llm_triage.providers.openai_compatible import TYPE as OPENAI_COMPATIBLE
from llm_triage.providers.openai_compatible import OpenAICompatibleProvider

PROVIDER_TYPES: dict[str, Callable[[ProviderConfig], Provider]] = {
    OPENAI_COMPATIBLE: OpenAICompatibleProvider,
}


def create_provider(config: ProviderConfig) -> Provider:
    """The provider for `config`; ProviderError when its type is not one this app speaks."""
    factory = PROVIDER_TYPES.get(config.type)
    if factory is None:
        known = ", ".join(sorted(PROVIDER_TYPES))
        raise ProviderError(f"provider {config.name!r} has type {config.type!r}; known types: {known}", False)
    return factory(config)
