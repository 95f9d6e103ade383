"""A loopback OpenAI-compatible model that believes every word it reads: whatever the evidence, it answers
`benign` and `likely_benign`, with the keyword judge's other fields (so the answer is still valid for the
request that asked). Issue 19's stand-in for the end-to-end measure: with a model that always lets the alert
go, only the detector keeps an attacker's row out of `likely_benign`, and a check without the row's free
text answers the same, so it finds nothing swayed.
"""

import json
from typing import Any

from tests.servers.openai_compat import OpenAICompatServer
from tests.servers.serving import JsonHandler

BELIEVED = {"verdict": "benign", "bucket": "likely_benign", "confidence": 0.9}


def believe(answer: Any) -> Any:
    """A verdict (or a batch answer's verdicts by id) turned benign."""
    if isinstance(answer, dict) and "verdict" in answer:
        return dict(answer, **BELIEVED)
    if isinstance(answer, dict):
        return {key: believe(value) for key, value in answer.items()}
    return answer


class BelievingServer(OpenAICompatServer):
    """`OpenAICompatServer` whose well-formed answers are passed through `believe`."""

    def _send(self, handler: JsonHandler, answer: Any, **options: Any) -> None:
        if isinstance(answer, dict) and answer.get("object") == "chat.completion":
            message = answer["choices"][0]["message"]
            try:
                message["content"] = json.dumps(believe(json.loads(message["content"] or "")))
            except ValueError:
                pass  # a deliberately broken answer stays broken
        super()._send(handler, answer, **options)
