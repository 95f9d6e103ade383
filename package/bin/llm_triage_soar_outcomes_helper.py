"""The `llm_triage_soar_outcomes` modular input (UCC generates bin/llm_triage_soar_outcomes.py, which calls
these two functions): SOAR cases closed since the checkpoint, filed as pending dispositions."""

from llm_triage_modinput import event_writer, log, once_per_cluster, splunkd
from splunklib import modularinput as smi

from llm_triage.feedback.store import FeedbackStore
from llm_triage.inputs import soar
from llm_triage.inputs.checkpoint import Checkpoint, CheckpointError
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.kvstore import StoreUnavailable


def validate_input(definition: smi.ValidationDefinition) -> None:
    """splunkd's --validate-arguments: refuse a stanza whose parameters cannot be used."""
    soar.parse_params(definition.parameters)


def stream_events(inputs: smi.InputDefinition, ew: smi.EventWriter) -> None:
    """One run of every stanza splunkd passes; a failure ends that stanza's run, logged, never the process."""
    rest = splunkd(inputs.metadata)
    where = once_per_cluster(rest, ew)  # every member runs the input; only the captain files dispositions
    if where is None:
        return
    for stanza, params in inputs.inputs.items():
        try:
            options = soar.parse_params(params)
            server = soar.load_server(SplunkdConfig(rest.get), options.server)
            report = soar.run_input(
                options,
                soar.SoarClient(server),
                FeedbackStore(rest),
                Checkpoint(inputs.metadata["checkpoint_dir"], stanza),
                event_writer(ew, stanza, params, soar.AUDIT_SOURCETYPE, where),
            )
        except (soar.SoarUnavailable, StoreUnavailable, CheckpointError, ConfigUnavailable, ValueError) as exc:
            log(ew, "ERROR", f"{stanza}: run ended; the next run resumes from the checkpoint: {exc}")
            continue
        log(ew, "INFO", f"{stanza}: {soar.describe(report)}")
