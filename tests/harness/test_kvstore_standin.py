"""The KV store stand-in, over HTTP, and the app's KV store verdict cache speaking to it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from llm_triage.engine.cache import CacheUnavailable
from llm_triage.splunkd.kvstore_cache import KvStoreVerdictCache
from llm_triage.splunkd.rest import SplunkdRest
from tests.servers.json_client import json_answer
from tools.harness import kvstore_standin
from tools.harness.kvstore_standin import MAX_QUERIES_PER_BATCH, KvStoreService
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn

NS = "/servicesNS/nobody/llm_triage"
DATA = f"{NS}/storage/collections/data"


@pytest.fixture
def running() -> Iterator[tuple[SplunkdStandIn, KvStoreService]]:
    content = SplunkdContent()
    content.set_stanza("collections", "llm_triage_verdicts", {"enforceTypes": "false"})
    with SplunkdStandIn(content, session_key="key-123") as standin:
        service = KvStoreService(content)
        standin.add_service(service)
        yield standin, service


def call(standin: SplunkdStandIn, method: str, path: str, body: Any = None, key: str = "key-123") -> tuple[int, Any]:
    separator = "&" if "?" in path else "?"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{standin.uri}{path}{separator}output_mode=json", data=data, method=method)
    request.add_header("Authorization", f"Splunk {key}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    return json_answer(request)


def rest_for(standin: SplunkdStandIn, key: str = "key-123") -> SplunkdRest:
    def request(method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        separator = "&" if "?" in path else "?"
        url = f"{standin.uri}{NS}/{path}{separator}output_mode=json"
        http = urllib.request.Request(url, data=body, method=method, headers={"Authorization": f"Splunk {key}"})
        try:
            with urllib.request.urlopen(http, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    return SplunkdRest(request)


def test_insert_get_replace_delete(running: tuple[SplunkdStandIn, KvStoreService]) -> None:
    standin, _ = running
    status, body = call(standin, "POST", f"{DATA}/llm_triage_verdicts", {"a": 1})
    assert status == 201 and len(body["_key"]) == 24
    key = body["_key"]
    assert call(standin, "GET", f"{DATA}/llm_triage_verdicts/{key}") == (200, {"a": 1, "_key": key, "_user": "nobody"})
    assert call(standin, "POST", f"{DATA}/llm_triage_verdicts/{key}", {"a": 2})[0] == 200
    status, listing = call(standin, "GET", f"{DATA}/llm_triage_verdicts?query=" + '{"a":2}')
    assert status == 200 and [doc["_key"] for doc in listing] == [key]
    assert call(standin, "DELETE", f"{DATA}/llm_triage_verdicts/{key}")[0] == 200
    assert call(standin, "GET", f"{DATA}/llm_triage_verdicts/{key}")[0] == 404


def test_batch_save_then_batch_find_answers_one_array_per_query(running: tuple[SplunkdStandIn, KvStoreService]) -> None:
    standin, _ = running
    status, keys = call(standin, "POST", f"{DATA}/llm_triage_verdicts/batch_save", [{"_key": "k1", "n": 1}, {"n": 2}])
    assert status == 200 and keys[0] == "k1" and len(keys) == 2
    queries = [{"query": {"_key": "k1"}}, {"query": {"_key": "nope"}}, {"query": {"$or": [{"n": 1}, {"n": 2}]}}]
    status, answers = call(standin, "POST", f"{DATA}/llm_triage_verdicts/batch_find", queries)
    assert status == 200
    assert [[doc["n"] for doc in answer] for answer in answers] == [[1], [], [1, 2]]


def test_comparisons_sort_fields_and_delete_by_query(running: tuple[SplunkdStandIn, KvStoreService]) -> None:
    """As MongoDB compares: numbers with numbers, strings with strings; a missing field matches nothing."""
    standin, _ = running
    documents = [{"_key": "a", "t": 5}, {"_key": "b", "t": 1.5}, {"_key": "c", "t": "1"}, {"_key": "d"},
                 {"_key": "e", "t": 9, "x": "evidence"}]  # fmt: skip
    call(standin, "POST", f"{DATA}/llm_triage_verdicts/batch_save", documents)

    def keys(query: str) -> list[str]:
        status, found = call(standin, "GET", f"{DATA}/llm_triage_verdicts?{query}")
        assert status == 200
        return [doc["_key"] for doc in found]

    assert keys("query=" + quote('{"t": {"$lt": 6}}') + "&sort=t") == ["b", "a"]
    assert keys("query=" + quote('{"t": {"$gte": 5, "$lte": 9}}') + "&sort=t:-1") == ["e", "a"]
    assert keys("query=" + quote('{"t": {"$gt": "0"}}')) == ["c"]
    assert keys("query=" + quote('{"t": {"$lt": 6}}') + "&sort=_key&skip=1&limit=1") == ["b"]
    _, projected = call(standin, "GET", f"{DATA}/llm_triage_verdicts?fields=t&query=" + quote('{"_key": "e"}'))
    assert projected == [{"_key": "e", "t": 9}]
    assert call(standin, "GET", f"{DATA}/llm_triage_verdicts?query=" + quote('{"t": {"$regex": "."}}'))[0] == 400
    query = {"$and": [{"t": {"$lt": 6}}, {"$or": [{"_key": "a"}, {"_key": "c"}, {"_key": "d"}]}]}
    assert call(standin, "DELETE", f"{DATA}/llm_triage_verdicts?query=" + quote(json.dumps(query)))[0] == 200
    assert keys("sort=_key") == ["b", "c", "d", "e"]  # c's "1" is no number, d has no t


def test_limits_unknown_collections_and_bad_bodies(running: tuple[SplunkdStandIn, KvStoreService]) -> None:
    standin, _ = running
    too_many = [{"query": {}}] * (MAX_QUERIES_PER_BATCH + 1)
    assert call(standin, "POST", f"{DATA}/llm_triage_verdicts/batch_find", too_many)[0] == 400
    assert call(standin, "POST", f"{DATA}/other/batch_find", [])[0] == 404
    assert call(standin, "POST", f"{DATA}/llm_triage_verdicts/batch_save", {"not": "a list"})[0] == 400


def test_only_writers_may_write(running: tuple[SplunkdStandIn, KvStoreService]) -> None:
    standin, _ = running
    analyst = standin.add_user("analyst", ["search"])
    assert call(standin, "POST", f"{DATA}/llm_triage_verdicts/batch_save", [{"n": 1}], key=analyst)[0] == 403
    assert call(standin, "POST", f"{DATA}/llm_triage_verdicts/batch_find", [{"query": {}}], key=analyst)[0] == 200


def test_the_apps_verdict_cache_round_trips_through_it(running: tuple[SplunkdStandIn, KvStoreService]) -> None:
    standin, service = running
    cache = KvStoreVerdictCache(SplunkdRest(rest_for(standin).request))
    records = {f"{i:064x}": {"fields": {"triage_verdict": "benign"}, "created": 1.0 * i} for i in range(1200)}
    cache.store(records)
    found = cache.lookup(sorted(records)[:700] + ["f" * 64])
    assert len(found) == 700 and found[f"{5:064x}"] == records[f"{5:064x}"]
    assert service.calls == [
        ("POST", "batch_save"),
        ("POST", "batch_save"),
        ("POST", "batch_find"),
        ("POST", "batch_find"),
    ]


def test_an_analyst_reads_the_cache_but_cannot_write_it(running: tuple[SplunkdStandIn, KvStoreService]) -> None:
    standin, _ = running
    analyst = standin.add_user("analyst", ["search"])
    cache = KvStoreVerdictCache(SplunkdRest(rest_for(standin, analyst).request))
    assert cache.lookup(["a" * 64]) == {}
    with pytest.raises(CacheUnavailable, match="no write access to the KV store collection"):
        cache.store({"a" * 64: {"created": 1.0}})


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ({"_key": "k3"}, {}),
        ({"_key": "missing"}, {}),
        ({"$or": [{"_key": "k2"}, {"_key": "k7"}, {"_key": "missing"}, {"_key": "k2"}]}, {}),
        ({"$or": [{"_key": "k4"}, {"_key": "k1"}, {"_key": "k9"}]}, {"limit": 2, "skip": 1, "fields": "n"}),
        ({"$or": [{"_key": "k5"}, {"n": 6}]}, {}),  # not by keys alone: read as a scan
    ],
)
def test_documents_asked_for_by_key_are_those_a_scan_finds_in_the_same_order(query: dict, options: dict) -> None:
    # The stand-in finds them by key, as the KV store does by its index, where it had read every document.
    documents = {f"k{n}": {"_key": f"k{n}", "n": n} for n in (5, 3, 9, 1, 7, 2, 4, 6)}
    scanned = [dict(document) for document in documents.values() if kvstore_standin._matches(document, query)]
    skip, limit = int(options.get("skip", 0)), int(options.get("limit", 0))
    scanned = scanned[skip:][: limit or None]
    if "fields" in options:
        scanned = [{"_key": document["_key"], "n": document["n"]} for document in scanned]
    assert kvstore_standin._find(documents, query, options) == scanned
