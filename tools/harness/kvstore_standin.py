"""A KV store stand-in for the splunkd stand-in: `storage/collections/data/<collection>` as splunkd serves it.

    with SplunkdStandIn(content) as standin:
        kvstore = KvStoreService(content)
        standin.add_service(kvstore)

Collections are those the served app declares in collections.conf (a request for any other is 404, as in
splunkd). In memory, one dict of documents per collection; standard library only. Served:

- GET    data/<c>[?query=<json>&limit=&skip=]   matching documents, as a JSON array
- POST   data/<c>                 insert one document (JSON body); answers {"_key": ...}, 201
- GET    data/<c>/<key>           one document, or 404
- POST   data/<c>/<key>           replace one document; answers {"_key": ...}
- DELETE data/<c>/<key>, DELETE data/<c>[?query=<json>]
- POST   data/<c>/batch_find      a JSON array of {"query", "limit", "skip"}; answers an array of result arrays
- POST   data/<c>/batch_save      a JSON array of documents, inserted or replaced by _key; answers their keys

Queries support field equality (a scalar also matches an array holding it), `$and`, `$or`, and `$lt`,
`$lte`, `$gt`, `$gte` on a field (MongoDB's: a number compares with numbers only, a string with strings; a
missing field matches none) (what the app uses); `sort=<field>[:-1]` orders a GET's answer and
`fields=<a>,<b>` keeps only those fields (and `_key`). Batches above limits.conf's defaults
(max_queries_per_batch 1000, max_documents_per_batch_save 50000) are refused with 400, as splunkd does;
a find answers at most max_rows_per_query (50000) documents, the rest silently left out, as splunkd does.
Reads need an authenticated user and `can_read(user, collection)` (by default: anyone; `serve_app` reads the
app's default.meta, as splunkd does); writes need `can_write(user)` (by default: a user holding every
capability, like the shipped default.meta's write access for admins only).
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable, Mapping
from typing import Any

from tools.harness.splunkd_standin import Reply, Request, SplunkdContent, User

MAX_QUERIES_PER_BATCH = 1000
MAX_DOCUMENTS_PER_BATCH_SAVE = 50000
MAX_ROWS_PER_QUERY = 50000
_DATA = ["storage", "collections", "data"]


def _error(status: int, text: str) -> Reply:
    return Reply(status, {"messages": [{"type": "ERROR", "text": text}]})


def _admin(user: User) -> bool:
    return user.capabilities is None


def _anyone(user: User, collection: str) -> bool:
    return True


class KvStoreService:
    """The KV store data endpoints over the collections `content`'s collections.conf declares."""

    def __init__(
        self,
        content: SplunkdContent,
        can_write: Callable[[User], bool] = _admin,
        can_read: Callable[[User, str], bool] = _anyone,
    ) -> None:
        self.content = content
        self.can_write = can_write
        self.can_read = can_read
        self.collections: dict[str, dict[str, dict[str, Any]]] = {}
        self.calls: list[tuple[str, str]] = []  # (method, action) for tests: "batch_find", "batch_save", ...
        # limits.conf [kvstore] max_rows_per_query: splunkd answers a find with at most this many documents,
        # silently (each batch_find query too).
        self.max_rows_per_query = MAX_ROWS_PER_QUERY
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply | None:
        if request.segments[:3] != _DATA or len(request.segments) < 4:
            return None
        name, rest = request.segments[3], request.segments[4:]
        declared = {stanza for stanza in self.content.confs.get("collections", {}) if stanza != "default"}
        if name not in declared:
            return _error(404, f"Collection {name} not found in app {request.app}")
        action = rest[0] if rest else ""
        with self._lock:
            self.calls.append((request.method, action or "collection"))
            documents = self.collections.setdefault(name, {})
            writing = request.method in ("POST", "DELETE") and action != "batch_find"
            if writing and not self.can_write(request.user):
                return _error(403, f"User '{request.user.name}' with roles cannot write: /nobody/{request.app}/{name}")
            if not writing and not self.can_read(request.user, name):
                return _error(403, f"User '{request.user.name}' with roles cannot read: /nobody/{request.app}/{name}")
            try:
                return self._route(request, documents, action, rest)
            except ValueError as error:
                return _error(400, str(error))

    def _route(self, request: Request, documents: dict[str, dict[str, Any]], action: str, rest: list[str]) -> Reply:
        method = request.method
        if len(rest) > 1:
            return _error(404, "Not Found")
        if action == "batch_find" and method == "POST":
            answers = self._batch_find(documents, _json_body(request.body, list))
            return Reply(200, [answer[: self.max_rows_per_query] for answer in answers])
        if action == "batch_save" and method == "POST":
            return Reply(200, self._batch_save(documents, _json_body(request.body, list)))
        if not action:
            if method == "GET":
                found = _find(documents, _query_param(request.query), request.query)
                return Reply(200, found[: self.max_rows_per_query])
            if method == "POST":
                document = _json_body(request.body, dict)
                return Reply(201, {"_key": _save(documents, document)})
            if method == "DELETE":
                for key in [doc["_key"] for doc in _find(documents, _query_param(request.query), {})]:
                    del documents[key]
                return Reply(200, {})
        else:
            key = action
            if method == "GET":
                return (
                    Reply(200, documents[key]) if key in documents else _error(404, f"Could not find object id={key}")
                )
            if method == "POST":
                document = dict(_json_body(request.body, dict), _key=key)
                return Reply(200, {"_key": _save(documents, document)})
            if method == "DELETE":
                if documents.pop(key, None) is None:
                    return _error(404, f"Could not find object id={key}")
                return Reply(200, {})
        return _error(405, f"{method} not allowed here")

    @staticmethod
    def _batch_find(documents: dict[str, dict[str, Any]], queries: list[Any]) -> list[list[dict[str, Any]]]:
        if len(queries) > MAX_QUERIES_PER_BATCH:
            raise ValueError(f"Too many queries in batch: {len(queries)} > {MAX_QUERIES_PER_BATCH}")
        answers = []
        for item in queries:
            if not isinstance(item, dict):
                raise ValueError("Each batch_find item must be a JSON object")
            query = item.get("query", {})
            if not isinstance(query, dict):
                raise ValueError("query must be a JSON object")
            answers.append(_find(documents, query, item))
        return answers

    @staticmethod
    def _batch_save(documents: dict[str, dict[str, Any]], batch: list[Any]) -> list[str]:
        if len(batch) > MAX_DOCUMENTS_PER_BATCH_SAVE:
            raise ValueError(f"Too many documents in batch: {len(batch)} > {MAX_DOCUMENTS_PER_BATCH_SAVE}")
        if not all(isinstance(document, dict) for document in batch):
            raise ValueError("Each document must be a JSON object")
        return [_save(documents, document) for document in batch]


def _json_body(body: bytes, kind: type) -> Any:
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError("Request body is not valid JSON") from None
    if not isinstance(value, kind):
        raise ValueError(f"Request body must be a JSON {'array' if kind is list else 'object'}")
    return value


def _query_param(query: Mapping[str, str]) -> dict[str, Any]:
    raw = query.get("query", "")
    if not raw:
        return {}
    value = json.loads(raw) if raw.strip().startswith("{") else None
    if not isinstance(value, dict):
        raise ValueError("query must be a JSON object")
    return value


def _save(documents: dict[str, dict[str, Any]], document: dict[str, Any]) -> str:
    key = document.get("_key")
    if key is None:
        key = secrets.token_hex(12)  # splunkd makes 24 hex digits, like a MongoDB ObjectId
    if not isinstance(key, str) or not key:
        raise ValueError("_key must be a non-empty string")
    documents[key] = dict(document, _key=key, _user="nobody")
    return key


def _find(
    documents: dict[str, dict[str, Any]], query: dict[str, Any], options: Mapping[str, Any]
) -> list[dict[str, Any]]:
    try:
        skip = int(options.get("skip", 0) or 0)
        limit = int(options.get("limit", 0) or 0)
    except (TypeError, ValueError):
        raise ValueError("limit and skip must be integers") from None
    keys = _keys_of(query)
    if keys is None:
        matching = [dict(document) for document in documents.values() if _matches(document, query)]
    else:  # by `_key`, as the KV store finds them: by its index, not by reading every document
        found = [key for key in dict.fromkeys(keys) if key in documents]
        if len(found) > 1:
            position = {key: index for index, key in enumerate(documents)}  # the store's order, as a scan gives
            found.sort(key=position.__getitem__)
        matching = [dict(documents[key]) for key in found]
    sort = str(options.get("sort", "") or "")
    if sort:
        field, _, direction = sort.partition(":")
        matching.sort(key=lambda document: _sort_key(document.get(field)), reverse=direction == "-1")
    matching = matching[skip:]
    matching = matching[:limit] if limit > 0 else matching
    fields = [name for name in str(options.get("fields", "") or "").split(",") if name]
    if fields:  # splunkd's projection: the named fields, and `_key` unless it is excluded
        matching = [{k: v for k, v in d.items() if k in fields or k == "_key"} for d in matching]
    return matching


def _keys_of(query: Mapping[str, Any]) -> list[str] | None:
    """The keys a query asks for when it asks only for documents by `_key` (`{"_key": k}`, or an `$or` of
    such), else None."""
    if set(query) == {"_key"} and isinstance(query["_key"], str):
        return [query["_key"]]
    parts = query.get("$or") if set(query) == {"$or"} else None
    if (
        isinstance(parts, list)
        and parts
        and all(isinstance(part, dict) and set(part) == {"_key"} and isinstance(part["_key"], str) for part in parts)
    ):
        return [part["_key"] for part in parts]
    return None


def _sort_key(value: Any) -> tuple[int, Any]:
    """MongoDB's order across types, enough for the app: missing, numbers, strings, the rest as text."""
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, json.dumps(value, sort_keys=True))


def _matches(document: Mapping[str, Any], query: Mapping[str, Any]) -> bool:
    for field, expected in query.items():
        if field == "$and":
            if not all(_matches(document, part) for part in expected):
                return False
        elif field == "$or":
            if not any(_matches(document, part) for part in expected):
                return False
        elif field.startswith("$"):
            raise ValueError(f"operator {field} is not supported by the stand-in")
        elif _is_comparison(expected):
            if not all(_compares(document.get(field), op, bound) for op, bound in expected.items()):
                return False
        elif not _equal_or_contains(document.get(field), expected):
            return False
    return True


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "$lt": lambda a, b: a < b,
    "$lte": lambda a, b: a <= b,
    "$gt": lambda a, b: a > b,
    "$gte": lambda a, b: a >= b,
}


def _is_comparison(expected: Any) -> bool:
    """An object of operators ({"$lt": 5}), as opposed to an object to compare for equality."""
    if not isinstance(expected, dict) or not expected or not all(str(k).startswith("$") for k in expected):
        return False
    unknown = set(expected) - set(_COMPARISONS)
    if unknown:
        raise ValueError(f"operator {sorted(unknown)[0]} is not supported by the stand-in")
    return True


def _compares(value: Any, op: str, bound: Any) -> bool:
    """MongoDB's comparison: only within one type class (numbers, strings); anything else matches nothing."""
    numbers = (int, float)
    if isinstance(value, bool) or isinstance(bound, bool):
        return False
    if isinstance(value, numbers) and isinstance(bound, numbers):
        return _COMPARISONS[op](value, bound)
    if isinstance(value, str) and isinstance(bound, str):
        return _COMPARISONS[op](value, bound)
    return False


def _equal_or_contains(value: Any, expected: Any) -> bool:
    """MongoDB's equality: a scalar matches an array field that holds it."""
    return value == expected or (isinstance(value, list) and not isinstance(expected, list) and expected in value)
