#!/usr/bin/env python
"""`| llmreplay provider=<candidate> [prompt=<name>]`: approved, labelled results re-triaged by a candidate
provider or prompt version, side by side."""

import sys
from collections.abc import Iterable, Iterator
from typing import Callable, Optional

from llm_triage_bin import ExplainedOptions, search_rest
from splunklib.searchcommands import Configuration, EventingCommand, Option, dispatch, validators

from llm_triage.evaluation.metrics import DEFAULT_BINS, DEFAULT_MINUTES_PER_ALERT
from llm_triage.evaluation.replay import OUTPUTS, CandidateProblem, ReplayRun, candidate_judge
from llm_triage.evaluation.report import Row, parse_by
from llm_triage.splunkd.settings import PROVIDER_NAME


# An eventing command runs on the search head and sees every row; it reports once, after the last chunk.
@Configuration()
class LLMReplayCommand(ExplainedOptions, EventingCommand):
    """Re-triage approved, labelled results (their stored evidence bundles) through a candidate provider
    and, optionally, a candidate prompt, and compare its answers with the recorded ones, slice by slice or
    row by row.

    ##Syntax
    | llmreplay provider=<name> [prompt=<name>] [output=slices|rows] [minutes_per_alert=<number>]
      [timeout=<seconds>] [by <field>, ...]
    """

    provider = Option(
        doc="The candidate provider (configured on the setup page).",
        require=True,
        validate=validators.Match("provider name", PROVIDER_NAME.pattern),
    )
    # Checked in prepare() against the shipped prompts' names, so a wrong one is told which there are.
    prompt = Option(
        doc="A shipped verdict prompt to ask with (triage-1 to triage-4); the endpoint's default when absent."
    )
    output = Option(
        doc="slices (default): figures side by side per slice; rows: one row per result whose answer changed.",
        default="slices",
        validate=validators.Set(*OUTPUTS),
    )
    minutes_per_alert = Option(
        doc="Analyst minutes spent on one escalated alert, for the false-positive burden.",
        default=DEFAULT_MINUTES_PER_ALERT,
        validate=validators.Float(minimum=0),
    )
    timeout = Option(doc="Seconds to wait for each answer.", validate=validators.Float(minimum=1, maximum=600))

    _run: Optional[ReplayRun] = None
    _close: Optional[Callable[[], None]] = None

    def prepare(self) -> None:
        """Check the slice fields and the candidate before any row, so a wrong one stops the search at once."""
        super().prepare()
        try:
            by = parse_by(self.fieldnames or [])
            rest = search_rest(self)
            judge, prompt_label, self._close = candidate_judge(rest, self.provider, self.timeout, self.prompt or "")
        except (ValueError, CandidateProblem) as exc:
            # As splunklib does for a bad option: the message, then the search stops before any row.
            self.write_error(f"llmreplay: {exc}")
            sys.exit(1)
        self._run = ReplayRun(judge, prompt_label, by, float(self.minutes_per_alert), DEFAULT_BINS)

    def transform(self, records: Iterable[Row]) -> Iterator[dict[str, str]]:
        """Replay every chunk's rows; report once, after the last."""
        assert self._run is not None, "prepare() runs before any records"
        self._run.add(records)
        if self._finished:
            yield from self._run.rows(self.output)
            self.write_info(self._run.summary(self.provider))
            if self._close is not None:
                self._close()


if __name__ == "__main__":
    dispatch(LLMReplayCommand, sys.argv, sys.stdin, sys.stdout, __name__)
