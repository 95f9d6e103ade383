"""A row's context from the search head: the assets and identities lookups, and approved analyst history.

The lookups are KV store collections (`llm_triage_assets`, `llm_triage_identities`, declared in
collections.conf and as lookups in transforms.conf), read through splunkd's REST API with the searching
user's session: any role that can read the app can read them, so analysts need no extra capability
(only admins may write them, as shipped). Each is read once per search, whole, and kept in memory; a
lookup that cannot be read costs its factor (0, saying why) and one warning, never a row.

Assets: one document per host name or address (`asset`), with `criticality` (low, medium, high,
critical). Identities: one document per user name or e-mail address (`identity`), with `category`:
admin, service_account, vip, traveller (several separated by `|`, as Enterprise Security writes them,
or a JSON array).
"""

from collections.abc import Mapping, Sequence
from typing import Any, Optional

from llm_triage import names
from llm_triage.decision.operational_confidence import CRITICALITY_ORDER, strongest_criticality
from llm_triage.es.priority import criticality_of
from llm_triage.feedback.store import FeedbackStore
from llm_triage.splunkd.kvstore import Collection, StoreUnavailable
from llm_triage.splunkd.rest import SplunkdRest

ASSETS_COLLECTION = names.ASSETS_COLLECTION
IDENTITIES_COLLECTION = names.IDENTITIES_COLLECTION
MAX_LOOKUP_DOCUMENTS = 100000  # read at most this many per lookup per search; more is noted as a warning
MAX_HISTORY = 5000  # approved dispositions read per rule per search
# The kinds of entity (row_entities' CIM names) that name a host or an address, and those that name a person.
ASSET_KINDS = frozenset({"src", "dest", "dest_ip", "dvc", "host", "risk_object"})
IDENTITY_KINDS = frozenset({"user", "src_user", "target", "recipient", "user_display", "risk_object"})
# Enterprise Security's notable events carry the asset priority it looked up (its scale: es/priority.py);
# used when our lookup has none.
PRIORITY_FIELDS = ("dest_priority", "src_priority")


class LookupUnavailable(Exception):
    """A context lookup could not be read; the message says why, safely."""


class ContextLookups:
    """The assets and identities lookups, read lazily once per search through `rest`."""

    def __init__(self, rest: Optional[SplunkdRest]):
        self._rest = rest
        self._assets: Optional[dict[str, str]] = None
        self._identities: Optional[dict[str, tuple[str, ...]]] = None
        self.assets_problem = ""
        self.identities_problem = ""
        self.warnings: list[str] = []

    def criticality(self, entities: Sequence[str], row: Mapping[str, object]) -> tuple[str, str, str]:
        """(level, which entity or field said so, why unknown) for the most critical asset the row names."""
        assets = self._load_assets()
        found = []
        if assets is not None:
            for entity in entities:
                kind, _, value = entity.partition(":")
                if kind in ASSET_KINDS and value in assets:
                    found.append((assets[value], entity))
        for name in PRIORITY_FIELDS:
            given = row.get(name)
            level = criticality_of(str(given[0] if isinstance(given, (list, tuple)) and given else given or ""))
            if level in CRITICALITY_ORDER:
                found.append((level, name))
        best = strongest_criticality([level for level, _ in found])
        if best:
            return best, next(source for level, source in found if level == best), ""
        return "", "", self.assets_problem or "no lookup entry"

    def identity_categories(self, entities: Sequence[str]) -> tuple[tuple[str, ...], str]:
        """(categories of every identity the row names, why none is known)."""
        identities = self._load_identities()
        if identities is None:
            return (), self.identities_problem
        categories: list[str] = []
        for entity in entities:
            kind, _, value = entity.partition(":")
            if kind not in IDENTITY_KINDS:
                continue
            for name in _identity_names(value):
                for category in identities.get(name, ()):
                    if category not in categories:
                        categories.append(category)
        return tuple(categories), "" if categories else "no lookup entry"

    def _load_assets(self) -> Optional[dict[str, str]]:
        if self._rest is None:
            self.assets_problem = "no lookup (no splunkd)"
        if self._assets is None and not self.assets_problem:
            try:
                documents = self._read(ASSETS_COLLECTION)
            except LookupUnavailable as exc:
                self.assets_problem = "lookup unreadable"
                self.warnings.append(f"llmtriage: asset criticality not used: {exc}")
                return None
            assets: dict[str, str] = {}
            for document in documents:
                key = str(document.get("asset", "")).strip().lower()
                level = str(document.get("criticality", "")).strip().lower()
                if key and level in CRITICALITY_ORDER:
                    assets[key] = strongest_criticality([level, assets.get(key, "")])
            self._assets = assets
        return self._assets

    def _load_identities(self) -> Optional[dict[str, tuple[str, ...]]]:
        if self._rest is None:
            self.identities_problem = "no lookup (no splunkd)"
        if self._identities is None and not self.identities_problem:
            try:
                documents = self._read(IDENTITIES_COLLECTION)
            except LookupUnavailable as exc:
                self.identities_problem = "lookup unreadable"
                self.warnings.append(f"llmtriage: identity context not used: {exc}")
                return None
            identities: dict[str, tuple[str, ...]] = {}
            for document in documents:
                key = str(document.get("identity", "")).strip().lower()
                if key:
                    identities[key] = tuple(dict.fromkeys(identities.get(key, ()) + _categories(document)))
            self._identities = identities
        return self._identities

    def _read(self, collection: str) -> list[dict[str, Any]]:
        assert self._rest is not None
        try:
            documents: list[dict[str, Any]] = Collection(self._rest, collection).find(limit=MAX_LOOKUP_DOCUMENTS)
        except StoreUnavailable as exc:  # the search goes on without this factor
            raise LookupUnavailable(f"lookup {collection}: {exc}") from None
        if len(documents) >= MAX_LOOKUP_DOCUMENTS:
            self.warnings.append(f"llmtriage: lookup {collection}: only its first {MAX_LOOKUP_DOCUMENTS} entries used")
        return documents


class History:
    """Approved dispositions per rule, read once per rule per search, matched to a row's entities here."""

    def __init__(self, store: Optional[FeedbackStore]):
        self._store = store
        self._by_rule: dict[str, list[tuple[str, frozenset[str]]]] = {}
        self.problem = ""
        self.warnings: list[str] = []

    def counts(self, rule: str, entities: Sequence[str]) -> tuple[Optional[dict[str, int]], str]:
        """(disposition -> count over approved dispositions of `rule` sharing an entity, why none), or
        (None, why) when the feedback store cannot be read."""
        if not rule:
            return {}, "the row names no rule"
        if not entities:
            return {}, "the row names no entity"
        if self._store is None:
            return None, "no feedback store"
        if self.problem:
            return None, self.problem
        if rule not in self._by_rule:
            try:
                found = self._store.approved(rule=rule, limit=MAX_HISTORY)
            except StoreUnavailable as exc:
                self.problem = "feedback unreadable"
                self.warnings.append(f"llmtriage: history not used: {exc}")
                return None, self.problem
            self._by_rule[rule] = [(item.disposition, frozenset(item.entities)) for item in found]
        wanted = set(entities)
        counts: dict[str, int] = {}
        for disposition, labelled in self._by_rule[rule]:
            if labelled & wanted:
                counts[disposition] = counts.get(disposition, 0) + 1
        return counts, ""


def _identity_names(value: str) -> list[str]:
    """A user as the row names it, and the bare account name of `DOMAIN\\alice` or `alice@example.com`."""
    names = [value]
    for bare in (value.rsplit("\\", 1)[-1], value.split("@", 1)[0]):
        if bare and bare not in names:
            names.append(bare)
    return names


def _categories(document: Mapping[str, Any]) -> tuple[str, ...]:
    raw = document.get("category", "")
    items = raw if isinstance(raw, list) else str(raw).split("|")
    return tuple(str(item).strip().lower() for item in items if str(item).strip())
