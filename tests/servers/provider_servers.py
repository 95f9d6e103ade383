"""One loopback server per provider type, started the same way, for tests that run every type.

    with serving("anthropic", api_key=KEY) as (server, stanza):
        stanza   # the llm_triage_providers.conf keys that point a provider of that type at the server
        model_requests(server)

`openai` and `openai_compatible` share OpenAI's wire format, so they share its server; `llama_cpp` is that
server playing llama.cpp's (its `cache_prompt` and `timings`).
"""

import contextlib
from collections.abc import Iterator
from typing import Any, Optional, Union

from tests.servers.anthropic_messages import AnthropicServer
from tests.servers.azure_openai import AzureOpenAIServer
from tests.servers.loopback import LoopbackServer
from tests.servers.ollama_chat import OllamaServer
from tests.servers.openai_compat import OpenAICompatServer

PROVIDER_TYPES = ("openai_compatible", "openai", "azure_openai", "anthropic", "ollama", "llama_cpp")
AZURE_API_VERSION = "2024-10-21"
MODELS = {
    "openai_compatible": "gpt-4o-mini",
    "openai": "gpt-4o-mini",
    "azure_openai": "gpt-4o-mini",
    "anthropic": "claude-haiku-4-5",
    "ollama": "llama3.2:3b",
    "llama_cpp": "qwen2.5-7b-instruct",
}
# Statuses each format uses for "try again later", and whether it has a 403.
UNAVAILABLE_STATUSES = {
    "openai_compatible": (429, 500, 503),
    "openai": (429, 500, 503),
    "azure_openai": (429, 500, 503),
    "anthropic": (429, 500, 529),
    "ollama": (429, 500, 503),
    "llama_cpp": (429, 500, 503),
}
CREDENTIAL_STATUSES = {
    "openai_compatible": (401, 403),
    "openai": (401, 403),
    "azure_openai": (401, 403),
    "anthropic": (401, 403),
    "ollama": (401,),
    "llama_cpp": (401, 403),
}

AnyServer = Union[OpenAICompatServer, LoopbackServer]


@contextlib.contextmanager
def serving(
    provider_type: str, api_key: Optional[str] = None, **server_options: Any
) -> Iterator[tuple[Any, dict[str, str]]]:
    """Start the server for `provider_type`; yield it and the conf stanza that reaches it."""
    stanza = {"type": provider_type, "model": MODELS[provider_type]}
    server: Any
    if provider_type in ("openai", "openai_compatible"):
        server = OpenAICompatServer(api_key=api_key, **server_options)
    elif provider_type == "llama_cpp":
        server = OpenAICompatServer(api_key=api_key, flavour="llama_cpp", **server_options)
    elif provider_type == "azure_openai":
        server = AzureOpenAIServer(api_key=api_key, **server_options)
        stanza["api_version"] = AZURE_API_VERSION
    elif provider_type == "anthropic":
        server = AnthropicServer(api_key=api_key, **server_options)
    elif provider_type == "ollama":
        server = OllamaServer(api_key=api_key, **server_options)
    else:
        raise ValueError(f"no loopback server for {provider_type!r}")
    with server:
        stanza["base_url"] = server.base_url
        yield server, stanza


def model_requests(server: AnyServer) -> list[Any]:
    """The model requests a server received (chat completions, messages or /api/chat)."""
    if isinstance(server, OpenAICompatServer):
        return server.chat_requests
    return server.model_requests
