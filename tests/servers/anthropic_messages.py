"""A loopback server that speaks Anthropic's Messages API (`POST /v1/messages`), faults switchable.

Follows the API reference: `x-api-key` (or, as the SDK 2.x sends it, `Authorization: Bearer`) and
`anthropic-version` headers, a top-level `system`, user and
assistant turns, tools with an `input_schema`, `tool_choice`; answers are `message` objects whose forced
tool call carries the verdict, with `usage.input_tokens/output_tokens` and the prompt cache's
`cache_read_input_tokens`/`cache_creation_input_tokens` for the tools and system blocks up to a
`cache_control` breakpoint (tests/servers/prompt_cache.py; `system` may be a string or a list of text
blocks, a breakpoint's type must be `ephemeral`); errors are
`{"type": "error", "error": {"type", "message"}, "request_id"}` with Anthropic's statuses (529 when
overloaded) and `anthropic-ratelimit-*` and `retry-after` headers. Unknown top-level fields are refused,
as the API refuses them, so a drift in what the adapter sends fails here too.
"""

import json
import math
import re
import uuid
from typing import Any, Optional

from tests.servers.judge import judge_answer
from tests.servers.loopback import Fault, LoopbackServer, Reply, Request
from tests.servers.openai_wire import count_tokens
from tests.servers.prompt_cache import PromptCache

ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}
ERROR_MESSAGES = {
    403: "Your API key does not have permission to use the specified resource.",
    404: "The requested resource could not be found.",
    413: "Request exceeds the maximum allowed number of bytes.",
    429: "This request would exceed your organization's rate limit. Please try again later.",
    500: "Internal server error",
    529: "Overloaded",
}
# The request fields of the current API (the SDK's MessageCreateParams, 2.14: no sampling parameters).
REQUEST_FIELDS = {
    "model", "messages", "max_tokens", "system", "stop_sequences", "stream", "tools", "tool_choice", "metadata",
    "thinking", "service_tier", "container", "output_config", "cache_control", "inference_geo", "speed",
}  # fmt: skip
REQUEST_LIMIT = 4000
TOKEN_LIMIT = 400_000
REFUSAL_TEXT = "I can't help with that."
_TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,128}$")


SPEND_LIMIT_MESSAGE = "Your organization has reached its monthly usage limit for its usage tier."


def error_reply(status: int, message: str, retry_after: Optional[float] = None, error_code: str = "") -> Reply:
    """An error in Anthropic's envelope, with its request id and rate-limit headers."""
    error: dict[str, Any] = {"type": ERROR_TYPES.get(status, "api_error"), "message": message}
    if error_code:
        error["details"] = {"error_code": error_code}
    body = {"type": "error", "error": error, "request_id": "req_" + uuid.uuid4().hex[:24]}
    return Reply(status, body, rate_limit_headers(exhausted=status == 429, retry_after=retry_after))


def rate_limit_headers(exhausted: bool = False, retry_after: Optional[float] = None) -> dict[str, str]:
    """`request-id`, `anthropic-ratelimit-*` and, when asked to wait, `retry-after` (whole seconds)."""
    headers = {
        "request-id": "req_" + uuid.uuid4().hex[:24],
        "anthropic-ratelimit-requests-limit": str(REQUEST_LIMIT),
        "anthropic-ratelimit-requests-remaining": "0" if exhausted else str(REQUEST_LIMIT - 1),
        "anthropic-ratelimit-requests-reset": "2026-01-01T00:00:01Z",
        "anthropic-ratelimit-tokens-limit": str(TOKEN_LIMIT),
        "anthropic-ratelimit-tokens-remaining": str(TOKEN_LIMIT - 1000),
        "anthropic-ratelimit-tokens-reset": "2026-01-01T00:00:01Z",
    }
    if retry_after is not None:
        headers["retry-after"] = str(max(0, math.ceil(retry_after)))
    return headers


def request_problem(body: Any) -> Optional[str]:
    """Why the Messages API would refuse this body with a 400, or None."""
    if not isinstance(body, dict):
        return "There was an issue with your request body: not valid JSON."
    extra = sorted(set(body) - REQUEST_FIELDS)
    if extra:
        return f"{extra[0]}: Extra inputs are not permitted"
    for name in ("model", "messages", "max_tokens"):
        if name not in body:
            return f"{name}: Field required"
    if not isinstance(body["max_tokens"], int) or body["max_tokens"] < 1:
        return "max_tokens: Input should be greater than or equal to 1"
    messages = body["messages"]
    if not isinstance(messages, list) or not messages:
        return "messages: at least one message is required"
    for index, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        if role not in ("user", "assistant", "system"):  # the roles of the SDK's MessageParam (2.14)
            return f"messages.{index}.role: Input should be 'user', 'assistant' or 'system'"
    if body.get("stream"):
        return "stream: this loopback server does not stream"
    return _system_problem(body.get("system")) or _tools_problem(body.get("tools"), body.get("tool_choice"))


def _system_problem(system: Any) -> Optional[str]:
    if system is None or isinstance(system, str):
        return None
    if not isinstance(system, list):
        return "system: Input should be a valid string or a valid list"
    breakpoints = 0
    for index, block in enumerate(system):
        if not isinstance(block, dict) or block.get("type") != "text" or not isinstance(block.get("text"), str):
            return f"system.{index}: Input should be a text block"
        cache_control = block.get("cache_control")
        if cache_control is not None:
            breakpoints += 1
            if not isinstance(cache_control, dict) or cache_control.get("type") != "ephemeral":
                return f"system.{index}.cache_control.type: Input should be 'ephemeral'"
    if breakpoints > 4:
        return "A maximum of 4 blocks with cache_control may be provided."
    return None


def system_text(system: Any) -> str:
    """The system prompt's text, whether sent as a string or as text blocks."""
    if isinstance(system, list):
        return "\n\n".join(str(block.get("text", "")) for block in system if isinstance(block, dict))
    return system if isinstance(system, str) else ""


def cached_prefix(body: dict[str, Any]) -> str:
    """What a `cache_control` breakpoint closes: the tools, then the system blocks up to the last one that
    carries it; empty when no system block does (messages' breakpoints are not played here)."""
    blocks = body.get("system") if isinstance(body.get("system"), list) else []
    marked = [index for index, block in enumerate(blocks) if block.get("cache_control")]
    if not marked:
        return ""
    return json.dumps(body.get("tools") or []) + system_text(blocks[: marked[-1] + 1])


def _tools_problem(tools: Any, tool_choice: Any) -> Optional[str]:
    names = []
    for index, tool in enumerate(tools or []):
        if not isinstance(tool, dict) or not _TOOL_NAME.match(str(tool.get("name", ""))):
            return f"tools.{index}.name: String should match pattern '^[a-zA-Z0-9_-]{{1,128}}$'"
        schema = tool.get("input_schema")
        if not isinstance(schema, dict) or schema.get("type") != "object":
            return f"tools.{index}.custom.input_schema.type: Input should be 'object'"
        names.append(tool["name"])
    if tool_choice is None:
        return None
    kind = tool_choice.get("type") if isinstance(tool_choice, dict) else None
    if kind not in ("auto", "any", "tool", "none"):
        return "tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'"
    if kind == "tool" and tool_choice.get("name") not in names:
        return f"tool_choice: Tool '{tool_choice.get('name')}' not found in tools"
    return None


def as_chat_request(body: dict[str, Any]) -> dict[str, Any]:
    """The request in chat-completions shape, so the shared stand-in judge can answer it."""
    messages = [{"role": "system", "content": system_text(body["system"])}] if body.get("system") else []
    messages += body["messages"]
    choice = body.get("tool_choice") or {}
    tool = next((t for t in body.get("tools") or [] if t.get("name") == choice.get("name")), None)
    schema = tool["input_schema"] if tool else {}
    return {"messages": messages, "response_format": {"type": "json_schema", "json_schema": {"schema": schema}}}


def message(
    model: str, content: list[dict[str, Any]], stop_reason: str, input_tokens: int, read: int = 0, written: int = 0
) -> dict[str, Any]:
    """A `message` object as the Messages API returns it; `input_tokens` leaves out `read` and `written`."""
    output_tokens = count_tokens(json.dumps(content))
    return {
        "id": "msg_" + uuid.uuid4().hex[:24],
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cache_creation_input_tokens": written,
            "cache_read_input_tokens": read,
        },
    }


class AnthropicServer(LoopbackServer):
    """Anthropic's Messages API on 127.0.0.1; base_url is `http://127.0.0.1:PORT/v1`."""

    model_path = "/v1/messages"
    spend_limit_reached = False  # when set, an injected 429 is the monthly spend cap, not a rate limit

    def __init__(self, api_key: Optional[str] = None, **kwargs: Any):
        super().__init__(api_key=api_key, **kwargs)
        self.prompt_cache = PromptCache()

    @property
    def base_url(self) -> str:
        return self.root_url + "/v1"

    def not_found(self, request: Request) -> Reply:
        return error_reply(404, "Not Found")

    def answer(self, request: Request, fault: Fault) -> Optional[Reply]:
        if request.method != "POST" or request.path != self.model_path:
            return None
        if fault.mode == "http_error":
            if fault.status == 401:
                return error_reply(401, "invalid x-api-key")
            if fault.status == 429 and self.spend_limit_reached:
                return error_reply(429, SPEND_LIMIT_MESSAGE, error_code="enforced_spend_limit_reached")
            return error_reply(fault.status, ERROR_MESSAGES.get(fault.status, "Bad request"), fault.retry_after)
        if self.api_key is not None:
            # The key goes in x-api-key; SDK 2.x sends it as a Bearer token, which the API accepts too.
            scheme, _, token = (request.header("authorization") or "").partition(" ")
            presented = request.header("x-api-key") or (token if scheme.lower() == "bearer" else "")
            if not presented:
                return error_reply(401, "x-api-key header is required")
            if presented != self.api_key:
                return error_reply(401, "invalid x-api-key")
        if not request.header("anthropic-version"):
            return error_reply(400, "anthropic-version: header is required")
        problem = request_problem(request.body)
        if problem:
            return error_reply(400, problem)
        return Reply(200, self._message(request.body, fault.mode), rate_limit_headers())

    def _message(self, body: dict[str, Any], mode: str) -> dict[str, Any]:
        chat = as_chat_request(body)
        total = count_tokens(
            json.dumps(body.get("tools") or []) + system_text(body.get("system")) + json.dumps(body["messages"])
        )
        prefix = cached_prefix(body)
        read, written = self.prompt_cache.breakpoint(prefix) if prefix else (0, 0)
        input_tokens = total - read - written
        choice = body.get("tool_choice") or {}
        tool_name = str(choice.get("name") or "answer")
        verdict = judge_answer(chat)
        tool_use = {"type": "tool_use", "id": "toolu_" + uuid.uuid4().hex[:24], "name": tool_name, "input": verdict}
        if mode == "refusal":
            return message(
                body["model"], [{"type": "text", "text": REFUSAL_TEXT}], "refusal", input_tokens, read, written
            )
        if mode == "empty":
            return message(body["model"], [], "end_turn", input_tokens, read, written)
        if mode == "invalid_json":  # answered in prose instead of calling the tool
            text = [{"type": "text", "text": repr(verdict)}]
            return message(body["model"], text, "end_turn", input_tokens, read, written)
        if mode == "truncated":
            return message(body["model"], [dict(tool_use, input={})], "max_tokens", input_tokens, read, written)
        return message(body["model"], [tool_use], "tool_use", input_tokens, read, written)
