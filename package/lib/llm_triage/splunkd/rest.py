"""The app's one doorway to splunkd's REST API, without importing splunklib.

The Splunk entry point hands in `request(method, path, body)`: `path` is already URL-encoded and relative
to the app's namespace (`/servicesNS/nobody/llm_triage/<path>`), `output_mode=json` is added by the entry
point, `body` is a JSON document or None, and the answer is (HTTP status, body bytes). A transport failure
may raise anything; callers here turn it into a message an analyst can act on.
"""

import json
from typing import Any, Callable, Optional

Request = Callable[[str, str, Optional[bytes]], "tuple[int, bytes]"]


class SplunkdRest:
    """GET, POST (JSON) and DELETE against the app's namespace through one `request` callable."""

    def __init__(self, request: Request):
        self.request = request

    def get(self, path: str) -> tuple[int, bytes]:
        """GET `path` (with `count=0` where the entry point lists)."""
        return self.request("GET", path, None)

    def post_json(self, path: str, payload: Any) -> tuple[int, bytes]:
        """POST `payload` as a JSON body."""
        return self.request("POST", path, json.dumps(payload, separators=(",", ":")).encode("utf-8"))

    def delete(self, path: str) -> tuple[int, bytes]:
        """DELETE `path`."""
        return self.request("DELETE", path, None)
