#!/usr/bin/env python
"""`| llmfeedback`: files an analyst's disposition of triaged rows, pending review (logic in llm_triage.feedback)."""

import sys
from collections.abc import Iterable, Iterator
from typing import Optional

from llm_triage_bin import ExplainedOptions, search_rest
from splunklib.searchcommands import Configuration, Option, StreamingCommand, dispatch, validators

from llm_triage.feedback.commands import FeedbackCommand, Row, summary
from llm_triage.feedback.store import DISPOSITIONS
from llm_triage.splunkd.conf import SplunkdConfig


@Configuration(distributed=False)
class LLMFeedbackCommand(ExplainedOptions, StreamingCommand):
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
            rest = search_rest(self)
            sid = str(getattr(self.metadata.searchinfo, "sid", "") or "")
            self._labeller = FeedbackCommand(rest, SplunkdConfig(rest.get), self.disposition, self.note or "", sid)
        yield from self._labeller.label(records)
        if self._finished:
            self.write_info(summary("llmfeedback", self._labeller.counts))


if __name__ == "__main__":
    dispatch(LLMFeedbackCommand, sys.argv, sys.stdin, sys.stdout, __name__)
