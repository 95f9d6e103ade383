"""A KV store collection of the app, through splunkd's `storage/collections/data/<collection>`."""

import json
from collections.abc import Mapping
from typing import Any, Optional
from urllib.parse import quote, urlencode

from llm_triage.splunkd.conf import splunkd_message
from llm_triage.splunkd.rest import SplunkdRest


class StoreUnavailable(Exception):
    """The KV store did not answer as asked; the message says which collection and status."""


class Collection:
    """Insert, read, replace and find documents of one collection."""

    def __init__(self, rest: SplunkdRest, name: str) -> None:
        self.rest = rest
        self.name = name
        self._base = f"storage/collections/data/{quote(name, safe='')}"

    def insert(self, document: Mapping[str, Any]) -> str:
        """Add a document (with its own `_key` when it has one); its key."""
        status, body = self._call("POST", self._base, document)
        if status not in (200, 201):
            raise StoreUnavailable(f"KV store {self.name}: insert answered {status}: {splunkd_message(body)}")
        return str(_json(body, self.name).get("_key", document.get("_key", "")))

    def save(self, key: str, document: Mapping[str, Any]) -> None:
        """Replace document `key`."""
        status, body = self._call("POST", f"{self._base}/{quote(key, safe='')}", dict(document, _key=key))
        if status not in (200, 201):
            raise StoreUnavailable(f"KV store {self.name}: update answered {status}: {splunkd_message(body)}")

    def save_many(self, documents: list[Mapping[str, Any]]) -> None:
        """Insert or replace `documents` (each with its `_key`) in one batch."""
        if not documents:
            return
        status, body = self._call("POST", f"{self._base}/batch_save", None, list(documents))
        if status not in (200, 201):
            raise StoreUnavailable(f"KV store {self.name}: batch save answered {status}: {splunkd_message(body)}")

    def get(self, key: str) -> Optional[dict[str, Any]]:
        """Document `key`, or None."""
        status, body = self._call("GET", f"{self._base}/{quote(key, safe='')}", None)
        if status == 404:
            return None
        if status != 200:
            raise StoreUnavailable(f"KV store {self.name}: read answered {status}: {splunkd_message(body)}")
        document = _json(body, self.name)
        return document if isinstance(document, dict) else None

    def find(self, query: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Every document matching `query` (field equality, as the KV store reads it)."""
        path = f"{self._base}?{urlencode({'query': json.dumps(dict(query))})}" if query else self._base
        status, body = self._call("GET", path, None)
        if status != 200:
            raise StoreUnavailable(f"KV store {self.name}: query answered {status}: {splunkd_message(body)}")
        data = _json(body, self.name)
        return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []

    def _call(
        self, method: str, path: str, document: Optional[Mapping[str, Any]], batch: Optional[list[Any]] = None
    ) -> tuple[int, bytes]:
        try:
            if method == "GET":
                return self.rest.get(path)
            return self.rest.post_json(path, batch if batch is not None else dict(document or {}))
        except Exception as exc:  # whatever the transport raised: the caller decides what is lost
            raise StoreUnavailable(f"KV store {self.name}: splunkd unreachable ({exc.__class__.__name__})") from None


def _json(body: bytes, name: str) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise StoreUnavailable(f"KV store {name}: the answer is not JSON") from None
