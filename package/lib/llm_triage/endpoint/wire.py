"""The judge endpoint's wire format, the one both sides import: the search's client (endpoint.client)
writes requests and reads replies with it; the endpoint (endpoint.handler, endpoint.service) reads requests
and writes replies with it.

Wire format (JSON both ways), POST `/servicesNS/nobody/llm_triage/llm_triage/judge`:

    request:  {"provider": "lab", "timeout": 30,
               "bundles": [{"text": "<canonical bundle JSON>", "refs": ["ev:3fa2c1d0/user"], "hash": "<sha256>",
                            "triage_id": "<the result's triage_id>"}]}
    reply:    {"provider": "lab", "judgements": [{"status": "ok", "fields": {...}, "model": "...",
               "prompt_tokens": 0, "completion_tokens": 0, "latency_ms": 0, "cost": 0.0,
               "cached_prompt_tokens": 0, "cache_write_tokens": 0,
               "http_status": 0, "retry_after": null, "cached": false}], "warnings": ["..."]}
    preview:  {"preview": true, "bundles": [...]} (provider optional) answers, without asking any model,
              {"pseudonymized": true, "previews": [{"text": "<the bundle as it would be sent>", "hash": "..."}]}
    refusal:  any other status, splunkd's error body (llm_triage.splunkd.messages), as every endpoint of
              the app refuses (llm_triage.splunkd.handler)

`prompt` is optional: the name of a shipped verdict prompt (`triage-1` to `triage-4`; never a path) to ask
with instead of the default (llmreplay prompt=); its batch counterpart when the provider batches.
`search` is optional: an id the search drew for itself (endpoint.client), whose turn its requests take
at the provider's fair gate (engine.fairness) among the searches the endpoint serves at once; the
endpoint keys it by the user who asked, so it can only share the user's turns. `wait` is optional: the
seconds the caller waits for the answer; the endpoint keeps `ENDPOINT_WORK_SECONDS` of it for its own work
after the model calls and sends no call that could end past the rest (engine.resilience), answering such a
bundle unavailable unsent, so nothing is paid for that nobody reads. `timeout`, `triage_id`
and `warnings` are optional (`warnings`: what the search should be told, such as
an audit trail that could not be written). `kind` is optional: `verdict` (the default) judges each bundle;
`narrative` asks for a cluster bundle's story instead (llmcluster, stories/narrative.py): its judgements
carry the `cluster_*` narrative fields, and are not cached. A judgement's `status` is ok, unavailable,
error, rejected (the model's answer failed a check), or skipped_daily_cost / skipped_daily_quota (a daily cap
kept the bundle from being sent: engine.spend). Requests are bounded (`MAX_*` below); a bundle's
hash must be its text's, and its refs must name fields of its events. With `pseudonymize = 1`,
identifiers are replaced by pseudonyms here, just before the model call, and mapped back in the answer
(llm_triage.trust.pseudonyms); every inference, verdict or narrative, is recorded in the audit trail
(llm_triage.trust.audit). Nothing here imports splunklib: `bin/llm_triage_rest.py` hands in how to
reach splunkd.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional, Union

from llm_triage import names
from llm_triage.endpoint.identifiers import SHA256, TRIAGE_ID, is_shaped
from llm_triage.evidence.bundle import BUNDLE_FORMAT, INJECTION_CHECK, PURPOSES, Bundle
from llm_triage.evidence.canonical import canonical_json, content_hash, strict_json_loads
from llm_triage.evidence.fields import (
    NARRATIVE_FIELDS,
    OUTPUT_FIELDS,
    STATUS_ERROR,
    STATUS_OK,
    STATUS_REJECTED,
    STATUS_SKIPPED_DAILY_COST,
    STATUS_SKIPPED_DAILY_QUOTA,
    STATUS_UNAVAILABLE,
    VERDICT_FIELDS,
    FieldValue,
)
from llm_triage.splunkd.handler import RequestRefused
from llm_triage.splunkd.settings import PROVIDER_NAME
from llm_triage.verdict.judge import Judgement
from llm_triage.verdict.prompt import verdict_prompt

ENDPOINT_PATH = names.JUDGE_PATH  # under the app's namespace; restmap.conf `match = /llm_triage/judge`
RUN_CAPABILITY = names.RUN_CAPABILITY  # restmap.conf's gate for POST
MAX_REQUEST_BYTES = 2 * 1024 * 1024
MAX_BUNDLES = 50
MAX_BUNDLE_CHARS = 100_000  # far above max_bundle_chars' usual 8,000; a bound, not a setting
MAX_REFS = 512
MAX_REF_CHARS = 300

MIN_TIMEOUT, MAX_TIMEOUT = 1.0, 600.0  # as the command's timeout= option
MAX_WAIT = 3600.0  # seconds a caller may say it waits: a long bound, as a slow, paced provider needs
# The part of a caller's wait the endpoint keeps for its work after the model calls (the verdict cache, the
# audit trail, the records of what was triaged, the reply): the calls must end before it.
ENDPOINT_WORK_SECONDS = 30.0
STATUSES = (
    STATUS_OK,
    STATUS_ERROR,
    STATUS_UNAVAILABLE,
    STATUS_REJECTED,
    STATUS_SKIPPED_DAILY_COST,
    STATUS_SKIPPED_DAILY_QUOTA,
)
_REQUEST_KEYS = frozenset({"provider", "bundles", "timeout", "wait", "preview", "kind", "prompt", "search", "checks"})
MAX_SEARCH_CHARS = 200  # the client sends 16 hex digits
KIND_VERDICT, KIND_NARRATIVE = "verdict", "narrative"  # what to ask about the bundles (kind; verdict when absent)
_BUNDLE_KEYS = frozenset({"text", "refs", "hash"})
_OPTIONAL_BUNDLE_KEYS = frozenset({"triage_id", "enrichment", "purpose", "follows"})
MAX_ENRICHMENT_RECORDS = 30  # enrichment searches behind one bundle (max_items_per_row x max_rounds)
# An enrichment record's keys and what each holds (enrichment/runner.SearchRecord.as_audit).
_ENRICHMENT_RECORD = {"item": str, "spl": str, "earliest": (int, float), "latest": (int, float),
                      "results": int, "duration_ms": int, "error": str, "reused": bool}  # fmt: skip
MAX_ENRICHMENT_SPL = 4000
MAX_ENRICHMENT_ERROR = 300
# What all of a bundle's records may take in its audit event, as indexed (canonical JSON escapes <, > and &
# into six characters each): far under props.conf's TRUNCATE, so the event stays one readable JSON object.
MAX_ENRICHMENT_EVENT_CHARS = 40_000
_ENRICHMENT_NUMBERS = {"results": 100_000, "duration_ms": 3_600_000}


class WireError(ValueError):
    """A reply that does not follow the wire format; the message says which part, and holds no data."""


@dataclass(frozen=True)
class JudgeRequest:
    """A parsed, bounded request: which provider, how long to wait, and the bundles."""

    provider: str
    bundles: tuple[Bundle, ...]
    timeout: Optional[float] = None
    preview: bool = False  # only show the bundles as they would be sent; ask no model
    kind: str = KIND_VERDICT
    prompt: str = ""  # a shipped verdict prompt's name (llm_triage.verdict.prompt.verdict_prompts); "" for the default
    search: str = ""  # the search's own id, for fair turns between searches; "" when the caller did not say
    # Whether the caller, a search, asks the injection check of its benign answers; None from a replay or an
    # evaluation, whose answers nobody labels. A search's evidence with free text awaits a check either way
    # (endpoint/followed.py): one with the check off never asks it, and so makes no example until one does.
    checks: Optional[bool] = None
    wait: Optional[float] = None  # seconds the caller waits for the answer; None: it did not say


def bundle_to_wire(bundle: Bundle) -> dict[str, Any]:
    """One bundle as the request carries it."""
    wire: dict[str, Any] = {"text": bundle.text, "refs": list(bundle.refs), "hash": bundle.hash}
    if bundle.triage_id:
        wire["triage_id"] = bundle.triage_id
    if bundle.enrichment:
        wire["enrichment"] = list(bundle.enrichment)
    if bundle.purpose:
        wire["purpose"] = bundle.purpose
    if bundle.follows:
        wire["follows"] = bundle.follows
    return wire


def parse_request(body: Union[str, bytes, None]) -> JudgeRequest:
    """The request in `body`, checked and bounded; RequestRefused (400 or 413) says what is wrong."""
    if body is None or body == "" or body == b"":
        raise RequestRefused(400, "the request has no body: POST a JSON object with provider and bundles")
    size = len(body.encode("utf-8")) if isinstance(body, str) else len(body)
    if size > MAX_REQUEST_BYTES:
        raise RequestRefused(413, f"the request is {size} bytes; at most {MAX_REQUEST_BYTES} are accepted")
    try:
        data = strict_json_loads(body)
    except ValueError:
        raise RequestRefused(400, "the request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise RequestRefused(400, "the request body must be a JSON object with provider and bundles")
    unknown = sorted(set(data) - _REQUEST_KEYS)
    if unknown:
        raise RequestRefused(400, f"unknown request key(s): {', '.join(unknown)}")
    preview = data.get("preview", False)
    if not isinstance(preview, bool):
        raise RequestRefused(400, "preview must be true or false")
    provider = data.get("provider", "" if preview else None)
    if not isinstance(provider, str) or not (PROVIDER_NAME.fullmatch(provider) or preview and provider == ""):
        raise RequestRefused(400, "provider must be a provider name (letters, digits, '_' and '-')")
    bundles = data.get("bundles")
    if not isinstance(bundles, list) or not bundles:
        raise RequestRefused(400, "bundles must be a non-empty list")
    if len(bundles) > MAX_BUNDLES:
        raise RequestRefused(400, f"{len(bundles)} bundles in one request; at most {MAX_BUNDLES} are accepted")
    kind = data.get("kind", KIND_VERDICT)
    if kind not in (KIND_VERDICT, KIND_NARRATIVE):
        raise RequestRefused(400, f"kind must be {KIND_VERDICT} or {KIND_NARRATIVE}")
    prompt = data.get("prompt", "")
    if "prompt" in data:
        if kind != KIND_VERDICT:
            raise RequestRefused(400, f"prompt chooses a verdict prompt; kind {kind} has its own")
        try:
            verdict_prompt(prompt)
        except ValueError as exc:
            raise RequestRefused(400, f"prompt: {exc}") from None
    search = data.get("search", "")
    if not isinstance(search, str) or len(search) > MAX_SEARCH_CHARS or not search.isprintable():
        raise RequestRefused(400, f"search must be a search id of at most {MAX_SEARCH_CHARS} printable characters")
    checks = data.get("checks")
    if "checks" in data and not isinstance(checks, bool):
        raise RequestRefused(400, "checks must be true or false")
    return JudgeRequest(
        provider=provider,
        bundles=tuple(_bundle(index, item) for index, item in enumerate(bundles)),
        timeout=_timeout(data.get("timeout")),
        wait=_wait(data.get("wait")),
        preview=preview,
        kind=kind,
        prompt=prompt,
        search=search,
        checks=checks,
    )


def judgement_to_wire(judgement: Judgement) -> dict[str, Any]:
    """One judgement as the reply carries it."""
    return {
        "status": judgement.status,
        "fields": dict(judgement.fields),
        "model": judgement.model,
        "prompt_tokens": judgement.prompt_tokens,
        "completion_tokens": judgement.completion_tokens,
        "latency_ms": judgement.latency_ms,
        "cost": judgement.cost,
        "http_status": judgement.http_status,
        "retry_after": judgement.retry_after,
        "cached": judgement.cached,
        "cached_prompt_tokens": judgement.cached_prompt_tokens,
        "cache_write_tokens": judgement.cache_write_tokens,
    }


def judgement_from_wire(data: Any) -> Judgement:
    """A judgement from the reply, every part checked; WireError when anything is off."""
    if not isinstance(data, dict):
        raise WireError("a judgement is not an object")
    status, fields = data.get("status"), data.get("fields")
    if status not in STATUSES:
        raise WireError("a judgement has an unknown status")
    if not isinstance(fields, dict) or not set(fields) <= set(OUTPUT_FIELDS) | set(NARRATIVE_FIELDS):
        raise WireError("a judgement has unknown fields")
    checked: dict[str, FieldValue] = {}
    for name, value in fields.items():
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            checked[name] = list(value)
        elif isinstance(value, str):
            checked[name] = value
        else:
            raise WireError("a judgement field is neither text nor a list of text")
    if status != STATUS_OK and not checked.get("triage_error"):
        raise WireError("a failed judgement does not say why")
    if status != STATUS_OK and set(checked) & set(VERDICT_FIELDS):  # a row no model judged is never benign
        raise WireError("a failed judgement carries a verdict")
    retry_after = data.get("retry_after")
    if retry_after is not None:
        retry_after = _count(data, "retry_after", float)
    model = data.get("model", "")
    if not isinstance(model, str):
        raise WireError("a judgement's model is not text")
    return Judgement(
        status=status,
        fields=checked,
        model=model,
        prompt_tokens=_count(data, "prompt_tokens", int),
        completion_tokens=_count(data, "completion_tokens", int),
        latency_ms=_count(data, "latency_ms", int),
        cost=_count(data, "cost", float),
        http_status=_count(data, "http_status", int),
        retry_after=retry_after,
        cached=data.get("cached") is True,
        cached_prompt_tokens=_count(data, "cached_prompt_tokens", int),  # 0 when absent (an older endpoint)
        cache_write_tokens=_count(data, "cache_write_tokens", int),
    )


def _bundle(index: int, item: Any) -> Bundle:
    where = f"bundles[{index}]"
    if not isinstance(item, dict) or not _BUNDLE_KEYS <= set(item) <= _BUNDLE_KEYS | _OPTIONAL_BUNDLE_KEYS:
        raise RequestRefused(
            400,
            f"{where} must be an object with exactly text, refs and hash (and optionally triage_id, enrichment, "
            "purpose, follows)",
        )
    text, refs, digest = item["text"], item["refs"], item["hash"]
    triage_id = item.get("triage_id", "")
    if triage_id != "" and not is_shaped(TRIAGE_ID, triage_id):
        # It goes to the audit trail with the system token, and from there into dashboards' searches.
        raise RequestRefused(400, f"{where}.triage_id must be a triage id (24 lower-case hex characters)")
    enrichment = _enrichment(where, item.get("enrichment", []))
    purpose = item.get("purpose", "")
    if purpose not in PURPOSES:  # it names the audit event's kind: only the app's own
        raise RequestRefused(400, f"{where}.purpose must be {INJECTION_CHECK} or absent")
    follows = item.get("follows", "")
    if follows != "" and not is_shaped(SHA256, follows):
        # It names a record the endpoint reads with the system token.
        raise RequestRefused(400, f"{where}.follows must be a bundle hash (64 lower-case hex characters)")
    if not isinstance(text, str) or not text:
        raise RequestRefused(400, f"{where}.text must be the bundle's JSON text")
    if len(text) > MAX_BUNDLE_CHARS:
        raise RequestRefused(400, f"{where}.text has {len(text)} characters; at most {MAX_BUNDLE_CHARS}")
    if not isinstance(digest, str) or digest != content_hash(text):
        raise RequestRefused(400, f"{where}.hash is not the SHA-256 of its text")
    if not isinstance(refs, list) or not 0 < len(refs) <= MAX_REFS:
        raise RequestRefused(400, f"{where}.refs must list 1 to {MAX_REFS} evidence references")
    if not all(isinstance(ref, str) and 0 < len(ref) <= MAX_REF_CHARS for ref in refs):
        raise RequestRefused(400, f"{where}.refs must be references of at most {MAX_REF_CHARS} characters")
    try:
        document = strict_json_loads(text)
    except ValueError:
        document = None
    if not isinstance(document, dict) or document.get("format") != BUNDLE_FORMAT:
        raise RequestRefused(400, f"{where}.text is not an evidence bundle ({BUNDLE_FORMAT})")
    if not _canonical(document, text):
        # The app writes every bundle canonical. Any other text could hold what a reader takes otherwise than
        # the model does: a key given twice is one value to the parser and both to the model.
        raise RequestRefused(400, f"{where}.text is not in canonical form (sorted keys, no spaces, no repeats)")
    citable, event_ref = _citable(document)
    stray = [ref for ref in refs if ref not in citable]
    if stray:
        raise RequestRefused(400, f"{where}.refs name evidence the bundle does not hold: {stray[0][:80]!r}")
    return Bundle(
        profile=str(document.get("profile", "")),
        text=text,
        hash=digest,
        refs=tuple(refs),
        event_ref=event_ref,
        triage_id=triage_id,
        enrichment=enrichment,
        purpose=purpose,
        follows=follows,
    )


def _canonical(document: Any, text: str) -> bool:
    """Whether `text` is `document` written canonical (a number past a float's range cannot be)."""
    try:
        return canonical_json(document) == text
    except (ValueError, RecursionError):
        return False


def _enrichment(where: str, records: Any) -> "tuple[dict[str, object], ...]":
    """The enrichment records of a bundle, checked and bounded: they go to the audit trail with the system
    token, so a caller must not be able to make that event unreadable or say anything but what ran."""
    problem = f"{where}.enrichment must list at most {MAX_ENRICHMENT_RECORDS} records of {sorted(_ENRICHMENT_RECORD)}"
    if not isinstance(records, list) or len(records) > MAX_ENRICHMENT_RECORDS:
        raise RequestRefused(400, problem)
    for record in records:
        if not isinstance(record, dict) or set(record) != set(_ENRICHMENT_RECORD):
            raise RequestRefused(400, problem)
        for key, kind in _ENRICHMENT_RECORD.items():
            value = record[key]
            if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):  # type: ignore[arg-type]
                raise RequestRefused(400, f"{where}.enrichment: {key} must be {getattr(kind, '__name__', 'a number')}")
            if isinstance(value, float) and not math.isfinite(value):
                raise RequestRefused(400, f"{where}.enrichment: {key} must be a finite number")
            if key in _ENRICHMENT_NUMBERS and not 0 <= value <= _ENRICHMENT_NUMBERS[key]:
                raise RequestRefused(400, f"{where}.enrichment: {key} must be 0 to {_ENRICHMENT_NUMBERS[key]}")
        if not PROVIDER_NAME.fullmatch(record["item"]):
            raise RequestRefused(400, f"{where}.enrichment: item must be a catalog item's name")
        if len(record["spl"]) > MAX_ENRICHMENT_SPL or len(record["error"]) > MAX_ENRICHMENT_ERROR:
            raise RequestRefused(
                400,
                f"{where}.enrichment: spl (at most {MAX_ENRICHMENT_SPL}) or error (at most "
                f"{MAX_ENRICHMENT_ERROR} characters) too long",
            )
    if len(canonical_json(records)) > MAX_ENRICHMENT_EVENT_CHARS:
        raise RequestRefused(400, f"{where}.enrichment takes more than {MAX_ENRICHMENT_EVENT_CHARS} characters")
    return tuple(records)


def _citable(document: Mapping[str, Any]) -> tuple[set[str], str]:
    """Every `<event ref>/<field>` the bundle's events hold, and the first event's reference."""
    citable: set[str] = set()
    first = ""
    events = document.get("events")
    for event in events if isinstance(events, list) else []:
        fields = event.get("fields") if isinstance(event, dict) else None
        ref = event.get("ref") if isinstance(event, dict) else None
        if isinstance(ref, str) and isinstance(fields, dict):
            first = first or ref
            citable.update(f"{ref}/{name}" for name in fields)
    return citable, first


def _timeout(value: Any) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not MIN_TIMEOUT <= value <= MAX_TIMEOUT:
        raise RequestRefused(400, f"timeout must be a number of seconds from {MIN_TIMEOUT:g} to {MAX_TIMEOUT:g}")
    return float(value)


def _wait(value: Any) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_WAIT:
        raise RequestRefused(400, f"wait must be a number of seconds from 0 to {MAX_WAIT:g}")
    return float(value)


def _count(data: Mapping[str, Any], key: str, kind: type) -> Any:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise WireError(f"a judgement's {key} is not a non-negative number")
    if kind is int and value != int(value):
        raise WireError(f"a judgement's {key} is not a whole number")
    return kind(value)
