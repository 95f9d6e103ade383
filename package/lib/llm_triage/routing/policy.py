"""The row's policy decision (`triage_policy`, written by the operational-confidence step), read defensively.

Canonical JSON: {"policy": "<id>/<version>", "bucket", "op_confidence", "criticality", "shadow": true?,
"actions": [{"action": "open_case", "class": "automatic"|"needs_approval"|"never", "reason": "..."}]}.
Anything else is no decision at all: the alert action then routes nothing and queues nothing, and says why.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

AUTOMATIC = "automatic"
NEEDS_APPROVAL = "needs_approval"
NEVER = "never"
CLASSES = (AUTOMATIC, NEEDS_APPROVAL, NEVER)
ACTION_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


@dataclass(frozen=True)
class PlannedAction:
    """One recommended action and what the policy allows for it."""

    action: str
    klass: str
    reason: str = ""

    def as_dict(self) -> dict[str, str]:
        """The action as the policy wrote it."""
        return {"action": self.action, "class": self.klass, "reason": self.reason}


@dataclass(frozen=True)
class Decision:
    """A row's policy decision; `problem` is non-empty when there is none to act on."""

    policy: str = ""
    actions: tuple[PlannedAction, ...] = ()
    shadow: bool = False
    problem: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)

    def of_class(self, klass: str) -> list[PlannedAction]:
        """The actions the policy put in `klass`, in its order."""
        return [action for action in self.actions if action.klass == klass]

    def summary(self) -> dict[str, Any]:
        """What the audit trail and the receivers see of the decision."""
        return {
            "policy": self.policy,
            "shadow": self.shadow,
            "actions": [action.as_dict() for action in self.actions],
            **{key: self.details[key] for key in ("bucket", "op_confidence", "criticality") if key in self.details},
        }


def read_policy(value: object) -> Decision:
    """The decision in a row's `triage_policy` value (JSON text or an object); never raises."""
    if value is None or value == "" or value == []:
        return Decision(problem="no policy decision on the row (triage_policy is empty)")
    if isinstance(value, list):
        value = value[0]
    data: Any = value
    if isinstance(value, str):
        try:
            data = json.loads(value)
        except ValueError:
            return Decision(problem="triage_policy is not JSON")
    if not isinstance(data, dict):
        return Decision(problem="triage_policy is not a JSON object")
    policy = data.get("policy")
    if not isinstance(policy, str) or not policy:
        return Decision(problem="triage_policy names no policy")
    raw_actions = data.get("actions")
    if not isinstance(raw_actions, list):
        return Decision(problem=f"triage_policy of {policy} has no actions list")
    actions = []
    for item in raw_actions:
        if not isinstance(item, dict):
            return Decision(problem=f"triage_policy of {policy}: an action is not an object")
        name, klass = item.get("action"), item.get("class")
        if not isinstance(name, str) or not ACTION_NAME.match(name):
            return Decision(problem=f"triage_policy of {policy}: an action has no valid name")
        if klass not in CLASSES:
            return Decision(
                problem=f"triage_policy of {policy}: action {name} has class {klass!r}, not one of {CLASSES}"
            )
        reason = item.get("reason")
        actions.append(PlannedAction(name, str(klass), reason if isinstance(reason, str) else ""))
    shadow = data.get("shadow", False)
    if not isinstance(shadow, bool):
        return Decision(problem=f"triage_policy of {policy}: shadow is not true or false")
    details = {key: data[key] for key in ("bucket", "op_confidence", "criticality") if key in data}
    return Decision(policy=policy, actions=tuple(actions), shadow=shadow, details=details)
