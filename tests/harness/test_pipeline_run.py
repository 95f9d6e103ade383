"""Rows through real splunklib commands over SCP v2: order, fidelity, streaming, failures, secrets."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.harness.collector import Collector
from tools.harness.chunked import Row, RowLike
from tools.harness.command_process import CommandFailed, command_argv
from tools.harness.pipeline import (
    DEFAULT_CHUNK_ROWS,
    SearchContext,
    _input_chunks,
    command_environment,
    run_search,
)
from tools.harness.redaction import MASK, Redactor
from tools.harness.spl import parse_pipeline
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn

TIMEOUT = 60.0


def awkward_rows(count: int) -> list[Row]:
    """Rows with everything that has broken CSV bridges before: multibyte, multivalue, quotes, newlines."""
    rows: list[Row] = []
    for number in range(count):
        row: Row = {"n": str(number), "text": f'ทt {number}: "quoted", comma\nsecond line'}
        if number % 3 == 0:
            row["tags"] = ["$dollar", "ᎠᎡᎢ", f"t{number}"]
        if number % 5 == 0:
            row["rare"] = "sometimes"
        rows.append(row)
    return rows


def search(
    app: SplunkApp,
    standin: SplunkdStandIn,
    rows: Sequence[RowLike],
    spl: str,
    collector: Collector,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    redactor: Redactor | None = None,
) -> Iterator[Row]:
    return run_search(
        rows,
        spl,
        app,
        standin,
        chunk_rows=chunk_rows,
        on_message=collector.message,
        on_stderr=collector.line,
        redactor=redactor,
        reply_timeout=TIMEOUT,
    )


def test_every_row_comes_back_in_order_and_intact(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    rows = awkward_rows(700)
    collector = Collector()
    assert list(search(fixture_app, standin, rows, "noop", collector, chunk_rows=64)) == rows
    assert collector.messages == []


def test_two_stages_see_the_arguments_splunkd_would_pass(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    rows = awkward_rows(50)
    out = list(search(fixture_app, standin, rows, 'noop | probe tag="a b"', Collector(), chunk_rows=16))
    assert out == [{**row, "probe_tag": "a b"} for row in rows]


def test_commands_reach_the_standin_with_the_session_key(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    out = list(search(fixture_app, standin, awkward_rows(3), "probe conf=llm_triage_settings/triage", Collector()))
    assert [row["conf_max_rows"] for row in out] == ["100"] * 3
    assert [row["conf_timeout"] for row in out] == ["30"] * 3  # from [default]
    assert [(entry.path, entry.status) for entry in standin.requests] == [
        ("/servicesNS/nobody/llm_triage/configs/conf-llm_triage_settings", 200)
    ]


def test_when_splunkd_is_not_ready_every_row_still_comes_back(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    standin.not_ready = True
    rows = awkward_rows(20)
    out = list(search(fixture_app, standin, rows, "probe conf=llm_triage_settings/triage", Collector(), chunk_rows=7))
    assert out == [{**row, "probe_error": "splunkd answered 503"} for row in rows]


def test_secrets_are_masked_in_rows_and_stderr(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    secret = "sk-live-Zq8v1TOPSECRET"
    standin.content.set_secret("llm_triage", "local", secret)
    collector = Collector()
    redactor = Redactor()
    rows = awkward_rows(2)
    spl = "probe secret=llm_triage:local leak=true"
    out = list(search(fixture_app, standin, rows, spl, collector, redactor=redactor))
    assert [row["secret_length"] for row in out] == [str(len(secret))] * 2
    assert [row["probe_secret"] for row in out] == [MASK] * 2
    assert collector.stderr == [f"[probe] probe read the secret {MASK}"]
    assert sorted(redactor.leaks) == ["output rows", "stderr"]


def test_a_search_that_keeps_its_secrets_records_no_leak(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    standin.content.set_secret("llm_triage", "local", "sk-live-Zq8v1TOPSECRET")
    redactor = Redactor()
    out = list(
        search(fixture_app, standin, awkward_rows(2), "probe secret=llm_triage:local", Collector(), redactor=redactor)
    )
    assert [row["secret_length"] for row in out] == ["22"] * 2
    assert redactor.leaks == []


def test_messages_are_passed_on(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    collector = Collector()
    out = list(search(fixture_app, standin, awkward_rows(5), "probe warn=careful", collector))
    assert len(out) == 5
    assert collector.messages == [("probe", "WARN", "careful")]


def test_an_error_in_getinfo_stops_the_search(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    collector = Collector()
    with pytest.raises(CommandFailed, match="'probe' reported an error during getinfo"):
        list(search(fixture_app, standin, awkward_rows(5), "probe bogus=1", collector))
    assert ("probe", "ERROR", "Unrecognized option: bogus=1") in collector.messages


def test_a_command_error_keeps_the_rows_already_returned(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    collector = Collector()
    out: list[Row] = []
    with pytest.raises(CommandFailed, match="'probe' exited with status 1"):
        for row in search(fixture_app, standin, awkward_rows(10), "probe fail_at=5", collector, chunk_rows=3):
            out.append(row)
    assert [row["n"] for row in out] == ["0", "1", "2"]
    assert [level for _command, level, _text in collector.messages] == ["ERROR"]
    assert "probe failing at row 5" in collector.messages[0][2]


def test_a_command_that_dies_is_reported_with_its_status(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    with pytest.raises(CommandFailed, match=r"'probe' ended without answering \(exit status 3\)"):
        list(search(fixture_app, standin, awkward_rows(10), "probe crash_at=2", Collector()))


def test_a_finished_command_is_fed_no_more(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    # head answers the first chunk with finished=true and exits 4 if splunkd sends it anything else.
    rows = awkward_rows(30)
    out = list(search(fixture_app, standin, rows, "noop | head | probe tag=x", Collector(), chunk_rows=10))
    assert out == [{**row, "probe_tag": "x"} for row in rows[:10]]


def test_no_input_rows(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    assert list(search(fixture_app, standin, [], "noop | probe tag=x", Collector())) == []


def test_non_chunked_commands_are_refused(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    with pytest.raises(Exception, match="not chunked = true"):
        list(search(fixture_app, standin, [], "legacy", Collector()))


def test_memory_stays_bounded_rows_are_pulled_as_results_go_out(
    fixture_app: SplunkApp, standin: SplunkdStandIn
) -> None:
    pulled = 0

    def source() -> Iterator[Row]:
        nonlocal pulled
        for number in range(3000):
            pulled += 1
            yield {"n": str(number)}

    ahead = []
    emitted = 0
    for row in run_search(source(), "noop | noop", fixture_app, standin, chunk_rows=50, reply_timeout=TIMEOUT):
        emitted += 1
        assert row == {"n": str(emitted - 1)}
        ahead.append(pulled - emitted)
    assert emitted == 3000
    # Rows in flight: one chunk read ahead, one being sent, one in each command, one being handed out.
    assert max(ahead) <= 6 * 50


def test_input_chunks_have_the_requested_size_and_the_last_is_flagged() -> None:
    chunks = list(_input_chunks(({"n": str(n)} for n in range(25)), 10))
    assert [(len(rows), last) for rows, last in chunks] == [(10, False), (10, False), (5, True)]
    assert [(len(rows), last) for rows, last in _input_chunks(iter([]), 10)] == [(0, True)]
    exact = list(_input_chunks(({"n": "1"} for _ in range(20)), 10))
    assert [(len(rows), last) for rows, last in exact] == [(10, False), (10, True)]


def test_default_chunk_size_is_what_splunkd_sends() -> None:
    # Full execute chunks in the 8.0.3 capture carry 5,861 to 6,638 rows.
    assert 5861 <= DEFAULT_CHUNK_ROWS <= 6638


def test_getinfo_carries_everything_splunkd_sends(tmp_path: Path) -> None:
    context = SearchContext("http://127.0.0.1:1", "key", tmp_path, "1700000000.1", "llmtriage dryrun=true")
    (call,) = parse_pipeline('llmtriage fields="user src"')
    getinfo = context.getinfo(call)
    assert {key: getinfo[key] for key in ("action", "preview", "streaming_command_will_restart")} == {
        "action": "getinfo",
        "preview": False,
        "streaming_command_will_restart": False,
    }
    assert getinfo["searchinfo"] == {
        "args": ["fields=user src"],
        "raw_args": ['fields="user src"'],
        "dispatch_dir": str(tmp_path),
        "sid": "1700000000.1",
        "session_key": "key",
        "splunkd_uri": "http://127.0.0.1:1",
        "app": "llm_triage",
        "owner": "admin",
        "username": "admin",
        "command": "llmtriage",
        "search": "llmtriage dryrun=true",
        "earliest_time": "0",
        "latest_time": "0",
        "maxresultrows": 50000,
        "splunk_version": "9.2.1",
    }


def test_commands_get_a_clean_environment() -> None:
    base = {"PATH": "/bin", "PYTHONPATH": "/dev/tree", "PYTHONHOME": "/x", "MY_KEY": "secret", "LANG": "C.UTF-8"}
    assert command_environment({"MY_KEY"}, base) == {
        "PATH": "/bin",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    assert command_environment()["PYTHONDONTWRITEBYTECODE"] == "1"


def test_commands_receive_default_sized_chunks(fixture_app: SplunkApp, standin: SplunkdStandIn) -> None:
    rows = [{"n": str(number)} for number in range(DEFAULT_CHUNK_ROWS + 1)]
    out = list(search(fixture_app, standin, rows, "probe chunks=true", Collector()))
    assert [row["n"] for row in out] == [row["n"] for row in rows]
    sizes = {chunk: len(list(group)) for chunk, group in itertools.groupby(row["probe_chunk"] for row in out)}
    assert sizes == {"1": DEFAULT_CHUNK_ROWS, "2": 1}


def test_commands_start_with_absolute_paths_and_no_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert command_argv(".venv/bin/python", Path("output/llm_triage/bin/llmtriage.py")) == [
        str(tmp_path / ".venv" / "bin" / "python"),
        str(tmp_path / "output" / "llm_triage" / "bin" / "llmtriage.py"),
    ]
    assert command_argv("python3", Path("/app/bin/x.py")) == ["python3", "/app/bin/x.py"]
