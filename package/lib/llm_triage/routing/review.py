"""A reviewer's decision on a queued action, and an admin's replay of dead letters.

Nothing consequential runs without an approver's name: `decide` refuses without one, records who
decided (the name splunkd vouches for, never one given in the request body), and only an approval sends
the action, and only when the policy in force still allows it (routing.ceilings: the queued item is data,
the policy file is the authority). Both are audited (`llm_triage:audit`, triage_audit=approval for decisions,
triage_audit=routing for what was then sent, refused or replayed).
"""

import time
from collections.abc import Mapping
from typing import Any, Callable, Optional

from llm_triage.decision.scoring_settings import SCORING_STANZA
from llm_triage.routing.audit import APPROVAL, ROUTING, Auditor, audit_event
from llm_triage.routing.ceilings import ceilings_in_force
from llm_triage.routing.delivery import deliver
from llm_triage.routing.payloads import envelope
from llm_triage.routing.policy import NEEDS_APPROVAL, PlannedAction, read_policy
from llm_triage.routing.queues import APPROVED, PENDING, REJECTED, REPLAYED, ApprovalQueue, DeadLetters
from llm_triage.routing.targets import Target, TargetError
from llm_triage.splunkd.conf import ConfigUnavailable, SplunkdConfig
from llm_triage.splunkd.handler import Reply, refusal
from llm_triage.splunkd.settings import SETTINGS_CONF, is_true

DECISIONS = {"approve": APPROVED, "reject": REJECTED}
TargetLoader = Callable[[SplunkdConfig, str, str], Target]


def decide(
    approvals: ApprovalQueue,
    dead_letters: DeadLetters,
    config: SplunkdConfig,
    auditor: Auditor,
    load: TargetLoader,
    key: str,
    decision: str,
    approver: str,
    note: str = "",
    sleep: Callable[[float], None] = time.sleep,
) -> Reply:
    """Approve (and then send) or reject queued item `key` as `approver`."""
    if not approver or approver == "splunk-system-user":
        return refusal(403, "a decision needs the name of the reviewer who makes it")
    status = DECISIONS.get(decision)
    if status is None:
        return refusal(400, "decision must be approve or reject")
    item = approvals.get(key)
    if item is None:
        return refusal(404, f"no queued action {key}")
    if item.get("status") != PENDING:
        return refusal(409, f"already {item.get('status')} by {item.get('decided_by') or 'someone'}")
    item.update(status=status, decided_by=approver, decided_at=round(time.time(), 3), note=note[:1000])
    auditor.index = str(item.get("index") or auditor.index)  # with the routing that queued it
    approvals.save(item)
    triage_id = str(item.get("triage_id", ""))
    auditor.record(
        audit_event(
            APPROVAL, triage_id, approver, decision=status, approval=key, action_name=item.get("action", ""),
            policy=item.get("policy", ""), target_kind=item.get("target_kind", ""), target=item.get("target_name", ""),
            note=note[:1000],
        )
    )  # fmt: skip
    if status == REJECTED:
        return Reply(200, {"key": key, "status": status, "decided_by": approver})
    shadow = shadow_mode(config)
    if shadow:
        # Shadow mode was turned on after the action was queued: the approval stands, nothing is sent.
        outcome, detail = "shadow", f"shadow mode ({shadow}): approved, not sent"
        auditor.record(
            audit_event(ROUTING, triage_id, approver, outcome="shadow", reason=detail, approval=key,
                        target_kind=item.get("target_kind", ""), target=item.get("target_name", ""))
        )  # fmt: skip
    elif refused := ceilings_in_force(config).refusal(str(item.get("action", "")), NEEDS_APPROVAL):
        # The queued item is data anyone with write access to the collection could have changed: the
        # policy on disk, not the item, says whether this action may ever be sent.
        outcome, detail = "refused", refused
        auditor.record(
            audit_event(ROUTING, triage_id, approver, outcome="refused", reason=detail, approval=key,
                        target_kind=item.get("target_kind", ""), target=item.get("target_name", ""))
        )  # fmt: skip
    else:
        outcome, detail = _send_approved(item, dead_letters, config, auditor, load, approver, sleep)
    item.update(delivery=outcome, delivery_detail=detail)
    approvals.save(item)
    return Reply(200, {"key": key, "status": status, "decided_by": approver, "delivery": outcome, "detail": detail})


def shadow_mode(config: SplunkdConfig) -> str:
    """Why nothing may be sent now ("app setting", or "settings unreadable"), or "" when routing is on."""
    try:
        setting = config.conf(SETTINGS_CONF).get(SCORING_STANZA, {}).get("shadow_mode", "")
    except ConfigUnavailable:
        return "settings unreadable"  # unknown whether the SOC wants shadow mode: send nothing
    return "app setting" if is_true(setting) else ""


def _send_approved(
    item: dict[str, Any],
    dead_letters: DeadLetters,
    config: SplunkdConfig,
    auditor: Auditor,
    load: TargetLoader,
    approver: str,
    sleep: Callable[[float], None],
) -> tuple[str, str]:
    kind, name = str(item.get("target_kind", "")), str(item.get("target_name", ""))
    action = PlannedAction(str(item.get("action", "")), "needs_approval", str(item.get("reason", "")))
    decision = read_policy(dict(item.get("decision") or {}, actions=[action.as_dict()]))
    search = {"search_name": str(item.get("search_name", "")), "sid": str(item.get("sid", ""))}
    summary = dict(item.get("summary") or {"triage_id": item.get("triage_id", "")})
    details: dict[str, Any] = {"target_kind": kind, "target": name, "approved_by": approver, "approval": item["_key"]}

    def dead_letter(built: Mapping[str, Any], error: str, attempts: int) -> tuple[str, str]:
        key = dead_letters.record(built, error, attempts, "approval", approver)
        auditor.record(
            audit_event(
                ROUTING, summary["triage_id"], approver, outcome="dead_letter", error=error, dead_letter=key, **details
            )
        )
        return "dead_letter", error

    try:
        target = load(config, kind, name)
    except TargetError as exc:
        built = envelope(Target(kind, name, url=""), summary, decision, [action], search, approved_by=approver)
        return dead_letter(built, str(exc), 0)
    built = envelope(target, summary, decision, [action], search, approved_by=approver)
    attempts = int(item.get("attempts", 4) or 4)
    backoff = float(item.get("backoff", 1.0) or 1.0)
    result, made = deliver(target, built, attempts, backoff, sleep=sleep)
    details.update(delivery_id=built["id"], attempts=made, automatic=[], needs_approval=[action.action])
    if result.ok:
        auditor.record(
            audit_event(
                ROUTING, summary["triage_id"], approver, outcome="routed", reference=result.reference, **details
            )
        )
        return "routed", result.detail
    return dead_letter(built, result.detail, made)


def replay(
    dead_letters: DeadLetters,
    config: SplunkdConfig,
    auditor: Auditor,
    load: TargetLoader,
    admin: str,
    keys: Optional[list[str]] = None,
    attempts: int = 2,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> Reply:
    """Send pending dead letters (all, or those named) again, unchanged, to their targets as configured now."""
    if not admin:
        return refusal(403, "a replay needs the name of the admin who runs it")
    letters = dead_letters.pending() if not keys else [letter for key in keys if (letter := dead_letters.get(key))]
    results = []
    for letter in letters:
        if letter.get("status") != PENDING:
            results.append({"key": letter["_key"], "status": letter.get("status"), "detail": "not pending"})
            continue
        built = dict(letter.get("envelope") or {})
        triage_id = str(letter.get("triage_id", ""))
        details = {
            "target_kind": letter.get("kind", ""),
            "target": letter.get("target", ""),
            "dead_letter": letter["_key"],
            "delivery_id": built.get("id", ""),
        }
        try:
            target = load(config, str(letter.get("kind", "")), str(letter.get("target", "")))
        except TargetError as exc:
            letter.update(error=str(exc), updated=round(time.time(), 3))
            dead_letters.save(letter)
            auditor.record(audit_event(ROUTING, triage_id, admin, outcome="replay_failed", error=str(exc), **details))
            results.append({"key": letter["_key"], "status": PENDING, "detail": str(exc)})
            continue
        result, made = deliver(target, built, attempts, backoff, sleep=sleep)
        letter["attempts"] = int(letter.get("attempts", 0)) + made
        letter["updated"] = round(time.time(), 3)
        if result.ok:
            letter.update(status=REPLAYED, replayed_by=admin, reference=result.reference)
            auditor.record(
                audit_event(ROUTING, triage_id, admin, outcome="replayed", reference=result.reference, **details)
            )
        else:
            letter["error"] = result.detail
            auditor.record(
                audit_event(ROUTING, triage_id, admin, outcome="replay_failed", error=result.detail, **details)
            )
        dead_letters.save(letter)
        results.append({"key": letter["_key"], "status": letter["status"], "detail": result.detail})
    replayed = sum(1 for item in results if item["status"] == REPLAYED)
    return Reply(200, {"replayed": replayed, "still_pending": len(results) - replayed, "letters": results})
