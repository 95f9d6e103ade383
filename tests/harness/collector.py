"""A sink for what a search says besides its rows: messages (command, level, text) and stderr lines."""

from __future__ import annotations

import json


class Collector:
    """Message and stderr sinks that remember what they were given."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.stderr: list[str] = []

    def message(self, command: str, level: str, text: str) -> None:
        self.messages.append((command, level, text))

    def line(self, command: str, text: str) -> None:
        self.stderr.append(f"[{command}] {text}")

    def text(self) -> str:
        """Everything collected, as one string to search for leaks."""
        return json.dumps(self.messages) + "\n".join(self.stderr)
