"""A provider's prompt cache as the loopback servers play it: what part of a prompt was served from it.

Each provider caches a prompt prefix it has seen before, byte for byte, and says so in its own usage
fields; the servers count with this one model and report in their own wire format:

- OpenAI and Azure OpenAI (automatic): the longest prefix shared with an earlier prompt, if it is 1,024
  tokens or more, in steps of 128 tokens beyond that (`usage.prompt_tokens_details.cached_tokens`).
  The response schema is part of the prompt, ahead of the messages.
- Anthropic (explicit): the tools and system blocks up to a `cache_control` breakpoint, 1,024 tokens or
  more; read when seen before (`cache_read_input_tokens`), else written (`cache_creation_input_tokens`).
- llama.cpp (one slot): the prefix shared with the slot's previous prompt, kept only when the request
  set `cache_prompt` (`timings.cache_n`). The schema is a grammar there, not prompt text.

Tokens are counted as the servers count them (openai_wire.count_tokens, about four characters a token).
"""

import bisect
import os.path
import threading
from typing import Optional

from tests.servers.openai_wire import count_tokens

OPENAI_MINIMUM = 1024
OPENAI_STEP = 128
ANTHROPIC_MINIMUM = 1024


class PromptCache:
    """The prompts a server has seen, and how much of a new one they cover. Thread-safe."""

    def __init__(self) -> None:
        self._seen: list[str] = []  # sorted: the longest prefix shared with any is shared with a neighbour
        self._prefixes: set[str] = set()
        self._lock = threading.Lock()

    def automatic(self, prompt: str) -> int:
        """OpenAI's rule: the cached tokens of `prompt`, which is remembered for the next ones."""
        with self._lock:
            at = bisect.bisect_left(self._seen, prompt)
            neighbours = self._seen[max(0, at - 1) : at + 1]
            shared = max((len(os.path.commonprefix([prompt, seen])) for seen in neighbours), default=0)
            self._seen.insert(at, prompt)
        tokens = count_tokens(prompt[:shared])
        if tokens < OPENAI_MINIMUM:
            return 0
        return OPENAI_MINIMUM + (tokens - OPENAI_MINIMUM) // OPENAI_STEP * OPENAI_STEP

    def breakpoint(self, prefix: str) -> tuple[int, int]:
        """Anthropic's rule for a prefix closed by a breakpoint: (tokens read, tokens written)."""
        tokens = count_tokens(prefix)
        if tokens < ANTHROPIC_MINIMUM:
            return 0, 0
        with self._lock:
            if prefix in self._prefixes:
                return tokens, 0
            self._prefixes.add(prefix)
        return 0, tokens

    def slot(self, prompt: str, keep: bool) -> int:
        """llama.cpp's rule: the tokens shared with the slot's last prompt, kept only when asked (`keep`)."""
        with self._lock:
            last: Optional[str] = self._seen[-1] if self._seen else None
            self._seen[:] = [prompt] if keep else []
        return count_tokens(os.path.commonprefix([prompt, last])) if keep and last is not None else 0
