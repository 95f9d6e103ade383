#!/usr/bin/env python
"""`| llmfeedback`: files an analyst's disposition of triaged rows, pending review (logic in llm_triage.feedback)."""

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)

from llm_triage_splunkd import rest_request  # noqa: E402
from splunklib.searchcommands import Configuration, Option, StreamingCommand, dispatch, validators  # noqa: E402

from llm_triage.feedback.commands import FeedbackCommand, Row, summary  # noqa: E402
from llm_triage.feedback.store import DISPOSITIONS  # noqa: E402
from llm_triage.splunkd.conf import SplunkdConfig  # noqa: E402
from llm_triage.splunkd.rest import SplunkdRest  # noqa: E402


@Configuration(distributed=False)
class LLMFeedbackCommand(StreamingCommand):
    """Record a disposition of each triaged row; it stays pending until a reviewer approves it.

    ##Syntax
    | llmfeedback disposition=true_positive|false_positive|benign_true_positive [note="<text>"]
    """

    disposition = Option(doc="What the alert was.", require=True, validate=validators.Set(*DISPOSITIONS))
    note = Option(doc="Why, for the reviewer (at most 2,000 characters).", default="")

    _labeller: Optional[FeedbackCommand] = None

    def stream(self, records: Iterable[Row]) -> Iterator[Row]:
        """Yield every record, in order, with feedback_status, feedback_key, feedback_conflict, feedback_message."""
        if self._labeller is None:
            rest = SplunkdRest(rest_request(self.service))
            sid = str(getattr(self.metadata.searchinfo, "sid", "") or "")
            self._labeller = FeedbackCommand(rest, SplunkdConfig(rest.get), self.disposition, self.note or "", sid)
        yield from self._labeller.label(records)
        if self._finished:
            self.write_info(summary("llmfeedback", self._labeller.counts))


if __name__ == "__main__":
    dispatch(LLMFeedbackCommand, sys.argv, sys.stdin, sys.stdout, __name__)
