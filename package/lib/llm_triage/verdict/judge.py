"""Turning bundles into verdicts: the seam between a search's rows and whoever asks the model.

A `Judge` takes bundles and gives back one `Judgement` per bundle, in order, and never raises. The
command's side (rows, order, budgets, the engine) sees only this interface; `ProviderJudge` asks a model
provider directly (inside the app's REST endpoint, which holds the key, and in tests), and other judges
may forward bundles elsewhere (to that endpoint) or answer from a cache.

With a provider's `batch_size` above 1, `ProviderJudge` asks about up to that many bundles in one model
request (the batch prompt, one schema property per bundle) and checks each bundle's verdict on its own,
so a bad or missing verdict costs only its own row. The request's tokens, cost and latency are split
evenly among its bundles (the remainder of a count to the first ones), so rows and searches sum right.

Every request of one prompt, schema variant and provider begins with the same bytes (the schema, then the
system message: see prompt.py and schema.wire_schema), and says so with a `cache_key` derived from the
prompt and the schema, which providers turn into their own prompt-cache marker (providers/). What the
provider served from its cache is counted apart (`cached_prompt_tokens`, `cache_write_tokens`) and priced
at the provider's cached-input and cache-write prices.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Optional, Protocol

from llm_triage.enrichment.context import offered_searches
from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.canonical import canonical_json, content_hash, strict_json_loads
from llm_triage.evidence.fields import STATUS_ERROR, STATUS_OK, STATUS_REJECTED, STATUS_UNAVAILABLE, FieldValue
from llm_triage.providers import GRAMMAR_TYPES
from llm_triage.providers.base import Completion, CompletionRequest, Provider, ProviderConfig, ProviderError
from llm_triage.trust.injection.detector import UNPLACED_BY_MODEL, reported_labels
from llm_triage.trust.redaction import scrub_secrets
from llm_triage.verdict.batching import model_requests, request_size
from llm_triage.verdict.prompt import Prompt, prompt_for
from llm_triage.verdict.schema import (
    answer_problems,
    batch_ids,
    batch_wire_schema,
    offered_only,
    reported_swaying,
    wire_schema,
)

PROBLEMS_SHOWN = 3
BATCH_SCHEMA_NAME = "triage_verdicts"


@dataclass(frozen=True)
class Judgement:
    """What became of one bundle.

    `status` is ok, unavailable (asking again later may work), rejected (the model answered, but the
    answer failed a check: schema, evidence, bucket, canary) or error (a setting or the provider refused);
    `fields` holds the verdict fields when ok, else `triage_error`. Accounting is zero when
    no model answered. `retry_after` is the provider's own hint, in seconds, when it gave one.
    """

    status: str
    fields: dict[str, FieldValue] = field(default_factory=dict)
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: int = 0
    cost: float = 0.0
    http_status: int = 0
    retry_after: Optional[float] = None
    cached: bool = False  # answered from the verdict cache: the accounting is the original call's
    cached_prompt_tokens: int = 0  # of prompt_tokens, those the provider read from its prompt cache
    cache_write_tokens: int = 0  # of prompt_tokens, those the provider wrote to its prompt cache (Anthropic)
    # False when the bundle was refused before any request (an open breaker, a cap or budget reached): the
    # audit trail then says nothing left, as for a cached verdict.
    asked: bool = True

    @property
    def tokens(self) -> int:
        """Prompt and completion tokens together."""
        return self.prompt_tokens + self.completion_tokens

    @property
    def error(self) -> str:
        """Why the bundle has no verdict; empty when it has one."""
        return str(self.fields.get("triage_error", ""))


def failed(
    status: str, message: str, http_status: int = 0, retry_after: Optional[float] = None, asked: bool = True
) -> Judgement:
    """A judgement without a verdict (`asked=False`: refused before any request was made)."""
    return Judgement(
        status=status, fields={"triage_error": message}, http_status=http_status, retry_after=retry_after, asked=asked
    )


class Judge(Protocol):
    """Asks for verdicts on bundles; `provider` carries the provider's name, model and limits (never
    necessarily its key)."""

    provider: ProviderConfig

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One judgement per bundle, in the same order; never raises."""
        ...  # pragma: no cover


def usage_cost(
    config: ProviderConfig, prompt_tokens: int, completion_tokens: int, cached: int = 0, cache_write: int = 0
) -> float:
    """What the call cost at the provider's configured prices (per million tokens): of the prompt tokens,
    `cached` were read from the provider's prompt cache and `cache_write` written to it, each at its own
    price (the input price when that is not set)."""
    cached = min(max(cached, 0), prompt_tokens)
    cache_write = min(max(cache_write, 0), prompt_tokens - cached)
    plain = prompt_tokens - cached - cache_write
    return (
        plain * config.price_input_per_mtok
        + cached * config.cached_input_price
        + cache_write * config.cache_write_price
        + completion_tokens * config.price_output_per_mtok
    ) / 1e6


def prefix_cache_key(prompt: Prompt, schema: Mapping[str, Any], narrowed: bool) -> str:
    """What requests that begin with the same bytes (the schema, then the system message) have in common,
    for the provider's prompt cache: the prompt's id, version and hash and the schema's hash. Empty when
    the prefix varies per request: a prompt with the canary in its system message, or a schema narrowed to
    each bundle's references (for grammars, not prompt text: see narrows)."""
    if narrowed or not prompt.stable_prefix:
        return ""
    return f"{prompt.id}/{prompt.version}#{prompt.digest[:8]}:{content_hash(canonical_json(schema))[:12]}"


def narrows(config: ProviderConfig) -> bool:
    """Whether `config`'s requests narrow the schema to each bundle: with `schema_constraints = full`, or a
    type whose server makes the schema a grammar (GRAMMAR_TYPES); elsewhere the schema is prompt text."""
    return config.schema_constraints == "full" or config.type in GRAMMAR_TYPES


class ProviderJudge:
    """Asks a provider directly, one request per bundle (or per `batch_size` bundles), and checks each
    answer before accepting it."""

    def __init__(self, provider: Provider, prompt: Prompt, secrets: Sequence[str] = ()):
        self._provider = provider
        self.provider = provider.config
        self.batch_size = request_size(provider.config)
        self._prompt = prompt_for(self.batch_size, prompt)
        self._secrets = [secret for secret in (provider.config.api_key, *secrets) if secret]

    @property
    def prompt(self) -> Prompt:
        """The prompt its requests use (the batch counterpart when the provider batches)."""
        return self._prompt

    @property
    def prompt_label(self) -> str:
        """The label of the prompt its requests use, as recorded on rows and in cache keys."""
        return self._prompt.label

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """Ask about each bundle in turn, or about each run of `batch_size` bundles in one request."""
        if not self._prompt.is_batch:
            return [self.judge_one(bundle) for bundle in bundles]
        return [judgement for batch in model_requests(bundles, self.provider) for judgement in self.judge_batch(batch)]

    def judge_one(self, bundle: Bundle) -> Judgement:
        """One model call for one bundle, its answer checked against the schema and the bundle."""
        full, narrow = self.provider.schema_constraints == "full", narrows(self.provider)
        offered = offered_searches(bundle.text)
        swaying = self._prompt.reports_swaying
        schema = wire_schema(bundle.refs, full=full, enrichment=offered, narrow=narrow, swaying=swaying)
        canary = self._prompt.canary([bundle.hash])
        request = CompletionRequest(
            messages=self._prompt.messages(bundle.text, canary),
            schema=schema,
            cache_key=prefix_cache_key(self._prompt, schema, narrow),
        )
        try:
            completion = self._provider.complete(request)
        except ProviderError as exc:
            return self._failure(exc)
        return self._accepted_or_rejected(completion, bundle, canary, offered)

    def judge_batch(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One model call for several bundles; each bundle's verdict checked against its own refs."""
        if not bundles:
            return []
        ids = batch_ids(len(bundles))
        full, narrow = self.provider.schema_constraints == "full", narrows(self.provider)
        items = [(item_id, bundle.refs) for item_id, bundle in zip(ids, bundles)]
        schema = batch_wire_schema(items, full=full, narrow=narrow, swaying=self._prompt.reports_swaying)
        canary = self._prompt.canary([bundle.hash for bundle in bundles])
        request = CompletionRequest(
            messages=self._prompt.batch_messages(
                [(item_id, bundle.text) for item_id, bundle in zip(ids, bundles)], canary
            ),
            schema=schema,
            schema_name=BATCH_SCHEMA_NAME,
            max_output_tokens=self.provider.max_output_tokens * len(bundles),
            cache_key=prefix_cache_key(self._prompt, schema, narrow),
        )
        try:
            completion = self._provider.complete(request)
        except ProviderError as exc:
            return [self._failure(exc)] * len(bundles)
        shares = self._shares(completion, len(bundles))
        try:
            answer = json.loads(completion.content, parse_constant=_NonFinite)
        except ValueError:
            return [_rejected(share, "not valid JSON") for share in shares]
        if not isinstance(answer, dict):
            return [_rejected(share, "the batch answer is not an object of verdicts by alert id") for share in shares]
        judgements = []
        for item_id, bundle, share in zip(ids, bundles, shares):
            if item_id not in answer:
                judgements.append(_rejected(share, f"the batch answer has no verdict for {item_id}"))
                continue
            item = answer[item_id]
            non_finite = _non_finite(item)
            problems = [f"{non_finite} is not JSON"] if non_finite else answer_problems(item, bundle.refs, canary)
            if problems:
                judgements.append(_rejected(share, self._safe("; ".join(problems[:PROBLEMS_SHOWN]))))
                continue
            if "enrichment" in item:  # the schema names none: those its own bundle does not offer are dropped
                item = dict(item, enrichment=offered_only(item["enrichment"], offered_searches(bundle.text)))
            judgements.append(replace(share, fields=verdict_fields(item, bundle.refs)))
        return judgements

    def _failure(self, exc: ProviderError) -> Judgement:
        status = STATUS_UNAVAILABLE if exc.unavailable else STATUS_ERROR
        return failed(status, self._safe(exc.message), http_status=exc.status, retry_after=exc.retry_after)

    def _shares(self, completion: Completion, count: int) -> list[Judgement]:
        """The request's accounting split evenly among its `count` bundles, summing to the whole."""
        prompt = _split(completion.prompt_tokens, count)
        output = _split(completion.completion_tokens, count)
        latency = _split(completion.latency_ms, count)
        read = min(max(completion.cached_tokens, 0), completion.prompt_tokens)
        # Split what the cache touched as a whole, then its reads: each share's reads and writes fit in it.
        touched = _split(min(read + max(completion.cache_write_tokens, 0), completion.prompt_tokens), count)
        cached = _split(read, count)
        written = [both - reads for both, reads in zip(touched, cached)]
        return [
            Judgement(
                STATUS_OK,
                model=completion.model,
                prompt_tokens=prompt[index],
                completion_tokens=output[index],
                latency_ms=latency[index],
                cost=usage_cost(self.provider, prompt[index], output[index], cached[index], written[index]),
                cached_prompt_tokens=cached[index],
                cache_write_tokens=written[index],
            )
            for index in range(count)
        ]

    def _accepted_or_rejected(
        self, completion: Completion, bundle: Bundle, canary: str = "", offered: Sequence[str] = ()
    ) -> Judgement:
        accounted = self._shares(completion, 1)[0]
        try:
            answer = strict_json_loads(completion.content)
        except ValueError:
            return _rejected(accounted, "not valid JSON")
        problems = answer_problems(answer, bundle.refs, canary)
        if problems:
            return _rejected(accounted, self._safe("; ".join(problems[:PROBLEMS_SHOWN])))
        if "enrichment" in answer:  # the schema lists no names: those not offered are dropped here
            answer = dict(answer, enrichment=offered_only(answer["enrichment"], offered))
        return replace(accounted, fields=verdict_fields(answer, bundle.refs))

    def _safe(self, text: str) -> str:
        return scrub_secrets(text, self._secrets)


def _rejected(accounted: Judgement, why: str) -> Judgement:
    return replace(accounted, status=STATUS_REJECTED, fields={"triage_error": f"answer rejected: {why}"})


def _split(total: int, count: int) -> list[int]:
    """`total` in `count` near-equal whole parts that sum to it, the larger ones first."""
    share, extra = divmod(total, count)
    return [share + (1 if index < extra else 0) for index in range(count)]


class _NonFinite:
    """Where a batch answer held NaN or Infinity: refused for its own verdict only, not the others'."""

    def __init__(self, name: str):
        self.name = name


def _non_finite(value: Any) -> str:
    """The name of the first NaN or Infinity inside `value`, or empty."""
    if isinstance(value, _NonFinite):
        return value.name
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for child in children:
        found = _non_finite(child)
        if found:
            return found
    return ""


def verdict_fields(answer: Mapping[str, Any], evidence_refs: Sequence[str] = ()) -> dict[str, FieldValue]:
    """The row fields of an answer that passed every check: with the fields of its bundle (`evidence_refs`)
    it reported as swaying its triage (`triage_injection`, `field:model`, and `injection:reported` for a report
    it could not place; added to the row's own findings, see `evidence.fields.write_answer`), and the context
    searches it asked for, when its bundle offered some (not part of the verdict the cache keeps)."""
    fields: dict[str, FieldValue] = {
        "triage_verdict": answer["verdict"],
        "triage_bucket": answer["bucket"],
        "triage_confidence": f"{float(answer['confidence']):.2f}",
        "triage_rationale": answer["rationale"],
        "triage_evidence": list(answer["evidence"]),
        "triage_attack": list(answer["attack"]),
        "triage_next_action": answer["next_action"],
        "triage_questions": list(answer["questions"]),
    }
    placed, unplaced = reported_swaying(answer, evidence_refs)
    reported = reported_labels(placed, evidence_refs) + ([UNPLACED_BY_MODEL] if unplaced else [])
    if reported:
        fields["triage_injection"] = reported
    if answer.get("enrichment"):
        fields["triage_enrichment_proposed"] = [str(name) for name in answer["enrichment"]]
    return fields
