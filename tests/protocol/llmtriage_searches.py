"""`| llmtriage` searches through the splunkd stand-in, as its admin or as a user with given capabilities."""

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


def search(
    app: SplunkApp,
    standin: SplunkdStandIn,
    rows: list[dict[str, Any]],
    spl: str,
    capture: Collector,
    redactor: Redactor | None = None,
    chunk_rows: int = 50,
    username: str | None = None,
    session_key: str | None = None,
    reply_timeout: float = TIMEOUT,
) -> list[dict[str, Any]]:
    """Run `spl` over `rows` through the stand-in (as its admin unless a user's session key is given)."""
    extra: dict[str, Any] = {"username": username, "session_key": session_key} if session_key else {}
    return list(
        run_search(
            rows,
            spl,
            app,
            standin,
            python=sys.executable,
            chunk_rows=chunk_rows,
            on_message=capture.message,
            on_stderr=capture.line,
            redactor=redactor,
            reply_timeout=reply_timeout,
            **extra,
        )
    )


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
    out = search(app, standin, rows, "llmtriage", capture, redactor, chunk_rows, user, session_key)
    return out, capture, redactor
