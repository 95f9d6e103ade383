"""Hostile payloads for the `llm_triage` alert action, fed on standard input as splunkd feeds it: each run
ends with a clear message and a non-zero exit, sends nothing to SOAR, writes nothing, and says no secret."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.llm_triage.routing.alert_runs import SECRETS, Lab, alert_row, run_alert, write_results
from tools.harness.splunk_app import SplunkApp


def payload(soc: Lab, **changes: Any) -> dict[str, Any]:
    results = soc.tmp / "results.csv.gz"
    write_results(results, [alert_row(1)])
    base = {
        "server_uri": soc.standin.uri,
        "session_key": soc.standin.session_key,
        "results_file": str(results),
        "search_name": "hostile",
        "configuration": {"soar_server": "soar1"},
    }
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


def hostile(soc: Lab) -> Iterator[tuple[str, str, int]]:
    """(case, standard input, the exit code splunkd records)."""
    yield "empty", "", 2
    yield "not json", "{results_file: /etc/passwd", 2
    yield "a list", "[]", 2
    yield "deeply nested", "[" * 100_000 + "]" * 100_000, 2
    yield "no session", json.dumps(payload(soc, session_key=None)), 1
    yield "results file a path outside", json.dumps(payload(soc, results_file="/etc/passwd")), 1
    yield "results file a folder", json.dumps(payload(soc, results_file=str(soc.tmp))), 1
    yield "results file missing", json.dumps(payload(soc, results_file="../../../nowhere.csv.gz")), 1
    garbage = soc.tmp / "garbage.csv.gz"
    garbage.write_bytes(b"\x1f\x8b\x08\x00garbage")
    yield "results file not gzip", json.dumps(payload(soc, results_file=str(garbage))), 1
    yield "both targets", json.dumps(payload(soc, configuration={"soar_server": "soar1", "webhook": "hook1"})), 1


CASES = ["empty", "not json", "a list", "deeply nested", "no session", "results file a path outside",
         "results file a folder", "results file missing", "results file not gzip", "both targets"]  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_hostile_payloads_end_with_a_clear_message_and_change_nothing(app: SplunkApp, soc: Lab, case: str) -> None:
    stdin, code = next((text, code) for name, text, code in hostile(soc) if name == case)
    done = run_alert(app, stdin, ["--execute"])
    assert done.returncode == code, done.stderr
    assert done.stderr.strip() and "Traceback" not in done.stderr
    assert all(secret not in done.stderr for secret in SECRETS) and soc.standin.session_key not in done.stderr
    assert soc.soar.received == [] and soc.model.chat_requests == []
    assert soc.services.indexes.indexed == [] and not any(soc.services.kvstore.collections.values())


def test_a_results_file_of_oversized_and_injection_shaped_fields_is_triaged_row_by_row(soc: Lab) -> None:
    rows = [alert_row(1, note="x" * 2_000_000), alert_row(2, user='" | delete | search "', src="] [| rest /x ] [")]
    results = soc.tmp / "big.csv.gz"
    write_results(results, rows)
    with gzip.open(results, "rb") as handle:
        assert len(handle.read()) > 2_000_000
    done = soc.fire(rows, webhook="hook1")
    assert done.returncode == 0, done.stderr
    assert [r["user"] for r in soc.results()] == ["alice", '" | delete | search "']  # every row, in order
