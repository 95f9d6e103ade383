"""A loopback OpenAI-compatible model that answers as `OpenAICompatServer` does, then rewrites each verdict of
its well-formed answers with a function: two providers that judge the same evidence differently, as two real
models would (escalating_model.py), or one that believes every word it reads (believing_model.py)."""

import json
from collections.abc import Callable
from typing import Any

from tests.servers.openai_compat import OpenAICompatServer
from tests.servers.serving import JsonHandler

Verdict = dict[str, Any]


def each_verdict(answer: Any, rewrite: Callable[[Verdict], Verdict]) -> Any:
    """`answer` (one verdict, or a batch answer's verdicts by id) with each verdict rewritten."""
    if isinstance(answer, dict) and "verdict" in answer:
        return rewrite(answer)
    if isinstance(answer, dict):
        return {key: each_verdict(value, rewrite) for key, value in answer.items()}
    return answer


class RewritingServer(OpenAICompatServer):
    """`OpenAICompatServer` whose well-formed answers have each verdict passed through `rewrite`."""

    def __init__(self, rewrite: Callable[[Verdict], Verdict], **options: Any) -> None:
        super().__init__(**options)
        self._rewrite = rewrite

    def _send(self, handler: JsonHandler, answer: Any, **options: Any) -> None:
        if isinstance(answer, dict) and answer.get("object") == "chat.completion":
            message = answer["choices"][0]["message"]
            try:
                message["content"] = json.dumps(each_verdict(json.loads(message["content"] or ""), self._rewrite))
            except ValueError:
                pass  # a deliberately broken answer stays broken
        super()._send(handler, answer, **options)
