"""A cluster's story: one model call per cluster of related alerts, its answer checked like a verdict.

`schemas/narrative.schema.json` is the single source of truth for the answer; the provider is sent the
subset of it every structured-output mode accepts, with every evidence list narrowed to the cluster
bundle's own references, and the answer is checked against the whole schema on return: cited references
must be the bundle's, and every entity named must be written in the bundle.

`NarrativeJudge` is a `Judge` (bundles in, one judgement each, never raises), so the app's endpoint
serves it as it serves verdicts (`kind: narrative`) and the provider's key stays on splunkd's side.
"""

import copy
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.canonical import strict_json_loads
from llm_triage.evidence.fields import STATUS_ERROR, STATUS_OK, STATUS_UNAVAILABLE, FieldValue
from llm_triage.providers.base import CompletionRequest, Provider, ProviderError
from llm_triage.trust.redaction import scrub_secrets
from llm_triage.verdict.judge import Judgement, failed, usage_cost
from llm_triage.verdict.prompt import Prompt, load_prompt
from llm_triage.verdict.schema import FULL_ONLY_KEYWORDS, WIRE_KEYWORDS, _wire_subset, schema_errors

NARRATIVE_PROMPT = "cluster-narrative-1"
NARRATIVE_SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "narrative.schema.json"
SCHEMA_NAME = "cluster_narrative"
PROBLEMS_SHOWN = 3
REQUEST_KIND = "narrative"  # the endpoint's request kind for cluster bundles


@lru_cache(maxsize=1)
def narrative_schema() -> dict[str, Any]:
    """The narrative JSON schema as shipped."""
    with NARRATIVE_SCHEMA_PATH.open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def narrative_wire_schema(evidence_refs: Sequence[str], full: bool = False) -> dict[str, Any]:
    """The schema a provider is sent for one cluster bundle: the keywords its mode accepts, every evidence
    list narrowed to the bundle's references."""
    keywords = WIRE_KEYWORDS | (FULL_ONLY_KEYWORDS if full else frozenset())
    schema = _wire_subset(copy.deepcopy(narrative_schema()), keywords)
    refs = {"type": "string", "enum": list(evidence_refs)}
    schema["properties"]["evidence"]["items"] = dict(refs)
    schema["properties"]["steps"]["items"]["properties"]["evidence"]["items"] = dict(refs)
    return schema


def narrative_problems(answer: Any, bundle: Bundle) -> list[str]:
    """Why a narrative cannot be written to rows: schema errors, evidence it invents, entities not in the bundle."""
    problems = schema_errors(answer, narrative_schema())
    if problems:
        return problems
    known = set(bundle.refs)
    cited = list(answer["evidence"]) + [ref for step in answer["steps"] for ref in step["evidence"]]
    invented = [ref for ref in cited if ref not in known]
    if invented:
        problems.append("cites evidence not in the bundle: " + ", ".join(repr(ref[:60]) for ref in invented[:3]))
    values = "\n".join(_strings(json.loads(bundle.text))).lower()  # the values, not their JSON escapes
    strangers = [entity for entity in answer["entities"] if entity.strip().lower() not in values]
    if strangers:
        problems.append("names entities not in the bundle: " + ", ".join(repr(e[:60]) for e in strangers[:3]))
    return problems


def narrative_fields(answer: Mapping[str, Any]) -> dict[str, FieldValue]:
    """The row fields of a narrative that passed every check."""
    steps = [f"{number}. {step['what']}" for number, step in enumerate(answer["steps"], 1)]
    return {
        "cluster_narrative": "\n".join([f"{answer['title']}: {answer['summary']}", *steps]),
        "cluster_confidence": f"{float(answer['confidence']):.2f}",
        "cluster_tactics": list(answer["tactics"]),
        "cluster_entities": list(answer["entities"]),
        "cluster_next": list(answer["next_checks"]),
        "cluster_evidence": sorted({*answer["evidence"], *(ref for s in answer["steps"] for ref in s["evidence"])}),
    }


class NarrativeJudge:
    """Asks a provider for one narrative per cluster bundle, and checks each answer before accepting it."""

    def __init__(self, provider: Provider, prompt: Optional[Prompt] = None, secrets: Sequence[str] = ()):
        self._provider = provider
        self.provider = provider.config
        self._prompt = prompt or load_prompt(NARRATIVE_PROMPT)
        self._secrets = [secret for secret in (provider.config.api_key, *secrets) if secret]

    @property
    def prompt_label(self) -> str:
        """The narrative prompt's label."""
        return self._prompt.label

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One narrative judgement per bundle, in order; never raises."""
        return [self._one(bundle) for bundle in bundles]

    def _one(self, bundle: Bundle) -> Judgement:
        schema = narrative_wire_schema(bundle.refs, full=self.provider.schema_constraints == "full")
        request = CompletionRequest(messages=self._prompt.messages(bundle.text), schema=schema, schema_name=SCHEMA_NAME)
        try:
            completion = self._provider.complete(request)
        except ProviderError as exc:
            status = STATUS_UNAVAILABLE if exc.unavailable else STATUS_ERROR
            return failed(status, self._safe(exc.message), http_status=exc.status, retry_after=exc.retry_after)
        accounted = Judgement(
            STATUS_OK,
            model=completion.model,
            prompt_tokens=completion.prompt_tokens,
            completion_tokens=completion.completion_tokens,
            latency_ms=completion.latency_ms,
            cost=usage_cost(
                self.provider,
                completion.prompt_tokens,
                completion.completion_tokens,
                completion.cached_tokens,
                completion.cache_write_tokens,
            ),
            cached_prompt_tokens=completion.cached_tokens,
            cache_write_tokens=completion.cache_write_tokens,
        )
        try:
            answer = strict_json_loads(completion.content)
        except ValueError:
            return _rejected(accounted, "not valid JSON")
        problems = narrative_problems(answer, bundle)
        if problems:
            return _rejected(accounted, self._safe("; ".join(problems[:PROBLEMS_SHOWN])))
        return replace(accounted, fields=narrative_fields(answer))

    def _safe(self, text: str) -> str:
        return scrub_secrets(text, self._secrets)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [text for child in children for text in _strings(child)]


def _rejected(accounted: Judgement, why: str) -> Judgement:
    return replace(accounted, status=STATUS_ERROR, fields={"triage_error": f"narrative rejected: {why}"})
