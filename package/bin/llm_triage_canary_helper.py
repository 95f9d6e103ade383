"""The `llm_triage_canary` modular input (UCC generates bin/llm_triage_canary.py, which calls these two
functions): the golden set and the injection canaries through each provider, one metrics event each."""

from llm_triage_modinput import event_writer, log, once_per_cluster, splunkd
from splunklib import modularinput as smi

from llm_triage.inputs import canary
from llm_triage.inputs.checkpoint import Checkpoint, CheckpointError
from llm_triage.inputs.golden import GoldenError
from llm_triage.splunkd.conf import ConfigUnavailable


def validate_input(definition: smi.ValidationDefinition) -> None:
    """splunkd's --validate-arguments: refuse a stanza whose parameters or case sets cannot be used."""
    canary.validate(definition.parameters)


def stream_events(inputs: smi.InputDefinition, ew: smi.EventWriter) -> None:
    """One run of every stanza splunkd passes; a failure ends that stanza's run, logged, never the process."""
    rest = splunkd(inputs.metadata)
    where = once_per_cluster(rest, ew)  # every member runs the input; only the captain asks the models
    if where is None:
        return
    for stanza, params in inputs.inputs.items():
        try:
            report = canary.run_input(
                stanza,
                canary.parse_params(params),
                canary.NoCacheConfig(rest.get),
                Checkpoint(inputs.metadata["checkpoint_dir"], stanza),
                event_writer(ew, stanza, params, canary.SOURCETYPE, where),
            )
        except (ConfigUnavailable, GoldenError, CheckpointError, ValueError) as exc:
            log(ew, "ERROR", f"{stanza}: run ended without checking: {exc}")
            continue
        for problem in report.problems:
            log(ew, "WARN", f"{stanza}: {problem}")
        log(
            ew,
            "INFO",
            f"{stanza}: checked {', '.join(report.written) or 'none'}; "
            f"skipped (checked within the interval) {', '.join(report.skipped) or 'none'}",
        )
