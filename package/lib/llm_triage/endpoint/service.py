"""The app's REST endpoint: bundles in, judgements out, the provider's key never leaving splunkd.

A search command runs with the analyst's session, which must not need `list_storage_passwords` (that
would expose every app's secrets). So the command POSTs its bundles to this endpoint
(restmap.conf `[script:llm_triage_judge]`, gated by the `llm_triage_run` capability), which splunkd runs
as a persistent handler with its system token: the endpoint reads the provider's settings and key with
that token, asks the model, checks each answer, and returns only the judgements.

Wire format (JSON both ways), POST `/servicesNS/nobody/llm_triage/llm_triage/judge`:

    request:  {"provider": "lab", "timeout": 30,
               "bundles": [{"text": "<canonical bundle JSON>", "refs": ["ev:3fa2c1d0/user"], "hash": "<sha256>",
                            "triage_id": "<the result's triage_id>"}]}
    reply:    {"provider": "lab", "judgements": [{"status": "ok", "fields": {...}, "model": "...",
               "prompt_tokens": 0, "completion_tokens": 0, "latency_ms": 0, "cost": 0.0,
               "http_status": 0, "retry_after": null, "cached": false}], "warnings": ["..."]}
    preview:  {"preview": true, "bundles": [...]} (provider optional) answers, without asking any model,
              {"pseudonymized": true, "previews": [{"text": "<the bundle as it would be sent>", "hash": "..."}]}
    refusal:  any other status, {"messages": [{"type": "ERROR", "text": "<why>"}]} as splunkd writes them

`prompt` is optional: the name of a shipped verdict prompt (`triage-1`, `triage-2`; never a path) to ask
with instead of the default (llmreplay prompt=); its batch counterpart when the provider batches.
`timeout`, `triage_id` and `warnings` are optional (`warnings`: what the search should be told, such as
an audit trail that could not be written). `kind` is optional: `verdict` (the default) judges each bundle;
`narrative` asks for a cluster bundle's story instead (llmcluster, stories/narrative.py): its judgements
carry the `cluster_*` narrative fields, and are not cached. A judgement's `status` is ok, unavailable,
error or rejected (the model's answer failed a check). Requests are bounded (`MAX_*` below); a bundle's
hash must be its text's, and its refs must name fields of its events. With `pseudonymize = 1`,
identifiers are replaced by pseudonyms here, just before the model call, and mapped back in the answer
(llm_triage.trust.pseudonyms); every inference, verdict or narrative, is recorded in the audit trail
(llm_triage.trust.audit). Nothing here imports splunklib: `bin/llm_triage_rest.py` hands in how to
reach splunkd.
"""

import json
import logging
import math
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Callable, Optional, Union

from llm_triage import names
from llm_triage.endpoint.identifiers import TRIAGE_ID, is_shaped
from llm_triage.engine.cache import CachedJudge, VerdictCache
from llm_triage.evidence.bundle import BUNDLE_FORMAT, Bundle
from llm_triage.evidence.canonical import content_hash, strict_json_loads
from llm_triage.evidence.fields import (
    NARRATIVE_FIELDS,
    OUTPUT_FIELDS,
    STATUS_ERROR,
    STATUS_OK,
    STATUS_REJECTED,
    STATUS_UNAVAILABLE,
    FieldValue,
)
from llm_triage.feedback.examples import ExampleStore
from llm_triage.feedback.fewshot import FewShotJudge
from llm_triage.feedback.settings import STANZA as FEEDBACK_STANZA
from llm_triage.feedback.settings import FeedbackSettingsError, feedback_settings
from llm_triage.feedback.store import FeedbackStore
from llm_triage.feedback.triaged import COLLECTION as TRIAGED_COLLECTION
from llm_triage.feedback.triaged import TriagedEvidence
from llm_triage.providers import create_provider
from llm_triage.providers.base import Provider, ProviderConfig, ProviderError
from llm_triage.splunkd.conf import ConfigUnavailable, ProviderChoice, SplunkdConfig
from llm_triage.splunkd.kvstore import Collection, StoreUnavailable
from llm_triage.splunkd.kvstore_cache import KvStoreVerdictCache
from llm_triage.splunkd.rest import Request, SplunkdRest
from llm_triage.splunkd.settings import PROVIDER_NAME, SETTINGS_CONF, ConfigError, TriageSettings
from llm_triage.stories.narrative import NarrativeJudge
from llm_triage.trust.audit import AUDIT_STANZA, AuditSettings, AuditTrail, audit_settings_from_conf, inference_event
from llm_triage.trust.pseudonyms import (
    Pseudonymizer,
    PseudonymizingJudge,
    PseudonymKeyUnavailable,
    stored_key,
)
from llm_triage.trust.redaction import scrub_secrets
from llm_triage.verdict.judge import Judge, Judgement, ProviderJudge
from llm_triage.verdict.prompt import Prompt, load_prompt, prompt_for, verdict_prompt

LOG = logging.getLogger("llm_triage")

ENDPOINT_PATH = names.JUDGE_PATH  # under the app's namespace; restmap.conf `match = /llm_triage/judge`
RUN_CAPABILITY = names.RUN_CAPABILITY  # restmap.conf's gate for POST
MAX_REQUEST_BYTES = 2 * 1024 * 1024
MAX_BUNDLES = 50
MAX_BUNDLE_CHARS = 100_000  # far above max_bundle_chars' usual 8,000; a bound, not a setting
MAX_REFS = 512
MAX_REF_CHARS = 300
MIN_TIMEOUT, MAX_TIMEOUT = 1.0, 600.0  # as the command's timeout= option
STATUSES = (STATUS_OK, STATUS_ERROR, STATUS_UNAVAILABLE, STATUS_REJECTED)
_REQUEST_KEYS = frozenset({"provider", "bundles", "timeout", "preview", "kind", "prompt"})
KIND_VERDICT, KIND_NARRATIVE = "verdict", "narrative"  # what to ask about the bundles (kind; verdict when absent)
_BUNDLE_KEYS = frozenset({"text", "refs", "hash"})
_OPTIONAL_BUNDLE_KEYS = frozenset({"triage_id"})
_JSON_TYPE = {"Content-Type": "application/json; charset=UTF-8"}

Connect = Callable[[str, str], Request]
"""(splunkd's REST URI, a session token) -> the `request` doorway of llm_triage.splunkd.rest."""


class RequestRefused(Exception):
    """A request the endpoint will not serve; `message` is safe to show the analyst."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


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


@dataclass(frozen=True)
class Reply:
    """An HTTP status and its JSON body."""

    status: int
    payload: Mapping[str, Any]

    def persistent(self) -> dict[str, Any]:
        """The reply as splunkd's persistent-handler protocol wants it (the body as JSON text)."""
        return {"payload": json.dumps(self.payload, ensure_ascii=False), "status": self.status, "headers": _JSON_TYPE}


def refusal(status: int, message: str) -> Reply:
    """A non-200 reply whose body is splunkd's usual message list."""
    return Reply(status, {"messages": [{"type": "ERROR", "text": message}]})


def bundle_to_wire(bundle: Bundle) -> dict[str, Any]:
    """One bundle as the request carries it."""
    wire: dict[str, Any] = {"text": bundle.text, "refs": list(bundle.refs), "hash": bundle.hash}
    if bundle.triage_id:
        wire["triage_id"] = bundle.triage_id
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
    return JudgeRequest(
        provider=provider,
        bundles=tuple(_bundle(index, item) for index, item in enumerate(bundles)),
        timeout=_timeout(data.get("timeout")),
        preview=preview,
        kind=kind,
        prompt=prompt,
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
    )


# How long the endpoint reuses what it read for a provider (settings, its config, its key): a search sends
# many requests, and each would otherwise re-read two conf files and secret storage. An admin's change
# takes effect within this time.
MEMO_SECONDS = 15.0


class ConfigMemo:
    """The settings and provider choices one persistent endpoint process read recently, by provider name."""

    def __init__(self, seconds: float = MEMO_SECONDS, clock: Callable[[], float] = time.monotonic):
        self._seconds = seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, TriageSettings, ProviderChoice]] = {}
        self._extras: dict[str, tuple[float, Any]] = {}  # the pseudonym key, the audit settings

    def get(self, provider: str) -> Optional[tuple[TriageSettings, ProviderChoice]]:
        """What was read for `provider` within the last `seconds`, or None."""
        with self._lock:
            entry = self._entries.get(provider)
            if entry is None or entry[0] <= self._clock():
                self._entries.pop(provider, None)
                return None
            return entry[1], entry[2]

    def put(self, provider: str, settings: TriageSettings, choice: ProviderChoice) -> None:
        """Keep a usable choice for `seconds`."""
        with self._lock:
            self._entries[provider] = (self._clock() + self._seconds, settings, choice)

    def extra(self, name: str) -> Any:
        """Something else read within the last `seconds` (None when not, or too long ago)."""
        with self._lock:
            entry = self._extras.get(name)
            if entry is None or entry[0] <= self._clock():
                self._extras.pop(name, None)
                return None
            return entry[1]

    def put_extra(self, name: str, value: Any) -> None:
        """Keep `value` for `seconds`."""
        with self._lock:
            self._extras[name] = (self._clock() + self._seconds, value)


class TriageService:
    """Answers one request with the configuration and secrets `config` reads (with the system token)."""

    def __init__(
        self,
        config: SplunkdConfig,
        provider_factory: Callable[[ProviderConfig], Provider] = create_provider,
        prompt: Optional[Prompt] = None,
        cache: Optional[VerdictCache] = None,
        memo: Optional[ConfigMemo] = None,
        examples: Optional[ExampleStore] = None,
        labels: Optional[FeedbackStore] = None,
        rest: Optional[SplunkdRest] = None,
        actor: str = "",
        triaged: Optional[TriagedEvidence] = None,
    ):
        self._config = config
        self._provider_factory = provider_factory
        self._prompt = prompt or load_prompt()
        self._cache = cache
        self._memo = memo
        self._examples = examples  # approved few-shot examples, when the feedback settings turn them on
        self._labels = labels  # the dispositions, to check each chosen example is still approved
        self._rest = rest  # with the system token: the pseudonym key and the audit trail (None: neither)
        self._actor = actor  # the searching user, for the audit trail
        self._triaged = triaged  # the evidence labels may be about (feedback.triaged)
        self.secrets: list[str] = []  # what it read, to scrub from any failure's trace

    def answer(self, request: JudgeRequest) -> Reply:
        """Judge every bundle of `request` with its provider; a refusal when the provider cannot be used."""
        if request.preview:
            return self._preview(request)
        remembered = self._memo.get(request.provider) if self._memo is not None else None
        if remembered is None:
            settings = self._settings()
            if isinstance(settings, Reply):
                return settings
            choice = self._config.provider(request.provider, settings, with_key=True)
            if choice.config is None:
                return refusal(503 if choice.unavailable else 400, choice.problem)
            if self._memo is not None:
                self._memo.put(request.provider, settings, choice)
        else:
            settings, choice = remembered
        config = choice.config
        assert config is not None  # only usable choices are remembered
        if request.timeout is not None:
            config = replace(config, timeout=request.timeout)
        secrets = (config.api_key, config.proxy_password)
        self.secrets.extend(secret for secret in secrets if secret)
        try:
            pseudonymizer = self._pseudonymizer(settings)
        except PseudonymKeyUnavailable as exc:
            return refusal(503, f"pseudonymize = 1, but the pseudonym key is unavailable: {exc}")
        try:
            if request.kind == KIND_NARRATIVE:  # a cluster's story (llmcluster); not cached
                return self._narrate(request, config, secrets, pseudonymizer)
            prompt = verdict_prompt(request.prompt) if request.prompt else self._prompt
            provider = self._provider_factory(config)
            asker = ProviderJudge(provider, prompt, secrets=secrets)
            judge: Judge = asker
            pseudonymizing = None
            if pseudonymizer is not None:
                # Inside the cache: the cache is keyed by the real bundle and keeps answers in real names.
                judge = pseudonymizing = PseudonymizingJudge(asker, pseudonymizer)
            if self._cache is not None and settings.cache_ttl > 0 and not settings.cache_file:
                # The endpoint, not the analyst's search, writes the shared verdict cache.
                judge = CachedJudge(judge, self._cache, asker.prompt_label, settings.cache_ttl)
            if pseudonymizer is None:  # examples would show past cases' real names beside pseudonyms
                judge = self._with_examples(judge, provider, secrets, settings, prompt)
            judgements = judge.judge(request.bundles)
        except ProviderError as exc:
            return refusal(400, scrub_secrets(exc.message, secrets))
        return self._answered(request, config, judgements, pseudonymizing, prompt)

    def _narrate(
        self,
        request: JudgeRequest,
        config: ProviderConfig,
        secrets: tuple[str, str],
        pseudonymizer: Optional[Pseudonymizer],
    ) -> Reply:
        """Cluster narratives (llmcluster): pseudonymized like verdicts when that is on, audited, never cached."""
        judge: Judge = NarrativeJudge(self._provider_factory(config), secrets=secrets)
        pseudonymizing = None
        if pseudonymizer is not None:
            judge = pseudonymizing = PseudonymizingJudge(judge, pseudonymizer)
        judgements = judge.judge(request.bundles)
        return self._answered(request, config, judgements, pseudonymizing)

    def _answered(
        self,
        request: JudgeRequest,
        config: ProviderConfig,
        judgements: Sequence[Judgement],
        pseudonymizing: Optional[PseudonymizingJudge],
        prompt: Optional[Prompt] = None,
    ) -> Reply:
        """The judgements as the reply, audited; a failed audit is a warning in the reply, never a refusal."""
        payload: dict[str, Any] = {"provider": config.name, "judgements": [judgement_to_wire(j) for j in judgements]}
        sent = pseudonymizing.sent if pseudonymizing is not None else {}
        warnings = [self._audit(request.bundles, judgements, sent, config, pseudonymizing is not None, prompt)]
        if request.kind == KIND_VERDICT:
            warnings.append(self._record_triaged(request.bundles))
        for warning in filter(None, warnings):
            LOG.warning("llm_triage endpoint: %s", warning)
            payload.setdefault("warnings", []).append(warning)
        return Reply(200, payload)

    def _record_triaged(self, bundles: Sequence[Bundle]) -> str:
        """Record the evidence labels may be about; a failure is a warning, never a lost verdict."""
        if self._triaged is None:
            return ""
        try:
            self._triaged.record(bundles, self._actor)
        except StoreUnavailable as exc:
            return f"triaged evidence not recorded (labels on it will be refused): {exc}"
        return ""

    def _settings(self) -> Union[TriageSettings, Reply]:
        """The search settings, or the refusal saying why they cannot be read."""
        try:
            return self._config.settings()
        except ConfigUnavailable as exc:
            return refusal(503, f"settings unreadable: {exc}")
        except ConfigError as exc:
            return refusal(409, f"settings unreadable: {exc}")

    def _preview(self, request: JudgeRequest) -> Reply:
        """The bundles exactly as they would be sent (pseudonymized when that is on); no model is asked."""
        settings = self._settings()
        if isinstance(settings, Reply):
            return settings
        try:
            pseudonymizer = self._pseudonymizer(settings)
        except PseudonymKeyUnavailable as exc:
            return refusal(503, f"pseudonymize = 1, but the pseudonym key is unavailable: {exc}")
        previews = []
        for bundle in request.bundles:
            sent = pseudonymizer.bundle(bundle).bundle if pseudonymizer is not None else bundle
            previews.append({"text": sent.text, "hash": sent.hash})
        return Reply(200, {"pseudonymized": pseudonymizer is not None, "previews": previews})

    def _pseudonymizer(self, settings: TriageSettings) -> Optional[Pseudonymizer]:
        """The deployment's pseudonymizer when `pseudonymize` is on; PseudonymKeyUnavailable without a key."""
        if not settings.pseudonymize:
            return None
        key = self._memo.extra("pseudonym_key") if self._memo is not None else None
        if key is None:
            if self._rest is None:
                raise PseudonymKeyUnavailable("the endpoint cannot reach secret storage")
            key = stored_key(self._rest)
            if self._memo is not None:
                self._memo.put_extra("pseudonym_key", key)
        self.secrets.append(key)
        return Pseudonymizer(key)

    def _audit(
        self,
        bundles: Sequence[Bundle],
        judgements: Sequence[Judgement],
        sent: Mapping[str, str],
        config: ProviderConfig,
        pseudonymized: bool,
        asked: Optional[Prompt] = None,
    ) -> Optional[str]:
        """Record one event per bundle judged; a warning for the search when that failed."""
        if self._rest is None:
            return None
        warning = ""
        audit = self._memo.extra("audit") if self._memo is not None else None
        if audit is None:
            try:
                audit = audit_settings_from_conf(self._config.conf(SETTINGS_CONF).get(AUDIT_STANZA, {}))
            except (ConfigUnavailable, ConfigError) as exc:
                # An unreadable setting must not lose the record: the shipped default index takes it.
                audit, warning = (
                    AuditSettings(),
                    f"audit settings unreadable ({exc}); audit written to {AuditSettings().index}",
                )
            if self._memo is not None and not warning:
                self._memo.put_extra("audit", audit)
        trail = AuditTrail(self._rest, audit)
        prompt = prompt_for(config.batch_size, asked or self._prompt)
        now = trail.clock()
        events = [
            inference_event(
                bundle,
                judgement,
                sent.get(bundle.hash, bundle.text),
                prompt,
                config,
                self._actor,
                pseudonymized,
                now,
                secrets=self.secrets,
            )
            for bundle, judgement in zip(bundles, judgements)
        ]
        failure = trail.write(events)
        return "; ".join(part for part in (warning, failure) if part) or None

    def _with_examples(
        self,
        judge: Judge,
        provider: Provider,
        secrets: tuple[str, str],
        settings: TriageSettings,
        prompt: Optional[Prompt] = None,
    ) -> Judge:
        """`judge`, or with `[feedback] examples` on, a judge showing each bundle its approved examples
        (llm_triage.feedback.fewshot), read here with the system token, never taken from the search."""
        if self._examples is None or self._labels is None:
            return judge
        try:
            feedback = feedback_settings(self._config.conf(SETTINGS_CONF).get(FEEDBACK_STANZA, {}))
        except (ConfigUnavailable, FeedbackSettingsError) as exc:
            LOG.warning("llm_triage endpoint: no few-shot examples: %s", exc)
            return judge
        if not feedback.examples:
            return judge

        def judge_for(shown: Prompt) -> Judge:
            asker = ProviderJudge(provider, shown, secrets=secrets)
            if self._cache is not None and settings.cache_ttl > 0 and not settings.cache_file:
                return CachedJudge(asker, self._cache, asker.prompt_label, settings.cache_ttl)
            return asker

        return FewShotJudge(provider.config, prompt or self._prompt, judge_for, self._examples, feedback, self._labels)


def handle(
    in_string: Union[str, bytes],
    connect: Connect,
    provider_factory: Callable[[ProviderConfig], Provider] = create_provider,
    memo: Optional[ConfigMemo] = None,
) -> dict[str, Any]:
    """One request of splunkd's persistent-handler protocol (a JSON document: method, payload,
    system_authtoken, server.rest_uri, session, ...) to its reply ({"payload", "status", "headers"}).

    Never raises: a failure is a reply whose message holds no secret.
    """
    read: list[str] = []
    try:
        return _handle(in_string, connect, provider_factory, read, memo).persistent()
    except Exception as exc:  # whatever broke, splunkd gets an answer and its log no key
        LOG.error("llm_triage endpoint: unexpected failure\n%s", scrub_secrets(traceback.format_exc(), read))
        return refusal(500, f"internal error in the llm_triage endpoint: {exc.__class__.__name__}").persistent()


def _handle(
    in_string: Union[str, bytes],
    connect: Connect,
    provider_factory: Callable[[ProviderConfig], Provider],
    read: list[str],
    memo: Optional[ConfigMemo] = None,
) -> Reply:
    try:
        envelope = json.loads(in_string)
    except ValueError:
        envelope = None
    if not isinstance(envelope, dict):
        return refusal(400, "the persistent-handler request is not a JSON object")
    method = str(envelope.get("method", "")).upper()
    if method != "POST":
        return refusal(405, f"the llm_triage judge endpoint answers POST only, not {method or 'nothing'}")
    server = envelope.get("server")
    rest_uri = server.get("rest_uri") if isinstance(server, dict) else None
    token = envelope.get("system_authtoken")
    if not isinstance(rest_uri, str) or not isinstance(token, str) or not token:
        return refusal(500, "the endpoint needs splunkd's system token: restmap.conf must set passSystemAuth = true")
    try:
        request = parse_request(envelope.get("payload"))
    except RequestRefused as exc:
        return refusal(exc.status, exc.message)
    session = envelope.get("session")
    actor = session.get("user") if isinstance(session, dict) else None
    if not isinstance(actor, str) or not actor.strip():
        # Every inference is audited under the user who asked: no user, no inference.
        return refusal(401, "the judge endpoint needs the caller's session: restmap.conf must set passSession = true")
    rest = SplunkdRest(connect(rest_uri, token))
    service = TriageService(
        SplunkdConfig(rest.get),
        provider_factory,
        cache=KvStoreVerdictCache(rest),
        memo=memo,
        examples=ExampleStore(rest),
        labels=FeedbackStore(rest),
        rest=rest,
        actor=actor,
        triaged=TriagedEvidence(Collection(rest, TRIAGED_COLLECTION)),
    )
    service.secrets = read  # shared, so a failure's trace is scrubbed of whatever was read before it
    return service.answer(request)


def _bundle(index: int, item: Any) -> Bundle:
    where = f"bundles[{index}]"
    if not isinstance(item, dict) or not _BUNDLE_KEYS <= set(item) <= _BUNDLE_KEYS | _OPTIONAL_BUNDLE_KEYS:
        raise RequestRefused(
            400, f"{where} must be an object with exactly text, refs and hash (and optionally triage_id)"
        )
    text, refs, digest = item["text"], item["refs"], item["hash"]
    triage_id = item.get("triage_id", "")
    if triage_id != "" and not is_shaped(TRIAGE_ID, triage_id):
        # It goes to the audit trail with the system token, and from there into dashboards' searches.
        raise RequestRefused(400, f"{where}.triage_id must be a triage id (24 lower-case hex characters)")
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
    )


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


def _count(data: Mapping[str, Any], key: str, kind: type) -> Any:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise WireError(f"a judgement's {key} is not a non-negative number")
    if kind is int and value != int(value):
        raise WireError(f"a judgement's {key} is not a whole number")
    return kind(value)
