"""Running the built app's `llm_triage` alert action as splunkd does, against the splunkd stand-in with the
app served (REST endpoints, KV store, indexes) and loopback SOAR, webhook and model servers."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm_triage import names
from llm_triage.routing import alert_action
from llm_triage.splunkd.rest import Request, splunkd_request
from tests.harness.lab_provider import lab_content
from tests.servers.openai_compat import OpenAICompatServer
from tests.servers.soar import SoarServer
from tests.servers.webhook import WebhookServer
from tools.harness.app_endpoints import AppServices, serve_app
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn
from tools.harness.ucc_credentials import store_credential

SOAR_TOKEN = "soar-SENTINEL-token-5c1e9a7b"
HOOK_SECRET = "Bearer hook-SENTINEL-3f0d2a"
MODEL_KEY = "sk-SENTINEL-model-7e2b1c"
SECRETS = (SOAR_TOKEN, HOOK_SECRET, MODEL_KEY)
SEARCH_NAME = "Brute force to SOAR"
TIMEOUT = 180

Answer = tuple[int, bytes]


@dataclass
class Lab:
    """Everything one test routes through."""

    app: SplunkApp
    standin: SplunkdStandIn
    services: AppServices
    soar: SoarServer
    hook: WebhookServer
    model: OpenAICompatServer
    tmp: Path

    def fire(
        self, rows: list[dict[str, Any]], search_name: str = SEARCH_NAME, **params: str
    ) -> subprocess.CompletedProcess[str]:
        """Fire the alert once over `rows` with these parameters (fast retries unless given); an empty
        `search_name` is an ad hoc run (Enterprise Security's Incident Review runs the action so)."""
        return run_alert(self.app, self._payload(rows, search_name, params), ["--execute"])

    def fire_in_process(
        self, rows: list[dict[str, Any]], search_name: str = SEARCH_NAME, **params: str
    ) -> tuple[subprocess.CompletedProcess[str], list[float]]:
        """Fire the alert as `fire` does, but in this process (the package's source, not the built app), and
        the `wait` each request to the judge endpoint said: how long the action waited for its answer."""
        waits: list[float] = []

        def request_factory(server_uri: str, session_key: str) -> Request:
            send = splunkd_request(server_uri, session_key)

            def recording(method: str, path: str, body: bytes | None, timeout: float | None = None) -> Answer:
                if path.startswith(names.JUDGE_PATH) and body is not None:
                    waits.append(float(json.loads(body)["wait"]))
                return send(method, path, body, timeout)

            return recording

        stderr = io.StringIO()
        payload = io.StringIO(self._payload(rows, search_name, params))
        code = alert_action.main(["llm_triage_alert.py", "--execute"], payload, stderr, request_factory)
        return subprocess.CompletedProcess(["llm_triage_alert.py", "--execute"], code, "", stderr.getvalue()), waits

    def _payload(self, rows: list[dict[str, Any]], search_name: str, params: Mapping[str, str]) -> str:
        results = self.tmp / f"results-{len(list(self.tmp.iterdir()))}.csv.gz"
        write_results(results, rows)
        configuration = {"backoff": "0.05", "index": "llm_triage_audit", **params}
        payload = {
            "app": "search",
            "owner": "admin",
            "results_file": str(results),
            "results_link": "https://sh1:8000/app/search/search?sid=rt_1",
            "server_host": "sh1",
            "server_uri": self.standin.uri,
            "session_key": self.standin.session_key,
            "sid": "scheduler__admin__search__RMD5brute_at_1764000000_7",
            "search_name": search_name,
            "configuration": configuration,
            "result": rows[0] if rows else {},
        }
        return json.dumps(payload)

    def use_policy(self, *actions: tuple[str, str]) -> None:
        """Make the policy in force (`[scoring] policy`) one whose rule gives every result `actions`."""
        self.standin.content.set_stanza(
            "llm_triage_settings", "scoring", {"policy": str(policy_file(self.tmp, *actions))}
        )

    def results(self) -> list[dict[str, Any]]:
        """The results the alert action indexed so far, in order."""
        return self.services.indexes.events("llm_triage_audit", "llm_triage:result")

    def audit(self) -> list[dict[str, Any]]:
        """The audit events written so far."""
        return self.services.indexes.events("llm_triage_audit", "llm_triage:audit")

    def collection(self, name: str) -> list[dict[str, Any]]:
        """A KV collection's documents."""
        return list(self.services.kvstore.collections.get(name, {}).values())

    def call(
        self, method: str, path: str, session_key: str, body: Mapping[str, Any] | None = None, query: str = ""
    ) -> tuple[int, Any]:
        """A request to splunkd (the app's endpoints) as the holder of `session_key`."""
        url = f"{self.standin.uri}/servicesNS/nobody/llm_triage/{path}?output_mode=json{query}"
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"Splunk {session_key}")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")


@contextmanager
def lab(
    app: SplunkApp, tmp: Path, settings: Mapping[str, str] | None = None, soar_tls: ssl.SSLContext | None = None
) -> Iterator[Lab]:
    """The stand-in with the app served, a SOAR server `soar1` (HTTPS with `soar_tls`), a webhook `hook1`
    and a provider `lab`."""
    with (
        SoarServer(token=SOAR_TOKEN, tls=soar_tls) as soar,
        WebhookServer(header=("Authorization", HOOK_SECRET)) as hook,
    ):
        with OpenAICompatServer(api_key=MODEL_KEY) as model:
            content = lab_content(app, model.base_url, MODEL_KEY)
            content.set_stanza("llm_triage_settings", "scoring", dict(settings or {}))
            content.set_stanza("llm_triage_soar_servers", "soar1", {"url": soar.base_url, "token": "******"})
            store_credential(content, "llm_triage_soar_servers", "soar1", {"token": SOAR_TOKEN})
            content.set_stanza(
                "llm_triage_webhooks",
                "hook1",
                {"url": hook.url, "header_name": "Authorization", "header_value": "******"},
            )
            store_credential(content, "llm_triage_webhooks", "hook1", {"header_value": HOOK_SECRET})
            with SplunkdStandIn(content) as standin:
                services = serve_app(standin, app)
                yield Lab(app, standin, services, soar, hook, model, tmp)


def run_alert(app: SplunkApp, stdin: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """The alert script as splunkd starts it (a clean environment but SPLUNK_HOME; standard input carries the
    payload)."""
    script = app.path / "bin" / "llm_triage_alert.py"
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONDONTWRITEBYTECODE": "1"}
    if os.environ.get("SPLUNK_HOME"):  # splunkd sets it; a test that wants the app's log files sets it too
        env["SPLUNK_HOME"] = os.environ["SPLUNK_HOME"]
    return subprocess.run(
        [sys.executable, str(script), *args], input=stdin, capture_output=True, text=True, timeout=TIMEOUT, env=env
    )


def write_results(path: Path, rows: list[dict[str, Any]]) -> None:
    """splunkd's results file: gzipped CSV, a multivalue field as `f` (values on lines) plus `__mv_f`."""
    names: list[str] = []
    for row in rows:
        for name, value in row.items():
            for column in (name, f"__mv_{name}") if isinstance(value, list) else (name,):
                if column not in names:
                    names.append(column)
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names)
        writer.writeheader()
        for row in rows:
            record: dict[str, str] = {}
            for name, value in row.items():
                if isinstance(value, list):
                    record[name] = "\n".join(value)
                    record[f"__mv_{name}"] = ";".join("$" + item.replace("$", "$$") + "$" for item in value)
                else:
                    record[name] = str(value)
            writer.writerow(record)


# The shipped catalogue's ceilings, and one action no policy may ever take.
CEILINGS = {
    **{name: "automatic" for name in ("tag", "group_duplicates", "open_case", "notify", "assign_owner")},
    **{name: "needs_approval" for name in ("disable_account", "isolate_host", "revoke_tokens", "block_address")},
    **{name: "never" for name in ("close_alert", "suppress_rule", "wipe_host")},
}


def policy_file(folder: Path, *actions: tuple[str, str], ceilings: Mapping[str, str] = CEILINGS) -> Path:
    """An admin's policy file (`soc_default/3`) whose one rule gives every result `actions`."""
    classes: dict[str, list[str]] = {"automatic": [], "needs_approval": [], "never": []}
    for name, klass in actions:
        classes[klass].append(name)
    policy = {
        "id": "soc_default",
        "version": 3,
        "title": "One rule for every result",
        "actions": {name: {"ceiling": ceiling, "description": name} for name, ceiling in ceilings.items()},
        "rules": [{"name": "rule-4", "reason": "every result", "when": {}, **classes}],
    }
    path = folder / f"soc_default-3-{len(list(folder.glob('*.json')))}.json"
    path.write_text(json.dumps(policy), encoding="utf-8")
    return path


def alert_row(number: int, **fields: Any) -> dict[str, Any]:
    """A raw result of the brute-force alert, as its search returns it (`fields` added or replaced)."""
    row: dict[str, Any] = {
        "_time": str(1764000000 + number),
        "_raw": f"failed password for alice from 203.0.113.{number}",
        "rule_name": "Brute force",
        "src": f"203.0.113.{number}",
        "user": "alice",
    }
    row.update(fields)
    return row


def assert_no_secret(*texts: str) -> None:
    """None of the lab's secrets in any of `texts`."""
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, "a secret leaked"
