"""The `llm_triage_kv_pruning` modular input (UCC generates bin/llm_triage_kv_pruning.py, which calls these
two functions): expired verdicts and old triaged evidence removed from the KV store, in bounded batches."""

import time
from collections.abc import Mapping
from typing import Any

from llm_triage_modinput import EventWrite, run_each_stanza
from splunklib import modularinput as smi

from llm_triage import names
from llm_triage.feedback.settings import STANZA as FEEDBACK_STANZA
from llm_triage.feedback.settings import feedback_settings
from llm_triage.inputs import kv_pruning
from llm_triage.inputs.checkpoint import Checkpoint
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.kvstore import Collection, StoreUnavailable
from llm_triage.splunkd.rest import SplunkdRest


def validate_input(definition: smi.ValidationDefinition) -> None:
    """splunkd's --validate-arguments: refuse a stanza whose parameters cannot be used."""
    kv_pruning.parse_params(definition.parameters)


def stream_events(inputs: smi.InputDefinition, ew: smi.EventWriter) -> None:
    """One run of every stanza splunkd passes; a failure ends that stanza's run, logged, never the process."""

    def run(
        rest: SplunkdRest, stanza: str, params: Mapping[str, Any], checkpoint: Checkpoint, write: EventWrite
    ) -> "list[tuple[str, str]]":
        options = kv_pruning.parse_params(params)
        config = SplunkdConfig(rest.get)
        retention = feedback_settings(config.conf(names.SETTINGS_CONF).get(FEEDBACK_STANZA, {}))
        report = kv_pruning.run_input(
            options,
            Collection(rest, names.VERDICTS_COLLECTION),
            Collection(rest, names.TRIAGED_COLLECTION),
            Collection(rest, names.FEEDBACK_COLLECTION),
            config.settings().cache_ttl,
            retention.triaged_retention_days,
        )
        write(kv_pruning.event_of(report, time.time()))
        return [("WARN" if report.failed else "INFO", kv_pruning.describe(report))]

    failures = (StoreUnavailable, ConfigUnavailable, ValueError)
    run_each_stanza(inputs, ew, kv_pruning.AUDIT_SOURCETYPE, run, failures, "run ended; the next run goes on")
