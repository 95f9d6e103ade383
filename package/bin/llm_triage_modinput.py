"""splunklib's modular-input side shared by the app's inputs: splunkd's REST doorway from the input XML,
events onto standard output, messages to splunkd's log. The inputs' logic is in llm_triage.inputs."""

from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional

from llm_triage_bin import splunkd_rest, start_logs
from splunklib import modularinput as smi

from llm_triage.evidence.canonical import canonical_json
from llm_triage.inputs.checkpoint import Checkpoint
from llm_triage.splunkd.cluster import ClusterRun, cluster_run
from llm_triage.splunkd.log_files import to_file
from llm_triage.splunkd.rest import SplunkdRest


def splunkd(metadata: Mapping[str, Any]) -> SplunkdRest:
    """splunkd's REST API in the app's namespace, with the session key splunkd gave the input (and the inputs'
    log file, llm_triage_inputs.log, at the Logging tab's level)."""
    rest = splunkd_rest(str(metadata["server_uri"]), str(metadata["session_key"]))
    start_logs("inputs", rest)
    return rest


def once_per_cluster(rest: SplunkdRest, ew: smi.EventWriter) -> Optional[ClusterRun]:
    """Where this run stands in a search-head cluster; None (and a log line) when another member runs it."""
    where = cluster_run(rest.get)
    if not where.run:
        log(ew, "INFO", f"not run on {where.server or 'this cluster member'}: {where.reason}")
        return None
    if where.reason:
        log(ew, "WARN", where.reason)
    return where


def event_writer(
    ew: smi.EventWriter,
    stanza: str,
    params: Mapping[str, Any],
    sourcetype: str,
    where: Optional[ClusterRun] = None,
) -> Callable[[Mapping[str, Any]], None]:
    """Write one JSON event (its `time` key its time) to splunkd, in the stanza's index; with `where`, the
    event says where in the search-head cluster it was written."""
    extra = where.fields() if where else {}

    def write(event: Mapping[str, Any]) -> None:
        ew.write_event(
            smi.Event(
                data=canonical_json({**event, **extra}),
                stanza=stanza,
                time=f"{float(event['time']):.3f}" if "time" in event else None,
                index=params.get("index") or None,
                sourcetype=sourcetype,
                source=stanza,
                unbroken=True,
                done=True,
            )
        )

    return write


def log(ew: smi.EventWriter, level: str, message: str) -> None:
    """A line in splunkd.log (the input's standard error) and in llm_triage_inputs.log, at `level` (INFO, WARN,
    ERROR)."""
    ew.log(level, message)
    to_file("inputs", level, message)


EventWrite = Callable[[Mapping[str, Any]], None]
StanzaRun = Callable[[SplunkdRest, str, Mapping[str, Any], Checkpoint, EventWrite], Sequence[tuple[str, str]]]
"""One stanza's run: (splunkd, the stanza, its parameters, its checkpoint, its event writer) -> the lines to
log, each (level, message)."""


def run_each_stanza(
    inputs: smi.InputDefinition,
    ew: smi.EventWriter,
    sourcetype: str,
    run: StanzaRun,
    failures: "tuple[type[Exception], ...]",
    failed: str,
) -> None:
    """One run of every stanza splunkd passes, on one member of a search-head cluster (every member runs
    the input; the captain does the work). An exception of `failures` ends that stanza's run, logged after
    `failed`, never the process or the other stanzas."""
    rest = splunkd(inputs.metadata)
    where = once_per_cluster(rest, ew)
    if where is None:
        return
    for stanza, params in inputs.inputs.items():
        try:
            checkpoint = Checkpoint(inputs.metadata["checkpoint_dir"], stanza)
            lines = run(rest, stanza, params, checkpoint, event_writer(ew, stanza, params, sourcetype, where))
        except failures as exc:
            log(ew, "ERROR", f"{stanza}: {failed}: {exc}")
            continue
        for level, message in lines:
            log(ew, level, f"{stanza}: {message}")
