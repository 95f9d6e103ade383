"""OpenAI's own API (api.openai.com): chat completions with a strict JSON-schema response format.

The wire format is the one `openai_compatible` speaks; this type exists so an admin can say "OpenAI" and
so the request uses `max_completion_tokens`, which OpenAI's reference has replaced `max_tokens` with (and
which its reasoning models require), and `prompt_cache_key`: OpenAI caches a prompt prefix of 1,024
tokens or more on its own, and requests that share a key are routed where their prefix is cached.
"""

from typing import Any

from llm_triage.providers.base import CompletionRequest
from llm_triage.providers.openai_compatible import OpenAICompatibleProvider

TYPE = "openai"
DEFAULT_BASE_URL = "https://api.openai.com/v1"


class OpenAIProvider(OpenAICompatibleProvider):
    """OpenAI chat completions, Bearer key."""

    max_tokens_field = "max_completion_tokens"

    def request_body(self, request: CompletionRequest) -> dict[str, Any]:
        """The compatible body, with `prompt_cache_key` when the request's prefix is shared (its cache_key)."""
        body = super().request_body(request)
        if request.cache_key:
            body["prompt_cache_key"] = request.cache_key
        return body
