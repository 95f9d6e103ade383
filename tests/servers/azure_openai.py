"""A loopback server that speaks Azure OpenAI's chat completions on deployment URLs, faults switchable.

`POST /openai/deployments/{deployment}/chat/completions?api-version=...` with the resource key in an
`api-key` header or a Microsoft Entra ID token as `Authorization: Bearer`. Bodies and answers are OpenAI's
chat-completions format (validated with the same rules as the OpenAI loopback server); errors use Azure's
envelope `{"error": {"code", "message"}}` and its wording; 429s carry `retry-after` and
`x-ratelimit-remaining-*`. A `content_filter` finish stands in for a refusal, as Azure's filter does.
"""

import json
import math
import re
from typing import Any, Optional

from tests.servers import openai_wire as wire
from tests.servers.judge import judge_answer
from tests.servers.loopback import Fault, LoopbackServer, Reply, Request
from tests.servers.prompt_cache import PromptCache

_DEPLOYMENT_PATH = re.compile(r"^/openai/deployments/([^/]+)/chat/completions$")
SUPPORTED_API_VERSIONS = ("2024-06-01", "2024-10-21", "2025-04-01-preview")
ACCESS_DENIED = (
    "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for "
    "an active subscription and use a correct regional API endpoint for your resource."
)
ERRORS = {
    400: ("BadRequest", "The request is invalid."),
    403: ("PermissionDenied", "Principal does not have access to API/Operation."),
    404: (
        "DeploymentNotFound",
        "The API deployment for this resource does not exist. If you created the deployment within the last 5 "
        "minutes, please wait a moment and try again.",
    ),
    500: ("InternalServerError", "The server had an error while processing your request. Sorry about that!"),
    503: ("ServiceUnavailable", "The service is temporarily unable to process your request. Please try again later."),
}


def error_reply(status: int, code: str, message: str, headers: Optional[dict[str, str]] = None) -> Reply:
    return Reply(status, {"error": {"code": code, "message": message}}, headers or {})


def rate_limited(api_version: str, retry_after: Optional[float]) -> Reply:
    wait = max(1, math.ceil(retry_after)) if retry_after is not None else 1
    message = (
        f"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version {api_version} have "
        f"exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after {wait} seconds. "
        "Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit."
    )
    headers = {"x-ratelimit-remaining-requests": "0", "x-ratelimit-remaining-tokens": "0"}
    if retry_after is not None:
        headers["retry-after"] = str(wait)
        headers["retry-after-ms"] = str(round(retry_after * 1000))
    return error_reply(429, "429", message, headers)


class AzureOpenAIServer(LoopbackServer):
    """Azure OpenAI on 127.0.0.1; base_url is the resource endpoint `http://127.0.0.1:PORT`.

    `deployments`: the deployment names that exist; `entra_token`: a bearer token accepted besides the key.
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        deployments: tuple[str, ...] = ("gpt-4o-mini",),
        entra_token: Optional[str] = None,
        **kwargs: Any,
    ):
        super().__init__(api_key=api_key, **kwargs)
        self.deployments = deployments
        self.entra_token = entra_token
        self.prompt_cache = PromptCache()  # automatic, as OpenAI's (tests/servers/prompt_cache.py)
        self.model_path = f"/openai/deployments/{deployments[0]}/chat/completions"

    def not_found(self, request: Request) -> Reply:
        return error_reply(404, "404", "Resource not found")

    def answer(self, request: Request, fault: Fault) -> Optional[Reply]:
        match = _DEPLOYMENT_PATH.match(request.path)
        if request.method != "POST" or match is None:
            return None
        api_version = (request.query.get("api-version") or [""])[0]
        if not api_version:
            return error_reply(404, "404", "Resource not found")
        if self._denied(request):
            return error_reply(401, "401", ACCESS_DENIED)
        if api_version not in SUPPORTED_API_VERSIONS:
            return error_reply(404, "404", "Resource not found")
        if match.group(1) not in self.deployments:
            return error_reply(404, *ERRORS[404])
        if fault.mode == "http_error":
            if fault.status == 401:
                return error_reply(401, "401", ACCESS_DENIED)
            if fault.status == 429:
                return rate_limited(api_version, fault.retry_after)
            code, message = ERRORS.get(fault.status, ERRORS[500])
            headers = {"retry-after": str(math.ceil(fault.retry_after))} if fault.retry_after is not None else {}
            return error_reply(fault.status, code, message, headers)
        problem = wire.request_problem(request.body)
        if problem is None and "cache_prompt" in request.body:
            problem = wire.unrecognized_argument("cache_prompt")
        if problem is not None:
            return error_reply(problem.status, problem.code or "BadRequest", problem.message)
        return Reply(
            200, self._completion(request.body, match.group(1), fault.mode), {"x-ratelimit-remaining-requests": "99"}
        )

    def _denied(self, request: Request) -> bool:
        if self.api_key is None and self.entra_token is None:
            return False
        key = request.header("api-key")
        scheme, _, token = (request.header("authorization") or "").partition(" ")
        if key is not None:
            return key != self.api_key
        return not (scheme.lower() == "bearer" and self.entra_token is not None and token == self.entra_token)

    def _completion(self, body: dict[str, Any], deployment: str, mode: str) -> dict[str, Any]:
        prompt_tokens = wire.count_tokens(wire.cached_prompt_text(body))
        answer = json.dumps(judge_answer(body))
        model = "gpt-4o-mini-2024-07-18"  # Azure names the model version behind the deployment
        if mode == "refusal":
            completion = wire.chat_completion(model, None, prompt_tokens=prompt_tokens, finish_reason="content_filter")
        elif mode == "truncated":
            completion = wire.chat_completion(
                model, answer[: len(answer) // 2], prompt_tokens=prompt_tokens, finish_reason="length"
            )
        else:
            content = {"empty": "", "invalid_json": repr(json.loads(answer))}.get(mode, answer)
            completion = wire.chat_completion(model, content, prompt_tokens=prompt_tokens)
        cached = self.prompt_cache.automatic(wire.cached_prompt_text(body))
        completion["usage"]["prompt_tokens_details"]["cached_tokens"] = min(cached, prompt_tokens)
        completion["prompt_filter_results"] = [{"prompt_index": 0, "content_filter_results": {}}]
        completion["choices"][0]["content_filter_results"] = {}
        return completion
