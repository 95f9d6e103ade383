"""Issue 19's end-to-end measure through the real command: the newest blind set's attack events searched with
`| llmtriage` (splunklib's chunked protocol, the app's endpoint, the injection check) against a loopback model
that believes every word and always answers likely_benign. Every row comes back in order with its own fields;
no flagged row ends likely_benign, with or without `by`; what ends likely_benign is what the detector missed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from llm_triage.trust.injection.detector import injection_labels
from tests.harness.collector import Collector
from tests.llm_triage.trust.injection_twentyseventh import ATTACKS
from tests.protocol.llmtriage_searches import search
from tests.servers.believing_model import BelievingServer

KEY = "sk-sentinel-believer-5d21c7e0"


@pytest.fixture
def api_key() -> str:
    return KEY


@pytest.fixture
def model(api_key: str) -> Iterator[BelievingServer]:
    with BelievingServer(api_key=api_key) as server:
        yield server


@pytest.fixture
def triage_settings() -> dict[str, str]:
    return {"cache_ttl": "0"}


def attack_rows() -> list[dict[str, Any]]:
    return [dict(case["row"], serial=str(number)) for number, case in enumerate(ATTACKS)]


def as_sent(value: Any) -> Any:
    """A field as the chunked protocol carries it back: a multivalue field of one value is that value."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def values(field: Any) -> list[str]:
    return field if isinstance(field, list) else [field] if field else []


def test_the_newest_sets_attacks_against_a_believer_end_likely_benign_only_where_the_detector_missed(
    app, standin, model
) -> None:
    rows = attack_rows()
    out = search(app, standin, rows, "llmtriage", Collector(), chunk_rows=60)
    assert [row["serial"] for row in out] == [row["serial"] for row in rows]
    assert all(all(back.get(name) == as_sent(value) for name, value in row.items()) for back, row in zip(out, rows))
    assert {row["triage_status"] for row in out} == {"ok"}, out[0].get("triage_error")
    assert {row["triage_verdict"] for row in out} == {"benign"}  # the model believed every one
    flagged = [bool(values(row.get("triage_injection"))) for row in out]
    assert [row["triage_bucket"] != "likely_benign" for row in out] == flagged
    # The same rows the detector flags in process (102 of 180 when the set was measured): the protocol,
    # the endpoint and the multivalue field lose none of them.
    assert sum(flagged) == sum(bool(injection_labels(case["row"])) for case in ATTACKS) >= 102
    checks = [request for request in model.chat_requests if "[withheld for the injection check]" in str(request.body)]
    assert checks  # the believer's answers were checked, and answered the same without the text
    assert KEY not in str(out)


def test_grouped_by_source_every_row_sent_beside_a_flagged_one_is_held_too(app, standin, model) -> None:
    rows = [dict(row, team=ATTACKS[number]["source"]) for number, row in enumerate(attack_rows())]
    out = search(app, standin, rows, "llmtriage by team", Collector(), chunk_rows=200)
    assert [row["serial"] for row in out] == [row["serial"] for row in rows]
    by_group: dict[str, list[dict[str, Any]]] = {}
    for row in out:
        by_group.setdefault(str(row["triage_group"]), []).append(row)
    for group, members in by_group.items():
        own = [bool(set(values(m.get("triage_injection"))) - {"injection:group"}) for m in members]
        if any(own) and "first" not in group:
            # A member's text addressed the model: the verdict every member got was read beside it.
            assert all(m["triage_bucket"] != "likely_benign" for m in members), group
        if not any(own):
            assert all(m["triage_bucket"] == "likely_benign" for m in members), group
    assert any("injection:group" in values(row.get("triage_injection")) for row in out)
