"""splunklib's REST client behind llm_triage.splunkd.rest's one doorway, for the app's entry points."""

from typing import Any, Optional
from urllib.parse import parse_qsl, urlsplit

from splunklib.binding import HTTPError, UrlEncoded
from splunklib.client import Service

from llm_triage.splunkd.rest import Request

APP = "llm_triage"


def rest_request(service: Any) -> Request:
    """`request(method, path, body)` over `service` (a splunklib Service), in the app's namespace.

    `path` is already URL-encoded and may carry a query string; JSON is asked for, and GETs list everything.
    """

    def request(method: str, path: str, body: Optional[bytes]) -> tuple[int, bytes]:
        resource, _, query = path.partition("?")
        segment = UrlEncoded(resource, skip_encode=True)
        params = dict(parse_qsl(query, keep_blank_values=True))
        try:
            if method == "GET":
                params.setdefault("count", "0")
                response = service.get(segment, owner="nobody", app=APP, output_mode="json", **params)
            elif method == "POST":
                # JSON documents go as JSON; splunkd's own endpoints (storage/passwords) take form fields.
                is_json = (body or b"").lstrip()[:1] in (b"{", b"[")
                headers = [("Content-Type", "application/json" if is_json else "application/x-www-form-urlencoded")]
                response = service.post(
                    segment, owner="nobody", app=APP, headers=headers, body=body or b"", output_mode="json", **params
                )
            else:
                response = service.delete(segment, owner="nobody", app=APP, output_mode="json", **params)
            return response.status, response.body.read()
        except HTTPError as exc:
            return exc.status, exc.body or b""

    return request


def connect(server_uri: str, token: str) -> Request:
    """The REST doorway to splunkd at `server_uri` (as splunkd hands it to handlers and inputs),
    authenticated with `token`."""
    parts = urlsplit(server_uri)
    service = Service(scheme=parts.scheme, host=parts.hostname, port=parts.port, token=token, owner="nobody", app=APP)
    return rest_request(service)
