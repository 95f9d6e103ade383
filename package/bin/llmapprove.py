#!/usr/bin/env python
"""`| llmapprove`: a reviewer approves or rejects queued actions (splunklib's protocol; logic in
llm_triage.routing.review_command)."""

import os
import sys
from collections.abc import Iterable, Iterator

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)

from llm_triage_splunkd import rest_request  # noqa: E402
from splunklib.searchcommands import Configuration, Option, StreamingCommand, dispatch, validators  # noqa: E402

from llm_triage.routing.review_command import Row, review_rows  # noqa: E402
from llm_triage.splunkd.rest import SplunkdRest  # noqa: E402


@Configuration(distributed=False)
class LLMApproveCommand(StreamingCommand):
    """Approve or reject the queued actions of the rows (from | inputlookup llm_triage_approvals).

    ##Syntax
    | inputlookup llm_triage_approvals where _key="<key>" | llmapprove decision=(approve|reject) [note="<text>"]
    """

    decision = Option(doc="approve or reject.", require=True, validate=validators.Set("approve", "reject"))
    note = Option(doc="Why, recorded with the decision.", default="")

    def stream(self, records: Iterable[Row]) -> Iterator[Row]:
        """Every row back with review_status and review_detail."""
        rest = SplunkdRest(rest_request(self.service))
        yield from review_rows(rest, records, str(self.decision), str(self.note or ""))


if __name__ == "__main__":
    dispatch(LLMApproveCommand, sys.argv, sys.stdin, sys.stdout, __name__)
