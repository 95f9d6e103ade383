"""OpenAI's own API (api.openai.com): chat completions with a strict JSON-schema response format.

The wire format is the one `openai_compatible` speaks; this type exists so an admin can say "OpenAI" and
so the request uses `max_completion_tokens`, which OpenAI's reference has replaced `max_tokens` with (and
which its reasoning models require).
"""

from llm_triage.providers.openai_compatible import OpenAICompatibleProvider

TYPE = "openai"
DEFAULT_BASE_URL = "https://api.openai.com/v1"


class OpenAIProvider(OpenAICompatibleProvider):
    """OpenAI chat completions, Bearer key."""

    max_tokens_field = "max_completion_tokens"
