"""The approval queue (KV collection `llm_triage_approvals`) and the dead letters (`llm_triage_dead_letters`).

An approval item holds everything needed to act once a reviewer approves: the result's summary, the
policy decision, the one action, and the target by kind and name (its secret is read again when sent).
A dead letter holds the envelope that could not be delivered (no secret in it), why, and how often it
was tried; replaying sends it again, unchanged, to the target as configured now.
"""

import time
from collections.abc import Mapping
from typing import Any, Optional

from llm_triage import names
from llm_triage.evidence.canonical import canonical_json, content_hash
from llm_triage.splunkd.kvstore import Collection
from llm_triage.splunkd.rest import SplunkdRest

APPROVALS = names.APPROVALS_COLLECTION
DEAD_LETTERS = names.DEAD_LETTERS_COLLECTION
PENDING = "pending"
APPROVED = "approved"
REJECTED = "rejected"
REPLAYED = "replayed"


def approval_key(triage_id: str, action: str, target_kind: str, target_name: str) -> str:
    """One queue item per result, action and target: the same alert firing again does not queue twice."""
    return content_hash(canonical_json([triage_id, action, target_kind, target_name]))[:32]


class _PendingItems:
    """A KV store collection of items, each pending (status) until someone acts on it."""

    def __init__(self, rest: SplunkdRest, collection: str) -> None:
        self.collection = Collection(rest, collection)

    def get(self, key: str) -> Optional[dict[str, Any]]:
        """One item, or None."""
        return self.collection.get(key)

    def save(self, item: Mapping[str, Any]) -> None:
        """Write back an item (by its `_key`)."""
        self.collection.save(str(item["_key"]), {k: v for k, v in item.items() if k != "_user"})

    def pending(self) -> list[dict[str, Any]]:
        """The items waiting for a decision, oldest first."""
        return sorted(self.collection.find({"status": PENDING}), key=lambda item: item.get("created", 0))


class ApprovalQueue(_PendingItems):
    """Pending actions waiting for a reviewer's name."""

    def __init__(self, rest: SplunkdRest) -> None:
        super().__init__(rest, APPROVALS)

    def enqueue(self, item: Mapping[str, Any]) -> tuple[str, bool]:
        """Queue `item` (a dict with triage_id, action, target_kind, target_name...): (key, newly queued).
        An item already queued for the same result, action and target is left as it is."""
        key = approval_key(item["triage_id"], item["action"], item["target_kind"], item["target_name"])
        if self.collection.get(key) is not None:
            return key, False
        document = dict(item, _key=key, status=PENDING, created=round(time.time(), 3), decided_by="", decided_at=0)
        self.collection.insert(document)
        return key, True


class DeadLetters(_PendingItems):
    """Deliveries that failed after their retries, kept until an admin replays them (pending: not yet
    replayed)."""

    def __init__(self, rest: SplunkdRest) -> None:
        super().__init__(rest, DEAD_LETTERS)

    def record(self, envelope: Mapping[str, Any], error: str, attempts: int, origin: str, actor: str) -> str:
        """Keep `envelope` (secret-free) with why it failed; the same delivery failing again updates its
        letter instead of adding another. Its key."""
        key = str(envelope["id"])
        now = round(time.time(), 3)
        existing = self.collection.get(key)
        document = {
            "_key": key,
            "kind": envelope.get("kind", ""),
            "target": envelope.get("target", ""),
            "triage_id": envelope.get("triage_id", ""),
            "actions": list(envelope.get("actions", [])),
            "approved_by": envelope.get("approved_by", ""),
            "envelope": dict(envelope),
            "error": error,
            "attempts": attempts + int(existing.get("attempts", 0) if existing else 0),
            "origin": origin,
            "actor": actor,
            "status": PENDING,
            "created": existing.get("created", now) if existing else now,
            "updated": now,
        }
        if existing is None:
            self.collection.insert(document)
        else:
            self.collection.save(key, document)
        return key
