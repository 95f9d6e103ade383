"""A loopback OpenAI-compatible model that answers as `OpenAICompatServer` does, then rewrites each verdict of
its well-formed answers with a function: two providers that judge the same evidence differently, as two real
models would (escalating_model.py), or one that believes every word it reads (believing_model.py); or, reading
the evidence it was asked about, one that answers it differently once context is added or text withheld."""

import json
import threading
from collections.abc import Callable
from typing import Any

from tests.servers.judge import user_message_of
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


class ReadingServer(RewritingServer):
    """`RewritingServer` whose `rewrite` is also given the user message of the request it answers."""

    def __init__(self, rewrite: Callable[[Verdict, str], Verdict], **options: Any) -> None:
        self._asked = threading.local()  # the request each handler thread is answering
        super().__init__(lambda verdict: rewrite(verdict, self._asked.message), **options)

    def _chat(self, handler: JsonHandler, raw: bytes, body: Any, headers: dict[str, str]) -> None:
        self._asked.message = user_message_of(body) if isinstance(body, dict) else ""
        super()._chat(handler, raw, body, headers)
