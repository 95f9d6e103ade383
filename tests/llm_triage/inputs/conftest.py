"""Fixtures of the modular input tests: the built app, as the harness reads it."""

from pathlib import Path

import pytest

from tools.harness.splunk_app import SplunkApp


@pytest.fixture
def app(built_app: Path) -> SplunkApp:
    """The built app, as the harness reads it."""
    return SplunkApp(built_app)
