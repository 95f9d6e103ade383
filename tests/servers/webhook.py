"""A loopback JSON webhook receiver: records each POST, checks an optional secret header, faults switchable.

    with WebhookServer(header=("Authorization", "Bearer s3cret")) as hook:
        hook.url                     # "http://127.0.0.1:PORT/hook"
        hook.fail(2, status=503)     # the next two POSTs answer 503 and are not kept
        hook.down(); hook.up()
        hook.received                # the accepted bodies, in order (JSON), with their headers

A generic receiver answers 2xx to what it accepts: 202 with {"accepted": true} here. A wrong or missing
secret answers 401; a body that is not a JSON object 400. Deliveries repeating an `Idempotency-Key`
already accepted are answered 200 and not kept twice, as receivers that honour the header do.
"""

import json
import threading
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import urlsplit

from tests.servers.serving import JsonHandler, ServedWithFaults

PATH = "/hook"


@dataclass(frozen=True)
class Delivery:
    """One accepted POST: its JSON body and lower-cased headers."""

    body: dict[str, Any]
    headers: dict[str, str]


class WebhookServer(ServedWithFaults):
    """Receive JSON POSTs at /hook on 127.0.0.1."""

    def __init__(self, header: Optional[tuple[str, str]] = None) -> None:
        super().__init__()
        self.header = header
        self.attempts = 0  # every POST to /hook, faulted or not
        self._received: list[Delivery] = []
        self._keys: set[str] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """What an admin configures as the webhook's url."""
        return self.root_url + PATH

    @property
    def received(self) -> list[Delivery]:
        """The deliveries accepted so far (a copy)."""
        with self._lock:
            return list(self._received)

    # fail(count, status), down(status) and up() come from ServedWithFaults: they apply to POSTs to /hook.

    def _handle(self, handler: JsonHandler, method: str) -> None:
        raw = handler.read_body()
        if method != "POST" or urlsplit(handler.path).path != PATH:
            handler.send_json(404, {"error": "not found"})
            return
        headers = {name.lower(): value for name, value in handler.headers.items()}
        with self._lock:
            self.attempts += 1
        down, (_, failed) = self._take_fault()
        status = failed or down  # a one-shot failure first, as queued
        if status:
            handler.send_json(status, {"error": "unavailable"})
            return
        if self.header is not None and headers.get(self.header[0].lower()) != self.header[1]:
            handler.send_json(401, {"error": "unauthorized"})
            return
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            body = None
        if not isinstance(body, dict) or headers.get("content-type", "").split(";")[0] != "application/json":
            handler.send_json(400, {"error": "a JSON object is expected"})
            return
        key = headers.get("idempotency-key", "")
        with self._lock:
            if key and key in self._keys:
                repeat = True
            else:
                repeat = False
                self._keys.add(key)
                self._received.append(Delivery(body, headers))
        handler.send_json(200 if repeat else 202, {"accepted": True, "repeat": repeat})
