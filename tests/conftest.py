"""Shared test fixtures: where the repository, the package, the built app and ../shared are."""

from pathlib import Path

import pytest

from tests.prerequisites import missing

REPO = Path(__file__).resolve().parent.parent
BUILT_APP = REPO / "output" / "llm_triage"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or a clean skip on a fresh clone that has none."""
    if not SHARED.is_dir():
        missing("../shared is absent (it is only on the project's own machines)")
    return SHARED


@pytest.fixture(scope="session")
def built_app() -> Path:
    """The app as UCC built it (`make build`), or a skip when it has not been built."""
    if not (BUILT_APP / "default" / "app.conf").is_file():
        missing("the app is not built: run `make build` first")
    return BUILT_APP


@pytest.fixture(autouse=True)
def fresh_process_state():
    """Each test starts as a fresh process would: no provider's breaker already open, no idle connection
    kept by another test's server (the endpoint keeps both per process: engine.stack, net.pool)."""
    from llm_triage.engine.stack import PROCESS_GUARDS
    from llm_triage.net.http import POOL

    PROCESS_GUARDS.clear()
    POOL.close_all()
    yield
