"""Test doubles: a splunkd that answers from dicts, and a provider that answers from a function."""

import json
from collections.abc import Mapping
from typing import Callable, Optional
from urllib.parse import parse_qs, quote

from llm_triage.providers.base import Completion, CompletionRequest, ProviderConfig, ProviderError
from tests.servers.judge import citable_refs, evidence_text


class FakeSplunkd:
    """Answers `fetch(path)` the way splunkd's REST API does, from conf stanzas and secrets."""

    def __init__(
        self,
        confs: Optional[Mapping[str, Mapping[str, Mapping[str, str]]]] = None,
        secrets: Optional[Mapping[tuple[str, str], str]] = None,
        status: int = 200,
    ):
        self.confs = confs or {}
        self.secrets = secrets or {}
        self.status = status
        self.paths: list[str] = []

    def fetch(self, path: str) -> tuple[int, bytes]:
        self.paths.append(path)
        if self.status != 200:
            return self.status, json.dumps(
                {"messages": [{"type": "ERROR", "text": "KV Store is initializing"}]}
            ).encode()
        if path.startswith("configs/conf-"):
            name = path[len("configs/conf-") :]
            if name not in self.confs:
                return 404, b'{"messages":[{"type":"ERROR","text":"no such conf"}]}'
            entries = [{"name": stanza, "content": content} for stanza, content in self.confs[name].items()]
            return 200, json.dumps({"entry": entries}).encode()
        if path.startswith("storage/passwords?"):
            # splunkd's listing filtered by `search=realm=<realm>` (a substring match; callers check exactly)
            wanted = parse_qs(path.split("?", 1)[1]).get("search", [""])[0].partition("realm=")[2]
            entries = [
                {"name": f"{realm}:{user}:", "content": {"realm": realm, "username": user, "clear_password": secret}}
                for (realm, user), secret in self.secrets.items()
                if wanted in realm
            ]
            return 200, json.dumps({"entry": entries}).encode()
        for (realm, user), secret in self.secrets.items():
            if path == "storage/passwords/" + quote(f"{realm}:{user}:", safe=""):
                content = {"realm": realm, "username": user, "clear_password": secret}
                return 200, json.dumps({"entry": [{"name": f"{realm}:{user}:", "content": content}]}).encode()
        return 404, b'{"messages":[{"type":"ERROR","text":"Could not find object"}]}'


def configured(provider: str = "lab", base_url: str = "http://127.0.0.1:9/v1", key: str = "") -> FakeSplunkd:
    """A splunkd with one provider that is also the default."""
    secrets = {("llm_triage", provider): key} if key else {}
    return FakeSplunkd(
        confs={
            "llm_triage_settings": {"triage": {"default_provider": provider}},
            "llm_triage_providers": {
                "default": {"type": "openai_compatible"},
                provider: {"type": "openai_compatible", "base_url": base_url, "model": "m1"},
            },
        },
        secrets=secrets,
    )


class ScriptedProvider:
    """A provider whose answer for each request comes from `answer(request)` (a str or an exception); it
    reports 100 prompt tokens (`cached_tokens` of them from its prompt cache) and 40 completion tokens."""

    def __init__(self, config: ProviderConfig, answer: Callable[[CompletionRequest], object], cached_tokens: int = 0):
        self.config = config
        self.answer = answer
        self.cached_tokens = cached_tokens
        self.requests: list[CompletionRequest] = []

    def complete(self, request: CompletionRequest) -> Completion:
        self.requests.append(request)
        result = self.answer(request)
        if isinstance(result, ProviderError):
            raise result
        if isinstance(result, Exception):
            raise result
        return Completion(
            content=str(result),
            model="m1-2026",
            prompt_tokens=100,
            completion_tokens=40,
            cached_tokens=self.cached_tokens,
        )


def refs_of(request: CompletionRequest) -> list[str]:
    """The evidence references a request allows: its wire schema's enum when it narrows the evidence
    (schema_constraints = full), else those of the bundle in its user message."""
    messages = getattr(request, "messages", None) or [{"content": ""}]
    return citable_refs(request.schema, evidence_text(str(messages[-1]["content"])))


def verdict_json(request: CompletionRequest, **changes: object) -> str:
    """A valid answer for `request`, citing its first reference."""
    answer: dict[str, object] = {
        "verdict": "suspicious",
        "bucket": "needs_enrichment",
        "confidence": 0.55,
        "rationale": "Unusual source for this user.",
        "evidence": refs_of(request)[:1],
        "attack": ["T1078"],
        "questions": ["Is this travel expected?"],
        "next_action": "Ask the user to confirm the sign-in.",
        "swaying": [],
    }
    answer.update(changes)
    return json.dumps(answer)
