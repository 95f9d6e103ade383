"""Who may read the evidence the app keeps: every KV store collection and its lookups name their readers."""

from pathlib import Path

import pytest

from tools.harness.app_endpoints import collection_readers, meta_read_roles, role_capabilities
from tools.harness.splunk_app import SplunkApp
from tools.harness.splunkd_standin import User

PACKAGE = Path(__file__).resolve().parents[2] / "package"
APP = SplunkApp(PACKAGE)
COLLECTIONS = sorted(name for name in APP.conf("collections") if name != "default")
KV_LOOKUPS = sorted(name for name, stanza in APP.conf("transforms").items() if stanza.get("external_type") == "kvstore")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_no_collection_is_readable_by_every_role(collection: str) -> None:
    roles = meta_read_roles(APP).get(f"collections/{collection}")
    assert roles, f"default.meta names no readers for collection {collection} (the app's default is read : [ * ])"
    assert "*" not in roles


@pytest.mark.parametrize("lookup", KV_LOOKUPS)
def test_a_kv_lookup_is_read_by_no_more_roles_than_its_collection(lookup: str) -> None:
    collection = APP.conf("transforms")[lookup]["collection"]
    roles = meta_read_roles(APP).get(f"transforms/{lookup}")
    assert roles and "*" not in roles
    assert roles <= meta_read_roles(APP)[f"collections/{collection}"]


def test_the_analyst_reads_context_and_approved_feedback_but_no_verdict_queue_or_dead_letter() -> None:
    can_read = collection_readers(APP)
    analyst = User("ana", frozenset(role_capabilities(APP, "llm_triage_analyst")))
    reviewer = User("rita", frozenset(role_capabilities(APP, "llm_triage_reviewer")))
    outsider = User("otto", frozenset({"search"}))
    readable = {name for name in COLLECTIONS if can_read(analyst, name)}
    assert readable == {"llm_triage_assets", "llm_triage_identities", "llm_triage_feedback"}
    assert {name for name in COLLECTIONS if can_read(reviewer, name)} == readable | {
        "llm_triage_examples",
        "llm_triage_approvals",
    }
    assert not any(can_read(outsider, name) for name in COLLECTIONS)
