"""The ES tests' fixtures: the built app, and the routing lab with Enterprise Security's endpoints beside it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.llm_triage.routing.alert_runs import Lab, lab
from tools.harness.es_standin import EnterpriseSecurity
from tools.harness.splunk_app import SplunkApp


@pytest.fixture
def app(built_app: Path) -> SplunkApp:
    return SplunkApp(built_app)


@pytest.fixture
def soc(app: SplunkApp, tmp_path: Path) -> Iterator[tuple[Lab, EnterpriseSecurity]]:
    """The lab, ES serving notables, and ES's risk and cim_modactions indexes."""
    with lab(app, tmp_path) as running:
        es = EnterpriseSecurity()
        running.standin.add_service(es, first=True)
        running.services.indexes.indexes.update({"risk", "cim_modactions"})
        yield running, es
