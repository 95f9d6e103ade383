"""The app's REST doorway (llm_triage.splunkd.rest.SplunkdRest) into a splunkd stand-in, without a socket."""

from __future__ import annotations

import json

from llm_triage.splunkd.rest import SplunkdRest
from tools.harness.splunkd_standin import SplunkdStandIn


def rest_for(standin: SplunkdStandIn, key: str) -> SplunkdRest:
    """The app's REST doorway into `standin` with session `key`, without a socket."""

    def request(method: str, path: str, body: bytes | None, timeout: float | None = None) -> tuple[int, bytes]:
        target = f"/servicesNS/nobody/llm_triage/{path}{'&' if '?' in path else '?'}output_mode=json"
        reply = standin.handle(method, target, f"Splunk {key}", body or b"")
        return reply.status, reply.body if reply.body is not None else json.dumps(reply.payload).encode()

    return SplunkdRest(request)
