"""Model providers by wire format, behind one interface (`base.Provider`), registered by type name."""

from typing import Callable

from llm_triage.providers import anthropic, azure_openai, llama_cpp, ollama, openai, openai_compatible
from llm_triage.providers.base import Provider, ProviderConfig, ProviderError

PROVIDER_TYPES: dict[str, Callable[[ProviderConfig], Provider]] = {
    openai_compatible.TYPE: openai_compatible.OpenAICompatibleProvider,
    openai.TYPE: openai.OpenAIProvider,
    azure_openai.TYPE: azure_openai.AzureOpenAIProvider,
    anthropic.TYPE: anthropic.AnthropicProvider,
    ollama.TYPE: ollama.OllamaProvider,
    llama_cpp.TYPE: llama_cpp.LlamaCppProvider,
}


# Types whose servers turn the response schema into a decoding grammar and never show it to the model as
# text: a schema narrowed to each bundle costs their prompt cache nothing (verdict/schema.wire_schema).
GRAMMAR_TYPES = frozenset({ollama.TYPE, llama_cpp.TYPE})


def create_provider(config: ProviderConfig) -> Provider:
    """The provider for `config`; ProviderError when its type is not one this app speaks."""
    factory = PROVIDER_TYPES.get(config.type)
    if factory is None:
        known = ", ".join(sorted(PROVIDER_TYPES))
        raise ProviderError(f"provider {config.name!r} has type {config.type!r}; known types: {known}", False)
    return factory(config)
