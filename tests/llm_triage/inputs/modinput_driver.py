"""Runs a built modular input as splunkd does: the script in a subprocess with `--scheme`, with
`--validate-arguments` and a validation XML on standard input, or with the input XML on standard input,
and the XML event stream it writes to standard output parsed back into events.

The XML shapes are splunkd's (Splunk's "Modular inputs configuration" and "scheme" references; splunklib's
modularinput reads them): `<input>` with server_host, server_uri, session_key, checkpoint_dir and one
`<configuration><stanza name="scheme://name"><param name=...>` per stanza; `<items>` with one `<item>` for
validation; events as `<stream><event stanza=...><time/><index/><sourcetype/><source/><data/></event>`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.harness.splunkd_standin import Reply, Request, SplunkdStandIn

TIMEOUT = 300  # seconds: the machine is shared and slow; a run that hangs this long has failed


@dataclass(frozen=True)
class StreamedEvent:
    """One event as splunkd would read it from the input's standard output."""

    stanza: str
    time: str
    index: str
    sourcetype: str
    source: str
    data: str

    def json(self) -> Any:
        return json.loads(self.data)


@dataclass(frozen=True)
class InputRun:
    """The script's exit status, its parsed events and its standard error (splunkd.log)."""

    returncode: int
    events: list[StreamedEvent]
    stdout: str
    stderr: str


def _params(parent: ET.Element, tag: str, name: str, params: Mapping[str, str]) -> None:
    element = ET.SubElement(parent, tag, name=name)
    for key, value in params.items():
        ET.SubElement(element, "param", name=key).text = value


def _header(root: ET.Element, server_uri: str, session_key: str, checkpoint_dir: Path) -> None:
    ET.SubElement(root, "server_host").text = "sh01"
    ET.SubElement(root, "server_uri").text = server_uri
    ET.SubElement(root, "session_key").text = session_key
    ET.SubElement(root, "checkpoint_dir").text = str(checkpoint_dir)


def input_xml(
    server_uri: str, session_key: str, checkpoint_dir: Path, stanzas: Mapping[str, Mapping[str, str]]
) -> bytes:
    """The document splunkd writes to a modular input's standard input for one run."""
    root = ET.Element("input")
    _header(root, server_uri, session_key, checkpoint_dir)
    configuration = ET.SubElement(root, "configuration")
    for name, params in stanzas.items():
        _params(configuration, "stanza", name, params)
    return ET.tostring(root, encoding="utf-8")


def validation_xml(
    server_uri: str, session_key: str, checkpoint_dir: Path, name: str, params: Mapping[str, str]
) -> bytes:
    """The document splunkd writes for `--validate-arguments` when an input is created or edited."""
    root = ET.Element("items")
    _header(root, server_uri, session_key, checkpoint_dir)
    _params(root, "item", name, params)
    return ET.tostring(root, encoding="utf-8")


def input_script(app: Path, name: str) -> Path:
    """The script ucc-gen generated for the input `name` in the built `app` (bin/<name>.py)."""
    path = app / "bin" / f"{name}.py"
    assert path.is_file(), f"ucc-gen did not generate {name}'s script"
    return path


def run_script(script: Path, args: list[str], stdin: bytes = b"", python: str = sys.executable) -> InputRun:
    """Run `script` as splunkd would (its folder as working directory) and parse its event stream."""
    environment = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [python, str(script.resolve()), *args],
        input=stdin,
        capture_output=True,
        cwd=str(script.parent),
        env=environment,
        timeout=TIMEOUT,
        check=False,
    )
    stdout = done.stdout.decode("utf-8")
    return InputRun(done.returncode, parse_stream(stdout), stdout, done.stderr.decode("utf-8"))


def parse_stream(stdout: str) -> list[StreamedEvent]:
    """The events of splunklib's XML event stream (`<stream>` with `<event>` elements); [] for none."""
    if "<stream>" not in stdout:
        return []
    root = ET.fromstring(stdout[stdout.index("<stream>") :])
    return [
        StreamedEvent(
            stanza=event.get("stanza", ""),
            time=event.findtext("time", ""),
            index=event.findtext("index", ""),
            sourcetype=event.findtext("sourcetype", ""),
            source=event.findtext("source", ""),
            data=event.findtext("data", ""),
        )
        for event in root.iter("event")
    ]


def search_head_cluster(standin: SplunkdStandIn, captain: str) -> dict[str, str]:
    """Make the stand-in answer as a member of a search-head cluster whose captain is `captain` (splunkd's
    server/info and shcluster/captain/info); which member it is, is the returned dict's "server"."""
    this = {"server": ""}

    def answer(request: Request) -> Reply | None:
        roles = ["search_head", "shc_member"] + (["shc_captain"] if this["server"] == captain else [])
        contents = {
            ("server", "info"): {"serverName": this["server"], "server_roles": roles},
            ("shcluster", "captain", "info"): {"label": captain, "peer_scheme_host_port": f"https://{captain}:8089"},
        }
        content = contents.get(tuple(request.segments))
        return None if content is None else Reply(200, {"entry": [{"name": "x", "content": content}]})

    standin.add_service(answer)
    return this
