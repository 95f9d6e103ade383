"""tools/search --lookup: the app's KV store lookups filled from local files, read by the command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.servers.openai_compat import OpenAICompatServer
from tools.harness.inputs import InputError
from tools.harness.kvstore_standin import KvStoreService
from tools.harness.lookups import fill_lookup, lookup_collection, parse_lookup_option
from tools.harness.splunk_app import AppError, SplunkApp
from tools.harness.standin_config import content_for_app


def test_the_option_names_a_lookup_and_an_input_file(tmp_path: Path) -> None:
    assets = tmp_path / "assets.csv"
    assets.write_text("asset,criticality\nws01,high\n", encoding="utf-8")
    assert parse_lookup_option(f"llm_triage_assets={assets}") == ("llm_triage_assets", assets)
    with pytest.raises(InputError, match="give NAME=FILE"):
        parse_lookup_option("llm_triage_assets")
    with pytest.raises(InputError, match="is not a .csv or .jsonl file"):
        parse_lookup_option(f"llm_triage_assets={tmp_path / 'absent.csv'}")


def test_only_the_apps_kv_store_lookups_can_be_filled(built_app: Path, tmp_path: Path) -> None:
    app = SplunkApp(built_app)
    assert lookup_collection(app, "llm_triage_identities") == "llm_triage_identities"
    with pytest.raises(
        AppError, match="not a KV store lookup of llm_triage .it has: .*llm_triage_assets, .*llm_triage_identities"
    ):
        lookup_collection(app, "llm_triage_assets_csv")
    people = tmp_path / "people.jsonl"
    people.write_text('{"identity": "alice", "category": ["admin", "vip"]}\n{"identity": "bob"}\n', encoding="utf-8")
    kvstore = KvStoreService(content_for_app(app))
    assert fill_lookup(app, kvstore, "llm_triage_identities", people) == 2
    documents = list(kvstore.collections["llm_triage_identities"].values())
    assert documents[0]["category"] == ["admin", "vip"] and documents[1]["identity"] == "bob"


def test_tools_search_reads_the_filled_lookups_into_the_factors(built_app: Path, tmp_path: Path) -> None:
    assets, people, alerts = tmp_path / "assets.csv", tmp_path / "people.csv", tmp_path / "alerts.csv"
    assets.write_text("asset,criticality\nWS01,critical\n", encoding="utf-8")
    people.write_text("identity,category\nalice,admin|vip\n", encoding="utf-8")
    alerts.write_text("rule_name,user,dest,urgency\nOdd login,alice,ws01,medium\n", encoding="utf-8")
    with OpenAICompatServer() as model:
        finished = subprocess.run(
            [sys.executable, str(REPO / "tools" / "search"), "--app", str(built_app), "--json",
             "--provider-url", model.base_url, "--lookup", f"llm_triage_assets={assets}",
             "--lookup", f"llm_triage_identities={people}", "--role", "llm_triage_analyst", str(alerts), "llmtriage"],
            capture_output=True, text=True, cwd=REPO, timeout=120,
        )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    [row] = [json.loads(line) for line in finished.stdout.splitlines() if line.strip()]
    assert row["triage_status"] == "ok"
    assert row["triage_factors"][3:5] == ["asset_criticality=critical (dest:ws01):+0.20", "identity=admin,vip:+0.10"]
    unknown = subprocess.run(
        [sys.executable, str(REPO / "tools" / "search"), "--app", str(built_app), "--lookup",
         f"llm_triage_assets_csv={assets}", str(alerts), "llmtriage dryrun=true"],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert unknown.returncode == 2 and "not a KV store lookup" in unknown.stderr
