"""OpenAI's chat-completions wire format, as its API reference documents it: bodies, errors and headers.

Pure functions, no I/O, so the loopback server stays a thin HTTP shell around them. Error wording follows
what api.openai.com really sends (the 401 echoes a masked key, exactly the kind of text a client must not
pass on to an analyst).
"""

import json
import math
import re
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Optional

OPENAI_VERSION = "2020-10-01"
SYSTEM_FINGERPRINT = "fp_5f2d7a9c41"
MODEL_CREATED = 1721172741  # a fixed creation time keeps model listings byte-stable between runs
REQUEST_LIMIT = 5000
TOKEN_LIMIT = 2_000_000
MESSAGE_ROLES = ("system", "assistant", "user", "function", "tool", "developer")
_SCHEMA_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
_KEYS_URL = "https://platform.openai.com/account/api-keys"


@dataclass(frozen=True)
class ApiError:
    """One error response: its HTTP status and the `error` object of the body."""

    status: int
    message: str
    type: str
    param: Optional[str] = None
    code: Optional[str] = None

    def body(self) -> dict[str, Any]:
        """The response body, `{"error": {"message", "type", "param", "code"}}`."""
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


def mask_api_key(key: str) -> str:
    """A key the way OpenAI echoes it: first 8 and last 4 characters, stars between; short keys as given."""
    if len(key) <= 12:
        return key
    return key[:8] + "*" * (len(key) - 12) + key[-4:]


def missing_api_key() -> ApiError:
    return ApiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using "
        "Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if "
        f"you're accessing the API from your browser and are prompted for a username. You can obtain an API key "
        f"from {_KEYS_URL}.",
        "invalid_request_error",
    )


def incorrect_api_key(presented: str) -> ApiError:
    return ApiError(
        401,
        f"Incorrect API key provided: {mask_api_key(presented)}. You can find your API key at {_KEYS_URL}.",
        "invalid_request_error",
        code="invalid_api_key",
    )


def rate_limited(model: str, retry_after: Optional[float]) -> ApiError:
    wait = f"{retry_after:g}s" if retry_after is not None else "20ms"
    return ApiError(
        429,
        f"Rate limit reached for {model} in organization org-loopbacktest on requests per min (RPM): "
        f"Limit {REQUEST_LIMIT}, Used {REQUEST_LIMIT}, Requested 1. Please try again in {wait}. "
        "Visit https://platform.openai.com/account/rate-limits to learn more.",
        "requests",
        code="rate_limit_exceeded",
    )


def server_error() -> ApiError:
    return ApiError(500, "The server had an error while processing your request. Sorry about that!", "server_error")


def overloaded() -> ApiError:
    return ApiError(
        503,
        "Our servers are currently overloaded. Please try again later.",
        "service_unavailable_error",
        code="server_is_overloaded",
    )


def permission_denied() -> ApiError:
    return ApiError(
        403,
        "Country, region, or territory not supported",
        "request_forbidden",
        code="unsupported_country_region_territory",
    )


def model_not_found(model: str) -> ApiError:
    return ApiError(
        404,
        f"The model `{model}` does not exist or you do not have access to it.",
        "invalid_request_error",
        code="model_not_found",
    )


def invalid_url(method: str, path: str) -> ApiError:
    return ApiError(404, f"Invalid URL ({method} {path})", "invalid_request_error")


def unparseable_body() -> ApiError:
    return ApiError(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP "
        "library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you "
        "have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
        "invalid_request_error",
    )


def injected_error(status: int, model: str, presented_key: str, retry_after: Optional[float]) -> ApiError:
    """The error a switched-on `http_error` behaviour answers with, worded as OpenAI words it."""
    if status == 401:
        return incorrect_api_key(presented_key) if presented_key else missing_api_key()
    makers = {
        403: permission_denied,
        404: lambda: model_not_found(model),
        429: lambda: rate_limited(model, retry_after),
        500: server_error,
        503: overloaded,
    }
    if status not in makers:
        raise ValueError(f"no OpenAI error is modelled for HTTP {status}; use one of 401, {sorted(makers)}")
    return makers[status]()


def request_problem(body: Any) -> Optional[ApiError]:
    """Why OpenAI would refuse this chat-completions request body with a 400, or None if it would not."""
    if not isinstance(body, dict):
        return unparseable_body()
    if "model" not in body:
        return ApiError(400, "you must provide a model parameter", "invalid_request_error")
    messages = body.get("messages")
    if messages is None:
        return _invalid("Missing required parameter: 'messages'.", "messages", "missing_required_parameter")
    if not isinstance(messages, list) or not messages:
        return _invalid(
            "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
            "messages",
            "empty_array",
        )
    for index, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        if role not in MESSAGE_ROLES:
            supported = ", ".join(f"'{name}'" for name in MESSAGE_ROLES[:-1]) + f", and '{MESSAGE_ROLES[-1]}'"
            return _invalid(
                f"Invalid value: '{role}'. Supported values are: {supported}.",
                f"messages[{index}].role",
                "invalid_value",
            )
    return _number_problem(body) or _response_format_problem(body.get("response_format"))


def _number_problem(body: Mapping[str, Any]) -> Optional[ApiError]:
    temperature = body.get("temperature")
    if temperature is not None and (isinstance(temperature, bool) or not isinstance(temperature, (int, float))):
        return _invalid(
            f"Invalid type for 'temperature': expected a decimal, but got {type(temperature).__name__} instead.",
            "temperature",
            "invalid_type",
        )
    if temperature is not None and temperature > 2:
        return _invalid(
            f"Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got "
            f"{temperature} instead.",
            "temperature",
            "decimal_above_max_value",
        )
    if temperature is not None and temperature < 0:
        return _invalid(
            f"Invalid 'temperature': decimal below minimum value. Expected a value >= 0, but got "
            f"{temperature} instead.",
            "temperature",
            "decimal_below_min_value",
        )
    for name in ("max_tokens", "max_completion_tokens"):
        limit = body.get(name)
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            return _invalid(
                f"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {limit} instead.",
                name,
                "integer_below_min_value",
            )
    if body.get("stream"):
        # Not an OpenAI refusal: this loopback server simply does not speak server-sent events.
        return _invalid("This loopback server does not stream; send stream=false.", "stream", "unsupported_value")
    return None


def _response_format_problem(response_format: Any) -> Optional[ApiError]:
    if response_format is None:
        return None
    kind = response_format.get("type") if isinstance(response_format, dict) else None
    if kind not in ("text", "json_object", "json_schema"):
        return _invalid(
            f"Invalid value: '{kind}'. Supported values are: 'text', 'json_object', and 'json_schema'.",
            "response_format.type",
            "invalid_value",
        )
    if kind != "json_schema":
        return None
    spec = response_format.get("json_schema")
    if not isinstance(spec, dict):
        return _invalid(
            "Missing required parameter: 'response_format.json_schema'.",
            "response_format.json_schema",
            "missing_required_parameter",
        )
    name = spec.get("name")
    if not isinstance(name, str) or not _SCHEMA_NAME.match(name):
        return _invalid(
            "Invalid 'response_format.json_schema.name': string does not match pattern. Expected a "
            "string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
            "response_format.json_schema.name",
            "invalid_value",
        )
    schema = spec.get("schema")
    if spec.get("strict") and isinstance(schema, dict):
        problems = strict_schema_problems(schema)
        if problems:
            context, detail = problems[0]
            return _invalid(
                f"Invalid schema for response_format '{name}': In context={context}, {detail}", "response_format", None
            )
    return None


def strict_schema_problems(schema: Mapping[str, Any], path: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Where a schema breaks strict mode's two structural rules, as (context, detail) pairs.

    Strict mode insists every object sets `additionalProperties: false` and lists every property in
    `required`. (It also limits which keywords may appear; that list has changed over time, so it is not
    enforced here.)
    """
    problems: list[tuple[str, str]] = []
    context = repr(path) if len(path) != 1 else f"('{path[0]}',)"
    if schema.get("type") == "object" or "properties" in schema:
        properties = schema.get("properties") or {}
        if schema.get("additionalProperties") is not False:
            problems.append((context, "'additionalProperties' is required to be supplied and to be false."))
        missing = [name for name in properties if name not in (schema.get("required") or [])]
        if missing:
            problems.append(
                (
                    context,
                    "'required' is required to be supplied and to be an array including every "
                    f"key in properties. Missing '{missing[0]}'.",
                )
            )
        for name, sub in properties.items():
            if isinstance(sub, dict):
                problems.extend(strict_schema_problems(sub, path + ("properties", name)))
    items = schema.get("items")
    if isinstance(items, dict):
        problems.extend(strict_schema_problems(items, path + ("items",)))
    return problems


def unrecognized_argument(name: str) -> ApiError:
    """OpenAI's 400 for a request argument it does not know (such as llama.cpp's `cache_prompt`)."""
    return ApiError(400, f"Unrecognized request argument supplied: {name}", "invalid_request_error")


def _invalid(message: str, param: Optional[str], code: Optional[str]) -> ApiError:
    return ApiError(400, message, "invalid_request_error", param=param, code=code)


def count_tokens(text: str) -> int:
    """A rough token count (about four characters a token), enough for plausible `usage` numbers."""
    return max(1, math.ceil(len(text) / 4)) if text else 0


def cached_prompt_text(body: Mapping[str, Any]) -> str:
    """The prompt as OpenAI's prompt cache sees it: the response schema (its tokens are prompt tokens, ahead
    of the messages), then every message's text."""
    response_format = body.get("response_format")
    schema = response_format.get("json_schema") if isinstance(response_format, dict) else None
    return (json.dumps(schema) if schema is not None else "") + prompt_text(body)


def prompt_text(body: Mapping[str, Any]) -> str:
    """Every message's text, for counting prompt tokens."""
    parts: list[str] = []
    for message in body.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts.extend(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return "\n".join(parts)


def chat_completion(
    model: str,
    content: Optional[str],
    *,
    prompt_tokens: int,
    completion_tokens: Optional[int] = None,
    finish_reason: str = "stop",
    refusal: Optional[str] = None,
) -> dict[str, Any]:
    """A `chat.completion` object with one choice, as the API reference lays it out."""
    if completion_tokens is None:
        completion_tokens = count_tokens(content or refusal or "")
    return {
        "id": "chatcmpl-" + uuid.uuid4().hex[:29],
        "object": "chat.completion",
        "created": _now(),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal, "annotations": []},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0,
            },
        },
        "service_tier": "default",
        "system_fingerprint": SYSTEM_FINGERPRINT,
    }


def model_object(model: str) -> dict[str, Any]:
    """One entry of `GET /v1/models`."""
    return {"id": model, "object": "model", "created": MODEL_CREATED, "owned_by": "system"}


def model_list(models: Sequence[str]) -> dict[str, Any]:
    """The body of `GET /v1/models`."""
    return {"object": "list", "data": [model_object(model) for model in models]}


def response_headers(
    requests_remaining: int, tokens_remaining: int, processing_ms: int, retry_after: Optional[float] = None
) -> dict[str, str]:
    """The headers OpenAI sends with every answer: request id, version, timing and `x-ratelimit-*`."""
    headers = {
        "x-request-id": "req_" + uuid.uuid4().hex,
        "openai-version": OPENAI_VERSION,
        "openai-processing-ms": str(processing_ms),
        "x-ratelimit-limit-requests": str(REQUEST_LIMIT),
        "x-ratelimit-limit-tokens": str(TOKEN_LIMIT),
        "x-ratelimit-remaining-requests": str(max(0, requests_remaining)),
        "x-ratelimit-remaining-tokens": str(max(0, tokens_remaining)),
        "x-ratelimit-reset-requests": "12ms" if requests_remaining > 0 else "1s",
        "x-ratelimit-reset-tokens": "6ms",
    }
    if retry_after is not None:
        # Retry-After carries whole seconds (RFC 9110); OpenAI's SDKs also read the finer retry-after-ms.
        headers["retry-after"] = str(max(0, math.ceil(retry_after)))
        headers["retry-after-ms"] = str(max(0, round(retry_after * 1000)))
    return headers


def _now() -> int:
    return int(time.time())
