"""tools/harness/splunkd_storage.py: conf and storage/passwords writes of the splunkd stand-in, over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest

from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn
from tools.harness.splunkd_storage import install

ATOM = "{http://www.w3.org/2005/Atom}"
REST = "{http://dev.splunk.com/ns/rest}"
BASE = "/servicesNS/nobody/llm_triage"


@pytest.fixture()
def splunkd() -> Iterator[SplunkdStandIn]:
    content = SplunkdContent()
    content.set_stanza("llm_triage_providers", "default", {"timeout": "30"})
    with SplunkdStandIn(content) as running:
        install(running)
        yield running


def call(
    splunkd: SplunkdStandIn, method: str, path: str, form: dict[str, str] | None = None, key: str | None = None
) -> tuple[int, bytes]:
    data = urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(splunkd.uri + path, data=data, method=method)
    request.add_header("Authorization", f"Splunk {key or splunkd.session_key}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_conf_create_update_delete(splunkd: SplunkdStandIn) -> None:
    conf = f"{BASE}/configs/conf-llm_triage_providers"
    status, body = call(splunkd, "POST", conf + "?output_mode=json", {"name": "lab", "model": "m1"})
    assert status == 201
    [entry] = json.loads(body)["entry"]
    assert entry["name"] == "lab" and entry["content"]["model"] == "m1" and entry["content"]["timeout"] == "30"
    assert entry["acl"]["sharing"] == "app"
    assert call(splunkd, "POST", conf + "?output_mode=json", {"name": "lab"})[0] == 409
    status, _ = call(splunkd, "POST", conf + "/lab?output_mode=json", {"model": "m2", "seed": ""})
    assert status == 200 and splunkd.content.confs["llm_triage_providers"]["lab"] == {"model": "m2", "seed": ""}
    assert call(splunkd, "POST", conf + "/ghost?output_mode=json", {"model": "x"})[0] == 404
    # The stand-in's own reads see the writes.
    status, body = call(splunkd, "GET", conf + "/lab?output_mode=json")
    assert status == 200 and json.loads(body)["entry"][0]["content"]["model"] == "m2"
    status, body = call(splunkd, "DELETE", conf + "/lab?output_mode=json")
    assert status == 200 and [entry["name"] for entry in json.loads(body)["entry"]] == ["default"]
    assert call(splunkd, "DELETE", conf + "/lab?output_mode=json")[0] == 404


def test_passwords_in_atom_as_splunklib_reads_them(splunkd: SplunkdStandIn) -> None:
    realm = "__REST_CREDENTIAL__#llm_triage#configs/conf-llm_triage_providers"
    passwords = f"{BASE}/storage/passwords"
    status, body = call(
        splunkd, "POST", passwords, {"name": "lab``splunk_cred_sep``1", "password": "<s&x>", "realm": realm}
    )
    assert status == 201
    call(splunkd, "POST", passwords, {"name": "other", "password": "pw", "realm": "elsewhere"})
    status, body = call(splunkd, "GET", passwords + "?" + urlencode({"search": f"realm={realm}", "count": "-1"}))
    assert status == 200
    feed = ET.fromstring(body)
    [entry] = feed.findall(f"{ATOM}entry")
    name = f"{realm}:lab``splunk_cred_sep``1:"
    assert entry.findtext(f"{ATOM}title") == name
    links = {link.get("rel"): link.get("href") for link in entry.findall(f"{ATOM}link")}
    assert links["alternate"] == f"{passwords}/{quote(name, safe='')}"
    keys = {key.get("name"): key for key in entry.iter(f"{REST}key")}
    assert keys["clear_password"].text == "<s&x>" and keys["realm"].text == realm
    acl = {key.get("name"): key.text for key in keys["eai:acl"].iter(f"{REST}key")}
    assert (acl["owner"], acl["app"], acl["sharing"]) == ("nobody", "llm_triage", "app")
    # splunklib re-encodes the entity path but leaves the realm's "/" as it is.
    entity = passwords + "/" + quote(name)
    assert call(splunkd, "POST", entity, {"password": "new"})[0] == 200
    assert splunkd.content.secrets[(realm, "lab``splunk_cred_sep``1")] == "new"
    status, body = call(splunkd, "GET", entity + "?output_mode=json")
    assert status == 200 and json.loads(body)["entry"][0]["content"]["clear_password"] == "new"
    assert (
        call(splunkd, "POST", passwords, {"name": "lab``splunk_cred_sep``1", "password": "x", "realm": realm})[0] == 409
    )
    assert call(splunkd, "DELETE", entity)[0] == 200
    assert call(splunkd, "DELETE", entity)[0] == 404
    assert list(splunkd.content.secrets) == [("elsewhere", "other")]


def test_capabilities(splunkd: SplunkdStandIn) -> None:
    analyst = splunkd.add_user("analyst", ["search"])
    reader = splunkd.add_user("reader", ["list_storage_passwords"])
    splunkd.content.set_secret("r", "u", "secret-value")
    status, body = call(splunkd, "GET", f"{BASE}/storage/passwords?output_mode=json", key=analyst)
    assert status == 403 and b"requires capability: list_storage_passwords" in body
    assert b"secret-value" not in body
    status, body = call(splunkd, "GET", f"{BASE}/storage/passwords?output_mode=json", key=reader)
    assert status == 200 and json.loads(body)["entry"][0]["content"]["clear_password"] == "secret-value"
    status, _ = call(splunkd, "POST", f"{BASE}/storage/passwords", {"name": "u2", "password": "p"}, key=reader)
    assert status == 403
    conf = f"{BASE}/configs/conf-llm_triage_providers?output_mode=json"
    assert call(splunkd, "POST", conf, {"name": "lab", "model": "m"}, key=analyst)[0] == 403
    assert "lab" not in splunkd.content.confs["llm_triage_providers"]
