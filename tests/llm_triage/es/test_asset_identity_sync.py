"""The saved searches that keep the app's asset and identity lookups in step with ES's frameworks: ES's
priority scale lands on the app's criticality scale, ES's categories on the app's identity categories, the
admin's own rows are kept, and both ship disabled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from llm_triage.decision.context import ContextLookups
from llm_triage.decision.operational_confidence import CRITICALITY_ORDER, IDENTITY_VALUES
from llm_triage.es.priority import CRITICALITY_OF_PRIORITY, ES_PRIORITIES, criticality_of
from tools.harness.splunk_conf import parse_conf

SAVED = Path(__file__).resolve().parents[3] / "package" / "default" / "savedsearches.conf"
ASSETS = "LLM Triage - Sync assets from ES"
IDENTITIES = "LLM Triage - Sync identities from ES"


@pytest.fixture(scope="module")
def searches() -> dict[str, dict[str, str]]:
    return {name: dict(keys) for name, keys in parse_conf(SAVED.read_text(encoding="utf-8")).items()}


def test_both_ship_disabled_and_scheduled(searches: dict[str, dict[str, str]]) -> None:
    for name in (ASSETS, IDENTITIES):
        assert searches[name]["disabled"] == "1" and searches[name]["enableSched"] == "1"


def test_every_es_priority_but_unknown_lands_on_the_apps_criticality_scale(searches: dict[str, dict[str, str]]) -> None:
    spl = searches[ASSETS]["search"]
    mapping = dict(re.findall(r'priority=="(\w+)", "(\w+)"', spl))
    assert mapping == CRITICALITY_OF_PRIORITY  # the notable's dest_priority is read on the same scale
    assert set(mapping) == set(ES_PRIORITIES) - {"unknown"}  # unknown says nothing: no entry, no factor
    assert criticality_of("Unknown") == "" and criticality_of(" Informational ") == "low"
    assert set(mapping.values()) == set(CRITICALITY_ORDER)
    order = {level: n for n, level in enumerate(ES_PRIORITIES)}
    ranked = sorted(mapping, key=order.__getitem__)
    assert [CRITICALITY_ORDER.index(mapping[p]) for p in ranked] == sorted(
        CRITICALITY_ORDER.index(mapping[p]) for p in ranked
    )  # the scale keeps its order: a higher ES priority is never a lower criticality
    ranks = dict(re.findall(r'criticality=="(\w+)", (\d)', spl))
    assert sorted(ranks, key=ranks.__getitem__) == list(CRITICALITY_ORDER[1:])  # the most critical kept per asset


def test_es_categories_land_on_the_apps_identity_categories(searches: dict[str, dict[str, str]]) -> None:
    spl = searches[IDENTITIES]["search"]
    produced = set(re.findall(r', "(\w+)", null\(\)\)', spl))
    assert produced == set(IDENTITY_VALUES)
    assert 'priority=="critical", "vip"' in spl


@pytest.mark.parametrize(("name", "lookup"), [(ASSETS, "llm_triage_assets"), (IDENTITIES, "llm_triage_identities")])
def test_rows_from_es_are_replaced_and_the_admins_own_rows_kept(
    searches: dict[str, dict[str, str]], name: str, lookup: str
) -> None:
    spl = searches[name]["search"]
    assert spl.rstrip().endswith(f"| outputlookup {lookup}")
    assert f'| inputlookup {lookup} | where NOT like(_key, "es:%")' in spl
    assert '_key="es:".md5(' in spl


@pytest.mark.parametrize(
    ("priority", "level"), [("informational", "low"), ("Critical", "critical"), ("unknown", ""), ("urgent", "")]
)
def test_a_notables_own_asset_priority_is_read_on_the_same_scale(priority: str, level: str) -> None:
    found, source, _why = ContextLookups(None).criticality([], {"dest_priority": priority})
    assert (found, source) == ((level, "dest_priority") if level else ("", ""))
