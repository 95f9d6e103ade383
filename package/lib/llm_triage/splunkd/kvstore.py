"""The app's one way into the KV store: a collection through splunkd's `storage/collections/data/<name>`.

Every collection the app keeps (verdicts, triaged evidence, feedback, examples, context lookups, approvals,
dead letters) is read and written through `Collection`, with whoever's rights the `SplunkdRest` carries
(the analyst's session for lookups, the system token in the app's endpoints). Failures are one exception,
`StoreUnavailable`, whose message is safe to show: which access was refused, which status splunkd gave.
Batches stay within limits.conf's defaults (max_queries_per_batch 1000, max_documents_per_batch_save 50000).
"""

import json
from collections.abc import Mapping, Sequence
from typing import Any, Optional
from urllib.parse import quote, urlencode

from llm_triage.splunkd.rest import SplunkdRest, TimeOver

QUERIES_PER_BATCH = 500
DOCUMENTS_PER_SAVE = 1000
# A query that rides in the URL (a DELETE's: splunkd's takes no body) is at most this many characters once
# encoded. splunkd documents no limit of its own; RFC 9110 asks every server to take URIs of 8000 octets, and
# the rest of the request line (path, output_mode) fits in what is left.
URL_QUERY_CHARS = 7000
Document = dict[str, Any]


class StoreUnavailable(Exception):
    """The KV store did not answer as asked; the message says why, safely."""


class Collection:
    """Find, read, save and delete the documents of one collection."""

    def __init__(self, rest: SplunkdRest, name: str, app: str = "") -> None:
        """`app`: another app's collection (Enterprise Security's incident_review), else the app's own."""
        self.rest = rest
        self.name = name
        self._base = f"storage/collections/data/{quote(name, safe='')}"
        if app:
            self._base = f"/servicesNS/nobody/{quote(app, safe='')}/{self._base}"

    def find(
        self,
        query: Optional[Mapping[str, Any]] = None,
        limit: int = 0,
        fields: Sequence[str] = (),
        sort: str = "",
        skip: int = 0,
    ) -> list[Document]:
        """The documents matching `query` (field equality, `$and`, `$or`, `$lt` and the like), at most `limit`
        (0: no limit) after the first `skip`, in the KV store's `sort` order (`time`, `time:-1`) when given."""
        params: dict[str, str] = {}
        if query:
            params["query"] = json.dumps(dict(query))
        if limit:
            params["limit"] = str(limit)
        if skip:
            params["skip"] = str(skip)
        if sort:
            params["sort"] = sort
        if fields:
            params["fields"] = ",".join(fields)
        answer = self._request("GET", f"{self._base}?{urlencode(params)}" if params else self._base, None)
        return [item for item in answer if isinstance(item, dict)] if isinstance(answer, list) else []

    def find_each(self, queries: Sequence[Mapping[str, Any]], limit: int = 0) -> list[list[Document]]:
        """The documents of each query, in order, QUERIES_PER_BATCH queries per batch_find."""
        found: list[list[Document]] = []
        for start in range(0, len(queries), QUERIES_PER_BATCH):
            batch = [
                {"query": dict(query), **({"limit": limit} if limit else {})}
                for query in queries[start : start + QUERIES_PER_BATCH]
            ]
            answers = self._request("POST", f"{self._base}/batch_find", batch)
            # Each query answers a list: anything else is an error, not "no documents", since pruning would
            # read "no pending label" and delete the evidence a label still needs.
            if (
                not isinstance(answers, list)
                or len(answers) != len(batch)
                or not all(isinstance(a, list) for a in answers)
            ):
                raise StoreUnavailable("the KV store answered batch_find with an unexpected shape")
            found.extend([d for d in answer if isinstance(d, dict)] for answer in answers)
        return found

    def get_many(self, keys: Sequence[str]) -> dict[str, Document]:
        """The documents of those `keys` that have one, by key, through batch_find."""
        return self.get_groups([[key] for key in sorted({key for key in keys if key})])

    def get_groups(self, groups: Sequence[Sequence[str]]) -> dict[str, Document]:
        """The documents of the keys of `groups` that have one, by key: one query per group (its key, or the
        `$or` of its keys, each compared for equality), so a record and the few kept beside it cost one
        lookup, not one each."""
        queries: list[dict[str, Any]] = [
            {"_key": group[0]} if len(group) == 1 else {"$or": [{"_key": key} for key in group]}
            for group in groups
            if group
        ]
        found = self.find_each(queries, limit=max((len(group) for group in groups), default=0))
        return {str(document["_key"]): document for documents in found for document in documents if "_key" in document}

    def get(self, key: str) -> Optional[Document]:
        """Document `key`, or None when there is none."""
        answer = self._request("GET", f"{self._base}/{quote(key, safe='')}", None, tolerated=(404,))
        return answer if isinstance(answer, dict) else None

    def insert(self, document: Mapping[str, Any]) -> str:
        """Add a document (with its own `_key` when it has one); its key."""
        answer = self._request("POST", self._base, dict(document))
        return str(
            answer.get("_key", document.get("_key", "")) if isinstance(answer, dict) else document.get("_key", "")
        )

    def save(self, key: str, document: Mapping[str, Any]) -> None:
        """Insert or replace document `key`."""
        self._request("POST", f"{self._base}/{quote(key, safe='')}", dict(document, _key=key))

    def save_many(self, documents: Sequence[Mapping[str, Any]]) -> list[str]:
        """Insert or replace `documents` (each with its `_key`), DOCUMENTS_PER_SAVE per batch_save; their keys."""
        keys: list[str] = []
        for start in range(0, len(documents), DOCUMENTS_PER_SAVE):
            batch = [dict(document) for document in documents[start : start + DOCUMENTS_PER_SAVE]]
            answer = self._request("POST", f"{self._base}/batch_save", batch)
            saved = answer if isinstance(answer, list) else [document.get("_key", "") for document in batch]
            keys.extend(str(key) for key in saved)
        return keys

    def delete(self, key: str) -> None:
        """Remove document `key` (nothing when there is none)."""
        self._request("DELETE", f"{self._base}/{quote(key, safe='')}", None, tolerated=(404,))

    def delete_where(self, query: Mapping[str, Any]) -> None:
        """Remove every document matching `query` in one request. The query is JSON built from values, never
        text pasted into JSON; an empty query would empty the collection, so it is refused, and so is one longer
        than URL_QUERY_CHARS (a server that cut it could not be trusted to delete what it names)."""
        if not query:
            raise ValueError("delete_where needs a query: an empty one removes every document")
        encoded = urlencode({"query": json.dumps(dict(query))})
        if len(encoded) > URL_QUERY_CHARS:
            raise ValueError(f"delete_where's query takes {len(encoded)} characters of URL, over {URL_QUERY_CHARS}")
        self._request("DELETE", f"{self._base}?{encoded}", None)

    def _request(self, method: str, path: str, payload: Any, tolerated: Sequence[int] = ()) -> Any:
        """The JSON answer; None for a `tolerated` status; StoreUnavailable otherwise."""
        body = None if payload is None else json.dumps(payload, separators=(",", ":")).encode("utf-8")
        try:
            status, answer = self.rest.request(method, path, body)
        except TimeOver as exc:  # a call not made: whose time was over says why
            raise StoreUnavailable(str(exc)) from None
        except Exception as exc:  # whatever the transport raised: the caller decides what is lost
            raise StoreUnavailable(f"splunkd unreachable ({exc.__class__.__name__})") from None
        if status in tolerated:
            return None
        if status == 403:
            access = "read" if method == "GET" or path.endswith("/batch_find") else "write"
            raise StoreUnavailable(f"no {access} access to the KV store collection {self.name}")
        if status not in (200, 201):
            raise StoreUnavailable(f"the KV store answered {status}")
        try:
            return json.loads(answer.decode("utf-8")) if answer else None
        except (UnicodeDecodeError, ValueError):
            raise StoreUnavailable("the KV store answered with something that is not JSON") from None
