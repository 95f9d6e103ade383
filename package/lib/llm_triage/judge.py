"""Turning bundles into verdicts: the seam between a search's rows and whoever asks the model.

A `Judge` takes bundles and gives back one `Judgement` per bundle, in order, and never raises. The
command's side (rows, order, budgets, the engine) sees only this interface; `ProviderJudge` asks a model
provider directly (inside the app's REST endpoint, which holds the key, and in tests), and other judges
may forward bundles elsewhere (to that endpoint) or answer from a cache.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Optional, Protocol

from llm_triage.bundle import Bundle
from llm_triage.fields import STATUS_ERROR, STATUS_OK, STATUS_UNAVAILABLE, FieldValue
from llm_triage.prompt import Prompt
from llm_triage.providers.base import Completion, CompletionRequest, Provider, ProviderConfig, ProviderError
from llm_triage.redaction import scrub_secrets
from llm_triage.schema import answer_problems, wire_schema

PROBLEMS_SHOWN = 3


@dataclass(frozen=True)
class Judgement:
    """What became of one bundle.

    `status` is ok, unavailable (asking again later may work) or error (the answer or a setting was
    refused); `fields` holds the verdict fields when ok, else `triage_error`. Accounting is zero when
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

    @property
    def tokens(self) -> int:
        """Prompt and completion tokens together."""
        return self.prompt_tokens + self.completion_tokens

    @property
    def error(self) -> str:
        """Why the bundle has no verdict; empty when it has one."""
        return str(self.fields.get("triage_error", ""))


def failed(status: str, message: str, http_status: int = 0, retry_after: Optional[float] = None) -> Judgement:
    """A judgement without a verdict."""
    return Judgement(status=status, fields={"triage_error": message}, http_status=http_status, retry_after=retry_after)


class Judge(Protocol):
    """Asks for verdicts on bundles; `provider` carries the provider's name, model and limits (never
    necessarily its key)."""

    provider: ProviderConfig

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One judgement per bundle, in the same order; never raises."""
        ...  # pragma: no cover


def usage_cost(config: ProviderConfig, prompt_tokens: int, completion_tokens: int) -> float:
    """What the call cost at the provider's configured prices (per million tokens)."""
    return (prompt_tokens * config.price_input_per_mtok + completion_tokens * config.price_output_per_mtok) / 1e6


class ProviderJudge:
    """Asks a provider directly, one request per bundle, and checks each answer before accepting it."""

    def __init__(self, provider: Provider, prompt: Prompt, secrets: Sequence[str] = ()):
        self._provider = provider
        self.provider = provider.config
        self._prompt = prompt
        self._secrets = [secret for secret in (provider.config.api_key, *secrets) if secret]

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """Ask about each bundle in turn."""
        return [self.judge_one(bundle) for bundle in bundles]

    def judge_one(self, bundle: Bundle) -> Judgement:
        """One model call for one bundle, its answer checked against the schema and the bundle."""
        schema = wire_schema(bundle.refs, full=self.provider.schema_constraints == "full")
        request = CompletionRequest(messages=self._prompt.messages(bundle.text), schema=schema)
        try:
            completion = self._provider.complete(request)
        except ProviderError as exc:
            status = STATUS_UNAVAILABLE if exc.unavailable else STATUS_ERROR
            return failed(status, self._safe(exc.message), http_status=exc.status, retry_after=exc.retry_after)
        return self._accepted_or_rejected(completion, bundle)

    def _accepted_or_rejected(self, completion: Completion, bundle: Bundle) -> Judgement:
        accounted = Judgement(
            STATUS_OK,
            model=completion.model,
            prompt_tokens=completion.prompt_tokens,
            completion_tokens=completion.completion_tokens,
            latency_ms=completion.latency_ms,
            cost=usage_cost(self.provider, completion.prompt_tokens, completion.completion_tokens),
        )
        try:
            answer = json.loads(completion.content, parse_constant=_refuse_non_finite)
        except ValueError:
            return replace(accounted, status=STATUS_ERROR, fields={"triage_error": "answer rejected: not valid JSON"})
        problems = answer_problems(answer, bundle.refs)
        if problems:
            detail = self._safe("; ".join(problems[:PROBLEMS_SHOWN]))
            return replace(accounted, status=STATUS_ERROR, fields={"triage_error": f"answer rejected: {detail}"})
        return replace(accounted, fields=verdict_fields(answer))

    def _safe(self, text: str) -> str:
        return scrub_secrets(text, self._secrets)


def verdict_fields(answer: Mapping[str, Any]) -> dict[str, FieldValue]:
    """The row fields of an answer that passed every check."""
    return {
        "triage_verdict": answer["verdict"],
        "triage_bucket": answer["bucket"],
        "triage_confidence": f"{float(answer['confidence']):.2f}",
        "triage_rationale": answer["rationale"],
        "triage_evidence": list(answer["evidence"]),
        "triage_attack": list(answer["attack"]),
        "triage_next_action": answer["next_action"],
        "triage_questions": list(answer["questions"]),
    }


def _refuse_non_finite(name: str) -> float:
    """JSON has no NaN or Infinity; Python's parser accepts them unless told otherwise."""
    raise ValueError(f"{name} is not JSON")
