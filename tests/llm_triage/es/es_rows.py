"""Triaged rows as the ES steps receive them, and Splunk's reading of `key="value"` events."""

from __future__ import annotations

import re
from typing import Any

NOTABLE = "7EAF4AF4-7392-4442-A0BE-AEEFDE9A996F@@notable@@3d4071abbf91141c5d789b1d403004b8"
FINDING = "79e20961-02b2-4f2b-b33b-99cb7bd30739@@notable@@time1771254903"
# Splunk's automatic key/value extraction of a quoted value: key="anything but a double quote".
_PAIR = re.compile(r'([A-Za-z_][A-Za-z0-9_.]*)="([^"]*)"')


def judged(**fields: Any) -> dict[str, Any]:
    """A row a model judged: a probable incident at op confidence 0.8 naming alice on ws01."""
    row: dict[str, Any] = {
        "_time": "1764000001",
        "event_id": NOTABLE,
        "rule_name": "Brute force",
        "user": "alice",
        "dest": "ws01",
        "src": "203.0.113.7",
        "triage_id": "0123456789abcdef01234567",
        "triage_status": "ok",
        "triage_source": "model",
        "triage_verdict": "suspicious",
        "triage_bucket": "probable_incident",
        "triage_op_bucket": "probable_incident",
        "triage_confidence": "0.7",
        "triage_op_confidence": "0.8",
        "triage_rationale": "31 failed logons for alice from one address, then a success.",
        "triage_evidence": ["e1: 31 failures", "e2: success at 10:02"],
        "triage_attack": ["T1110", "T1110.003"],
        "triage_model": "lab-model",
    }
    row.update(fields)
    return row


def unjudged(status: str = "unavailable", **fields: Any) -> dict[str, Any]:
    """A row no model judged: the provider could not be reached (its baseline bucket kept)."""
    return judged(
        triage_status=status, triage_source="baseline", triage_verdict="", triage_rationale="",
        triage_confidence="", triage_bucket="probable_incident", **fields,
    )  # fmt: skip


def extracted(raw: str) -> dict[str, list[str]]:
    """The fields Splunk extracts from a `key="value"` event (a repeated key is multivalue)."""
    fields: dict[str, list[str]] = {}
    for key, value in _PAIR.findall(raw):
        fields.setdefault(key, []).append(value)
    return fields
