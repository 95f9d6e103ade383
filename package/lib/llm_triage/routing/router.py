"""Routing triaged rows by their policy decision: automatic actions are sent, actions that need approval
are queued for a reviewer, `never` actions are only recorded. In shadow mode (the app's setting, the
policy's flag or the alert's parameter) the decision is recorded and nothing is sent or queued. A row
without a usable decision is recorded with the reason, and nothing is sent or queued for it. Every action
is checked against its ceiling in the policy in force (routing.ceilings) first: one above it is refused,
audited and reported, whatever the decision in hand says.

Every row gets one `llm_triage:audit` event (triage_audit=routing) saying what happened to it.
"""

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from llm_triage.routing.audit import ROUTING, Auditor, audit_event
from llm_triage.routing.ceilings import Ceilings
from llm_triage.routing.delivery import deliver
from llm_triage.routing.origin import origin_of
from llm_triage.routing.payloads import envelope, summarize
from llm_triage.routing.policy import AUTOMATIC, NEEDS_APPROVAL, NEVER, read_policy
from llm_triage.routing.queues import ApprovalQueue, DeadLetters
from llm_triage.routing.targets import Target
from llm_triage.splunkd.kvstore import StoreUnavailable

ROUTED = "routed"
DEAD_LETTER = "dead_letter"
QUEUED = "queued"
RECORDED = "recorded"
SHADOW = "shadow"
NO_POLICY = "no_policy"
NOT_TRIAGED = "not_triaged"
NO_TARGET = "no_target"
FAILED = "failed"
# After this many deliveries in a row failed all their attempts, the rest of the run goes straight to dead
# letters: a SOAR server that is down must not hold an alert of a thousand results for hours.
GIVE_UP_AFTER = 3


@dataclass(frozen=True)
class RoutingPlan:
    """How this run routes: where to, whether in shadow mode, and how hard to try."""

    target: Optional[Target] = None
    target_kind: str = ""
    target_name: str = ""
    target_problem: str = ""  # why the named target cannot be used (the rows' deliveries become dead letters)
    shadow: bool = False
    shadow_reason: str = ""
    attempts: int = 4
    backoff: float = 1.0
    timeout: float = 30.0
    search: Mapping[str, str] = field(default_factory=dict)  # search_name, sid, app, owner
    actor: str = ""
    ceilings: Ceilings = field(default_factory=lambda: Ceilings(problem="no policy was read for this run"))


@dataclass
class RoutingReport:
    """What the run did, by outcome (a row counts once per outcome it had)."""

    outcomes: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        """Count one row with `outcome`."""
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


class Router:
    """Routes rows one by one under one plan; audit events go to `auditor` (flushed by the caller)."""

    def __init__(
        self,
        plan: RoutingPlan,
        auditor: Auditor,
        approvals: ApprovalQueue,
        dead_letters: DeadLetters,
        sleep: Callable[[float], None] = time.sleep,
        deadline_passed: Callable[[], bool] = lambda: False,
    ) -> None:
        self.plan = plan
        self.deadline_passed = deadline_passed  # past it, deliveries are kept as dead letters, not tried
        self.auditor = auditor
        self.approvals = approvals
        self.dead_letters = dead_letters
        self.sleep = sleep
        self.report = RoutingReport()
        self._failed_in_a_row = 0
        self._last_error = ""

    def route(self, row: Mapping[str, Any]) -> str:
        """Route one triaged row; its main outcome."""
        plan = self.plan
        summary = summarize(row)
        triage_id = summary["triage_id"]
        base: dict[str, Any] = {
            "search_name": plan.search.get("search_name", ""),
            "sid": plan.search.get("sid", ""),
            **origin_of(row),  # the triage queue opens the original event or notable from here too
        }
        if not triage_id:
            status = str(row.get("triage_status", "") or "unknown")
            return self._done(NOT_TRIAGED, triage_id, base, reason=f"no triage_id (triage_status={status})")
        decision = read_policy(row.get("triage_policy"))
        base["policy"] = decision.summary() if not decision.problem else {}
        if decision.problem:
            return self._done(NO_POLICY, triage_id, base, reason=decision.problem)
        checked = [
            (action, "" if action.klass == NEVER else plan.ceilings.refusal(action.action, action.klass))
            for action in decision.actions
        ]
        refused = [reason for _action, reason in checked if reason]
        allowed = [action for action, reason in checked if not reason]
        automatic = [a for a in allowed if a.klass == AUTOMATIC]
        approval = [a for a in allowed if a.klass == NEEDS_APPROVAL]
        never = [a for a in allowed if a.klass == NEVER]
        base.update(
            automatic=[a.action for a in automatic],
            needs_approval=[a.action for a in approval],
            never=[a.action for a in never],
        )
        if refused:
            base["refused"] = refused
            self.report.problems.extend(f"{triage_id}: {reason}" for reason in refused)
        shadow_reason = plan.shadow_reason if plan.shadow else ("policy" if decision.shadow else "")
        if shadow_reason:
            return self._done(SHADOW, triage_id, base, reason=f"shadow mode ({shadow_reason}): nothing routed")
        if (automatic or approval) and not plan.target_kind:
            return self._done(NO_TARGET, triage_id, base, reason="the alert names no SOAR server or webhook")
        base.update(target_kind=plan.target_kind, target=plan.target_name)
        outcome = RECORDED
        if automatic:
            outcome = self._send(row, summary, decision, automatic, base)
        for action in approval:
            queued = self._queue(summary, decision, action)
            if queued:
                base.setdefault("queued", []).append(queued)
            outcome = QUEUED if outcome == RECORDED and queued else outcome
        if not automatic and not base.get("queued") and approval:
            outcome = FAILED
        if base.get("queued") and outcome != QUEUED:
            self.report.count(QUEUED)  # routed and queued: the row counts under both
        return self._done(outcome, triage_id, base)

    def _send(
        self, row: Mapping[str, Any], summary: dict[str, Any], decision: Any, actions: list[Any], base: dict[str, Any]
    ) -> str:
        plan = self.plan
        if plan.target is None:
            # Nowhere to send it now: keep the delivery whole as a dead letter, to replay once fixed.
            stub = Target(plan.target_kind, plan.target_name, url="")
            built = envelope(stub, summary, decision, actions, plan.search)
            return self._dead(built, plan.target_problem, 0, base)
        built = envelope(plan.target, summary, decision, actions, plan.search)
        if self.deadline_passed():
            # splunkd ends the action at its maxtime: what is left is kept whole for replay, never dropped.
            base["attempts"] = 0
            return self._dead(built, "not tried: the action's deadline passed", 0, base)
        if self._failed_in_a_row >= GIVE_UP_AFTER:
            base["attempts"] = 0
            error = f"not tried: the last {GIVE_UP_AFTER} deliveries to {plan.target_name} failed ({self._last_error})"
            return self._dead(built, error, 0, base)
        result, attempts = deliver(plan.target, built, plan.attempts, plan.backoff, plan.timeout, self.sleep)
        base.update(delivery_id=built["id"], attempts=attempts)
        if result.ok:
            self._failed_in_a_row = 0
            base.update(reference=result.reference, detail=result.detail)
            return ROUTED
        self._failed_in_a_row += 1
        self._last_error = result.detail
        return self._dead(built, result.detail, attempts, base)

    def _dead(self, built: dict[str, Any], error: str, attempts: int, base: dict[str, Any]) -> str:
        base.update(delivery_id=built["id"], error=error)
        try:
            base["dead_letter"] = self.dead_letters.record(built, error, attempts, "alert", self.plan.actor)
        except StoreUnavailable as exc:
            self.report.problems.append(f"delivery {built['id']} lost: no dead letter ({exc})")
            return FAILED
        return DEAD_LETTER

    def _queue(self, summary: dict[str, Any], decision: Any, action: Any) -> str:
        plan = self.plan
        item = {
            "triage_id": summary["triage_id"],
            "action": action.action,
            "reason": action.reason,
            "target_kind": plan.target_kind,
            "target_name": plan.target_name,
            "search_name": plan.search.get("search_name", ""),
            "sid": plan.search.get("sid", ""),
            "rule": summary.get("rule", ""),
            "verdict": summary.get("verdict", ""),
            "bucket": summary.get("bucket", ""),
            "injection": summary.get("injection", []),  # shown to the approver beside the action
            "rationale": str(summary.get("rationale", ""))[:500],
            "policy": decision.policy,
            "summary": summary,
            "decision": decision.summary(),
            "attempts": plan.attempts,
            "backoff": plan.backoff,
            "index": self.auditor.index,  # the decision is audited where the routing was
        }
        try:
            key, _new = self.approvals.enqueue(item)
        except StoreUnavailable as exc:
            self.report.problems.append(f"approval of {action.action} for {summary['triage_id']} not queued: {exc}")
            return ""
        return key

    def _done(self, outcome: str, triage_id: str, details: dict[str, Any], reason: str = "") -> str:
        if reason:
            details["reason"] = reason
        self.auditor.record(audit_event(ROUTING, triage_id, self.plan.actor, outcome=outcome, **details))
        self.report.count(outcome)
        return outcome
