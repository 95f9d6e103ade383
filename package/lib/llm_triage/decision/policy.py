"""The action policy: which actions a result allows, classed automatic, needs_approval or never.

A policy is a versioned data file (`policies/<id>-<version>.json`, checked against
`schemas/policy.schema.json`): a catalogue of actions, each with a ceiling (the most it may ever be
allowed), and rules tried in order on the final bucket, operational confidence, asset criticality and
whether the bucket came from a model verdict or the baseline. The first rule that matches decides; the
last has no conditions, so every result gets a decision. A file that breaks the schema or these
guardrails is refused at load, naming the problem:

- a rule names only catalogued actions, each in one class, never looser than its ceiling;
- disabling accounts, isolating hosts, revoking tokens and blocking addresses can never be automatic.

The decision is `triage_policy`, canonical JSON: {"policy": "default/1", "rule": ..., "bucket": ...,
"op_confidence": ..., "criticality": ..., "actions": [{"action", "class", "reason"}], "shadow": true
only in shadow mode}. The alert action routes `automatic` actions, queues `needs_approval` ones for an
approver and never runs `never` ones; in shadow mode it routes nothing.
"""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from llm_triage.evidence.canonical import canonical_json, strict_json_loads
from llm_triage.verdict.schema import schema_errors

POLICY_DIR = Path(__file__).with_name("policies")
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "policy.schema.json"
CLASSES = ("automatic", "needs_approval", "never")  # from the loosest to the strictest
# Actions with consequences outside the SOC's own records: never automatic, whatever a policy file says.
CONSEQUENTIAL = frozenset({"disable_account", "isolate_host", "revoke_tokens", "block_address"})
UNKNOWN = "unknown"  # the criticality of a result whose assets are not in the lookup
_SHIPPED_NAME = re.compile(r"^([a-z][a-z0-9_]{0,39})-([0-9]{1,6})$")


class PolicyError(ValueError):
    """A policy file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Rule:
    """One rule: its conditions (empty: any) and the class of each action it names."""

    name: str
    reason: str
    buckets: tuple[str, ...] = ()
    min_op_confidence: float = 0.0
    max_op_confidence: float = 1.0
    criticality: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    actions: tuple[tuple[str, str], ...] = ()  # (action, class), automatic first

    def matches(self, bucket: str, op_confidence: float, criticality: str, source: str) -> bool:
        """Whether every condition of the rule holds."""
        return (
            (not self.buckets or bucket in self.buckets)
            and self.min_op_confidence <= op_confidence <= self.max_op_confidence
            and (not self.criticality or (criticality or UNKNOWN) in self.criticality)
            and (not self.sources or source in self.sources)
        )


@dataclass(frozen=True)
class Policy:
    """A checked policy."""

    id: str
    version: int
    title: str
    ceilings: Mapping[str, str]
    rules: tuple[Rule, ...]

    @property
    def label(self) -> str:
        """`<id>/<version>`, as decisions name it."""
        return f"{self.id}/{self.version}"

    def decide(
        self, bucket: str, op_confidence: float, criticality: str, source: str, shadow: bool = False
    ) -> dict[str, Any]:
        """The decision for one result: the first matching rule's actions with their classes."""
        rule = next(rule for rule in self.rules if rule.matches(bucket, op_confidence, criticality, source))
        decision: dict[str, Any] = {
            "policy": self.label,
            "rule": rule.name,
            "bucket": bucket,
            "op_confidence": op_confidence,
            "criticality": criticality or UNKNOWN,
            "actions": [
                {"action": action, "class": kind, "reason": f"{rule.name}: {rule.reason}"}
                for action, kind in rule.actions
            ],
        }
        if shadow:
            decision["shadow"] = True
        return decision


def decision_text(decision: Mapping[str, Any]) -> str:
    """A decision as `triage_policy` holds it: canonical JSON."""
    return canonical_json(dict(decision))


def load_policy(name: str) -> Policy:
    """The policy the `policy` setting names: a shipped one (`default-1` is policies/default-1.json) or an
    absolute path to an admin's own `.json` file. PolicyError when it is missing or breaks the rules."""
    name = name.strip()
    if _SHIPPED_NAME.match(name):
        path = POLICY_DIR / f"{name}.json"
    elif name.endswith(".json") and Path(name).is_absolute():
        path = Path(name)
    else:
        raise PolicyError(
            f"policy {name!r}: give a shipped policy's name, such as default-1, or an absolute path to a .json file"
        )
    try:
        stat = path.stat()
    except OSError:
        raise PolicyError(f"policy {name!r}: no such file {path.name}") from None
    return _load(str(path), stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: str, _mtime_ns: int) -> Policy:
    origin = Path(path).name
    try:
        with open(path, encoding="utf-8") as handle:
            data = strict_json_loads(handle.read())
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"policy file {origin}: cannot be read ({exc.__class__.__name__})") from None
    except ValueError as exc:
        raise PolicyError(f"policy file {origin}: not valid JSON ({exc})") from None
    policy = parse_policy(data, origin)
    match = _SHIPPED_NAME.match(Path(path).stem)
    if match and (match.group(1), int(match.group(2))) != (policy.id, policy.version):
        raise PolicyError(
            f"policy file {origin}: id and version say {policy.label}; name the file {policy.id}-{policy.version}.json"
        )
    return policy


@lru_cache(maxsize=1)
def policy_schema() -> dict[str, Any]:
    """The policy JSON schema as shipped."""
    with SCHEMA_PATH.open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def parse_policy(data: Any, origin: str = "policy") -> Policy:
    """A Policy from a parsed policy document; PolicyError lists every problem found."""
    schema = policy_schema()
    problems = schema_errors(data, schema)
    if not problems:
        entry_schema = schema["properties"]["actions"]["additionalProperties"]
        for action, entry in data["actions"].items():
            problems.extend(schema_errors(entry, entry_schema, f"$.actions.{action}"))
    if not problems:
        problems = _guardrail_problems(data)
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise PolicyError(f"policy file {origin} refused: {shown}")
    return Policy(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        ceilings={action: entry["ceiling"] for action, entry in data["actions"].items()},
        rules=tuple(_rule(item) for item in data["rules"]),
    )


def _guardrail_problems(data: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    catalogue: Mapping[str, Mapping[str, str]] = data["actions"]
    for action, entry in catalogue.items():
        if not re.match(r"^[a-z][a-z0-9_]{0,39}$", action):
            problems.append(f"action name {action!r}: use lower-case letters, digits and _")
        if action in CONSEQUENTIAL and entry["ceiling"] == "automatic":
            problems.append(f"action {action} can never be automatic: its ceiling must be needs_approval or never")
    names: set[str] = set()
    for index, rule in enumerate(data["rules"]):
        where = f"rule {rule['name']}"
        if rule["name"] in names:
            problems.append(f"{where}: the name is used twice")
        names.add(rule["name"])
        seen: set[str] = set()
        for kind in CLASSES:
            for action in rule[kind]:
                if action not in catalogue:
                    problems.append(f"{where}: action {action} is not in the catalogue")
                    continue
                if action in seen:
                    problems.append(f"{where}: action {action} is in more than one class")
                seen.add(action)
                ceiling = catalogue[action]["ceiling"]
                if CLASSES.index(kind) < CLASSES.index(ceiling):
                    problems.append(f"{where}: action {action} is {kind}, looser than its ceiling {ceiling}")
        when = rule["when"]
        if when.get("min_op_confidence", 0.0) > when.get("max_op_confidence", 1.0):
            problems.append(f"{where}: min_op_confidence is above max_op_confidence")
        if index == len(data["rules"]) - 1 and when:
            problems.append(f"{where}: the last rule must have no conditions (when: {{}}), so every result is decided")
    return problems


def _rule(item: Mapping[str, Any]) -> Rule:
    when: Mapping[str, Any] = item["when"]
    return Rule(
        name=item["name"],
        reason=item["reason"],
        buckets=tuple(when.get("buckets", ())),
        min_op_confidence=float(when.get("min_op_confidence", 0.0)),
        max_op_confidence=float(when.get("max_op_confidence", 1.0)),
        criticality=tuple(when.get("criticality", ())),
        sources=tuple(when.get("sources", ())),
        actions=tuple((action, kind) for kind in CLASSES for action in item[kind]),
    )


def policy_problem_decision(label: str, problem: str, shadow: bool = False) -> dict[str, Any]:
    """What `triage_policy` holds when no policy could be loaded: no actions at all, and why."""
    decision: dict[str, Any] = {"policy": label, "error": problem, "actions": []}
    if shadow:
        decision["shadow"] = True
    return decision


def action_names(decision: Mapping[str, Any], kind: Optional[str] = None) -> Sequence[str]:
    """The actions of a decision, of one class when `kind` is given."""
    return [item["action"] for item in decision.get("actions", ()) if kind is None or item["class"] == kind]
