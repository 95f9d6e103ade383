"""tools/search end to end, as a separate process: outputs, exit statuses, and no secret ever printed."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.harness.splunk_app import SplunkApp

SECRET = "sk-live-Zq8v1TOPSECRET"


@pytest.fixture(scope="module")
def search_script(repo: Path) -> Path:
    return repo / "tools" / "search"


def run(search_script: Path, *args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(search_script), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def alerts_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "alerts.jsonl"
    lines = [
        {"user": "ᎠᎡᎢ", "src": ["10.0.0.1", "10.0.0.2"], "detail": {"reason": 'bad "pw"'}},
        {"user": "bob", "event": {"tags": []}},
    ]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def alerts_csv(tmp_path: Path) -> Path:
    path = tmp_path / "alerts.csv"
    path.write_text('user,body\nalice,"two\nlines"\nbob,ทt\n', encoding="utf-8")
    return path


def test_it_is_an_executable_python3_script(search_script: Path) -> None:
    assert os.access(search_script, os.X_OK)
    assert search_script.read_text(encoding="utf-8").startswith("#!/usr/bin/env python3\n")


def test_csv_out_keeps_multiline_cells_and_adds_fields(
    search_script: Path, fixture_app: SplunkApp, alerts_csv: Path
) -> None:
    result = run(search_script, "--app", fixture_app.path, alerts_csv, "noop | probe tag=seen")
    assert result.returncode == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["user", "body", "probe_tag"],
        ["alice", "two\nlines", "seen"],
        ["bob", "ทt", "seen"],
    ]


def test_json_out_keeps_multivalue_as_lists(search_script: Path, fixture_app: SplunkApp, alerts_jsonl: Path) -> None:
    result = run(search_script, "--app", fixture_app.path, "--json", "--chunk-rows", "1", alerts_jsonl, "noop")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"user": "ᎠᎡᎢ", "src{}": ["10.0.0.1", "10.0.0.2"], "detail.reason": 'bad "pw"'},
        {"user": "bob"},
    ]


def test_provider_options_reach_the_command_and_a_leaked_key_fails_the_run_masked(
    search_script: Path, fixture_app: SplunkApp, alerts_jsonl: Path
) -> None:
    # The probe deliberately echoes the key: tools/search must mask it and fail, never print it.
    result = run(
        search_script,
        "--app",
        fixture_app.path,
        "--json",
        "--provider-url",
        "http://127.0.0.1:9/v1",
        "--provider-model",
        "tiny",
        "--api-key-env",
        "TEST_LLM_KEY",
        alerts_jsonl,
        "probe conf=llm_triage_providers/local key=local leak=true",
        env={"TEST_LLM_KEY": SECRET},
    )
    assert result.returncode == 1, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["conf_base_url"], row["conf_model"], row["secret_length"]) for row in rows] == [
        ("http://127.0.0.1:9/v1", "tiny", str(len(SECRET)))
    ] * 2
    assert "probe read the secret ********" in result.stderr
    assert "tools/search: a command wrote a secret into its " in result.stderr
    assert "(masked above)" in result.stderr
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("variable", ["INI_KEY", "PYTHONPATH"])
def test_commands_do_not_inherit_key_variables_or_python_paths(
    search_script: Path, fixture_app: SplunkApp, alerts_jsonl: Path, tmp_path: Path, variable: str
) -> None:
    config = tmp_path / "search.ini"
    config.write_text("[password:llm_triage:local]\npassword_env = INI_KEY\n", encoding="utf-8")
    result = run(
        search_script,
        "--app",
        fixture_app.path,
        "--json",
        "--config",
        config,
        alerts_jsonl,
        f"probe key=local env={variable}",
        env={"INI_KEY": SECRET, "PYTHONPATH": "/somewhere/else"},
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["secret_length"], row[f"env_{variable}"]) for row in rows] == [(str(len(SECRET)), "unset")] * 2
    assert SECRET not in result.stdout + result.stderr


def test_a_failing_command_exits_1_after_printing_what_came_back(
    search_script: Path, fixture_app: SplunkApp, tmp_path: Path
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("n\n" + "".join(f"{number}\n" for number in range(10)), encoding="utf-8")
    result = run(search_script, "--app", fixture_app.path, "--chunk-rows", "4", rows, "probe fail_at=6")
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["n", "0", "1", "2", "3"]
    assert "probe: ERROR: RuntimeError" in result.stderr
    assert "tools/search: command 'probe' exited with status 1" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["{dir}/alerts.csv", "nosuch"], "unknown search command 'nosuch'"),
        (["{dir}/alerts.csv", 'noop x="open'], "unbalanced double quote"),
        (["{dir}/absent.csv", "noop"], "absent.csv: no such file"),
        (["{dir}/alerts.txt", "noop"], "input must be a .csv or .jsonl file"),
        (["--config", "{dir}/absent.ini", "{dir}/alerts.csv", "noop"], "cannot read --config"),
        (["--provider-model", "m", "{dir}/alerts.csv", "noop"], "--provider-model needs --provider-url"),
        (["--api-key-env", "UNSET_FOR_SURE", "{dir}/alerts.csv", "noop"], "UNSET_FOR_SURE is not set"),
        (["--chunk-rows", "0", "{dir}/alerts.csv", "noop"], "must be at least 1"),
    ],
)
def test_usage_errors_exit_2(
    search_script: Path, fixture_app: SplunkApp, alerts_csv: Path, arguments: list[str], complaint: str
) -> None:
    located = [argument.replace("{dir}", str(alerts_csv.parent)) for argument in arguments]
    result = run(search_script, "--app", fixture_app.path, *located)
    assert result.returncode == 2
    assert complaint in result.stderr
    assert result.stdout == ""


def test_a_secret_in_a_broken_config_is_not_echoed(
    search_script: Path, fixture_app: SplunkApp, alerts_csv: Path
) -> None:
    config = alerts_csv.parent / "broken.ini"
    config.write_text(f"[password:llm_triage:local]\npassword = x\n{SECRET}\n", encoding="utf-8")
    result = run(search_script, "--app", fixture_app.path, "--config", config, alerts_csv, "noop")
    assert result.returncode == 2
    assert "line(s) 3" in result.stderr and SECRET not in result.stderr


def test_the_app_defaults_to_the_build_output(repo: Path) -> None:
    from tools.harness.cli import DEFAULT_APP

    assert DEFAULT_APP == repo / "output" / "llm_triage"


def test_an_unbuilt_app_says_how_to_build_it(search_script: Path, tmp_path: Path, alerts_csv: Path) -> None:
    result = run(search_script, "--app", tmp_path / "output" / "llm_triage", alerts_csv, "llmtriage dryrun=true")
    assert result.returncode == 2
    assert "run `make build` first" in result.stderr


def test_input_that_is_not_utf8_is_an_input_error(search_script: Path, fixture_app: SplunkApp, tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("user,city\nana,S\xe3o Paulo\n".encode("latin-1"))
    result = run(search_script, "--app", fixture_app.path, latin1, "noop")
    assert result.returncode == 2, result.stderr
    assert f"tools/search: {latin1}: not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def windows_csv(tmp_path: Path) -> Path:
    path = tmp_path / "windows.csv"
    path.write_text(
        "user,earliest,latest\nalice,1700000000,1700003600.5\nbob,1700007200,1700010800\n", encoding="utf-8"
    )
    return path


def test_search_results_answer_the_commands_searches_and_the_log_names_user_and_window(
    search_script: Path, fixture_app: SplunkApp, windows_csv: Path, tmp_path: Path
) -> None:
    app = tmp_path / "apps" / "llm_triage"  # the fixture app plus a role to run the search as
    shutil.copytree(fixture_app.path, app, symlinks=True)
    (app / "default" / "authorize.conf").write_text("[role_enricher]\nimportRoles = user\n", encoding="utf-8")
    results = tmp_path / "results.jsonl"
    answers = [
        {
            "match": "index=auth",
            "results": [{"user": "alice", "src": ["10.0.0.1", "10.0.0.2"]}, {"n": "2"}, {"n": "3"}],
        },
        {"match": "index=", "results": [{"never": "reached by index=auth"}]},
    ]
    results.write_text("".join(json.dumps(answer) + "\n" for answer in answers), encoding="utf-8")
    log = tmp_path / "searches.jsonl"
    common = ["--app", app, "--json", "--search-results", results, "--search-log", log, "--role", "enricher"]
    result = run(search_script, *common, windows_csv, 'probe search="index=auth user=$user$"')
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [json.loads(row["search_rows"]) for row in rows] == [[answers[0]["results"][0], {"n": "2"}]] * 2
    assert {(row.get("search_error", ""), row["search_truncated"]) for row in rows} == {("", "true")}
    assert [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] == [
        {
            "search": "search index=auth user=$user$",
            "earliest_time": 1700000000.0,
            "latest_time": 1700003600.5,
            "user": "enricher_user",
        },
        {
            "search": "search index=auth user=$user$",
            "earliest_time": 1700007200.0,
            "latest_time": 1700010800.0,
            "user": "enricher_user",
        },
    ]


def test_slow_failing_and_unmatched_searches_come_back_as_row_fields(
    search_script: Path, fixture_app: SplunkApp, windows_csv: Path, tmp_path: Path
) -> None:
    results = tmp_path / "results.jsonl"
    answers = [
        {"match": "index=slow", "delay": 5},
        {"match": "lookup gone", "error": "The lookup table 'gone' does not exist."},
    ]
    results.write_text("".join(json.dumps(answer) + "\n" for answer in answers), encoding="utf-8")
    base = ["--app", fixture_app.path, "--json", "--search-results", results, windows_csv]

    def searched(spl: str) -> list[tuple[str, str]]:
        result = run(search_script, *base, spl)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        return [
            (row["search_rows"], row.get("search_error", "")) for row in map(json.loads, result.stdout.splitlines())
        ]

    slow = searched('probe search="index=slow" search_timeout=0.3')
    assert [rows for rows, _ in slow] == ["[]", "[]"] and all("within 0.3s" in error for _, error in slow)
    failed = searched('probe search="| lookup gone user"')
    assert failed == [("[]", "splunkd could not run the search (400): The lookup table 'gone' does not exist.")] * 2
    assert searched('probe search="index=none"') == [("[]", "")] * 2


def test_an_unusable_search_results_file_is_a_usage_error(
    search_script: Path, fixture_app: SplunkApp, alerts_csv: Path, tmp_path: Path
) -> None:
    results = tmp_path / "results.jsonl"
    results.write_text('{"results": []}\n', encoding="utf-8")
    result = run(search_script, "--app", fixture_app.path, "--search-results", results, alerts_csv, "noop")
    assert result.returncode == 2
    assert f"--search-results {results} line 1" in result.stderr
