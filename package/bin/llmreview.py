#!/usr/bin/env python
"""`| llmreview`: a reviewer approves or rejects filed labels (logic in llm_triage.feedback)."""

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)

from llm_triage_splunkd import rest_request  # noqa: E402
from splunklib.searchcommands import Configuration, Option, StreamingCommand, dispatch, validators  # noqa: E402

from llm_triage.feedback.commands import ReviewCommand, Row, summary  # noqa: E402
from llm_triage.splunkd.rest import SplunkdRest  # noqa: E402


@Configuration(distributed=False)
class LLMReviewCommand(StreamingCommand):
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
            self._reviewer = ReviewCommand(SplunkdRest(rest_request(self.service)), self.action, self.reason or "", sid)
        yield from self._reviewer.review(records)
        if self._finished:
            self.write_info(summary("llmreview", self._reviewer.counts))


if __name__ == "__main__":
    dispatch(LLMReviewCommand, sys.argv, sys.stdin, sys.stdout, __name__)
