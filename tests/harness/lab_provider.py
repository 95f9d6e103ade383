"""The setup end-to-end tests share: the built app's conf in the splunkd stand-in with a loopback model as a
provider (its API key in secret storage as UCC stores it), and the stand-in serving the app."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tools.harness.app_endpoints import AppServices, serve_app
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn
from tools.harness.standin_config import content_for_app
from tools.harness.ucc_credentials import store_provider_key


def add_provider(
    content: SplunkdContent, name: str, base_url: str, key: str, model: str = "gpt-4o-mini", **options: str
) -> None:
    """A provider stanza `name` for `model` at `base_url` (with any other `options`), its API key `key`."""
    content.set_stanza("llm_triage_providers", name, {"base_url": base_url, "model": model, **options})
    store_provider_key(content, name, key)


def lab_content(app: SplunkApp, base_url: str, key: str, **settings: str) -> SplunkdContent:
    """The app's conf with provider `lab` (gpt-4o-mini at `base_url`, API key `key`) as the default
    provider, and any other `settings` of the [triage] stanza."""
    content = content_for_app(app)
    add_provider(content, "lab", base_url, key)
    content.set_stanza("llm_triage_settings", "triage", {"default_provider": "lab", **settings})
    return content


@contextmanager
def serving(app: SplunkApp, content: SplunkdContent) -> Iterator[tuple[SplunkdStandIn, AppServices]]:
    """A running stand-in with `content` that answers as splunkd does with `app` installed."""
    with SplunkdStandIn(content) as running:
        yield running, serve_app(running, app)
