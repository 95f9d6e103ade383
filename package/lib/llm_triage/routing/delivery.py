"""Sending one envelope to SOAR or a webhook, with retries and backoff; the result says what happened.

SOAR: POST /rest/container with the artifacts inside (one request, so a container never lacks its
evidence). A container already holding this source_data_identifier (an earlier attempt that succeeded
unseen, or the same result's approved action) answers `existing_container_id`: the artifacts it lacks
are then added to it, found by their own source_data_identifiers. Webhook: one POST of the body with
an `Idempotency-Key` (the envelope id) and the configured header. Connection failures, 408, 429 and 5xx
are retried; other refusals are final.
"""

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, Optional
from urllib.parse import urlencode

from llm_triage.net.http import HttpResponse, TransportError, request
from llm_triage.routing.targets import SOAR, Target

RETRYABLE = (408, 429, 500, 502, 503, 504)
MAX_ANSWER_BYTES = 16 * 1024 * 1024  # a SOAR artifact listing may be large; anything beyond is not an answer


@dataclass(frozen=True)
class SendResult:
    """What one attempt (or the last of several) came to."""

    ok: bool
    retryable: bool = False
    detail: str = ""
    reference: str = ""  # the SOAR container id, or the webhook's status


def deliver(
    target: Target,
    envelope: Mapping[str, Any],
    attempts: int = 4,
    backoff: float = 1.0,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[SendResult, int]:
    """Send `envelope` to `target`, retrying what may succeed later: (the last result, attempts made)."""
    made = 0
    result = SendResult(False, detail="not attempted")
    for attempt in range(max(1, attempts)):
        made += 1
        result = send_once(target, envelope, timeout)
        if result.ok or not result.retryable:
            break
        if attempt + 1 < attempts:
            sleep(backoff * (2**attempt))
    return result, made


def send_once(target: Target, envelope: Mapping[str, Any], timeout: float = 30.0) -> SendResult:
    """One attempt."""
    try:
        if target.kind == SOAR:
            return _soar(target, envelope["request"], timeout)
        return _webhook(target, envelope, timeout)
    except TransportError as exc:
        return SendResult(False, retryable=True, detail=str(exc))


def _soar(target: Target, container: Mapping[str, Any], timeout: float) -> SendResult:
    headers = {"ph-auth-token": target.secret}
    answer = _post(target, "/rest/container", container, headers, timeout)
    data = answer.json_or_none()
    if answer.status == 200 and isinstance(data, dict) and isinstance(data.get("id"), int):
        return SendResult(True, detail="container created", reference=str(data["id"]))
    existing = data.get("existing_container_id") if isinstance(data, dict) else None
    if isinstance(existing, int):
        return _complete(target, existing, container.get("artifacts") or [], headers, timeout)
    return _refused("SOAR", answer, data)


def _complete(
    target: Target, container_id: int, artifacts: list[Any], headers: dict[str, str], timeout: float
) -> SendResult:
    """Add to an existing container the artifacts it does not hold yet."""
    query = urlencode({"_filter_container_id": str(container_id), "page_size": "0"})
    answer = _call(target, "GET", f"/rest/artifact?{query}", None, headers, timeout)
    data = answer.json_or_none()
    if answer.status != 200 or not isinstance(data, dict):
        return _refused("SOAR", answer, data)
    held = {item.get("source_data_identifier") for item in data.get("data", []) if isinstance(item, dict)}
    missing = [item for item in artifacts if item.get("source_data_identifier") not in held]
    for index, artifact in enumerate(missing):
        body = dict(artifact, container_id=container_id, run_automation=index == len(missing) - 1)
        posted = _post(target, "/rest/artifact", body, headers, timeout)
        if posted.status != 200:
            return _refused("SOAR", posted, posted.json_or_none())
    added = f"{len(missing)} artifacts added" if missing else "already complete"
    return SendResult(True, detail=f"container existed; {added}", reference=str(container_id))


def _webhook(target: Target, envelope: Mapping[str, Any], timeout: float) -> SendResult:
    headers = {"Idempotency-Key": str(envelope.get("id", ""))}
    if target.header_name:
        headers[target.header_name] = target.secret
    answer = _call(target, "POST", "", envelope["request"], headers, timeout)
    if 200 <= answer.status < 300:
        return SendResult(True, detail="webhook accepted", reference=str(answer.status))
    return _refused("webhook", answer, answer.json_or_none())


def _post(target: Target, path: str, body: Any, headers: dict[str, str], timeout: float) -> HttpResponse:
    return _call(target, "POST", path, body, headers, timeout)


def _call(target: Target, method: str, path: str, body: Any, headers: dict[str, str], timeout: float) -> HttpResponse:
    sent = None if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # Not replayed by the HTTP client even where that would be safe: each try is one of `deliver`'s
    # attempts, counted and spaced by its backoff, so the routing event says how many it took.
    return request(method, f"{target.url}{path}", sent, headers, timeout, target.tls, max_bytes=MAX_ANSWER_BYTES)


def _refused(who: str, answer: HttpResponse, data: Optional[Any]) -> SendResult:
    message = data.get("message") if isinstance(data, dict) else None
    text = f"{who} answered {answer.status}" + (f": {str(message)[:200]}" if message else "")
    if answer.status in (401, 403):
        text += " (check the token or header on the setup page)"
    # A success whose answer cannot be read may have worked: trying again is safe (SOAR finds the container
    # by its source_data_identifier; a webhook receiver by the Idempotency-Key).
    unreadable = 200 <= answer.status < 300 and data is None
    return SendResult(False, retryable=answer.status in RETRYABLE or unreadable, detail=text)
