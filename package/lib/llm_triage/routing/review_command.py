"""`| llmapprove decision=approve|reject [note="..."]`: a reviewer's decision on the queued actions in
the rows (each row's `_key`, as `| inputlookup llm_triage_approvals` gives it), from a search or from the
approvals dashboard.

Each decision is a POST to the app's `llm_triage/approvals/<key>` endpoint with the reviewer's own
session: splunkd checks the llm_triage_review capability and names the reviewer, so no row and no option
can put another name on a decision. Every row comes back with `review_status` and `review_detail`.
"""

import json
from collections.abc import Iterable, Iterator, MutableMapping
from urllib.parse import quote

from llm_triage.splunkd.messages import splunkd_message
from llm_triage.splunkd.rest import SplunkdRest

Row = MutableMapping[str, object]
FORBIDDEN = (
    "not permitted: deciding on queued actions needs the llm_triage_review capability (role llm_triage_reviewer)"
)


def review_rows(rest: SplunkdRest, rows: Iterable[Row], decision: str, note: str = "") -> Iterator[Row]:
    """Decide on each row's queued action; every row back, in order, saying what happened."""
    for row in rows:
        key = row.get("_key")
        key = key[0] if isinstance(key, list) and key else key
        if not key:
            row.update(review_status="error", review_detail="no _key: give rows of | inputlookup llm_triage_approvals")
            yield row
            continue
        try:
            status, body = rest.post_json(
                f"llm_triage/approvals/{quote(str(key), safe='')}", {"decision": decision, "note": note}
            )
        except Exception as exc:  # whatever the transport raised: this row says so, the rest go on
            row.update(review_status="error", review_detail=f"splunkd unreachable ({exc.__class__.__name__})")
            yield row
            continue
        row.update(_answer(status, body))
        yield row


def _answer(status: int, body: bytes) -> dict[str, str]:
    if status == 403:
        return {"review_status": "forbidden", "review_detail": FORBIDDEN}
    if 400 <= status < 500:  # the endpoint said no, and why, in splunkd's error body
        return {"review_status": "refused", "review_detail": splunkd_message(body)}
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if status != 200 or not isinstance(data, dict):
        return {"review_status": "error", "review_detail": f"the endpoint answered {status}: {splunkd_message(body)}"}
    detail = f"{data.get('status')} by {data.get('decided_by')}"
    if data.get("delivery"):
        detail += f"; {data['delivery']}: {data.get('detail', '')}"
    return {"review_status": str(data.get("status", "")), "review_detail": detail}
