"""The shell every wire-format loopback server shares: a threaded HTTP(S) server on 127.0.0.1 that records
requests and answers each with what its wire module says, with faults switchable at runtime.

    with AnthropicServer(api_key=KEY) as srv:              # any subclass
        srv.behave("http_error", status=529, retry_after=2)
        srv.queue(Fault("hang"), Fault("judge"))            # one-shot, for the next model requests
        srv.requests[-1].body                               # what the client really sent

A subclass implements `answer(request, fault)`, returning a `Reply` (or None for a request its format
does not route, which gets the subclass's `not_found`). Faults every format shares: `judge` (a good
answer), `http_error`, `empty`, `refusal`, `truncated`, `invalid_json`, `hang` and `reset`.
Standard library only and Python 3.9 syntax.
"""

import json
import ssl
import threading
from dataclasses import dataclass, field
from typing import Any, Optional
from urllib.parse import parse_qs, urlsplit

from tests.servers.serving import JsonHandler, ServedOnLoopback, send_then_reset

FAULTS = ("judge", "http_error", "empty", "refusal", "truncated", "invalid_json", "hang", "reset")


@dataclass(frozen=True)
class Fault:
    """How the server answers the next model request; `status`/`retry_after` matter for `http_error`."""

    mode: str = "judge"
    status: int = 500
    retry_after: Optional[float] = None
    latency: float = 0.0

    def __post_init__(self) -> None:
        if self.mode not in FAULTS:
            raise ValueError(f"unknown fault {self.mode!r}; choose from {', '.join(FAULTS)}")


@dataclass(frozen=True)
class Request:
    """One request as received: method, path, query, lower-cased headers, raw and parsed body."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    raw: bytes
    body: Any

    def header(self, name: str) -> Optional[str]:
        """A request header by case-insensitive name."""
        return self.headers.get(name.lower())


@dataclass(frozen=True)
class Reply:
    """A JSON answer: status, body and extra headers."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class LoopbackServer(ServedOnLoopback):
    """Serve one wire format on 127.0.0.1 (HTTPS when given a server-side SSLContext)."""

    model_path = ""  # the path of model requests (counted in `model_requests`, faults apply to them)

    def __init__(self, api_key: Optional[str] = None, tls: Optional[ssl.SSLContext] = None) -> None:
        super().__init__(tls)
        self.api_key = api_key
        self._fault = Fault()
        self._queued: list[Fault] = []
        self._requests: list[Request] = []
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        """What an admin configures as base_url for this format (subclasses add their version path)."""
        return self.root_url

    def behave(
        self, mode: str, *, status: int = 500, retry_after: Optional[float] = None, seconds: float = 0.0
    ) -> None:
        """Answer every model request from now on this way."""
        with self._lock:
            self._fault = Fault(mode, status=status, retry_after=retry_after, latency=seconds)

    def queue(self, *faults: Fault) -> None:
        """Answer the next model requests with these, one each, then fall back to the standing fault."""
        with self._lock:
            self._queued.extend(faults)

    @property
    def requests(self) -> list[Request]:
        """Every request received so far (a copy)."""
        with self._lock:
            return list(self._requests)

    @property
    def model_requests(self) -> list[Request]:
        """The model requests received so far."""
        return [request for request in self.requests if request.path == self.model_path]

    # -- for subclasses --------------------------------------------------------------------------------

    def answer(self, request: Request, fault: Fault) -> Optional[Reply]:
        """The reply to a request (fault applies to model requests); None: no such route."""
        raise NotImplementedError

    def not_found(self, request: Request) -> Reply:
        """The format's answer to a path it does not serve."""
        return Reply(404, {"error": "not found"})

    # -- serving ---------------------------------------------------------------------------------------

    def _handle(self, handler: JsonHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        raw = handler.read_body()
        headers = {name.lower(): value for name, value in handler.headers.items()}
        request = Request(method, parts.path, parse_qs(parts.query), headers, raw, _parse_json(raw))
        with self._lock:
            self._requests.append(request)
            fault = self._queued.pop(0) if self._queued and parts.path == self.model_path else self._fault
        if parts.path == self.model_path:
            if fault.latency and self._stopping.wait(fault.latency):
                handler.close_connection = True
                return
            if fault.mode == "hang":
                self._stopping.wait()
                handler.close_connection = True
                return
        else:
            fault = Fault()
        reply = self.answer(request, fault) or self.not_found(request)
        if fault.mode == "reset" and reply.status == 200:
            send_then_reset(handler, reply.body)
            return
        handler.send_json(reply.status, reply.body, reply.headers)


def _parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError):
        return None
