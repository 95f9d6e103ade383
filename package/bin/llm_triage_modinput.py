"""splunklib's modular-input side shared by the app's inputs: splunkd's REST doorway from the input XML,
events onto standard output, messages to splunkd's log. The inputs' logic is in llm_triage.inputs."""

import os
import sys
from collections.abc import Mapping
from typing import Any, Callable

HERE = os.path.dirname(os.path.abspath(__file__))
if os.path.join(HERE, "..", "lib") not in sys.path:
    sys.path.insert(0, os.path.join(HERE, "..", "lib"))

from llm_triage_splunkd import connect  # noqa: E402
from splunklib import modularinput as smi  # noqa: E402

from llm_triage.evidence.canonical import canonical_json  # noqa: E402
from llm_triage.splunkd.rest import SplunkdRest  # noqa: E402


def splunkd(metadata: Mapping[str, Any]) -> SplunkdRest:
    """splunkd's REST API in the app's namespace, with the session key splunkd gave the input."""
    return SplunkdRest(connect(str(metadata["server_uri"]), str(metadata["session_key"])))


def event_writer(
    ew: smi.EventWriter, stanza: str, params: Mapping[str, Any], sourcetype: str
) -> Callable[[Mapping[str, Any]], None]:
    """Write one JSON event (its `time` key its time) to splunkd, in the stanza's index."""

    def write(event: Mapping[str, Any]) -> None:
        ew.write_event(
            smi.Event(
                data=canonical_json(dict(event)),
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
    """A line in splunkd.log (the input's standard error), at `level` (INFO, WARN, ERROR)."""
    ew.log(level, message)
