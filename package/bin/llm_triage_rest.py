#!/usr/bin/env python
"""The app's REST endpoint `llm_triage/judge` (restmap.conf [script:llm_triage_judge]): splunkd's persistent
handler protocol in, llm_triage.endpoint.handler out. splunkd runs it with its system token, which reads keys.
The feedback endpoints (`llm_triage/feedback`, `llm_triage/review`) are handlers here too, into
llm_triage.feedback.service."""

import os
import sys
from typing import Any, Union

# splunkd's persistent-handler server loads this file by its path, without putting bin/ on the path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from llm_triage_bin import PersistentHandler, connect, release_connections  # noqa: E402

from llm_triage.endpoint.handler import handle  # noqa: E402
from llm_triage.endpoint.service import ConfigMemo  # noqa: E402
from llm_triage.feedback.handler import handle as handle_feedback  # noqa: E402


class TriageHandler(PersistentHandler):
    """One instance per persistent process; requests share a short memo of what was read (ConfigMemo), the
    providers' guards (engine.stack) and idle connections (net.pool)."""

    def __init__(self, command_line: Any = None, command_arg: Any = None) -> None:
        super().__init__()
        self._memo = ConfigMemo()

    def handle(self, in_string: Union[str, bytes]) -> dict[str, Any]:
        """Answer one request: {"payload": JSON text, "status": int, "headers": {...}}."""
        return handle(in_string, connect, memo=self._memo)

    def done(self) -> None:
        """Close the idle connections kept for the next request."""
        release_connections()


class _FeedbackEndpoint(PersistentHandler):
    """An endpoint of llm_triage.feedback.service; `ENDPOINT` names which."""

    ENDPOINT = ""

    def __init__(self, command_line: Any = None, command_arg: Any = None) -> None:
        super().__init__()

    def handle(self, in_string: Union[str, bytes]) -> dict[str, Any]:
        """Answer one request: {"payload": JSON text, "status": int, "headers": {...}}."""
        return handle_feedback(in_string, connect, self.ENDPOINT)

    def done(self) -> None:
        """Close the idle connections kept for the next request."""
        release_connections()


class FeedbackHandler(_FeedbackEndpoint):
    """`llm_triage/feedback` (restmap.conf [script:llm_triage_feedback]): labels filed pending, in the caller's name."""

    ENDPOINT = "feedback"


class ReviewHandler(_FeedbackEndpoint):
    """`llm_triage/review` (restmap.conf [script:llm_triage_review]): reviewers approve or reject labels."""

    ENDPOINT = "review"
