"""Any OpenAI-compatible chat-completions endpoint: vLLM, llama.cpp, LM Studio, LiteLLM, Ollama's /v1, gateways.

Follows OpenAI's chat-completions reference: structured output through `response_format` of type
`json_schema`, `usage` for token accounting (`usage.prompt_tokens_details.cached_tokens`: the prompt
tokens served from the provider's prompt cache, as OpenAI, Azure OpenAI and vLLM report them), the
`error` object for failures and `Retry-After` on 429. The `openai`, `azure_openai` and `llama_cpp` types
are this format with their own URLs, tokens field, headers and prompt-cache fields.
"""

from typing import Any

from llm_triage.providers.base import Completion, CompletionRequest, ProviderConfig, ProviderError
from llm_triage.providers.exchange import as_int, http_error, json_body, safe, send

TYPE = "openai_compatible"


class OpenAICompatibleProvider:
    """Chat completions with a JSON-schema response format."""

    # Compatible servers know `max_tokens`; OpenAI itself prefers `max_completion_tokens` (see openai.py).
    max_tokens_field = "max_tokens"

    def __init__(self, config: ProviderConfig):
        self.config = config

    def complete(self, request: CompletionRequest) -> Completion:
        """One chat-completions call; the answer's text is the model's JSON, still unvalidated."""
        response, latency_ms = send(self.config, self.url(), self.request_body(request), self.headers())
        if response.status != 200:
            raise http_error(self.config, response, error_message)
        return self._completion(json_body(response), latency_ms)

    def url(self) -> str:
        """Where chat requests go."""
        return self.config.base_url.rstrip("/") + "/chat/completions"

    def headers(self) -> dict[str, str]:
        """The credentials header: a Bearer key when one is set."""
        if not self.config.api_key:
            return {}
        return {"Authorization": f"Bearer {self.config.api_key}"}

    def request_body(self, request: CompletionRequest) -> dict[str, Any]:
        """The JSON body sent for `request` (also what the audit trail and contract tests look at)."""
        body: dict[str, Any] = {
            "model": self.config.model,
            "messages": request.messages,
            "temperature": self.config.temperature,
            self.max_tokens_field: request.max_output_tokens or self.config.max_output_tokens,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "strict": True, "schema": request.schema},
            },
        }
        if self.config.seed is not None:
            body["seed"] = self.config.seed
        return body

    def _completion(self, data: Any, latency_ms: int) -> Completion:
        try:
            choice = data["choices"][0]
            message = choice["message"]
        except (KeyError, IndexError, TypeError):
            raise ProviderError("provider answer has no choices[0].message", unavailable=False) from None
        if message.get("refusal"):
            raise ProviderError("model refused: " + safe(self.config, str(message["refusal"]))[:200], unavailable=False)
        finish_reason = str(choice.get("finish_reason") or "")
        if finish_reason == "content_filter":
            raise ProviderError("the provider's content filter withheld the answer", unavailable=False)
        content = message.get("content")
        if not isinstance(content, str) or not content.strip():
            raise ProviderError("model returned an empty answer", unavailable=False)
        if finish_reason == "length":
            raise ProviderError("model answer was cut off at max_output_tokens", unavailable=False)
        usage = data.get("usage")
        usage = usage if isinstance(usage, dict) else {}
        return Completion(
            content=content,
            model=str(data.get("model") or self.config.model),
            prompt_tokens=as_int(usage.get("prompt_tokens")),
            completion_tokens=as_int(usage.get("completion_tokens")),
            latency_ms=latency_ms,
            finish_reason=finish_reason,
            cached_tokens=self.cached_tokens(data),
        )

    def cached_tokens(self, data: dict[str, Any]) -> int:
        """The prompt tokens the answer says were served from the prompt cache (0 when it does not say)."""
        usage = data.get("usage")
        details = usage.get("prompt_tokens_details") if isinstance(usage, dict) else None
        return as_int(details.get("cached_tokens")) if isinstance(details, dict) else 0


def error_message(data: Any) -> str:
    """`error.message` of an OpenAI (or Azure OpenAI) error body; a bare `error` string from compatible servers."""
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])
    return error if isinstance(error, str) else ""
