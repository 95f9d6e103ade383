"""The benchmark framework: discovery, the result shape, JSON and markdown, skips and failures.

Runs `python -m bench.run`'s main in quick mode on the tokens benchmark over a few events written here
(in the dataset's shape), so it is fast, needs neither ../shared nor a built app, and keeps the
benchmarks from rotting. The measured numbers themselves are never asserted against a time.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
from pathlib import Path

import pytest

import bench.common
from bench.common import RESULT_KEYS
from bench.run import discover, main, markdown, run_one
from bench.token_estimate import estimate_tokens

EVENTS = [
    {
        "log_type": "AWS.CloudTrail",
        "log": {
            "eventName": "StopLogging",
            "eventSource": "cloudtrail.amazonaws.com",
            "userIdentity": {"arn": "arn:aws:iam::111122223333:user/ana", "type": "IAMUser"},
            "sourceIPAddress": "203.0.113.9",
            "requestParameters": {"name": "main-trail"},
            "responseElements": None,
            "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256"},
            "resources": [{"ARN": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main-trail"}],
        },
    },
    {
        "log_type": "Okta.SystemLog",
        "log": {
            "eventType": "user.session.start",
            "outcome": {"result": "FAILURE", "reason": "INVALID_CREDENTIALS"},
            "actor": {"alternateId": "ana@example.com", "displayName": "Ana"},
            "client": {"ipAddress": "198.51.100.7", "userAgent": {"rawUserAgent": "curl/8.0"}},
        },
    },
    # No field any profile keeps: its bundle has no evidence, and llmtriage would send nothing.
    {"log_type": "Example.Opaque", "log": {"k1": "v1", "nested": {"k2": "v2"}}},
]


@pytest.fixture
def dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shared = tmp_path / "shared"
    (shared / "datasets").mkdir(parents=True)
    with (shared / "datasets" / "panther-tests.jsonl").open("w", encoding="utf-8") as file:
        for event in EVENTS:
            file.write(json.dumps(dict(event, rule_id="x", rule_fires=True)) + "\n")
    monkeypatch.setattr(bench.common, "SHARED", shared)
    return shared


def test_every_benchmark_module_is_discovered_and_imports_with_a_run_that_has_a_quick_mode():
    names = discover()
    assert {"tokens", "startup", "memory"} <= set(names)
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        assert "quick" in inspect.signature(module.run).parameters, name


def test_a_quick_run_prints_a_table_and_writes_json_and_markdown(dataset, tmp_path, capsys):
    json_file, markdown_file = tmp_path / "bench.json", tmp_path / "bench.md"
    status = main(["--quick", "--only", "tokens", "--json", str(json_file), "--markdown", str(markdown_file)])
    assert status == 0
    report = json.loads(json_file.read_text(encoding="utf-8"))
    assert report["environment"]["quick"] is True and report["environment"]["python"]
    [tokens] = report["benchmarks"]
    assert tokens["name"] == "tokens" and tokens["skipped"] is None and tokens["error"] is None
    results = {row["name"]: row for row in tokens["results"]}
    for row in results.values():
        assert tuple(row) == RESULT_KEYS
        if row["baseline"]:
            assert row["ratio"] == pytest.approx(row["value"] / row["baseline"])
    fields_only = results["tokens per alert, fields only: 2 of 3 alerts sent"]
    assert 0 < fields_only["value"] < fields_only["baseline"]  # the bundle is the smaller
    assert results["alerts whose bundle has no evidence (fields only, profile=auto; not sent)"]["value"] == 1
    assert results["tokens per alert, rows with _raw: 3 of 3 alerts sent"]["value"] > 0
    table = markdown_file.read_text(encoding="utf-8").splitlines()
    assert table[0].startswith("| benchmark |") and len(table) == 2 + len(results)
    assert "| tokens per alert, fields only: 2 of 3 alerts sent |" in table[2]
    assert "fields only: 2 of 3 alerts sent" in capsys.readouterr().out


def test_without_the_dataset_the_benchmark_is_skipped_not_failed(tmp_path, monkeypatch):
    monkeypatch.setattr(bench.common, "SHARED", tmp_path / "absent")
    outcome = run_one("tokens", quick=True)
    assert outcome.error is None and outcome.results == []
    assert outcome.skipped is not None and "absent" in outcome.skipped
    assert "| tokens | skipped:" in markdown([outcome])


FAKE_BENCHMARKS = {
    "bench_fine.py": "def run(quick=False):\n    return [{'name': 'n', 'value': 2.0, 'unit': 's', 'baseline': 1.0, "
    "'ratio': 2.0, 'target': '< 3 s', 'met': True}]\n",
    "bench_broken.py": "def run(quick=False):\n    raise RuntimeError('boom')\n",
    "bench_misshapen.py": "def run(quick=False):\n    return [{'name': 'n', 'value': 1.0}]\n",
}


def test_a_failing_or_misshapen_benchmark_is_reported_as_failed(tmp_path, monkeypatch):
    package = tmp_path / "fakebench"
    package.mkdir()
    for name, text in FAKE_BENCHMARKS.items():
        (package / name).write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "fakebench", raising=False)
    assert discover(package) == ["broken", "fine", "misshapen"]
    fine, broken, misshapen = (run_one(name, True, package="fakebench") for name in ("fine", "broken", "misshapen"))
    assert fine.error is None and fine.results[0]["met"] is True
    assert broken.error is not None and "RuntimeError: boom" in broken.error
    assert misshapen.error is not None and "without exactly the keys" in misshapen.error
    lines = markdown([fine, broken]).splitlines()
    assert lines[2] == "| n | 2 s | 1 s | 2× | < 3 s | yes |"
    assert lines[3] == "| broken | failed (see the JSON report) | | | | |"


def test_the_token_estimate_is_deterministic_and_grows_with_the_text():
    assert estimate_tokens("") == 0
    assert estimate_tokens("hello world") == 2
    assert estimate_tokens('{"eventName":"StopLogging"}') == estimate_tokens('{"eventName":"StopLogging"}') == 9
    assert estimate_tokens("São Paulo 2026") > estimate_tokens("Sao Paulo")
    assert estimate_tokens("x" * 600) == 100
