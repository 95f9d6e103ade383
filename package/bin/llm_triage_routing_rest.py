#!/usr/bin/env python
"""The app's REST endpoints llm_triage/approvals and llm_triage/dead_letters (restmap.conf): splunkd's
persistent handler protocol in, llm_triage.routing.review_service out."""

import os
import sys
from typing import TYPE_CHECKING, Any, Union

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))

from llm_triage.routing.review_service import handle  # noqa: E402

if TYPE_CHECKING:
    _Base = object
else:
    try:  # inside Splunk; elsewhere (tests) the handler stands alone
        from splunk.persistconn.application import PersistentServerConnectionApplication as _Base
    except ImportError:
        _Base = object


class RoutingHandler(_Base):
    """One instance per persistent process; each request opens its own connections."""

    def __init__(self, command_line: Any = None, command_arg: Any = None) -> None:
        super().__init__()

    def handle(self, in_string: Union[str, bytes]) -> dict[str, Any]:
        """Answer one request: {"payload": JSON text, "status": int, "headers": {...}}."""
        return handle(in_string)

    def done(self) -> None:
        """Nothing to release."""
