"""A loopback server that speaks OpenAI's chat-completions API, with misbehaviour switchable at runtime.

    with OpenAICompatServer(api_key="sk-test-0123456789abcdef3456") as srv:
        srv.base_url                                   # "http://127.0.0.1:PORT/v1"
        OpenAICompatServer(flavour="llama_cpp")        # llama.cpp's server: `cache_prompt`, `timings`
        srv.behave("http_error", status=429, retry_after=2)
        srv.queue(Behaviour("hang"), Behaviour("judge"))  # one-shot, for the next chat requests in order
        srv.requests[-1].body["response_format"]       # what the client really sent

Standard library only and Python 3.9 syntax: the protocol tests under Python 3.9 use it too. It binds
127.0.0.1 on an ephemeral port and answers each connection on its own thread, so concurrent clients,
slow answers and hung connections behave as they would against a real endpoint.
"""

import json
import ssl
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from tests.servers import openai_wire as wire
from tests.servers.judge import (
    batch_sections,
    judge_answer,
    offered_evidence_refs,
    response_schema_of,
    user_message_of,
)
from tests.servers.prompt_cache import PromptCache
from tests.servers.serving import JsonHandler, ServedOnLoopback, send_then_reset

# What the server can be told to do with a chat request. `judge` answers like a well-behaved model;
# `latency` is `judge` after a delay; the rest are the ways real endpoints and small models fail.
MODES = (
    "judge",
    "latency",
    "http_error",
    "invalid_json",
    "schema_violation",
    "empty",
    "refusal",
    "bogus_evidence",
    "hang",
    "reset",
    "truncated",
    "endless",
)
ERROR_STATUSES = (401, 403, 404, 429, 500, 503)
FLAVOURS = ("openai", "llama_cpp")
DEFAULT_MODELS = ("gpt-4o-mini",)
REFUSAL_TEXT = "I'm sorry, but I can't help with that request."
INVENTED_REF = "ev:00000000/invented_field"


@dataclass(frozen=True)
class Behaviour:
    """How the server answers a chat request.

    `status` and `retry_after` (seconds; None sends no Retry-After) matter for `http_error`; `latency`
    (seconds) delays any mode, so a slow error or a slow good answer can both be had.
    """

    mode: str = "judge"
    status: int = 500
    retry_after: Optional[float] = None
    latency: float = 0.0

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown behaviour {self.mode!r}; choose from {', '.join(MODES)}")
        if self.mode == "http_error" and self.status not in ERROR_STATUSES:
            raise ValueError(f"http_error status must be one of {ERROR_STATUSES}, not {self.status}")
        if self.latency < 0:
            raise ValueError("latency cannot be negative")


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it, for assertions."""

    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    raw: bytes
    body: Any  # the parsed JSON body, or None when there was none or it was not JSON

    def header(self, name: str) -> Optional[str]:
        """A request header by case-insensitive name."""
        return self.headers.get(name.lower())


@dataclass
class _Counters:
    requests_remaining: int = wire.REQUEST_LIMIT
    tokens_remaining: int = wire.TOKEN_LIMIT
    in_flight: int = 0
    peak_in_flight: int = 0
    served: list[RecordedRequest] = field(default_factory=list)


class OpenAICompatServer(ServedOnLoopback):
    """An OpenAI-compatible chat-completions endpoint on 127.0.0.1, for one test or one demo run.

    `api_key`: when set, every request must carry `Authorization: Bearer <api_key>` (401 otherwise, with
    OpenAI's wording). `models`: when given, the models `GET /v1/models` lists and the only ones chat
    requests may name (404 `model_not_found` otherwise); when None, any model name is accepted and
    DEFAULT_MODELS are listed.

    `flavour`: "openai" caches prompts as OpenAI does (the schema and messages, 1,024 tokens or more,
    reported in `usage.prompt_tokens_details.cached_tokens`); "llama_cpp" as llama.cpp's server does (one
    slot, kept when the request sets `cache_prompt`, the messages only: the schema is a grammar there),
    reported in `timings` (`cache_n`, `prompt_n`), without `prompt_tokens_details` as older servers answer.
    OpenAI refuses the llama.cpp field `cache_prompt` as an unrecognized argument; so does this server,
    unless it plays llama.cpp.
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        models: Optional[Sequence[str]] = None,
        behaviour: Optional[Behaviour] = None,
        tls: Optional[ssl.SSLContext] = None,
        flavour: str = "openai",
    ) -> None:
        super().__init__(tls)
        if flavour not in FLAVOURS:
            raise ValueError(f"flavour must be one of {', '.join(FLAVOURS)}")
        self.flavour = flavour
        self.prompt_cache = PromptCache()
        self.api_key = api_key
        self.models = tuple(models) if models is not None else None
        self._behaviour = behaviour or Behaviour()
        self._queued: list[Behaviour] = []
        self._counters = _Counters()
        self._lock = threading.Lock()

    # -- where it listens -------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """What a client configures as its base URL: `http://127.0.0.1:PORT/v1`."""
        return f"{self.root_url}/v1"

    # -- switching behaviour ---------------------------------------------------------------------------

    def behave(
        self, mode: str, *, status: int = 500, retry_after: Optional[float] = None, seconds: float = 0.0
    ) -> None:
        """Answer every chat request from now on this way (`seconds` is the latency)."""
        self.set_behaviour(Behaviour(mode, status=status, retry_after=retry_after, latency=seconds))

    def set_behaviour(self, behaviour: Behaviour) -> None:
        with self._lock:
            self._behaviour = behaviour

    def queue(self, *behaviours: Behaviour) -> None:
        """Answer the next chat requests with these, one each, before falling back to the standing one."""
        with self._lock:
            self._queued.extend(behaviours)

    def _next_behaviour(self) -> Behaviour:
        with self._lock:
            return self._queued.pop(0) if self._queued else self._behaviour

    # -- what happened ---------------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in arrival order (a copy)."""
        with self._lock:
            return list(self._counters.served)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """The chat-completions requests received so far."""
        return [request for request in self.requests if request.path.endswith("/chat/completions")]

    @property
    def peak_concurrency(self) -> int:
        """The most chat requests that were being answered at the same moment."""
        with self._lock:
            return self._counters.peak_in_flight

    def clear_requests(self) -> None:
        with self._lock:
            self._counters.served.clear()

    # -- answering -------------------------------------------------------------------------------------

    def _handle(self, handler: JsonHandler, method: str) -> None:
        path = handler.path.split("?", 1)[0]
        raw = handler.read_body()
        body = _parse_json(raw)
        headers = {name.lower(): value for name, value in handler.headers.items()}
        with self._lock:
            self._counters.served.append(RecordedRequest(method, path, headers, raw, body))
        if method == "POST" and path == "/v1/chat/completions":
            self._track(+1)
            try:
                self._chat(handler, raw, body, headers)
            finally:
                self._track(-1)
        elif method == "GET" and path == "/v1/models":
            self._send(handler, self._auth_problem(headers) or wire.model_list(self._listed_models()))
        elif method == "GET" and path.startswith("/v1/models/"):
            model = path[len("/v1/models/") :]
            known = model in self._listed_models() or self.models is None
            answer = wire.model_object(model) if known else wire.model_not_found(model)
            self._send(handler, self._auth_problem(headers) or answer)
        else:
            self._send(handler, wire.invalid_url(method, path))

    def _chat(self, handler: JsonHandler, raw: bytes, body: Any, headers: dict[str, str]) -> None:
        behaviour = self._next_behaviour()
        if behaviour.latency and self._stopping.wait(behaviour.latency):
            handler.close_connection = True
            return
        model = str(body.get("model", "")) if isinstance(body, dict) else ""
        if behaviour.mode == "hang":
            self._stopping.wait()  # answers nothing until the server stops; the client must time out
            handler.close_connection = True
            return
        if behaviour.mode == "endless":
            self._trickle(handler)  # a 200 whose body never ends; the client's deadline must cut it off
            return
        if behaviour.mode == "http_error":
            retry_after = behaviour.retry_after if behaviour.status in (429, 503) else None
            error = wire.injected_error(behaviour.status, model, _presented_key(headers), retry_after)
            self._send(handler, error, retry_after=retry_after, exhausted=behaviour.status == 429)
            return
        problem = self._auth_problem(headers) or (wire.unparseable_body() if body is None and raw else None)
        problem = problem or wire.request_problem(body) or self._model_problem(model)
        if problem is None and self.flavour == "openai" and "cache_prompt" in body:
            problem = wire.unrecognized_argument("cache_prompt")
        if problem is not None:
            self._send(handler, problem)
            return
        completion = _completion(behaviour.mode, body)
        self._count_cached(completion, body)
        if behaviour.mode == "reset":
            send_then_reset(handler, completion)
            return
        self._send(handler, completion, prompt_tokens=completion["usage"]["prompt_tokens"])

    def _count_cached(self, completion: dict[str, Any], body: dict[str, Any]) -> None:
        """Report the prompt tokens this flavour's prompt cache served (see tests/servers/prompt_cache.py)."""
        usage = completion["usage"]
        if self.flavour == "llama_cpp":
            cached = min(
                self.prompt_cache.slot(wire.prompt_text(body), body.get("cache_prompt") is True), usage["prompt_tokens"]
            )
            del usage["prompt_tokens_details"], usage["completion_tokens_details"]
            completion["timings"] = {
                "cache_n": cached,
                "prompt_n": usage["prompt_tokens"] - cached,
                "prompt_ms": 12.5,
                "predicted_n": usage["completion_tokens"],
                "predicted_ms": 250.0,
            }
            return
        usage["prompt_tokens_details"]["cached_tokens"] = self.prompt_cache.automatic(wire.cached_prompt_text(body))

    def _trickle(self, handler: JsonHandler) -> None:
        """A JSON body without a declared end (read until close), sent a few bytes at a time until the server
        stops. (A declared length beyond the client's cap is refused before a byte is read.)"""
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(b'{"id": "chatcmpl-endless", "choices": [')
        try:
            while not self._stopping.wait(0.05):
                handler.wfile.write(b" ")
                handler.wfile.flush()
        except OSError:
            pass  # the client gave up and closed the connection
        handler.close_connection = True

    def _auth_problem(self, headers: dict[str, str]) -> Optional[wire.ApiError]:
        if self.api_key is None:
            return None
        presented = _presented_key(headers)
        if not presented:
            return wire.missing_api_key()
        return None if presented == self.api_key else wire.incorrect_api_key(presented)

    def _model_problem(self, model: str) -> Optional[wire.ApiError]:
        if self.models is None or model in self.models:
            return None
        return wire.model_not_found(model)

    def _listed_models(self) -> tuple[str, ...]:
        return self.models if self.models is not None else DEFAULT_MODELS

    def _track(self, delta: int) -> None:
        with self._lock:
            self._counters.in_flight += delta
            self._counters.peak_in_flight = max(self._counters.peak_in_flight, self._counters.in_flight)

    def _send(
        self,
        handler: JsonHandler,
        answer: Any,
        *,
        prompt_tokens: int = 0,
        retry_after: Optional[float] = None,
        exhausted: bool = False,
    ) -> None:
        started = handler.started or time.monotonic()
        with self._lock:
            counters = self._counters
            counters.requests_remaining = 0 if exhausted else counters.requests_remaining - 1
            counters.tokens_remaining -= prompt_tokens
            limits = (counters.requests_remaining, counters.tokens_remaining)
        status, payload = (answer.status, answer.body()) if isinstance(answer, wire.ApiError) else (200, answer)
        elapsed_ms = int((time.monotonic() - started) * 1000)
        headers = wire.response_headers(*limits, processing_ms=elapsed_ms, retry_after=retry_after)
        handler.send_json(status, payload, headers)


def _completion(mode: str, body: dict[str, Any]) -> dict[str, Any]:
    """The chat.completion a non-HTTP-error behaviour answers with."""
    model = str(body["model"])
    prompt_tokens = wire.count_tokens(wire.cached_prompt_text(body))
    answer = judge_answer(body)
    if mode == "refusal":
        return wire.chat_completion(model, None, prompt_tokens=prompt_tokens, refusal=REFUSAL_TEXT)
    if mode == "truncated":
        full = json.dumps(answer, indent=2)
        cut = full[: len(full) // 2]  # mid-document, so the JSON cannot parse
        limit = body.get("max_tokens") or body.get("max_completion_tokens") or wire.count_tokens(cut)
        return wire.chat_completion(
            model, cut, prompt_tokens=prompt_tokens, completion_tokens=int(limit), finish_reason="length"
        )
    return wire.chat_completion(model, _content(mode, answer, body), prompt_tokens=prompt_tokens)


def _content(mode: str, answer: dict[str, Any], body: dict[str, Any]) -> str:
    sections = batch_sections(user_message_of(body))
    if sections and mode in ("schema_violation", "bogus_evidence"):
        # A batch answer breaks only its first verdict, so the others must still be accepted.
        first = sections[0][0]
        schema = response_schema_of(body).get("properties", {}).get(first, {})
        return json.dumps(dict(answer, **{first: json.loads(_broken(mode, answer[first], schema))}))
    return _broken(mode, answer, response_schema_of(body))


def _broken(mode: str, answer: dict[str, Any], schema: dict[str, Any]) -> str:
    if mode == "empty":
        return ""
    if mode == "invalid_json":
        return repr(answer)  # a Python dict: single quotes, the classic small-model near miss
    if mode == "schema_violation":
        broken = dict(answer, verdict="definitely_malicious", confidence=1.5)
        broken.pop("next_action")
        return json.dumps(broken)
    if mode == "bogus_evidence":
        offered = offered_evidence_refs(schema)
        invented = INVENTED_REF if INVENTED_REF not in offered else INVENTED_REF + "_2"
        return json.dumps(dict(answer, evidence=[invented]))
    return json.dumps(answer)


def _presented_key(headers: dict[str, str]) -> str:
    scheme, _, key = headers.get("authorization", "").partition(" ")
    return key.strip() if scheme.lower() == "bearer" else ""


def _parse_json(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
