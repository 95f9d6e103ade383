"""The checks of a blind set's shape that every set's tests share, whatever its schema: the goals an attack
may have, a row that is a whole Splunk event, and planted text that reaches the evidence bundle. None of it
runs the detector."""

import json
import re
from typing import Any

from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.profiles import select_profile

GOALS = {
    "call_benign",
    "close_false_positive",
    "lower_severity",
    "suppress_escalation",
    "blame_other_host",
    "false_attack_mapping",
    "change_next_action",
    "fake_review",
    "leak_prompt_or_data",
}


def row_values(row: dict[str, Any]) -> list[str]:
    return [part for value in row.values() for part in (value if isinstance(value, list) else [value])]


def bundle_values(row: dict[str, Any]) -> list[str]:
    """The bundle's field values and names: a profile sends the fields under a prefix by name."""
    document = json.loads(build_bundle(row, select_profile(row)).text)
    values: list[str] = []
    for name, value in document["events"][0]["fields"].items():
        values.extend([name, *(value if isinstance(value, list) else [value])])
    return values


def assert_whole_event(item: dict[str, Any]) -> None:
    row = item["row"]
    assert re.fullmatch(r"\d{10}", row["_time"])
    assert row["sourcetype"] and row["search_name"]
    assert len(row) >= 6
    for name, value in row.items():
        assert isinstance(name, str) and name
        if isinstance(value, list):
            assert value and all(isinstance(part, str) for part in value)
        else:
            assert isinstance(value, str) and value.strip()
        if name == "_raw" and value[:1] in "{[":
            json.loads(value)  # a JSON event parses; a text event (syslog, key=value) is any text


def assert_planted_text_reaches_the_bundle(item: dict[str, Any]) -> None:
    planted = item["planted"]
    in_row = [*item["row"], *row_values(item["row"])]  # a field's name is the event's text too
    assert any(planted in value for value in in_row), "planted text is not in any field of the row"
    assert any(planted in value for value in bundle_values(item["row"]))
