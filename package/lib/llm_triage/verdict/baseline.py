"""A deterministic queue bucket from a row's own signals, for rows the model could not judge.

When the model is down, over budget or its answer was refused, the SOC still needs a ranked queue. This
scores what the detection itself said, with no model involved, and the row says so
(`triage_source=baseline`); its status stays what happened (unavailable, error, skipped_budget) and no
`triage_verdict` is claimed: a bucket is a place in the queue, not a judgement. Nothing no model judged is
ever `likely_benign`: a search that filters on the bucket during an outage must not drop the rows the model
never saw, so the weakest signals still land in `needs_enrichment` (the rationale says how weak).

The rule table (each signal gives a level; the highest counts, then each aggravating signal adds one):

| signal | fields | level |
| --- | --- | --- |
| severity or urgency | severity, urgency, alert_severity, priority | info(rmational) 0, low 1, medium 2, |
|  |  | high 3, critical 4 |
| risk score | risk_score | 1-39: 1, 40-59: 2, 60-79: 3, 80 and over: 4 |
| known-bad entity (threat intelligence match) | threat_match_field, threat_match_value, threat_key | +1 |
| important entity (asset or identity priority high or critical) | src_priority, dest_priority, user_priority | +1 |
| rule names a known-bad technique | rule_name, search_name, alert_name, source | +1 |

| level | bucket |
| --- | --- |
| no signal at all | needs_enrichment |
| 0 to 3 | needs_enrichment |
| 4 | probable_incident |
| 5 or more | high_confidence_malicious |
"""

import re
from collections.abc import Mapping, Sequence
from typing import Optional

from llm_triage.evidence.fields import SOURCE_BASELINE, FieldValue
from llm_triage.trust.injection.detector import floor_bucket

NEEDS_ENRICHMENT = "needs_enrichment"  # the lowest bucket a row no model judged may have
SEVERITY_FIELDS = ("severity", "urgency", "alert_severity", "priority")
SEVERITY_LEVELS = {"informational": 0, "info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
RISK_FIELDS = ("risk_score",)
THREAT_FIELDS = ("threat_match_field", "threat_match_value", "threat_key")
PRIORITY_FIELDS = ("src_priority", "dest_priority", "user_priority")
RULE_FIELDS = ("rule_name", "search_name", "alert_name", "source")
KNOWN_BAD_RULE = re.compile(
    r"ransomware|mimikatz|lsass|credential\s*dump|exfiltrat|command\s*and\s*control|\bc2\b|malware|web\s*shell|"
    r"webshell|cobalt\s*strike",
    re.IGNORECASE,
)


# When the rules themselves fail on a row: it still has a place in the queue, where it is seen.
RULES_FAILED: dict[str, FieldValue] = {
    "triage_verdict": "",
    "triage_confidence": "",
    "triage_bucket": NEEDS_ENRICHMENT,
    "triage_rationale": "baseline (no model verdict): its rules failed on this row",
    "triage_source": SOURCE_BASELINE,
}


def baseline_fields(row: Mapping[str, object], injection: Sequence[str] = ()) -> dict[str, FieldValue]:
    """triage_bucket, triage_rationale, triage_source=baseline and an empty verdict for `row`; with the row's
    `triage_injection` findings, never likely_benign (see injection.detector.floor_bucket)."""
    level: Optional[int] = None
    reasons: list[str] = []
    for name in SEVERITY_FIELDS:
        value = _first(row, name).lower()
        if value in SEVERITY_LEVELS:
            level = max(level or 0, SEVERITY_LEVELS[value])
            reasons.append(f"{name}={value}")
            break
    risk = _risk(row)
    if risk is not None and risk > 0:
        level = max(level or 0, 1 if risk < 40 else 2 if risk < 60 else 3 if risk < 80 else 4)
        reasons.append(f"risk_score={risk:g}")
    bonus = 0
    threat = next((name for name in THREAT_FIELDS if _first(row, name)), "")
    if threat:
        bonus += 1
        reasons.append(f"threat intelligence match ({threat})")
    priority = next((name for name in PRIORITY_FIELDS if _first(row, name).lower() in ("high", "critical")), "")
    if priority:
        bonus += 1
        reasons.append(f"{priority}={_first(row, priority).lower()}")
    rule = next((_first(row, name) for name in RULE_FIELDS if KNOWN_BAD_RULE.search(_first(row, name))), "")
    if rule:
        bonus += 1
        reasons.append("rule names a known-bad technique")
    if level is None and not bonus:
        bucket = NEEDS_ENRICHMENT
        why = "no severity, risk score or entity signal in the row"
    else:
        total = (level or 0) + bonus
        bucket = "high_confidence_malicious" if total >= 5 else "probable_incident" if total == 4 else NEEDS_ENRICHMENT
        why = ", ".join(reasons)
    bucket, floored = floor_bucket(bucket, injection)
    return {
        "triage_verdict": "",  # whatever a model said before the row failed does not stand
        "triage_confidence": "",
        "triage_bucket": bucket,
        "triage_rationale": f"baseline (no model verdict): {why}" + (f". {floored}" if floored else ""),
        "triage_source": SOURCE_BASELINE,
    }


def _first(row: Mapping[str, object], name: str) -> str:
    value = row.get(name)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def _risk(row: Mapping[str, object]) -> Optional[float]:
    for name in RISK_FIELDS:
        try:
            value = float(_first(row, name))
        except ValueError:
            continue
        if value == value:  # not NaN
            return value
    return None
