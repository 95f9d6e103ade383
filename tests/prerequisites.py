"""What a test needs from outside itself: skipped where it may be absent, required where it must not be.

A fresh clone has no ../shared and no built app, so those tests skip there. CI has both (`.ci/run` sets
LLM_TRIAGE_REQUIRE_ALL=1), and there a missing prerequisite fails the run instead of quietly passing it.
"""

import os

import pytest

REQUIRE_ALL = os.environ.get("LLM_TRIAGE_REQUIRE_ALL") == "1"


def missing(reason: str) -> None:
    """Skip the test, or fail it when every prerequisite is required."""
    if REQUIRE_ALL:
        pytest.fail(f"required prerequisite missing: {reason}", pytrace=False)
    pytest.skip(reason)
