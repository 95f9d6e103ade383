"""The Audit dashboard's redactions panel reads what the endpoint's audit event writes: the `redactions`
object of an inference, which KV_MODE = json turns into one `redactions.<kind>` field per kind masked."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from llm_triage.enrichment.runner import SearchRecord
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import get_profile
from llm_triage.providers.base import ProviderConfig
from llm_triage.trust.audit import inference_event
from llm_triage.verdict.judge import Judgement
from llm_triage.verdict.prompt import load_prompt
from tests.package.test_dashboards import definition_of
from tools.harness.inputs import flatten_json

ROW = {
    "sourcetype": "OktaIM2:log",
    "eventType": "user.account.reset_password",
    "actor.alternateId": "alice@example.com",
    "displayMessage": "helpdesk ran: net user bob Winter2026x /add; sshpass -p Hunter2go ssh x",
    "client.userAgent.rawUserAgent": "curl/8 ghp_" + "a1B2" * 9,
}


def audit_event_as_searched() -> tuple[dict[str, object], dict[str, object]]:
    """(an inference's audit event, its fields as Splunk extracts them from the indexed JSON)."""
    bundle = build_bundle(ROW, get_profile("identity"))
    provider = ProviderConfig(name="lab", type="openai", base_url="https://x.example/v1", model="m")
    event = inference_event(
        bundle, Judgement("ok", {}, model="m"), bundle.text, load_prompt(), provider, "ana", False, 1
    )
    return event, dict(flatten_json(event))


def test_the_redactions_panel_charts_each_kind_the_audit_event_counts(built_app: Path) -> None:
    definition = definition_of(built_app / "default/data/ui/views/llm_triage_audit.xml")
    [panel] = [
        viz for viz in definition["visualizations"].values() if viz["dataSources"].get("primary") == "ds_redactions"
    ]
    assert "per day and kind" in panel["title"]
    spl = definition["dataSources"]["ds_redactions"]["options"]["query"]
    event, fields = audit_event_as_searched()
    assert event["redactions"] == {"command_line_password": 2, "github_token": 1}

    # The filters the panel searches with hold for an inference that reached a model.
    for name, value in re.findall(r'\b(triage_audit|cached)=\\?"?(\w+)', spl):
        assert str(fields[name]).lower() == value, name
    # `fields _time redactions.*` keeps exactly the counts; the eval names the kind as the event does.
    [wildcard] = re.findall(r"\| fields _time (\S+)\*", spl)
    counted = {name: value for name, value in fields.items() if name.startswith(wildcard)}
    [prefix] = re.findall(r'replace\(field, "\^(.+?)", ""\)', spl)
    kinds = {re.sub("^" + prefix, "", name): int(str(value)) for name, value in counted.items()}
    assert kinds == event["redactions"]
    assert re.search(r"timechart span=1d sum\(count\) AS \w+ BY kind$", spl)


def mv(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else [] if value is None else [str(value)]


def test_the_enrichment_time_panel_counts_each_search_once_however_many_results_reused_it(built_app: Path) -> None:
    definition = definition_of(built_app / "default/data/ui/views/llm_triage_audit.xml")
    spl = definition["dataSources"]["ds_enrichment_time"]["options"]["query"]
    # Three results' inferences: one ran the sign-in search (200 ms), the next reused it (its record
    # carries the same 200 ms, marked reused) and ran the traffic search (150 ms), the third reused both.
    signins = SearchRecord("auth_by_user", '| tstats count where user="ana"', 0.0, 1.0, 3, 200)
    traffic = SearchRecord("traffic_by_src", '| tstats count where src="203.0.113.9"', 0.0, 1.0, 5, 150)
    reused = [replace(signins, reused=True), replace(traffic, reused=True)]
    runs = [[signins], [reused[0], traffic], reused]
    bundle = build_bundle(ROW, get_profile("identity"))
    provider = ProviderConfig(name="lab", type="openai", base_url="https://x.example/v1", model="m")
    searched = []
    for records in runs:
        enriched = replace(bundle, enrichment=tuple(record.as_audit() for record in records))
        event = inference_event(enriched, Judgement("ok", {}, model="m"), bundle.text, load_prompt(), provider, "ana",
                                False, 1)  # fmt: skip
        searched.append(dict(flatten_json(event)))
    # The panel pairs each record's reuse mark with its duration (mvzip keeps the records' order: every
    # record has both), keeps the pairs of searches that ran (mvfilter), and sums their durations.
    [(marked, timed, separator)] = re.findall(r"mvzip\('([^']+)', '([^']+)', \\?\"(.)\\?\"\)", spl)
    assert "reused" in SearchRecord("i", "s", 0, 1, 0, 0).as_audit()  # the field that marks reuse
    assert (marked, timed) == ("enrichment{}.reused", "enrichment{}.duration_ms")
    [kept] = re.findall(r'mvfilter\(match\(search, \\?"([^"\\]+)\\?"\)\)', spl)
    [stripped] = re.findall(r'replace\(ran, \\?"([^"\\]+)\\?", \\?"\\?"\)', spl)
    assert re.search(r"stats count AS enriched_results count\(ran_ms\) AS searches_run sum\(ran_ms\) AS search_ms", spl)
    search_ms = searches_run = 0
    for fields in searched:
        pairs = [f"{mark}{separator}{ms}" for mark, ms in zip(mv(fields.get(marked)), mv(fields.get(timed)))]
        ran_ms = [int(re.sub(stripped, "", pair)) for pair in pairs if re.search(kept, pair)]
        search_ms, searches_run = search_ms + sum(ran_ms), searches_run + len(ran_ms)
    assert (search_ms, searches_run) == (350, 2)  # each search once; summing every record said 900
    assert sum(int(ms) for fields in searched for ms in mv(fields.get(timed))) == 900
