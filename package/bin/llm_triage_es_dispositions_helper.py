"""The `llm_triage_es_dispositions` modular input (UCC generates bin/llm_triage_es_dispositions.py, which
calls these two functions): Incident Review dispositions since the checkpoint, filed as pending labels."""

from collections.abc import Mapping
from typing import Any

from llm_triage_modinput import EventWrite, run_each_stanza
from splunklib import modularinput as smi

from llm_triage.feedback.store import FeedbackStore
from llm_triage.inputs import es_dispositions
from llm_triage.inputs.checkpoint import Checkpoint, CheckpointError
from llm_triage.splunkd.kvstore import StoreUnavailable
from llm_triage.splunkd.rest import SplunkdRest


def validate_input(definition: smi.ValidationDefinition) -> None:
    """splunkd's --validate-arguments: refuse a stanza whose parameters cannot be used."""
    es_dispositions.parse_params(definition.parameters)


def stream_events(inputs: smi.InputDefinition, ew: smi.EventWriter) -> None:
    """One run of every stanza splunkd passes; a failure ends that stanza's run, logged, never the process."""

    def run(
        rest: SplunkdRest, stanza: str, params: Mapping[str, Any], checkpoint: Checkpoint, write: EventWrite
    ) -> "list[tuple[str, str]]":
        incident_review = es_dispositions.IncidentReview(rest)
        report = es_dispositions.run_input(
            es_dispositions.parse_params(params), incident_review, FeedbackStore(rest), checkpoint, write
        )
        return [("INFO", es_dispositions.describe(report))]

    failures = (StoreUnavailable, CheckpointError, ValueError)
    resumes = "run ended; the next run resumes from the checkpoint"
    run_each_stanza(inputs, ew, es_dispositions.AUDIT_SOURCETYPE, run, failures, resumes)
