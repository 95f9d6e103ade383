"""Searches run as an analyst through the splunkd stand-in, for the endpoint protocol tests."""

from __future__ import annotations

import sys
from typing import Any

from tests.harness.collector import Collector
from tools.harness.pipeline import run_search
from tools.harness.redaction import Redactor
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import SplunkdStandIn

TIMEOUT = 120.0


def okta_alerts(count: int) -> list[dict[str, Any]]:
    """`count` Okta sign-ins, each with its own user (so each has its own bundle) and a serial."""
    return [
        {
            "serial": str(index),
            "sourcetype": "OktaIM2:log",
            "eventType": "user.session.start",
            "actor.alternateId": f"ana{index}@example.com",
            "client.ipAddress": "198.51.100.7",
        }
        for index in range(count)
    ]


def search_as(
    app: SplunkApp,
    standin: SplunkdStandIn,
    user: str,
    capabilities: set[str],
    rows: list[dict[str, Any]],
    secrets: list[str],
    chunk_rows: int = 3,
) -> tuple[list[dict[str, Any]], Collector, Redactor]:
    """`| llmtriage` over `rows` as `user` holding exactly `capabilities`: its rows, what it said, and the
    redactor that watched for `secrets`."""
    capture, redactor = Collector(), Redactor(secrets)
    session_key = standin.add_user(user, capabilities)
    out = list(
        run_search(
            rows,
            "llmtriage",
            app,
            standin,
            python=sys.executable,
            chunk_rows=chunk_rows,
            on_message=capture.message,
            on_stderr=capture.line,
            redactor=redactor,
            reply_timeout=TIMEOUT,
            username=user,
            session_key=session_key,
        )
    )
    return out, capture, redactor
