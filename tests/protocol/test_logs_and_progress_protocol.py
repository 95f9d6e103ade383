"""What a search leaves for whoever runs Splunk, through the chunked protocol: the app's own log files under
SPLUNK_HOME at the Logging tab's level, never holding a key or a session key, and progress lines in search.log
(the command's standard error) while a long search runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from llm_triage.splunkd.log_files import LOG_FILES
from tests.harness.collector import Collector
from tests.protocol.llmtriage_searches import okta_alerts, search
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.redaction import Redactor
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn

# Not shaped like a credential: only the app's knowing it is a secret keeps it out of the files.
API_KEY = "LOGSENTINEL-7c1e5a9d3b2f4e60-plain"
PROGRESS = re.compile(
    r"llmtriage progress: rows_done=(\d+) rows_waiting=(\d+) rate_per_min=([\d.]+) elapsed=\d+s "
    r"time_left=(\d+s|unknown)"
)


@pytest.fixture
def api_key() -> str:
    return API_KEY


@pytest.fixture
def triage_settings() -> dict[str, str]:
    return {"progress_every": "0.3"}


@pytest.fixture
def splunk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """SPLUNK_HOME for the command (which inherits the environment) and the endpoint (served in this process)."""
    monkeypatch.setenv("SPLUNK_HOME", str(tmp_path))
    yield tmp_path
    LOG_FILES.close()  # the in-process endpoint's file: no later test writes to it


def log_text(home: Path, component: str) -> str:
    path = home / "var" / "log" / "splunk" / f"llm_triage_{component}.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def every_log(home: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in (home / "var" / "log" / "splunk").iterdir())


def test_the_command_and_the_endpoint_log_to_their_files_at_the_logging_tabs_level_without_secrets(
    app: SplunkApp, standin: SplunkdStandIn, model: OpenAICompatServer, splunk_home: Path
) -> None:
    standin.content.set_stanza("llm_triage_settings", "logging", {"loglevel": "DEBUG"})
    model.behave("http_error", status=401)  # the provider refuses the key, quoting it back
    capture, redactor = Collector(), Redactor([API_KEY, standin.session_key])
    out = search(app, standin, okta_alerts(4), "llmtriage", capture, redactor)
    assert [row["triage_status"] for row in out] == ["error"] * 4
    commands, endpoint = log_text(splunk_home, "commands"), log_text(splunk_home, "endpoint")
    assert re.search(r" INFO pid=\d+ .*\| llmtriage: 4 rows \(error 4\); .* \(sid [\w.]+\)", commands)
    assert endpoint.count("llm_triage judge endpoint: POST llm_triage/judge by admin: 200 in ") >= 1
    logs = every_log(splunk_home)
    assert API_KEY not in logs and standin.session_key not in logs and API_KEY[:20] not in logs
    assert redactor.leaks == []


def test_a_logging_tab_set_to_error_keeps_info_out_of_the_files(
    app: SplunkApp, standin: SplunkdStandIn, model: OpenAICompatServer, splunk_home: Path
) -> None:
    standin.content.set_stanza("llm_triage_settings", "logging", {"loglevel": "ERROR"})
    out = search(app, standin, okta_alerts(3), "llmtriage", Collector())
    assert [row["triage_status"] for row in out] == ["ok"] * 3
    assert " INFO " not in log_text(splunk_home, "commands") and " INFO " not in log_text(splunk_home, "endpoint")


def test_a_long_search_writes_progress_to_search_log_a_few_times_not_per_row(
    app: SplunkApp, standin: SplunkdStandIn, model: OpenAICompatServer
) -> None:
    standin.content.set_stanza("llm_triage_providers", "lab", {"max_concurrency": "1"})
    model.behave("latency", seconds=0.1)
    capture = Collector()
    out = search(app, standin, okta_alerts(16), "llmtriage", capture, chunk_rows=8)
    assert [row["serial"] for row in out] == [str(index) for index in range(16)]
    found = [PROGRESS.search(line) for line in capture.stderr]
    progress = [match for match in found if match]
    # 16 answers of 0.1 s one at a time, a line per 0.3 s at most: a few lines, never one per row.
    assert 2 <= len(progress) < 16, capture.stderr
    done = [int(match.group(1)) for match in progress]
    assert done == sorted(done) and done[-1] == 16  # the last line is the search's end
    assert all(float(match.group(3)) > 0 for match in progress)
