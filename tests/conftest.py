"""Shared test fixtures: where the repository, the package, the built app and ../shared are."""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE_LIB = REPO / "package" / "lib"
BUILT_APP = REPO / "output" / "llm_triage"
SHARED = REPO.parent / "shared"

# The pure package is importable straight from the source tree; the built app is only for protocol tests.
if str(PACKAGE_LIB) not in sys.path:
    sys.path.insert(0, str(PACKAGE_LIB))
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or a clean skip on a fresh clone that has none."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (it is only on the project's own machines)")
    return SHARED


@pytest.fixture(scope="session")
def built_app() -> Path:
    """The app as UCC built it (`make build`), or a skip when it has not been built."""
    if not (BUILT_APP / "default" / "app.conf").is_file():
        pytest.skip("the app is not built: run `make build` first")
    return BUILT_APP
