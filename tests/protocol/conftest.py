"""Fixtures for replaying real splunkd captures (../shared/splunk-protocol) into a command.

`replay(script, args)` sends a capture's getinfo (with `args`) and its execute chunks byte for byte to
`script`, with a running splunkd stand-in behind it, and returns a tools.harness.replay.ReplayResult.
Point it at the built app's bin/llmtriage.py to replay into the real command; the stand-in then serves
that app's conf files unless `content` or a running `standin` is given.

`served` (and `standin`, its stand-in) is the built app served with the loopback `model` as its default
provider `lab`; a module using them declares the fixture `api_key` (and `triage_settings` to add settings).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Callable

import pytest

from tests.harness.lab_provider import lab_content, serving
from tests.prerequisites import missing
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.app_endpoints import AppServices
from tools.harness.replay import MULTIBYTE_CAPTURE, ReplayResult, replay_capture
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn
from tools.harness.standin_config import content_for_app

NOOP_COMMAND = Path(__file__).resolve().parent.parent / "harness" / "fixtures" / "noop_command.py"

Replay = Callable[..., ReplayResult]


@pytest.fixture
def app(built_app: Path) -> SplunkApp:
    """The built app, as the harness reads it."""
    return SplunkApp(built_app)


@pytest.fixture
def model(api_key: str) -> Iterator[OpenAICompatServer]:
    """An OpenAI-compatible loopback model that wants `api_key`: a module using it declares that fixture,
    its own sentinel, which it checks never leaks."""
    with OpenAICompatServer(api_key=api_key) as server:
        yield server


@pytest.fixture
def triage_settings() -> dict[str, str]:
    """Settings of the [triage] stanza besides the default provider; a module overrides this for its own."""
    return {}


@pytest.fixture
def served(
    app: SplunkApp, model: OpenAICompatServer, api_key: str, triage_settings: dict[str, str]
) -> Iterator[tuple[SplunkdStandIn, AppServices]]:
    """The stand-in serving the app, `model` its default provider `lab` and `triage_settings` applied."""
    with serving(app, lab_content(app, model.base_url, api_key, **triage_settings)) as running:
        yield running


@pytest.fixture
def standin(served: tuple[SplunkdStandIn, AppServices]) -> SplunkdStandIn:
    """The stand-in of `served`."""
    return served[0]


@pytest.fixture(scope="session")
def captures(shared: Path) -> Path:
    """The folder of real splunkd captures, or a clean skip without ../shared."""
    folder = shared / "splunk-protocol"
    if not (folder / MULTIBYTE_CAPTURE).is_file():
        missing(f"no splunkd captures in {folder}")
    return folder


@pytest.fixture(scope="session")
def noop_command(repo: Path) -> Path:
    """tests/harness/fixtures/noop_command.py, skipped when it has no splunklib to import."""
    if not (repo / "output" / "llm_triage" / "lib" / "splunklib" / "__init__.py").is_file():
        missing("no splunklib: build the app first (make build)")
    return NOOP_COMMAND


@pytest.fixture
def replay(captures: Path, tmp_path: Path) -> Replay:
    """Replay a capture into a command script; see the module docstring."""

    def run(
        script: Path,
        args: Sequence[str],
        capture: str = MULTIBYTE_CAPTURE,
        content: SplunkdContent | None = None,
        standin: SplunkdStandIn | None = None,
        python: str = sys.executable,
        **options: Any,
    ) -> ReplayResult:
        dispatch_dir = Path(tempfile.mkdtemp(prefix="dispatch-", dir=tmp_path))
        capture_path = captures / capture if not Path(capture).is_absolute() else Path(capture)
        if standin is not None:
            return _replay(capture_path, script, args, dispatch_dir, python, standin, options)
        with SplunkdStandIn(content if content is not None else _app_content(script)) as running:
            return _replay(capture_path, script, args, dispatch_dir, python, running, options)

    return run


def _replay(
    capture: Path,
    script: Path,
    args: Sequence[str],
    dispatch_dir: Path,
    python: str,
    standin: SplunkdStandIn,
    options: dict[str, Any],
) -> ReplayResult:
    return replay_capture(
        capture,
        script,
        args,
        dispatch_dir,
        python=python,
        splunkd_uri=standin.uri,
        session_key=standin.session_key,
        **options,
    )


def _app_content(script: Path) -> SplunkdContent:
    """The conf files of the app the script belongs to (bin/<script> in an app folder), else nothing."""
    app_folder = script.parent.parent if script.parent.name == "bin" else None
    if app_folder is not None and (app_folder / "default").is_dir():
        return content_for_app(SplunkApp(app_folder))
    return SplunkdContent()
