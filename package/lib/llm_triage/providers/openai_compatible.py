"""Any OpenAI-compatible chat-completions endpoint: OpenAI, vLLM, llama.cpp, LM Studio, Ollama's /v1.

Follows OpenAI's chat-completions reference: structured output through `response_format` of type
`json_schema`, `usage` for token accounting, the `error` object for failures and `Retry-After` on 429.
"""

import json
import time
from collections.abc import Mapping
from typing import Any, Optional

from llm_triage.providers.base import Completion, CompletionRequest, ProviderConfig, ProviderError
from llm_triage.redaction import scrub_secrets
from llm_triage.transport import TlsSettings, TransportError, post_json

TYPE = "openai_compatible"


class OpenAICompatibleProvider:
    """Chat completions with a JSON-schema response format."""

    def __init__(self, config: ProviderConfig):
        self.config = config

    def complete(self, request: CompletionRequest) -> Completion:
        """One chat-completions call; the answer's text is the model's JSON, still unvalidated."""
        url = self.config.base_url.rstrip("/") + "/chat/completions"
        started = time.monotonic()
        try:
            response = post_json(
                url,
                self.request_body(request),
                headers=self._headers(),
                timeout=self.config.timeout,
                tls=TlsSettings(verify=self.config.verify_tls, ca_bundle=self.config.ca_bundle),
            )
        except TransportError as exc:
            raise ProviderError(self._safe(str(exc)), unavailable=True) from None
        latency_ms = int((time.monotonic() - started) * 1000)
        if response.status != 200:
            raise self._http_error(response.status, response.headers, response.body)
        try:
            data = response.json()
        except ValueError:
            raise ProviderError("provider answered HTTP 200 with a body that is not JSON", unavailable=False) from None
        return self._completion(data, latency_ms)

    def request_body(self, request: CompletionRequest) -> dict[str, Any]:
        """The JSON body sent for `request` (also what the audit trail and contract tests look at)."""
        body: dict[str, Any] = {
            "model": self.config.model,
            "messages": request.messages,
            "temperature": self.config.temperature,
            "max_tokens": self.config.max_output_tokens,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "strict": True, "schema": request.schema},
            },
        }
        if self.config.seed is not None:
            body["seed"] = self.config.seed
        return body

    def _headers(self) -> dict[str, str]:
        if not self.config.api_key:
            return {}
        return {"Authorization": f"Bearer {self.config.api_key}"}

    def _completion(self, data: Any, latency_ms: int) -> Completion:
        try:
            choice = data["choices"][0]
            message = choice["message"]
        except (KeyError, IndexError, TypeError):
            raise ProviderError("provider answer has no choices[0].message", unavailable=False) from None
        if message.get("refusal"):
            raise ProviderError("model refused: " + self._safe(str(message["refusal"]))[:200], unavailable=False)
        finish_reason = str(choice.get("finish_reason") or "")
        content = message.get("content")
        if not isinstance(content, str) or not content.strip():
            raise ProviderError("model returned an empty answer", unavailable=False)
        if finish_reason == "length":
            raise ProviderError("model answer was cut off at max_output_tokens", unavailable=False)
        usage = data.get("usage") or {}
        return Completion(
            content=content,
            model=str(data.get("model") or self.config.model),
            prompt_tokens=_int(usage.get("prompt_tokens")),
            completion_tokens=_int(usage.get("completion_tokens")),
            latency_ms=latency_ms,
            finish_reason=finish_reason,
        )

    def _http_error(self, status: int, headers: Mapping[str, str], body: bytes) -> ProviderError:
        retry_after = _retry_after(headers.get("retry-after"))
        if status in (401, 403):
            # OpenAI echoes part of a wrong key in this message: say what happened, never what it said.
            return ProviderError(f"provider rejected the credentials (HTTP {status})", unavailable=False, status=status)
        detail = self._safe(_error_message(body))
        text = f"provider answered HTTP {status}" + (f": {detail}" if detail else "")
        if status == 429:
            text += f" (retry after {retry_after:g}s)" if retry_after is not None else ""
            return ProviderError(text, unavailable=True, status=status, retry_after=retry_after)
        return ProviderError(text, unavailable=status >= 500 or status == 408, status=status, retry_after=retry_after)

    def _safe(self, text: str) -> str:
        return scrub_secrets(text, [self.config.api_key])


def _error_message(body: bytes) -> str:
    """The `error.message` of an OpenAI error body, else the start of the body; at most 200 characters."""
    text = body.decode("utf-8", "replace")
    try:
        data = json.loads(text)
        if isinstance(data, dict):
            error = data.get("error")
            if isinstance(error, dict) and error.get("message"):
                text = str(error["message"])
            elif isinstance(error, str):
                text = error
    except ValueError:
        pass
    text = " ".join(text.split())
    return text[:200]


def _retry_after(value: Optional[str]) -> Optional[float]:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: rare from model APIs; the row is marked unavailable either way


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
