"""The `llm_triage_canary` modular input (UCC generates bin/llm_triage_canary.py, which calls these two
functions): the golden set and the injection canaries through each provider, one metrics event each."""

from collections.abc import Mapping
from typing import Any

from llm_triage_modinput import EventWrite, run_each_stanza
from splunklib import modularinput as smi

from llm_triage.inputs import canary
from llm_triage.inputs.checkpoint import Checkpoint, CheckpointError
from llm_triage.inputs.golden import GoldenError
from llm_triage.splunkd.conf import ConfigUnavailable
from llm_triage.splunkd.rest import SplunkdRest


def validate_input(definition: smi.ValidationDefinition) -> None:
    """splunkd's --validate-arguments: refuse a stanza whose parameters or case sets cannot be used."""
    canary.validate(definition.parameters)


def stream_events(inputs: smi.InputDefinition, ew: smi.EventWriter) -> None:
    """One run of every stanza splunkd passes; a failure ends that stanza's run, logged, never the process."""

    def run(
        rest: SplunkdRest, stanza: str, params: Mapping[str, Any], checkpoint: Checkpoint, write: EventWrite
    ) -> "list[tuple[str, str]]":
        options = canary.parse_params(params)
        report = canary.run_input(stanza, options, canary.NoCacheConfig(rest.get), checkpoint, write)
        checked = f"checked {', '.join(report.written) or 'none'}; "
        skipped = f"skipped (checked within the interval) {', '.join(report.skipped) or 'none'}"
        return [("WARN", problem) for problem in report.problems] + [("INFO", checked + skipped)]

    failures = (ConfigUnavailable, GoldenError, CheckpointError, ValueError)
    run_each_stanza(inputs, ew, canary.SOURCETYPE, run, failures, "run ended without checking")
