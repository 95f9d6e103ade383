"""splunkd's error body, `{"messages": [{"type": "ERROR", "text": "<why>"}]}`: splunkd refuses in it, and
so do the app's own endpoints (llm_triage.splunkd.handler), so a client reads every refusal one way.
"""

import json
from typing import Any


def error_body(text: str) -> dict[str, Any]:
    """splunkd's error body saying `text`."""
    return {"messages": [{"type": "ERROR", "text": text}]}


def splunkd_message(body: bytes) -> str:
    """The text of the messages in one of splunkd's JSON error bodies, cut to 200 characters."""
    try:
        messages = json.loads(body.decode("utf-8")).get("messages", [])
        text = "; ".join(str(message.get("text", "")) for message in messages)
    except (ValueError, AttributeError, TypeError):  # not JSON, or not the messages shape
        text = ""
    return (text or "no detail")[:200]
