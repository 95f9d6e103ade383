"""A loopback OpenAI-compatible model that judges like `judge.py` but escalates more: what the keyword
judge calls suspicious it puts in `probable_incident` (a bucket the verdict allows) with confidence 0.7.

Two providers backed by `OpenAICompatServer` and this server answer the same evidence differently, as two
real models would: replays and evaluations are tested against that difference.
"""

import json
from typing import Any

from tests.servers.openai_compat import OpenAICompatServer
from tests.servers.serving import JsonHandler

ESCALATED_BUCKET = "probable_incident"
ESCALATED_CONFIDENCE = 0.7


def escalate(answer: Any) -> Any:
    """A verdict (or a batch answer's verdicts by id) with suspicious ones escalated."""
    if isinstance(answer, dict) and "verdict" in answer:
        if answer["verdict"] == "suspicious":
            return dict(answer, bucket=ESCALATED_BUCKET, confidence=ESCALATED_CONFIDENCE)
        return answer
    if isinstance(answer, dict):
        return {key: escalate(value) for key, value in answer.items()}
    return answer


class EscalatingServer(OpenAICompatServer):
    """`OpenAICompatServer` whose well-formed answers are passed through `escalate`."""

    def _send(self, handler: JsonHandler, answer: Any, **options: Any) -> None:
        if isinstance(answer, dict) and answer.get("object") == "chat.completion":
            message = answer["choices"][0]["message"]
            try:
                message["content"] = json.dumps(escalate(json.loads(message["content"] or "")))
            except ValueError:
                pass  # a deliberately broken answer stays broken
        super()._send(handler, answer, **options)
