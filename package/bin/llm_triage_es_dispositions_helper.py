"""The `llm_triage_es_dispositions` modular input (UCC generates bin/llm_triage_es_dispositions.py, which
calls these two functions): Incident Review dispositions since the checkpoint, filed as pending labels."""

from llm_triage_modinput import event_writer, log, once_per_cluster, splunkd
from splunklib import modularinput as smi

from llm_triage.feedback.store import FeedbackStore
from llm_triage.inputs import es_dispositions
from llm_triage.inputs.checkpoint import Checkpoint, CheckpointError
from llm_triage.splunkd.kvstore import StoreUnavailable


def validate_input(definition: smi.ValidationDefinition) -> None:
    """splunkd's --validate-arguments: refuse a stanza whose parameters cannot be used."""
    es_dispositions.parse_params(definition.parameters)


def stream_events(inputs: smi.InputDefinition, ew: smi.EventWriter) -> None:
    """One run of every stanza splunkd passes; a failure ends that stanza's run, logged, never the process."""
    rest = splunkd(inputs.metadata)
    where = once_per_cluster(rest, ew)  # every member runs the input; only the captain files dispositions
    if where is None:
        return
    for stanza, params in inputs.inputs.items():
        try:
            report = es_dispositions.run_input(
                es_dispositions.parse_params(params),
                es_dispositions.IncidentReview(rest),
                FeedbackStore(rest),
                Checkpoint(inputs.metadata["checkpoint_dir"], stanza),
                event_writer(ew, stanza, params, es_dispositions.AUDIT_SOURCETYPE, where),
            )
        except (StoreUnavailable, CheckpointError, ValueError) as exc:
            log(ew, "ERROR", f"{stanza}: run ended; the next run resumes from the checkpoint: {exc}")
            continue
        log(ew, "INFO", f"{stanza}: {es_dispositions.describe(report)}")
