"""Connection reuse: repeated calls to one provider over TLS, reusing one connection against opening a new
TCP and TLS connection per call (what every call did before the one HTTP client kept idle connections).

Both sides run in this process against the same loopback OpenAI-compatible server over HTTPS (a throwaway
CA made with openssl, verified as a provider's `ca_bundle` is), through the real provider and transport:
`create_provider(...).complete(...)` one call after another. The baseline swaps the process's pool for
one that keeps nothing, so each call pays the handshakes again. Per-call medians of several rounds.

Target (issue 16): reuse makes repeated calls faster, that is a ratio below 1.

    python -m bench.bench_connections [--quick]
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from bench.common import Result, Skipped, main, median, result
from llm_triage.net import http as transport
from llm_triage.providers import create_provider
from llm_triage.providers.base import CompletionRequest, ProviderConfig
from llm_triage.verdict.schema import wire_schema
from tests.servers.openai_compat import OpenAICompatServer
from tests.servers.tls_certs import make_pki

CALLS, QUICK_CALLS = 50, 20
ROUNDS, QUICK_ROUNDS = 5, 3


class _KeepNothing:
    """A pool that never hands a connection out again: a new connection per call."""

    def take(self, destination: Hashable) -> None:
        return None

    def give(self, destination: Hashable, connection: Any) -> None:
        connection.close()

    def close_all(self) -> None:
        pass


def per_call_ms(provider: object, calls: int) -> float:
    """Milliseconds per call, `calls` calls in a row."""
    request = CompletionRequest(messages=[{"role": "user", "content": "triage this"}], schema=wire_schema([]))
    started = time.perf_counter()
    for _ in range(calls):
        provider.complete(request)  # type: ignore[attr-defined]
    return (time.perf_counter() - started) * 1000 / calls


def run(quick: bool = False) -> list[Result]:
    if shutil.which("openssl") is None:
        raise Skipped("openssl is needed to make the loopback server's certificate")
    calls, rounds = (QUICK_CALLS, QUICK_ROUNDS) if quick else (CALLS, ROUNDS)
    with tempfile.TemporaryDirectory() as folder:
        pki = make_pki(Path(folder))
        with OpenAICompatServer(tls=pki.server_context(require_client_cert=False)) as server:
            config = ProviderConfig("lab", "openai_compatible", server.base_url, "m1", ca_bundle=pki.ca_cert)
            provider = create_provider(config)
            reused, fresh = [], []
            pool = transport.POOL
            try:
                for _ in range(rounds):  # interleaved, so a busy moment of the machine hits both sides
                    transport.POOL = pool
                    pool.close_all()
                    reused.append(per_call_ms(provider, calls))
                    transport.POOL = _KeepNothing()  # type: ignore[assignment]
                    fresh.append(per_call_ms(provider, calls))
            finally:
                transport.POOL = pool
                pool.close_all()
    value, baseline = median(reused), median(fresh)
    return [
        result(
            f"TLS call to one provider, reused connection / new connection per call ({calls} calls)",
            value,
            "ms",
            baseline,
            target="< 1 (faster)",
            met=value < baseline,
        )
    ]


if __name__ == "__main__":
    raise SystemExit(main(run, __doc__ or ""))
