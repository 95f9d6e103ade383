"""A KV store (and receivers/simple) for feedback unit tests: the splunkd stand-in's, reached in process."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from llm_triage.evidence.bundle import Bundle, build_bundle
from llm_triage.evidence.profiles import get_profile
from llm_triage.feedback.triaged import COLLECTION, TriagedEvidence
from llm_triage.splunkd.kvstore import Collection
from llm_triage.splunkd.rest import SplunkdRest
from tests.harness.in_process_rest import rest_for
from tools.harness.index_standin import DEFAULT_INDEXES, IndexService
from tools.harness.kvstore_standin import KvStoreService
from tools.harness.splunkd_standin import SplunkdContent, SplunkdStandIn


@dataclass
class Kv:
    """A stand-in with the feedback collections, its KV store and indexes, and an admin's REST doorway."""

    standin: SplunkdStandIn
    kvstore: KvStoreService
    indexes: IndexService
    rest: SplunkdRest

    def docs(self, collection: str = "llm_triage_feedback") -> dict[str, dict]:
        return self.kvstore.collections.get(collection, {})

    def triaged(self, text: str, digest: str) -> None:
        """Record evidence as the judge endpoint does when it answers for it."""
        TriagedEvidence(Collection(self.rest, COLLECTION)).record([Bundle("identity/2", text, digest, (), "")], "ana")


class Clock:
    """Time that moves only when a test moves it (`clock.now += DAY`), from a realistic epoch."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def kv_store() -> Iterator[Kv]:
    """For a fixture: yields a running Kv, stopped afterwards."""
    content = SplunkdContent()
    for name in ("llm_triage_feedback", "llm_triage_examples", "llm_triage_triaged"):
        content.set_stanza("collections", name, {})
    standin = SplunkdStandIn(content).start()
    kvstore, indexes = KvStoreService(content), IndexService((*DEFAULT_INDEXES, "llm_triage_audit"))
    standin.add_service(kvstore)
    standin.add_service(indexes)
    try:
        yield Kv(standin, kvstore, indexes, rest_for(standin, standin.session_key))
    finally:
        standin.stop()


def identity_bundle(user: str, rule: str = "Okta push spam") -> tuple[str, str]:
    """(text, hash) of an identity bundle about `user`."""
    row = {
        "sourcetype": "OktaIM2:log",
        "rule_name": rule,
        "actor.alternateId": user,
        "client.ipAddress": "198.51.100.7",
    }
    bundle = build_bundle(row, get_profile("identity"))
    return bundle.text, bundle.hash
