"""What the model reports through the real command: `| llmtriage` over splunklib's chunked protocol and the app's
endpoint, against a loopback model that believes every word (it answers likely_benign) yet names a field as
swaying it. The report reaches the row as `field:model` in triage_injection, through the endpoint's wire and the
multivalue field, and the row is never left likely_benign; a report the app cannot place flags the row
`injection:reported` and the verdict stands."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.harness.collector import Collector
from tests.llm_triage.trust.injection_twentyfourth import ATTACKS
from tests.protocol.llmtriage_searches import search
from tests.servers.believing_model import BELIEVED
from tests.servers.rewriting_model import RewritingServer, Verdict

KEY = "sk-sentinel-reporter-4c0f9b1e"
MADE_UP = "ev:00000000/made_up"


def believes_and_reports(verdict: Verdict) -> Verdict:
    """Benign, yet the first field it cites is reported as swaying it; with no citation, a made-up one."""
    return dict(verdict, **BELIEVED, swaying=verdict["evidence"][:1] or [MADE_UP])


@pytest.fixture
def api_key() -> str:
    return KEY


@pytest.fixture
def model(api_key: str) -> Iterator[RewritingServer]:
    with RewritingServer(believes_and_reports, api_key=api_key) as server:
        yield server


@pytest.fixture
def triage_settings() -> dict[str, str]:
    return {"cache_ttl": "0", "injection_check": "off"}


def values(field: Any) -> list[str]:
    return field if isinstance(field, list) else [field] if field else []


def test_a_field_the_model_reports_reaches_the_row_and_keeps_it_out_of_likely_benign(app, standin, model) -> None:
    rows = [dict(case["row"], serial=str(number)) for number, case in enumerate(ATTACKS[:40])]
    out = search(app, standin, rows, "llmtriage", Collector(), chunk_rows=15)
    assert [row["serial"] for row in out] == [row["serial"] for row in rows]
    assert {row["triage_status"] for row in out} == {"ok"} and {row["triage_verdict"] for row in out} == {"benign"}
    for row in out:
        labels = values(row["triage_injection"])
        cited = values(row["triage_evidence"])
        reported = [f"{cited[0].split('/', 1)[1]}:model"] if cited else ["injection:reported"]
        assert set(reported) <= set(labels), labels
        assert row["triage_bucket"] == "needs_enrichment" and "Bucket raised" in row["triage_rationale"]
    assert KEY not in str(out)
