"""What every wire format shares: one timed POST with the provider's TLS, proxy and extra headers, and one
mapping from HTTP failures to ProviderError.

The mapping is the same for every provider so a row's status means the same thing whichever model was
asked: 401/403 are credential problems whose text is never shown (providers echo parts of a wrong key);
408, 429 and 5xx (Anthropic's 529 included) are `unavailable`, with the provider's `Retry-After`; any
other status is an error with the provider's own message, scrubbed of secrets.
"""

import json
import time
from collections.abc import Mapping
from typing import Any, Callable, Optional

from llm_triage.net.http import HttpResponse, TlsSettings, TransportError, post_json
from llm_triage.providers.base import ProviderConfig, ProviderError
from llm_triage.trust.redaction import scrub_secrets

DETAIL_CHARS = 200


def send(config: ProviderConfig, url: str, body: Any, headers: Mapping[str, str]) -> tuple[HttpResponse, int]:
    """POST `body` to `url`; the response and its latency in milliseconds, or ProviderError (unavailable)."""
    # The provider's own auth and version headers win over an admin's extras, whatever their case.
    own = {name.lower() for name in headers}
    merged = {name: value for name, value in config.extra_headers.items() if name.lower() not in own}
    merged.update(headers)
    started = time.monotonic()
    try:
        response = post_json(
            url,
            body,
            headers=merged,
            timeout=config.timeout,
            tls=TlsSettings(
                verify=config.verify_tls,
                ca_bundle=config.ca_bundle,
                client_cert=config.client_cert,
                client_key=config.client_key,
            ),
            proxy=config.proxy,
            replayable=True,  # an inference changes nothing at the provider: sent twice, it costs twice
        )
    except TransportError as exc:
        raise ProviderError(safe(config, str(exc)), unavailable=True) from None
    return response, int((time.monotonic() - started) * 1000)


def json_body(response: HttpResponse) -> Any:
    """A 200 response's JSON body, or ProviderError when it is not JSON."""
    try:
        return response.json()
    except ValueError:
        raise ProviderError(
            f"provider answered HTTP {response.status} with a body that is not JSON", unavailable=False
        ) from None


def http_error(config: ProviderConfig, response: HttpResponse, message_of: Callable[[Any], str]) -> ProviderError:
    """The ProviderError for a non-200 response; `message_of` finds the message in the provider's error body."""
    status = response.status
    retry_after = retry_after_seconds(response.headers.get("retry-after"))
    if status in (401, 403):
        return ProviderError(f"provider rejected the credentials (HTTP {status})", unavailable=False, status=status)
    if status == 407:  # an http:// target's proxy answers for it
        return ProviderError("the proxy rejected its credentials (HTTP 407)", unavailable=False, status=status)
    detail = safe(config, _detail(response.body, message_of))
    text = f"provider answered HTTP {status}" + (f": {detail}" if detail else "")
    unavailable = status in (408, 429) or status >= 500
    if unavailable and retry_after is not None:
        text += f" (retry after {retry_after:g}s)"
    return ProviderError(text, unavailable=unavailable, status=status, retry_after=retry_after if unavailable else None)


def safe(config: ProviderConfig, text: str) -> str:
    """`text` without the provider's key, the proxy's password or anything key-shaped."""
    return scrub_secrets(text, [config.api_key, config.proxy.password])


def retry_after_seconds(value: Optional[str]) -> Optional[float]:
    """`Retry-After` in seconds; None when absent or an HTTP date (rare from model APIs)."""
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def as_int(value: Any) -> int:
    """A token count from a usage object; 0 when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _detail(body: bytes, message_of: Callable[[Any], str]) -> str:
    text = body.decode("utf-8", "replace")
    try:
        found = message_of(json.loads(text))
    except ValueError:
        found = ""
    return " ".join((found or text).split())[:DETAIL_CHARS]
