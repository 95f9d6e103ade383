"""Masking secrets (API keys, the session key) in everything the harness prints or passes on.

Masking hides a secret from the terminal; it must not hide the bug that put it there. Text that came
from a command is masked with a `source` ("output rows", "stderr", ...), and every source a secret was
found in is kept in `leaks`, so tools/search and the tests can fail on it.
"""

from __future__ import annotations

from collections.abc import Iterable

MASK = "********"


class Redactor:
    """Replaces every known secret with `********`, in text and in bytes."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: list[str] = []
        self.leaks: list[str] = []
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str) -> None:
        """Mask `secret` from now on (empty strings are ignored)."""
        if secret and secret not in self._secrets:
            self._secrets.append(secret)
            # Longest first, so a secret that contains another is masked whole.
            self._secrets.sort(key=len, reverse=True)

    def text(self, value: str, source: str = "") -> str:
        """`value` with every secret masked; a secret found in a command's `source` is recorded as a leak."""
        for secret in self._secrets:
            if secret in value:
                value = value.replace(secret, MASK)
                self._record(source)
        return value

    def data(self, value: bytes, source: str = "") -> bytes:
        """`value` (UTF-8 bytes) with every secret masked, leaks recorded as in `text`."""
        for secret in self._secrets:
            encoded = secret.encode("utf-8")
            if encoded in value:
                value = value.replace(encoded, MASK.encode("ascii"))
                self._record(source)
        return value

    def _record(self, source: str) -> None:
        if source and source not in self.leaks:
            self.leaks.append(source)
