"""The one interface every model provider implements, and the failures it may report."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional, Protocol

from llm_triage.net.http import NO_PROXY, ProxySettings


@dataclass(frozen=True)
class ProviderConfig:
    """One configured provider, as an admin set it up. The key is never printed (repr=False)."""

    name: str
    type: str
    base_url: str
    model: str
    api_key: str = field(default="", repr=False)
    timeout: float = 30.0
    verify_tls: bool = True
    ca_bundle: str = ""
    max_output_tokens: int = 600
    temperature: float = 0.0
    seed: Optional[int] = 7
    schema_constraints: str = "portable"  # or "full": see schema.wire_schema
    api_version: str = ""  # Azure OpenAI's api-version; Anthropic's anthropic-version when set
    azure_auth: str = "api_key"  # Azure OpenAI: the key goes in `api-key`, or "entra_id": it is a Bearer token
    extra_headers: Mapping[str, str] = field(default_factory=dict)  # sent with every request (gateways)
    client_cert: str = ""  # PEM client certificate for gateways that require mutual TLS
    client_key: str = ""  # its PEM private key, when not inside client_cert
    max_concurrency: int = 8  # requests in flight at once
    batch_size: int = 1  # bundles asked about in one model request; 1: one request per bundle
    requests_per_minute: int = 0  # 0: no limit of our own
    tokens_per_minute: int = 0  # 0: no limit of our own
    price_input_per_mtok: float = 0.0  # currency units per million prompt tokens
    price_output_per_mtok: float = 0.0  # currency units per million completion tokens
    # Prompt tokens the provider read from (or wrote to) its prompt cache; None: at price_input_per_mtok.
    price_cached_input_per_mtok: Optional[float] = None
    price_cache_write_per_mtok: Optional[float] = None
    max_cost_per_day: float = 0.0  # at those prices, by every search and search head, per UTC day; 0: no cap
    # The HTTPS proxy requests go through (settings' [proxy] stanza); its password is a secret like the key.
    proxy: ProxySettings = NO_PROXY

    @property
    def endpoint(self) -> str:
        """Where requests go, for the audit trail (carries no credentials)."""
        return self.base_url

    @property
    def cached_input_price(self) -> float:
        """The price per million prompt tokens read from the provider's prompt cache."""
        price = self.price_cached_input_per_mtok
        return self.price_input_per_mtok if price is None else price

    @property
    def cache_write_price(self) -> float:
        """The price per million prompt tokens written to the provider's prompt cache."""
        price = self.price_cache_write_per_mtok
        return self.price_input_per_mtok if price is None else price


@dataclass(frozen=True)
class CompletionRequest:
    """What the triage layer asks of a model: messages and the JSON schema the answer must follow."""

    messages: list[dict[str, str]]
    schema: Mapping[str, Any]
    schema_name: str = "triage_verdict"
    max_output_tokens: int = 0  # the answer's cap; 0: the provider's max_output_tokens (a batch asks for more)
    # Non-empty when the schema and the system messages are the same bytes for every request with this key:
    # the prefix a provider's prompt cache may serve (marked per wire format: cache_control, prompt_cache_key).
    cache_key: str = ""


@dataclass(frozen=True)
class Completion:
    """A model's answer text and its accounting."""

    content: str
    model: str
    prompt_tokens: int = 0  # every prompt token, those served from or written to the prompt cache included
    completion_tokens: int = 0
    latency_ms: int = 0
    finish_reason: str = ""
    cached_tokens: int = 0  # of prompt_tokens, read from the provider's prompt cache
    cache_write_tokens: int = 0  # of prompt_tokens, written to the provider's prompt cache (Anthropic)


class ProviderError(Exception):
    """A call that produced no usable answer.

    `unavailable` is true when the provider could not be reached or refused for now (connection
    failures, time-outs, rate limits, 5xx): the row says `unavailable`, and trying again later may work.
    Otherwise the provider answered and said no (bad key, bad request, refusal): the row says `error`.
    Messages are written for the analyst and never contain credentials.
    """

    def __init__(self, message: str, unavailable: bool, status: int = 0, retry_after: Optional[float] = None):
        super().__init__(message)
        self.message = message
        self.unavailable = unavailable
        self.status = status
        self.retry_after = retry_after


class Provider(Protocol):
    """A model behind one wire format."""

    config: ProviderConfig

    def complete(self, request: CompletionRequest) -> Completion:
        """Send one request; return the answer or raise ProviderError."""
        ...  # pragma: no cover
