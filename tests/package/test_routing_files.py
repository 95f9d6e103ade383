"""The routing files the built app ships hang together: the alert action, its form, the approvals
dashboard, its lookup and collections, and the endpoints' capabilities."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from llm_triage.evidence.profiles import profile_names
from tools.harness.app_endpoints import persistent_endpoints
from tools.harness.splunk_app import SplunkApp


def test_the_alert_action_runs_its_script_with_documented_parameters(built_app: Path) -> None:
    app = SplunkApp(built_app)
    stanza = app.conf("alert_actions")["llm_triage"]
    assert (built_app / "bin" / stanza["alert.execute.cmd"]).is_file()
    assert stanza["payload_format"] == "json" and stanza["is_custom"] == "1"
    assert (built_app / "appserver" / "static" / stanza["icon_path"]).is_file()
    # param._cam is the common action model's classification of the action (read by ES), not a setting
    params = {key[len("param.") :] for key in stanza if key.startswith("param.")} - {"_cam"}
    form = (built_app / "default" / "data" / "ui" / "alerts" / "llm_triage.html").read_text(encoding="utf-8")
    in_form = set(re.findall(r'name="action\.llm_triage\.param\.([a-z_]+)"', form))
    assert in_form == params  # every parameter can be set from the form


def test_the_form_offers_the_providers_soar_servers_and_webhooks_configured(built_app: Path) -> None:
    form = ElementTree.parse(built_app / "default" / "data" / "ui" / "alerts" / "llm_triage.html").getroot()
    dropdowns = {
        element.get("name", "")[len("action.llm_triage.param.") :]: element
        for element in form.iter("splunk-search-dropdown")
    }
    confs = {
        "provider": "llm_triage_providers",
        "soar_server": "llm_triage_soar_servers",
        "webhook": "llm_triage_webhooks",
    }
    assert set(dropdowns) == set(confs)
    for name, conf in confs.items():
        search = dropdowns[name].get("search", "")
        # The conf the setup page writes, read through splunkd's REST with the editor's own session.
        assert search.startswith(f"| rest /servicesNS/-/llm_triage/configs/conf-{conf} splunk_server=local ")
        assert 'title!="default"' in search and "disabled" in search  # no [default], no disabled entry
        assert 'eval title=""' in search  # an empty choice: the default provider, or no target
        assert (dropdowns[name].get("value-field"), dropdowns[name].get("label-field")) == ("title", "label")
    [profiles] = form.iter("splunk-select")
    assert profiles.get("name") == "action.llm_triage.param.profile"
    assert [option.get("value") for option in profiles.iter("option")] == ["", *profile_names()]


def test_the_approvals_dashboard_is_studio_over_the_approvals_lookup(built_app: Path) -> None:
    app = SplunkApp(built_app)
    root = ElementTree.parse(built_app / "default" / "data" / "ui" / "views" / "llm_triage_approvals.xml").getroot()
    assert root.tag == "dashboard" and root.get("version") == "2"
    definition = json.loads(root.findtext("definition") or "")
    queries = [source["options"]["query"] for source in definition["dataSources"].values()]
    assert any("inputlookup llm_triage_approvals" in query and 'status="pending"' in query for query in queries)
    laid_out = {item["item"] for item in definition["layout"]["structure"]}
    assert laid_out == set(definition["visualizations"])
    lookup = app.conf("transforms")["llm_triage_approvals"]
    assert lookup["external_type"] == "kvstore" and lookup["collection"] in app.conf("collections")
    assert "llm_triage_dead_letters" in app.conf("collections")
    # inputlookup returns only the lookup's fields_list: a column the table names past it is always empty.
    pending = next(query for query in queries if 'status="pending"' in query)
    made = set(re.findall(r"(\w+)=", pending.split("| table", 1)[0].split("| eval", 1)[-1]))
    tabled = set(pending.split("| table", 1)[1].split("|", 1)[0].split())
    listed = {name.strip() for name in lookup["fields_list"].split(",")}
    assert "injection" in tabled and tabled - made <= listed, tabled - made - listed


def test_reviewers_decide_and_admins_replay(built_app: Path) -> None:
    capabilities = {
        endpoint.match: endpoint.capability("POST") for endpoint in persistent_endpoints(SplunkApp(built_app))
    }
    assert capabilities["/llm_triage/approvals"] == "llm_triage_review"
    assert capabilities["/llm_triage/dead_letters"] == "llm_triage_admin"
