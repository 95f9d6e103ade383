"""The search command's judge: bundles go to the app's REST endpoint, which holds the key.

The command runs with the analyst's session, so it never reads a key: it sends bundles to
`llm_triage/judge` (see triage_service) and turns the endpoint's answer, or its refusal, into one
judgement per bundle. Stateless apart from its settings, so the engine may call it from several threads.
"""

import json
import secrets
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any, Optional

from llm_triage.endpoint.wire import (
    ENDPOINT_PATH,
    ENDPOINT_WORK_SECONDS,
    KIND_VERDICT,
    MAX_BUNDLES,
    MAX_REQUEST_BYTES,
    MAX_WAIT,
    RUN_CAPABILITY,
    WireError,
    bundle_to_wire,
    judgement_from_wire,
)
from llm_triage.engine.resilience import estimate_request_tokens, instruction_tokens
from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.fields import STATUS_ERROR, STATUS_UNAVAILABLE
from llm_triage.providers.base import ProviderConfig
from llm_triage.splunkd.messages import splunkd_message
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.trust.redaction import scrub_secrets
from llm_triage.verdict.judge import Judgement, failed
from llm_triage.verdict.prompt import load_prompt, prompt_for, verdict_prompt

MAX_BUNDLES_PER_REQUEST = min(20, MAX_BUNDLES)
_REQUEST_BYTES_BUDGET = MAX_REQUEST_BYTES - 4096  # room for the provider name, timeout and punctuation

# The least a request may wait at the endpoint for its turn at the provider: the minute the doorway's own
# time-out once gave it, so that a search with a short time-out is not answered "busy" sooner than before.
MIN_QUEUE_SECONDS = 60.0

FORBIDDEN_MESSAGE = (
    f"not permitted to run llmtriage: the app's endpoint needs the {RUN_CAPABILITY} capability "
    "(role llm_triage_analyst); ask a Splunk admin"
)


class RemoteJudge:
    """Asks the app's REST endpoint about bundles, in batches, on behalf of the searching user."""

    def __init__(
        self,
        rest: SplunkdRest,
        provider: ProviderConfig,
        timeout: Optional[float] = None,
        kind: str = KIND_VERDICT,
        prompt: str = "",
        checks: Optional[bool] = None,
        time_left: Optional[Callable[[], Optional[float]]] = None,
    ):
        self._rest = rest
        self.provider = provider  # read by any analyst from the conf: it holds no key
        self._timeout = timeout
        self._lock = threading.Lock()
        self.warnings: list[str] = []  # what the endpoint asked the search to be told (each said once)
        self._kind = kind  # verdicts, or a cluster's narrative (llmcluster)
        self._prompt = prompt  # a shipped verdict prompt's name for the endpoint to ask with ("": its default)
        # A search says whether it asks the injection check of its benign answers; a replay or an evaluation,
        # whose answers nobody labels, says nothing (endpoint/followed.py).
        self._checks = checks
        # Who this search is at the provider's fair gate: drawn once, so every request of it shares its turns.
        self.search = secrets.token_hex(8)
        self._time_left = time_left  # seconds the caller has left now (an alert action's deadline); None: no bound
        self._says_wait = True  # False once an endpoint older than `wait` refused the key
        shown = verdict_prompt(prompt) if prompt else load_prompt()
        self._overhead = instruction_tokens(prompt_for(provider.batch_size, shown))  # sent with every request

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One judgement per bundle, in order; never raises."""
        encoded = [_encoded(bundle) for bundle in bundles]  # each bundle once: to size the batches and to send
        return [judgement for batch in _batches(encoded) for judgement in self._ask(batch)]

    def _ask(self, batch: Sequence[tuple[Bundle, str]]) -> list[Judgement]:
        payload: dict[str, Any] = {"provider": self.provider.name, "search": self.search}
        if self._timeout is not None:
            payload["timeout"] = self._timeout
        bundles = [bundle for bundle, _ in batch]
        if self._kind == KIND_VERDICT:
            wait = answer_wait(self.provider, bundles, self._overhead)
        else:  # a narrative is one call per bundle, not queued, not retried (stories/narrative.py)
            wait = len(bundles) * self.provider.timeout + ENDPOINT_WORK_SECONDS
        left = self._time_left() if self._time_left is not None else None
        if left is not None:
            wait = max(0.0, min(wait, left))
        if self._kind == KIND_VERDICT and self._says_wait:
            payload["wait"] = round(wait, 3)
        if self._kind != KIND_VERDICT:
            payload["kind"] = self._kind
        if self._prompt:
            payload["prompt"] = self._prompt
        if self._checks is not None:
            payload["checks"] = self._checks
        # The request document with the bundles spliced in as they were encoded for sizing.
        head = json.dumps(payload, separators=(",", ":"))[:-1]
        body = f'{head},"bundles":[{",".join(text for _, text in batch)}]}}'.encode()
        try:
            status, reply = self._rest.request("POST", ENDPOINT_PATH, body, timeout=wait)
        except Exception as exc:  # whatever the transport raised, every row still comes back
            return [failed(STATUS_UNAVAILABLE, f"splunkd unreachable ({exc.__class__.__name__})")] * len(batch)
        if status == 200:
            return self._judgements(reply, len(batch))
        if status == 400 and self._says_wait and b"unknown request key(s): wait" in reply:
            # An endpoint process still running the app's previous version (splunkd not yet restarted after
            # an upgrade): it cannot bound its calls by the search's wait, but it can still answer.
            self._says_wait = False
            return self._ask(batch)
        if status in (400, 413) and len(batch) > 1:
            # One bad bundle must not cost the others their verdicts: ask about each on its own.
            return [judgement for item in batch for judgement in self._ask([item])]
        return [_refused(status, reply)] * len(batch)

    def _judgements(self, body: bytes, expected: int) -> list[Judgement]:
        """The reply's judgements (its warnings noted), read once."""
        unexpected = "the llm_triage endpoint answered with something unexpected"
        try:
            data = json.loads(body.decode("utf-8"))
        except ValueError:  # not UTF-8, not JSON
            return [failed(STATUS_ERROR, f"{unexpected}: not JSON")] * expected
        self._note_warnings(data)
        try:
            items = data.get("judgements") if isinstance(data, dict) else None
            if not isinstance(items, list) or len(items) != expected:
                raise WireError("not one judgement per bundle")
            return [judgement_from_wire(item) for item in items]
        except WireError as exc:
            return [failed(STATUS_ERROR, f"{unexpected}: {exc}")] * expected

    def _note_warnings(self, data: Any) -> None:
        warnings = data.get("warnings") if isinstance(data, dict) else None
        if not isinstance(warnings, list):
            return
        with self._lock:
            for warning in warnings:
                text = f"llmtriage: {scrub_secrets(str(warning))[:300]}"
                if text not in self.warnings:
                    self.warnings.append(text)


def answer_wait(provider: ProviderConfig, bundles: Sequence[Bundle], overhead_tokens: int) -> float:
    """How long a search waits for the endpoint's answer about `bundles` (one request): the request's turn
    at `provider` (`queue_patience`), then its call and retries, which start within a time-out of the first
    and last a time-out each, then the endpoint's own work. The endpoint sends no call that could end past
    it (endpoint.service), however many model requests it makes of the bundles."""
    waited = queue_patience(provider, bundles, overhead_tokens) + 2 * provider.timeout + ENDPOINT_WORK_SECONDS
    return min(MAX_WAIT, waited)


def queue_patience(provider: ProviderConfig, bundles: Sequence[Bundle], overhead_tokens: int) -> float:
    """How long a request about `bundles` may wait at the endpoint for its turn at `provider`: a minute, or
    two time-outs (a slot frees once a call in flight ends, retries included), or, under rate limits, what
    they take to let all of a search's `max_concurrency` requests go, whichever is longest. (It cannot know
    the other searches, nor a search-head cluster member's share of the limits.)"""
    paced = 0.0
    if provider.requests_per_minute > 0:
        paced = provider.max_concurrency * 60.0 / provider.requests_per_minute
    if provider.tokens_per_minute > 0:
        tokens = estimate_request_tokens(bundles, provider, overhead_tokens)
        paced = max(paced, provider.max_concurrency * tokens * 60.0 / provider.tokens_per_minute)
    return max(MIN_QUEUE_SECONDS, 2 * provider.timeout, paced)


def preview(rest: SplunkdRest, bundle: Bundle) -> tuple[Optional[Bundle], str]:
    """`bundle` exactly as the app's endpoint would send it (pseudonymized when that is on), or None and
    why the endpoint could not say."""
    try:
        status, body = rest.post_json(ENDPOINT_PATH, {"preview": True, "bundles": [bundle_to_wire(bundle)]})
    except Exception as exc:  # whatever the transport raised
        return None, f"splunkd unreachable ({exc.__class__.__name__})"
    if status != 200:
        return None, _refused(status, body).error
    try:
        data = json.loads(body.decode("utf-8"))
        item = data["previews"][0]
        text, digest = item["text"], item["hash"]
        if not isinstance(text, str) or not isinstance(digest, str):
            raise TypeError
    except (ValueError, KeyError, IndexError, TypeError):
        return None, "the llm_triage endpoint answered the preview with something unexpected"
    return replace(bundle, text=text, hash=digest), ""


def _encoded(bundle: Bundle) -> tuple[Bundle, str]:
    """The bundle and its wire form as sent: compact, ASCII-escaped JSON."""
    return bundle, json.dumps(bundle_to_wire(bundle), separators=(",", ":"))


def _batches(encoded: Sequence[tuple[Bundle, str]]) -> Iterator[list[tuple[Bundle, str]]]:
    """Requests within the endpoint's bounds: at most MAX_BUNDLES_PER_REQUEST bundles and the byte budget."""
    batch: list[tuple[Bundle, str]] = []
    size = 0
    for item in encoded:
        if batch and (len(batch) == MAX_BUNDLES_PER_REQUEST or size + len(item[1]) + 1 > _REQUEST_BYTES_BUDGET):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[1]) + 1  # and its comma
    if batch:
        yield batch


def _refused(status: int, body: bytes) -> Judgement:
    if status == 403:
        return failed(STATUS_ERROR, FORBIDDEN_MESSAGE, http_status=403)
    if status == 401:
        return failed(STATUS_ERROR, "splunkd did not accept the search's session (HTTP 401)", http_status=401)
    if status == 404:
        message = "the app's REST endpoint llm_triage/judge is not there: restart splunkd after installing the app"
        return failed(STATUS_ERROR, message, http_status=404)
    detail = scrub_secrets(splunkd_message(body))
    if status >= 500:
        return failed(STATUS_UNAVAILABLE, f"the llm_triage endpoint is unavailable (HTTP {status}: {detail})", status)
    return failed(STATUS_ERROR, f"the llm_triage endpoint refused the request (HTTP {status}): {detail}", status)
