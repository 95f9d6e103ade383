"""Fixtures for the harness tests: splunklib for the fixture commands, and a tiny app that runs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.prerequisites import missing
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.standin_config import content_for_app

FIXTURES = Path(__file__).resolve().parent / "fixtures"

COMMANDS_CONF = """\
# Commands of the fixture app: splunklib commands from tests/harness/fixtures, plus one written by hand.
[noop]
filename = noop.py
chunked = true

[probe]
filename = probe.py
chunked = true

[head]
filename = head.py
chunked = true

[legacy]
filename = noop.py
"""

SETTINGS_CONF = """\
[default]
timeout = 30

[triage]
max_rows = 100
"""


@pytest.fixture(scope="session")
def splunklib_parent(repo: Path) -> Path:
    """The folder holding the splunklib the fixture commands import (the same search as theirs)."""
    parent = repo / "output" / "llm_triage" / "lib"
    if not (parent / "splunklib" / "__init__.py").is_file():
        missing("no splunklib: build the app first (make build)")
    return parent


@pytest.fixture(scope="session")
def fixture_app(tmp_path_factory: pytest.TempPathFactory, splunklib_parent: Path) -> SplunkApp:
    """An app named llm_triage whose commands are the fixture scripts (linked, so they find splunklib)."""
    root = tmp_path_factory.mktemp("apps") / "llm_triage"
    (root / "default").mkdir(parents=True)
    (root / "bin").mkdir()
    for name in ("noop", "probe", "head"):
        (root / "bin" / f"{name}.py").symlink_to(FIXTURES / f"{name}_command.py")
    (root / "default" / "commands.conf").write_text(COMMANDS_CONF, encoding="utf-8")
    (root / "default" / "llm_triage_settings.conf").write_text(SETTINGS_CONF, encoding="utf-8")
    return SplunkApp(root)


@pytest.fixture
def standin(fixture_app: SplunkApp) -> Iterator[SplunkdStandIn]:
    """A running stand-in serving the fixture app's conf files."""
    with SplunkdStandIn(content_for_app(fixture_app)) as running:
        yield running
