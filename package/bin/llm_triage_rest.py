#!/usr/bin/env python
"""The app's REST endpoint `llm_triage/judge` (restmap.conf [script:llm_triage_judge]): splunkd's persistent
handler protocol in, llm_triage.endpoint.handler out. splunkd runs it with its system token, which reads keys.
The feedback endpoints (`llm_triage/feedback`, `llm_triage/review`) are handlers here too, into
llm_triage.feedback.service."""

import os
import sys
from typing import TYPE_CHECKING, Any, Union

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)

from llm_triage_splunkd import connect  # noqa: E402

from llm_triage.endpoint.handler import handle  # noqa: E402
from llm_triage.endpoint.service import ConfigMemo  # noqa: E402
from llm_triage.feedback.handler import handle as handle_feedback  # noqa: E402

if TYPE_CHECKING:
    _Base = object
else:
    try:  # inside Splunk; elsewhere (tests, tools/search) the handler stands alone
        from splunk.persistconn.application import PersistentServerConnectionApplication as _Base
    except ImportError:
        _Base = object


class TriageHandler(_Base):
    """One instance per persistent process; requests share only a short memo of what was read (ConfigMemo)."""

    def __init__(self, command_line: Any = None, command_arg: Any = None) -> None:
        super().__init__()
        self._memo = ConfigMemo()

    def handle(self, in_string: Union[str, bytes]) -> dict[str, Any]:
        """Answer one request: {"payload": JSON text, "status": int, "headers": {...}}."""
        return handle(in_string, connect, memo=self._memo)

    def done(self) -> None:
        """Nothing to release: every request opened and closed its own connections."""


class _FeedbackEndpoint(_Base):
    """An endpoint of llm_triage.feedback.service; `ENDPOINT` names which."""

    ENDPOINT = ""

    def __init__(self, command_line: Any = None, command_arg: Any = None) -> None:
        super().__init__()

    def handle(self, in_string: Union[str, bytes]) -> dict[str, Any]:
        """Answer one request: {"payload": JSON text, "status": int, "headers": {...}}."""
        return handle_feedback(in_string, connect, self.ENDPOINT)

    def done(self) -> None:
        """Nothing to release."""


class FeedbackHandler(_FeedbackEndpoint):
    """`llm_triage/feedback` (restmap.conf [script:llm_triage_feedback]): labels filed pending, in the caller's name."""

    ENDPOINT = "feedback"


class ReviewHandler(_FeedbackEndpoint):
    """`llm_triage/review` (restmap.conf [script:llm_triage_review]): reviewers approve or reject labels."""

    ENDPOINT = "review"
