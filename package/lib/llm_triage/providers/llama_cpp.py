"""llama.cpp's own server (`llama-server`): OpenAI's chat-completions format with llama.cpp's extensions.

Requests go to `{base_url}/chat/completions` (base_url such as http://127.0.0.1:8080/v1) as for any
compatible server, and set `cache_prompt`, so the server keeps a slot's evaluated prompt and reuses the
longest prefix the next request shares (the instructions, which every request of one prompt begins with;
the schema is a grammar there, not prompt text). The answer's `timings.cache_n` counts the prompt tokens
reused (`prompt_n` those evaluated anew); newer servers also report `usage.prompt_tokens_details`.
"""

from typing import Any

from llm_triage.providers.base import CompletionRequest
from llm_triage.providers.exchange import as_int
from llm_triage.providers.openai_compatible import OpenAICompatibleProvider

TYPE = "llama_cpp"


class LlamaCppProvider(OpenAICompatibleProvider):
    """llama.cpp's chat completions with its prompt cache on."""

    def request_body(self, request: CompletionRequest) -> dict[str, Any]:
        """The compatible body with `cache_prompt: true`."""
        body = super().request_body(request)
        body["cache_prompt"] = True
        return body

    def cached_tokens(self, data: dict[str, Any]) -> int:
        """`usage.prompt_tokens_details.cached_tokens` when reported, else `timings.cache_n`."""
        reported = super().cached_tokens(data)
        timings = data.get("timings")
        return reported or (as_int(timings.get("cache_n")) if isinstance(timings, dict) else 0)
