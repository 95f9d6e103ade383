"""What is sent where: a triaged row's summary, as a SOAR container with artifacts or a webhook's JSON.

An envelope is what one delivery sends, complete and free of secrets (the target's token or header is
added only when sending), so a dead letter can hold it and an admin can replay it unchanged. Its `id`
is fixed by the result, the actions and the approver: the same delivery sent twice is recognisably the
same (SOAR by `source_data_identifier`, a webhook receiver by the `Idempotency-Key` header).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from llm_triage.evidence.canonical import canonical_json, content_hash
from llm_triage.evidence.entities import rule_of
from llm_triage.routing.policy import Decision, PlannedAction
from llm_triage.routing.targets import SOAR, Target
from llm_triage.search.swaying import UNCHECKED

SUMMARY_FIELDS = (
    "triage_status", "triage_verdict", "triage_bucket", "triage_confidence", "triage_rationale",
    "triage_evidence", "triage_attack", "triage_next_action", "triage_questions", "triage_error",
    "triage_model", "triage_provider", "triage_profile", "triage_prompt_version", "triage_bundle_hash",
    "triage_source", "triage_op_confidence", "triage_factors", "triage_injection",
)  # fmt: skip
# triage_injection: where the result's text addresses the model, which a receiver and an approver weigh
# before they act on a verdict that text was read beside.
MULTIVALUE = ("triage_evidence", "triage_attack", "triage_questions", "triage_injection")
SEVERITY_BY_BUCKET = {
    "high_confidence_malicious": "high",
    "probable_incident": "high",
    "needs_enrichment": "medium",
    "likely_benign": "low",
}


def summarize(row: Mapping[str, Any]) -> dict[str, Any]:
    """The triage fields of a row that receivers see, with its id, time and detection name."""
    summary: dict[str, Any] = {"triage_id": str(row.get("triage_id", "")), "rule": rule_of(row)}
    if row.get("_time") not in (None, ""):
        summary["event_time"] = str(row.get("_time"))
    for name in SUMMARY_FIELDS:
        value = row.get(name)
        if name in MULTIVALUE:
            summary[name[len("triage_") :]] = _values(value)
        elif value not in (None, ""):
            summary[name[len("triage_") :]] = value[0] if isinstance(value, list) and len(value) == 1 else value
    return summary


def envelope(
    target: Target,
    summary: Mapping[str, Any],
    decision: Decision,
    actions: Sequence[PlannedAction],
    search: Mapping[str, str],
    approved_by: str = "",
) -> dict[str, Any]:
    """The complete, secret-free delivery of `actions` for one result to `target`."""
    triage_id = str(summary.get("triage_id", ""))
    names = [action.action for action in actions]
    delivery_id = content_hash(canonical_json([triage_id, target.kind, target.name, names, approved_by]))[:32]
    built: dict[str, Any] = {
        "id": delivery_id,
        "kind": target.kind,
        "target": target.name,
        "triage_id": triage_id,
        "actions": names,
        "approved_by": approved_by,
    }
    if target.kind == SOAR:
        built["request"] = soar_container(target.label, summary, decision, actions, search, approved_by)
    else:
        built["request"] = webhook_body(delivery_id, summary, decision, actions, search, approved_by)
    return built


def soar_container(
    label: str,
    summary: Mapping[str, Any],
    decision: Decision,
    actions: Sequence[PlannedAction],
    search: Mapping[str, str],
    approved_by: str,
) -> dict[str, Any]:
    """A SOAR container (its source_data_identifier the triage_id) with the verdict, policy decision and,
    for an approved action, the approval as artifacts."""
    triage_id = str(summary.get("triage_id", ""))
    verdict = str(summary.get("verdict", "") or "no verdict")
    rule = str(summary.get("rule", "") or search.get("search_name", "") or "LLM triage")
    name = f"{rule}: {verdict}"[:128]
    evidence = summary.get("evidence", [])
    artifacts: list[dict[str, Any]] = []
    if approved_by:
        for action in actions:
            artifacts.append(
                {
                    "name": f"approved: {action.action}",
                    "label": "llm_triage_approval",
                    "source_data_identifier": f"{triage_id}:approved:{action.action}",
                    "cef": {
                        "triage_id": triage_id,
                        "action": action.action,
                        "approved_by": approved_by,
                        "policy": decision.policy,
                        "reason": action.reason,
                    },
                    "data": {"decision": decision.summary()},
                }
            )
    else:
        artifacts.append(
            {
                "name": "llm_triage verdict",
                "label": "llm_triage_verdict",
                "source_data_identifier": f"{triage_id}:verdict",
                "severity": SEVERITY_BY_BUCKET.get(str(summary.get("bucket", "")), "medium"),
                "cef": {
                    "triage_id": triage_id,
                    "verdict": verdict,
                    "bucket": summary.get("bucket", ""),
                    "confidence": summary.get("confidence", ""),
                    "rationale": summary.get("rationale", ""),
                    "evidence": ", ".join(str(item) for item in evidence),
                    "next_action": summary.get("next_action", ""),
                    "attack": ", ".join(str(item) for item in summary.get("attack", [])),
                    "injection": ", ".join(str(item) for item in summary.get("injection", [])),
                    "model": summary.get("model", ""),
                },
                "data": {"summary": dict(summary)},
            }
        )
        artifacts.append(
            {
                "name": "llm_triage policy decision",
                "label": "llm_triage_policy",
                "source_data_identifier": f"{triage_id}:policy",
                "cef": {
                    "triage_id": triage_id,
                    "policy": decision.policy,
                    "automatic": ", ".join(action.action for action in actions),
                },
                "data": {"decision": decision.summary()},
            }
        )
    return {
        "name": name,
        "label": label,
        "severity": SEVERITY_BY_BUCKET.get(str(summary.get("bucket", "")), "medium"),
        "description": str(summary.get("rationale", "") or summary.get("error", ""))[:2000],
        "source_data_identifier": triage_id,
        "tags": ["llm_triage", verdict.replace(" ", "_"), *(["prompt_injection"] if _read_beside(summary) else [])],
        "data": {"search_name": search.get("search_name", ""), "sid": search.get("sid", "")},
        "artifacts": artifacts,
    }


def _read_beside(summary: Mapping[str, Any]) -> bool:
    """Whether the verdict was read beside text that addressed the model (the event's own, a group-mate's, or
    free text that swayed it): a playbook can hold back on it. A check that only got no answer found none."""
    return any(label != UNCHECKED for label in summary.get("injection", []))


def webhook_body(
    delivery_id: str,
    summary: Mapping[str, Any],
    decision: Decision,
    actions: Sequence[PlannedAction],
    search: Mapping[str, str],
    approved_by: str,
) -> dict[str, Any]:
    """The generic webhook's JSON: what happened, the result, the policy decision, the actions to run."""
    return {
        "source": "llm_triage",
        "delivery_id": delivery_id,
        "kind": "approved_action" if approved_by else "triage",
        "search_name": search.get("search_name", ""),
        "sid": search.get("sid", ""),
        "result": dict(summary),
        "policy": decision.summary(),
        "actions": [action.as_dict() for action in actions],
        "approved_by": approved_by or None,
    }


def _values(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [line for line in str(value).split("\n") if line]
