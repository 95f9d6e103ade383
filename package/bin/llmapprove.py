#!/usr/bin/env python
"""`| llmapprove`: a reviewer approves or rejects queued actions (splunklib's protocol; logic in
llm_triage.routing.review_command)."""

import sys
from collections.abc import Iterable, Iterator

from llm_triage_bin import ExplainedOptions, search_rest
from splunklib.searchcommands import Configuration, Option, StreamingCommand, dispatch, validators

from llm_triage.routing.review_command import Row, review_rows


@Configuration(distributed=False)
class LLMApproveCommand(ExplainedOptions, StreamingCommand):
    """Approve or reject the queued actions of the rows (from | inputlookup llm_triage_approvals).

    ##Syntax
    | inputlookup llm_triage_approvals where _key="<key>" | llmapprove decision=(approve|reject) [note="<text>"]
    """

    decision = Option(doc="approve or reject.", require=True, validate=validators.Set("approve", "reject"))
    note = Option(doc="Why, recorded with the decision.", default="")

    def stream(self, records: Iterable[Row]) -> Iterator[Row]:
        """Every row back with review_status and review_detail."""
        rest = search_rest(self)
        yield from review_rows(rest, records, str(self.decision), str(self.note or ""))


if __name__ == "__main__":
    dispatch(LLMApproveCommand, sys.argv, sys.stdin, sys.stdout, __name__)
