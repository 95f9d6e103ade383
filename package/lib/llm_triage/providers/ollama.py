"""Ollama's native chat API (`POST {base_url}/api/chat`, base_url such as http://127.0.0.1:11434).

Structured output through `format` set to the verdict's JSON schema; `stream: false` for one JSON answer;
sampling in `options` (temperature, seed, num_predict). Usage comes as prompt_eval_count/eval_count and
errors as `{"error": "..."}`. Ollama needs no key; one set here is sent as a Bearer token, for Ollama's
hosted API or a gateway in front of it.
"""

from typing import Any

from llm_triage.providers.base import Completion, CompletionRequest, ProviderConfig, ProviderError
from llm_triage.providers.exchange import as_int, http_error, json_body, send

TYPE = "ollama"


class OllamaProvider:
    """Ollama /api/chat with a schema in `format`."""

    def __init__(self, config: ProviderConfig):
        self.config = config

    def complete(self, request: CompletionRequest) -> Completion:
        """One non-streaming chat call; the answer's text is the model's JSON, still unvalidated."""
        url = self.config.base_url.rstrip("/") + "/api/chat"
        response, latency_ms = send(self.config, url, self.request_body(request), self.headers())
        if response.status != 200:
            raise http_error(self.config, response, error_message)
        return self._completion(json_body(response), latency_ms)

    def headers(self) -> dict[str, str]:
        """A Bearer key when one is set."""
        return {"Authorization": f"Bearer {self.config.api_key}"} if self.config.api_key else {}

    def request_body(self, request: CompletionRequest) -> dict[str, Any]:
        """The JSON body sent for `request`."""
        options: dict[str, Any] = {
            "temperature": self.config.temperature,
            "num_predict": request.max_output_tokens or self.config.max_output_tokens,
        }
        if self.config.seed is not None:
            options["seed"] = self.config.seed
        return {
            "model": self.config.model,
            "messages": request.messages,
            "stream": False,
            "format": dict(request.schema),
            "options": options,
        }

    def _completion(self, data: Any, latency_ms: int) -> Completion:
        if isinstance(data, dict) and data.get("error"):
            raise ProviderError("provider answered with an error: " + error_message(data), unavailable=False)
        message = data.get("message") if isinstance(data, dict) else None
        if not isinstance(message, dict):
            raise ProviderError("provider answer has no message", unavailable=False)
        done_reason = str(data.get("done_reason") or "")
        content = message.get("content")
        if not isinstance(content, str) or not content.strip():
            raise ProviderError("model returned an empty answer", unavailable=False)
        if done_reason == "length":
            raise ProviderError("model answer was cut off at max_output_tokens", unavailable=False)
        return Completion(
            content=content,
            model=str(data.get("model") or self.config.model),
            prompt_tokens=as_int(data.get("prompt_eval_count")),
            completion_tokens=as_int(data.get("eval_count")),
            latency_ms=latency_ms,
            finish_reason=done_reason,
        )


def error_message(data: Any) -> str:
    """The `error` string of an Ollama error body."""
    error = data.get("error") if isinstance(data, dict) else None
    return " ".join(str(error).split())[:200] if error else ""
