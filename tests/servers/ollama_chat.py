"""A loopback server that speaks Ollama's native chat API (`POST /api/chat`), faults switchable.

Follows Ollama's API reference: `model`, `messages`, `stream`, `format` (a JSON schema or "json") and
`options`; non-streaming answers carry `message`, `done`, `done_reason` and the
`prompt_eval_count`/`eval_count` counters; errors are `{"error": "..."}`. Ollama itself needs no key;
when this server is given one it insists on a Bearer token, as Ollama's hosted API does.
"""

import json
import time
from typing import Any, Optional

from tests.servers.judge import judge_answer
from tests.servers.loopback import Fault, LoopbackServer, Reply, Request
from tests.servers.openai_wire import count_tokens

ERROR_MESSAGES = {
    400: "invalid options",
    401: "unauthorized",
    404: "model not found",
    429: "you have reached your hourly usage limit, please upgrade to continue",
    500: "llama runner process has terminated: signal: killed",
    503: "server busy, please try again.  maximum pending requests exceeded",
}
# The Modelfile parameters `options` may set; anything else here means the adapter drifted.
OPTIONS = {
    "num_keep", "seed", "num_predict", "top_k", "top_p", "min_p", "typical_p", "repeat_last_n", "temperature",
    "repeat_penalty", "presence_penalty", "frequency_penalty", "stop", "num_ctx", "num_batch", "num_gpu",
    "main_gpu", "use_mmap", "num_thread",
}  # fmt: skip
REQUEST_FIELDS = {"model", "messages", "tools", "format", "options", "stream", "keep_alive", "think"}


def error_reply(status: int, message: str, retry_after: Optional[float] = None) -> Reply:
    headers = {"retry-after": str(int(retry_after))} if retry_after is not None else {}
    return Reply(status, {"error": message}, headers)


def request_problem(body: Any, models: Optional[tuple[str, ...]]) -> Optional[Reply]:
    """The error Ollama answers this body with, or None."""
    if not isinstance(body, dict):
        return error_reply(400, "invalid character looking for beginning of value")
    extra = sorted(set(body) - REQUEST_FIELDS)
    if extra:
        return error_reply(400, f'json: unknown field "{extra[0]}"')
    model = body.get("model")
    if not model:
        return error_reply(400, "model is required")
    if models is not None and model not in models:
        return error_reply(404, f'model "{model}" not found, try pulling it first')
    messages = body.get("messages")
    if not isinstance(messages, list):
        return error_reply(400, "messages are required")
    for message in messages:
        if not isinstance(message, dict) or message.get("role") not in ("system", "user", "assistant", "tool"):
            return error_reply(400, "invalid message role")
    if body.get("stream", True):  # Ollama streams unless told not to
        return error_reply(400, "this loopback server does not stream; send stream: false")
    fmt = body.get("format")
    if fmt is not None and fmt != "json" and not (isinstance(fmt, dict) and fmt.get("type") == "object"):
        return error_reply(400, 'invalid format: expected "json" or a JSON schema')
    options = body.get("options") or {}
    unknown = sorted(set(options) - OPTIONS)
    if unknown:
        return error_reply(400, f"invalid option provided: {unknown[0]}")
    return None


def chat_response(model: str, content: str, done_reason: str, prompt_tokens: int) -> dict[str, Any]:
    """A non-streaming /api/chat answer."""
    return {
        "model": model,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000000000Z", time.gmtime()),
        "message": {"role": "assistant", "content": content},
        "done_reason": done_reason,
        "done": True,
        "total_duration": 4_935_886_791,
        "load_duration": 534_986_708,
        "prompt_eval_count": prompt_tokens,
        "prompt_eval_duration": 107_345_000,
        "eval_count": count_tokens(content),
        "eval_duration": 4_289_432_000,
    }


class OllamaServer(LoopbackServer):
    """Ollama's /api/chat on 127.0.0.1; base_url is `http://127.0.0.1:PORT` (no version path)."""

    model_path = "/api/chat"

    def __init__(self, api_key: Optional[str] = None, models: Optional[tuple[str, ...]] = None, **kwargs: Any):
        super().__init__(api_key=api_key, **kwargs)
        self.models = models

    def not_found(self, request: Request) -> Reply:
        return Reply(404, "404 page not found")

    def answer(self, request: Request, fault: Fault) -> Optional[Reply]:
        if request.method == "GET" and request.path == "/api/version":
            return Reply(200, {"version": "0.12.6"})
        if request.method != "POST" or request.path != self.model_path:
            return None
        if fault.mode == "http_error":
            return error_reply(fault.status, ERROR_MESSAGES.get(fault.status, "error"), fault.retry_after)
        if self.api_key is not None and request.header("authorization") != f"Bearer {self.api_key}":
            return error_reply(401, "unauthorized")
        problem = request_problem(request.body, self.models)
        if problem is not None:
            return problem
        body = request.body
        chat = {
            "messages": body["messages"],
            "response_format": {"type": "json_schema", "json_schema": {"schema": body.get("format") or {}}},
        }
        prompt_tokens = count_tokens(json.dumps(body["messages"]))
        answer = json.dumps(judge_answer(chat))
        content, done_reason = {
            "empty": ("", "stop"),
            "refusal": ("I'm sorry, but I can't help with that request.", "stop"),
            "invalid_json": (repr(judge_answer(chat)), "stop"),
            "truncated": (answer[: len(answer) // 2], "length"),
        }.get(fault.mode, (answer, "stop"))
        return Reply(200, chat_response(body["model"], content, done_reason, prompt_tokens))
