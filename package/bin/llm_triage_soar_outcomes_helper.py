"""The `llm_triage_soar_outcomes` modular input (UCC generates bin/llm_triage_soar_outcomes.py, which calls
these two functions): SOAR cases closed since the checkpoint, filed as pending dispositions."""

from collections.abc import Mapping
from typing import Any

from llm_triage_modinput import EventWrite, run_each_stanza
from splunklib import modularinput as smi

from llm_triage.feedback.store import FeedbackStore
from llm_triage.inputs import soar
from llm_triage.inputs.checkpoint import Checkpoint, CheckpointError
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.kvstore import StoreUnavailable
from llm_triage.splunkd.rest import SplunkdRest


def validate_input(definition: smi.ValidationDefinition) -> None:
    """splunkd's --validate-arguments: refuse a stanza whose parameters cannot be used."""
    soar.parse_params(definition.parameters)


def stream_events(inputs: smi.InputDefinition, ew: smi.EventWriter) -> None:
    """One run of every stanza splunkd passes; a failure ends that stanza's run, logged, never the process."""

    def run(
        rest: SplunkdRest, stanza: str, params: Mapping[str, Any], checkpoint: Checkpoint, write: EventWrite
    ) -> "list[tuple[str, str]]":
        options = soar.parse_params(params)
        client = soar.SoarClient(soar.load_server(SplunkdConfig(rest.get), options.server))
        report = soar.run_input(options, client, FeedbackStore(rest), checkpoint, write)
        return [("INFO", soar.describe(report))]

    failures = (soar.SoarUnavailable, StoreUnavailable, CheckpointError, ConfigUnavailable, ValueError)
    resumes = "run ended; the next run resumes from the checkpoint"
    run_each_stanza(inputs, ew, soar.AUDIT_SOURCETYPE, run, failures, resumes)
