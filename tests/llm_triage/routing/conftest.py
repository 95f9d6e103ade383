"""The routing tests' fixtures: the built app, and a lab (the stand-in serving it, SOAR, a webhook, a model)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.llm_triage.routing.alert_runs import Lab, lab
from tools.harness.splunk_app import SplunkApp


@pytest.fixture
def app(built_app: Path) -> SplunkApp:
    return SplunkApp(built_app)


@pytest.fixture
def soc(app: SplunkApp, tmp_path: Path) -> Iterator[Lab]:
    with lab(app, tmp_path) as running:
        yield running
