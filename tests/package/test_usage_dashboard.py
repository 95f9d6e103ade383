"""The Usage dashboard reads what the endpoint writes: the usage records' fields, and the audit trail's
cached-token count where it has one (0 where an event has none)."""

from __future__ import annotations

import re
from pathlib import Path

from llm_triage.engine.spend import UsageRecord
from tests.package.test_dashboards import definition_of, searches


def test_the_usage_dashboard_reads_only_fields_the_usage_records_have(built_app: Path) -> None:
    definition = definition_of(built_app / "default/data/ui/views/llm_triage_usage.xml")
    stored = set(UsageRecord("2026-12-04", "sh1", "p1", "lab", "m1", "ana").document())
    lookups = [spl for _, spl in searches(definition) if "llm_triage_usage_lookup" in spl]
    assert lookups
    named = {name for spl in lookups for name in re.findall(r"sum\((\w+)\)|dc\((\w+)\)|BY ([\w ]+?)(?: \||$)", spl)}
    used = {word for group in named for part in group for word in part.split() if word}
    assert used and used <= stored, used - stored


def test_cached_prompt_tokens_count_as_zero_where_the_audit_event_has_none(built_app: Path) -> None:
    definition = definition_of(built_app / "default/data/ui/views/llm_triage_usage.xml")
    audit = [spl for _, spl in searches(definition) if "llm_triage_audit_events" in spl]
    assert audit
    for spl in audit:
        if "tokens_cached" in spl:
            assert "coalesce(tokens_cached, 0)" in spl
    assert any("coalesce(tokens_cached, 0)" in spl for spl in audit)
