#!/usr/bin/env python
"""`| llmeval`: triage results with their approved dispositions in, figures per slice out (logic in llm_triage)."""

import sys
from collections.abc import Iterable, Iterator
from typing import Optional

from llm_triage_bin import ExplainedOptions
from splunklib.searchcommands import Configuration, EventingCommand, Option, dispatch, validators

from llm_triage.evaluation.metrics import DEFAULT_BINS, DEFAULT_MINUTES_PER_ALERT
from llm_triage.evaluation.report import OUTPUTS, Evaluation, Row, parse_by


# An eventing command runs on the search head and sees every row; it reports once, after the last chunk.
@Configuration()
class LLMEvalCommand(ExplainedOptions, EventingCommand):
    """Measure triage against approved analyst dispositions, one row of figures per slice.

    ##Syntax
    | llmeval [output=slices|calibration|confusion] [minutes_per_alert=<number>] [bins=<int>] [by <field>, ...]
    """

    output = Option(
        doc="slices (default), calibration (one row per bin) or confusion (the 2x2 table).",
        default="slices",
        validate=validators.Set(*OUTPUTS),
    )
    minutes_per_alert = Option(
        doc="Analyst minutes spent on one escalated alert, for the false-positive burden.",
        default=DEFAULT_MINUTES_PER_ALERT,
        validate=validators.Float(minimum=0),
    )
    bins = Option(doc="Calibration bins over [0, 1].", default=DEFAULT_BINS, validate=validators.Integer(1, 100))

    _evaluation: Optional[Evaluation] = None

    def prepare(self) -> None:
        """Read the slice fields before any row: a malformed `by` stops the search with its reason."""
        super().prepare()
        try:
            by = parse_by(self.fieldnames or [])
        except ValueError as exc:
            # As splunklib does for a bad option: the message, then the search stops before any row.
            self.write_error(f"llmeval: {exc}")
            sys.exit(1)
        self._evaluation = Evaluation(by, float(self.minutes_per_alert), int(self.bins))

    def transform(self, records: Iterable[Row]) -> Iterator[dict[str, str]]:
        """Gather every chunk's rows; report once, after the last."""
        if self._evaluation is None:  # prepare() runs first in splunkd; this is for direct use
            self._evaluation = Evaluation(
                parse_by(self.fieldnames or []), float(self.minutes_per_alert), int(self.bins)
            )
        self._evaluation.add(records)
        if self._finished:
            yield from self._evaluation.rows(self.output)
            self.write_info(self._evaluation.summary())


if __name__ == "__main__":
    dispatch(LLMEvalCommand, sys.argv, sys.stdin, sys.stdout, __name__)
