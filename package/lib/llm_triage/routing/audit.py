"""The audit trail of routing and approvals: `llm_triage:audit` events (key `triage_audit`: routing|approval)."""

import time
from typing import Any

from llm_triage import names
from llm_triage.splunkd.index import IndexUnavailable, send_events
from llm_triage.splunkd.rest import SplunkdRest

AUDIT_SOURCETYPE = names.AUDIT_SOURCETYPE
ROUTING = "routing"
APPROVAL = "approval"


def audit_event(kind: str, triage_id: str, actor: str, **details: Any) -> dict[str, Any]:
    """One audit event: when, what (`triage_audit`), about which result, by whom, and the details."""
    return {
        "time": round(time.time(), 6),
        names.AUDIT_KIND_FIELD: kind,
        "triage_id": triage_id,
        "actor": actor,
        **details,
    }


class Auditor:
    """Collects audit events and writes them to the index in one go (`flush`)."""

    def __init__(self, rest: SplunkdRest, index: str, source: str) -> None:
        self.rest = rest
        self.index = index
        self.source = source
        self.pending: list[dict[str, Any]] = []
        self.written = 0

    def record(self, event: dict[str, Any]) -> None:
        """Keep `event` for the next flush."""
        self.pending.append(event)

    def flush(self) -> str:
        """Write what is pending; "" when written, else why not (the events stay pending)."""
        if not self.pending:
            return ""
        try:
            send_events(self.rest, self.pending, self.index, AUDIT_SOURCETYPE, self.source)
        except IndexUnavailable as exc:
            return f"audit events not written: {exc}"
        self.written += len(self.pending)
        self.pending = []
        return ""
