"""tools/search runs the sample pipeline through every provider type's loopback server.

The provider is set up only through the `--config` INI (a conf stanza and a `[password:llm_triage:<name>]`
secret), exactly as an admin's settings and secret storage would reach the command. Needs the built app.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.servers.provider_servers import PROVIDER_TYPES, model_requests, serving

SEARCH = REPO / "tools" / "search"
SAMPLES = REPO / "samples" / "alerts.jsonl"
KEY = "sk-search-sentinel-0123456789abcdef"
KEY_VARIABLE = "LLM_TRIAGE_PROVIDER_TEST_KEY"


def config_ini(name: str, stanza: dict) -> str:
    lines = [f"[conf-llm_triage_providers/{name}]"] + [f"{key} = {value}" for key, value in stanza.items()]
    lines += ["", f"[password:llm_triage:{name}]", f"password_env = {KEY_VARIABLE}", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("provider_type", PROVIDER_TYPES)
def test_every_sample_row_comes_back_ok_through_each_provider_type(built_app, tmp_path, provider_type):
    name = f"lab_{provider_type}"
    config = tmp_path / "providers.ini"
    with serving(provider_type, api_key=KEY) as (server, stanza):
        config.write_text(config_ini(name, dict(stanza, price_input_per_mtok="1")), encoding="utf-8")
        finished = subprocess.run(
            [sys.executable, str(SEARCH), "--app", str(built_app), "--json", "--config", str(config), str(SAMPLES),
             f"llmtriage provider={name}"],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=dict(os.environ, **{KEY_VARIABLE: KEY}),
            timeout=120,
        )  # fmt: skip
        asked = len(model_requests(server))
    assert finished.returncode == 0, finished.stderr
    assert KEY not in finished.stdout and KEY not in finished.stderr
    rows = [json.loads(line) for line in finished.stdout.splitlines() if line.strip()]
    samples = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [row["alert_name"] for row in rows] == [sample["alert_name"] for sample in samples]
    assert [row["triage_status"] for row in rows] == ["ok"] * len(samples), [row.get("triage_error") for row in rows]
    assert rows[0]["triage_verdict"] == "malicious" and rows[4]["triage_verdict"] == "benign"
    # One call per row, and one more per likely_benign answer asked again without its free text (the
    # injection check, search/swaying.py), as the search's summary counts them.
    checks = re.search(r"(\d+) injection checks", finished.stderr)
    assert asked == len(samples) + (int(checks.group(1)) if checks else 0)
