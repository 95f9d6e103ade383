#!/usr/bin/env python
"""The app's REST endpoints llm_triage/approvals and llm_triage/dead_letters (restmap.conf): splunkd's
persistent handler protocol in, llm_triage.routing.review_service out."""

import os
import sys
from typing import Any, Union

# splunkd's persistent-handler server loads this file by its path, without putting bin/ on the path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from llm_triage_bin import PersistentHandler, release_connections  # noqa: E402

from llm_triage.routing.review_service import handle  # noqa: E402


class RoutingHandler(PersistentHandler):
    """One instance per persistent process; requests share idle connections (net.pool)."""

    def __init__(self, command_line: Any = None, command_arg: Any = None) -> None:
        super().__init__()

    def handle(self, in_string: Union[str, bytes]) -> dict[str, Any]:
        """Answer one request: {"payload": JSON text, "status": int, "headers": {...}}."""
        return handle(in_string)

    def done(self) -> None:
        """Close the idle connections kept for the next request."""
        release_connections()
