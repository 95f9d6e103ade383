#!/usr/bin/env python
"""`| llmreview`: a reviewer approves or rejects filed labels (logic in llm_triage.feedback)."""

import sys
from collections.abc import Iterable, Iterator
from typing import Optional

from llm_triage_bin import ExplainedOptions, search_rest
from splunklib.searchcommands import Configuration, Option, StreamingCommand, dispatch, validators

from llm_triage.feedback.commands import ReviewCommand, Row, summary


@Configuration(distributed=False)
class LLMReviewCommand(ExplainedOptions, StreamingCommand):
    """Approve or reject the labels the rows name (feedback_key, or _key from the feedback lookup).

    ##Syntax
    | llmreview action=approve|reject [reason="<text>"]
    """

    action = Option(doc="approve or reject.", require=True, validate=validators.Set("approve", "reject"))
    reason = Option(doc="Why (required to reject; at most 1,000 characters).", default="")

    _reviewer: Optional[ReviewCommand] = None

    def stream(self, records: Iterable[Row]) -> Iterator[Row]:
        """Yield every record, in order, with review_status, review_example and review_message."""
        if self._reviewer is None:
            sid = str(getattr(self.metadata.searchinfo, "sid", "") or "")
            self._reviewer = ReviewCommand(search_rest(self), self.action, self.reason or "", sid)
        yield from self._reviewer.review(records)
        if self._finished:
            self.write_info(summary("llmreview", self._reviewer.counts))


if __name__ == "__main__":
    dispatch(LLMReviewCommand, sys.argv, sys.stdin, sys.stdout, __name__)
