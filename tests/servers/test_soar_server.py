"""The SOAR loopback server speaks SOAR's REST API: auth, containers, artifacts, queries, updates, faults."""

import base64
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any, Optional

import pytest

from tests.servers.json_client import json_answer
from tests.servers.soar import SoarServer

TOKEN = "soar-test-token-8b1f0c2d"


@pytest.fixture
def soar() -> Iterator[SoarServer]:
    with SoarServer(token=TOKEN) as server:
        yield server


def call(
    soar: SoarServer, method: str, path: str, body: Any = None, token: Optional[str] = TOKEN, **query: str
) -> tuple[int, Any]:
    url = soar.base_url + path + ("?" + urllib.parse.urlencode(query) if query else "")
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if token is not None:
        request.add_header("ph-auth-token", token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    return json_answer(request)


def test_token_is_required(soar: SoarServer) -> None:
    status, body = call(soar, "GET", "/rest/container", token=None)
    assert status == 401 and body["failed"] is True
    assert call(soar, "GET", "/rest/container", token="wrong")[0] == 401
    basic = base64.b64encode(f":{TOKEN}".encode()).decode()
    request = urllib.request.Request(soar.base_url + "/rest/container", headers={"Authorization": f"Basic {basic}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read()) == {"count": 0, "num_pages": 1, "data": []}


def test_container_with_artifacts_then_artifact_then_read_back(soar: SoarServer) -> None:
    status, created = call(
        soar,
        "POST",
        "/rest/container",
        {
            "name": "Brute force on ws01",
            "label": "events",
            "severity": "high",
            "description": "triaged",
            "source_data_identifier": "tid-1",
            "custom_fields": {"triage_id": "tid-1"},
            "tags": ["llm_triage"],
            "artifacts": [{"name": "verdict", "label": "event", "cef": {"src": "203.0.113.9"}}],
        },
    )
    assert status == 200 and created == {"id": 1, "success": True}
    status, artifact = call(
        soar, "POST", "/rest/artifact", {"container_id": 1, "cef": {"duser": "alice"}, "run_automation": True}
    )
    assert status == 200 and artifact == {"id": 2, "success": True}
    status, container = call(soar, "GET", "/rest/container/1")
    assert status == 200
    assert container["severity"] == "high" and container["status"] == "new" and container["artifact_count"] == 2
    assert container["custom_fields"] == {"triage_id": "tid-1"} and container["tags"] == ["llm_triage"]
    status, artifacts = call(soar, "GET", "/rest/artifact", _filter_container_id="1")
    assert [item["cef"] for item in artifacts["data"]] == [{"src": "203.0.113.9"}, {"duser": "alice"}]
    assert call(soar, "GET", "/rest/container/99")[0] == 404


def test_duplicate_source_data_identifier_names_the_existing_container(soar: SoarServer) -> None:
    call(soar, "POST", "/rest/container", {"label": "events", "source_data_identifier": "same"})
    status, body = call(soar, "POST", "/rest/container", {"label": "events", "source_data_identifier": "same"})
    assert status == 400 and body["failed"] is True and body["existing_container_id"] == 1
    assert len(soar.containers) == 1


def test_requests_soar_refuses(soar: SoarServer) -> None:
    assert call(soar, "POST", "/rest/container", {"name": "no label"})[0] == 400
    assert call(soar, "POST", "/rest/container", {"label": "nope"})[1]["message"] == "Label 'nope' is not a valid label"
    assert call(soar, "POST", "/rest/container", {"label": "events", "severity": "urgent"})[0] == 400
    assert call(soar, "POST", "/rest/container", {"label": "events", "bogus": 1})[0] == 400
    assert call(soar, "POST", "/rest/artifact", {"cef": {}})[0] == 400
    assert call(soar, "POST", "/rest/artifact", {"container_id": 7})[0] == 400
    assert soar.containers == {} and soar.artifacts == {}


def test_filters_pages_sort_and_order(soar: SoarServer) -> None:
    for number in range(5):
        call(soar, "POST", "/rest/container", {"label": "events", "name": f"c{number}", "severity": "low"})
    call(soar, "POST", "/rest/container/2", {"status": "closed", "custom_fields": {"disposition": "fp"}})
    call(soar, "POST", "/rest/container/4", {"status": "closed", "close_time": "2030-01-01T00:00:00Z"})
    status, page = call(soar, "GET", "/rest/container", page_size="2", page="1", sort="id", order="desc")
    assert status == 200 and page["count"] == 5 and page["num_pages"] == 3
    assert [item["id"] for item in page["data"]] == [3, 2]
    closed = call(soar, "GET", "/rest/container", _filter_status='"closed"')[1]
    assert [item["id"] for item in closed["data"]] == [2, 4]
    assert closed["data"][0]["close_time"] and closed["data"][0]["custom_fields"] == {"disposition": "fp"}
    later = call(soar, "GET", "/rest/container", _filter_close_time__gt='"2029-12-31T23:59:59.000000Z"')[1]
    assert [item["id"] for item in later["data"]] == [4]
    some = call(soar, "GET", "/rest/container", _filter_id__in="[1, 5]", _filter_name__icontains='"C"')[1]
    assert [item["id"] for item in some["data"]] == [1, 5]
    by_field = call(soar, "GET", "/rest/container", _filter_custom_fields__disposition='"fp"')[1]
    assert [item["id"] for item in by_field["data"]] == [2]
    assert call(soar, "GET", "/rest/container", page_size="0")[1]["count"] == 5
    assert call(soar, "GET", "/rest/container", _filter_status="closed")[0] == 400  # strings must be quoted


def test_update_refuses_unknown_container_and_bad_status(soar: SoarServer) -> None:
    call(soar, "POST", "/rest/container", {"label": "events"})
    assert call(soar, "POST", "/rest/container/9", {"status": "closed"})[0] == 404
    assert call(soar, "POST", "/rest/container/1", {"status": "finished"})[0] == 400
    status, body = call(soar, "POST", "/rest/container/1", {"tags": ["a", "b"], "resolution": "false positive"})
    assert status == 200 and body == {"id": 1, "success": True}
    assert soar.containers[1]["tags"] == ["a", "b"] and soar.containers[1]["resolution"] == "false positive"


def test_faults_fail_reset_and_down_then_recover(soar: SoarServer) -> None:
    soar.fail(2, status=503)
    assert call(soar, "POST", "/rest/container", {"label": "events"})[0] == 503
    assert call(soar, "POST", "/rest/container", {"label": "events"})[0] == 503
    assert soar.containers == {}
    soar.reset(1)
    with pytest.raises((ConnectionError, http.client.HTTPException, urllib.error.URLError)):
        call(soar, "POST", "/rest/container", {"label": "events"})
    assert soar.containers == {}
    soar.reset(1, after_commit=True)
    with pytest.raises((ConnectionError, http.client.HTTPException, urllib.error.URLError)):
        call(soar, "POST", "/rest/container", {"label": "events", "source_data_identifier": "x"})
    assert len(soar.containers) == 1  # made, though the client never heard
    soar.down(500)
    assert call(soar, "GET", "/rest/container/1")[0] == 500
    soar.up()
    assert call(soar, "GET", "/rest/container/1")[0] == 200
    assert len(soar.received) == 6
