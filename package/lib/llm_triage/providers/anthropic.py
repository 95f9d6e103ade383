"""Anthropic's Messages API (`POST {base_url}/messages`, base_url such as https://api.anthropic.com/v1).

Structured output goes through one tool whose `input_schema` is the verdict schema, with `tool_choice`
forcing the model to call it: the tool call's `input` is the answer. The key travels in `x-api-key`, the
API version in `anthropic-version`. When the request's prefix is the same for every request (its
cache_key), the system prompt is sent as a text block with a `cache_control` breakpoint, which caches the
tools and the system prompt together. Usage comes as input_tokens (those neither read from nor written
to the cache), cache_read_input_tokens, cache_creation_input_tokens and output_tokens; errors come as
`{"type": "error", "error": {"type", "message", "details"}}`, with 529 when the API is overloaded; a 429
whose `details.error_code` says the monthly spend limit is reached is an error, not a rate limit.
"""

import json
from typing import Any

from llm_triage.providers.base import Completion, CompletionRequest, ProviderConfig, ProviderError
from llm_triage.providers.exchange import as_int, http_error, json_body, safe, send

TYPE = "anthropic"
DEFAULT_VERSION = "2023-06-01"
SPEND_LIMIT_REACHED = "enforced_spend_limit_reached"  # error.details.error_code on such a 429
TOOL_DESCRIPTION = "Record the triage verdict for the alert, following the input schema exactly."
CACHE_TYPE = "ephemeral"  # Anthropic's one cache_control type (five minutes, renewed by each hit)


class AnthropicProvider:
    """Messages API with one forced tool."""

    def __init__(self, config: ProviderConfig):
        self.config = config

    def complete(self, request: CompletionRequest) -> Completion:
        """One Messages call; the answer's text is the forced tool call's input as JSON, still unvalidated."""
        url = self.config.base_url.rstrip("/") + "/messages"
        response, latency_ms = send(self.config, url, self.request_body(request), self.headers())
        if response.status != 200:
            if response.status == 429 and _error_code(response.body) == SPEND_LIMIT_REACHED:
                # Waiting will not help until the month turns or the tier changes: an error, not "try later".
                raise ProviderError(
                    "provider refused: the organization's monthly spend limit is reached (HTTP 429)",
                    unavailable=False,
                    status=429,
                )
            raise http_error(self.config, response, error_message)
        return self._completion(json_body(response), request.schema_name, latency_ms)

    def headers(self) -> dict[str, str]:
        """`anthropic-version`, and `x-api-key` when a key is set."""
        headers = {"anthropic-version": self.config.api_version or DEFAULT_VERSION}
        if self.config.api_key:
            headers["x-api-key"] = self.config.api_key
        return headers

    def request_body(self, request: CompletionRequest) -> dict[str, Any]:
        """The JSON body sent for `request`: system prompt apart, user/assistant turns, one forced tool.

        No temperature or seed: the current Messages API (SDK 2.x types) takes neither.
        """
        system = "\n\n".join(m["content"] for m in request.messages if m.get("role") == "system")
        turns = [
            {"role": m["role"], "content": m["content"]}
            for m in request.messages
            if m.get("role") in ("user", "assistant")
        ]
        body: dict[str, Any] = {
            "model": self.config.model,
            "max_tokens": request.max_output_tokens or self.config.max_output_tokens,
            "messages": turns,
            "tools": [
                {"name": request.schema_name, "description": TOOL_DESCRIPTION, "input_schema": dict(request.schema)}
            ],
            "tool_choice": {"type": "tool", "name": request.schema_name},
        }
        if system and request.cache_key:
            # The breakpoint closes the prefix: the tools (the schema) and the instructions, the same bytes
            # for every request with this key; what follows (the canary, the evidence) is never cached.
            body["system"] = [{"type": "text", "text": system, "cache_control": {"type": CACHE_TYPE}}]
        elif system:
            body["system"] = system
        return body

    def _completion(self, data: Any, tool_name: str, latency_ms: int) -> Completion:
        if not isinstance(data, dict) or not isinstance(data.get("content"), list):
            raise ProviderError("provider answer has no content list", unavailable=False)
        stop_reason = str(data.get("stop_reason") or "")
        if stop_reason == "refusal":
            raise ProviderError(
                "model refused: " + safe(self.config, _text_of(data["content"]))[:200], unavailable=False
            )
        if stop_reason == "max_tokens":
            raise ProviderError("model answer was cut off at max_output_tokens", unavailable=False)
        calls = [
            block
            for block in data["content"]
            if isinstance(block, dict) and block.get("type") == "tool_use" and block.get("name") == tool_name
        ]
        if not calls and _text_of(data["content"]).strip():
            raise ProviderError("model answered in text instead of calling the verdict tool", unavailable=False)
        if not calls or not isinstance(calls[0].get("input"), dict) or not calls[0]["input"]:
            raise ProviderError("model returned an empty answer", unavailable=False)
        usage = data.get("usage")
        usage = usage if isinstance(usage, dict) else {}
        read, written = as_int(usage.get("cache_read_input_tokens")), as_int(usage.get("cache_creation_input_tokens"))
        return Completion(
            content=json.dumps(calls[0]["input"], ensure_ascii=False),
            model=str(data.get("model") or self.config.model),
            # input_tokens leaves out what the cache served or stored: every prompt token is the sum.
            prompt_tokens=as_int(usage.get("input_tokens")) + read + written,
            completion_tokens=as_int(usage.get("output_tokens")),
            latency_ms=latency_ms,
            finish_reason=stop_reason,
            cached_tokens=read,
            cache_write_tokens=written,
        )


def error_message(data: Any) -> str:
    """`error.message` of an Anthropic error body."""
    error = data.get("error") if isinstance(data, dict) else None
    return str(error.get("message") or "") if isinstance(error, dict) else ""


def _error_code(body: bytes) -> str:
    """`error.details.error_code` of an Anthropic error body, or an empty string."""
    try:
        data = json.loads(body.decode("utf-8", "replace"))
    except ValueError:
        return ""
    error = data.get("error") if isinstance(data, dict) else None
    details = error.get("details") if isinstance(error, dict) else None
    code = details.get("error_code") if isinstance(details, dict) else None
    return code if isinstance(code, str) else ""


def _text_of(content: list[Any]) -> str:
    return " ".join(str(block.get("text", "")) for block in content if isinstance(block, dict))
