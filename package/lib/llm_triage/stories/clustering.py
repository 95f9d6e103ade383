"""Many alerts to few investigations: deterministic pre-clustering by shared entities within time windows.

Each alert's entities come from its profile's identifier fields (`entities.row_entities`), put into kinds
that can meet across log types (an Okta `user`, a mail `recipient` and a CloudTrail `user` are all
`user`; a `src`, a `dest` and a `dest_ip` are all `host`), plus the process image of endpoint alerts.
Two alerts are linked when the entities they share weigh at least `link_threshold` and they happened
within `window` seconds of each other; clusters are the connected components (union-find).

What keeps distinct incidents apart:
- an entity on many alerts (a shared proxy address, `SYSTEM`, a build server) does not link at all: it
  is ubiquitous when it is on more than `max_share` of the distinct alerts and more than `min_common`;
- weak kinds weigh less than one link: an address (NAT, VPN) and a process image weigh half, a cloud
  account a quarter, so they link only together with something else;
- placeholder values (`-`, `unknown`, `127.0.0.1`, `nt authority\\system`) never link.
Duplicates (the same evidence apart from time) always fall into one cluster and count once.
"""

import datetime
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Optional

from llm_triage.evidence.bundle import Bundle, build_bundle
from llm_triage.evidence.canonical import canonical_json, content_hash
from llm_triage.evidence.entities import row_entities, rule_of
from llm_triage.evidence.profiles import Profile

# Profile identifier fields, by the kind they are compared as.
KIND_OF_FIELD: Mapping[str, str] = {
    "user": "user",
    "user_display": "user",
    "target": "user",
    "recipient": "user",
    "src_user": "user",
    "header_from": "user",
    "reply_to": "user",
    "src": "host",
    "dest": "host",
    "dest_ip": "host",
    "risk_object": "host",
    "access_key": "key",
    "session_issuer": "role",
    "account": "account",
    "message_id": "message",
}
KIND_WEIGHTS: Mapping[str, float] = {
    "user": 1.0,
    "key": 1.0,
    "message": 1.0,
    "role": 0.5,
    "host": 1.0,
    "ip": 0.5,  # an address: many people behind one NAT, one VPN exit
    "userpart": 0.5,  # `alice` from `alice@corp.example` or `CORP\alice`: probably, not surely, the same person
    "process": 0.5,
    "account": 0.25,
}
PLACEHOLDERS = frozenset(
    {"", "-", "unknown", "n/a", "na", "none", "null", "system", "nt authority\\system", "local service",
     "network service", "localhost", "127.0.0.1", "::1", "0.0.0.0", "anonymous"}
)  # fmt: skip
PROCESS_FIELDS = ("process_path",)
NEIGHBOURS = 32  # earlier alerts of the same entity an alert is compared with (bounds the work per entity)


@dataclass(frozen=True)
class ClusterSettings:
    """How alerts are linked; see the module docstring."""

    window: float = 2 * 3600.0
    link_threshold: float = 1.0
    max_share: float = 0.05
    min_common: int = 8


@dataclass(frozen=True)
class Alert:
    """What clustering needs of one row: its position, time, linkable entities and duplicate key."""

    index: int
    time: Optional[float]
    entities: tuple[str, ...]
    duplicate_key: str
    rule: str = ""


@dataclass
class Cluster:
    """One investigation: its id, its rows (input positions, in order) and the entities that linked them."""

    id: str
    members: list[int]
    distinct: int
    entities: list[str] = field(default_factory=list)


def alert_of(index: int, row: Mapping[str, object], profile: Profile, bundle: Optional[Bundle] = None) -> Alert:
    """The clustering view of one row under its profile (and its bundle, when it is already built)."""
    entities = set()
    for entity in row_entities(row, profile):
        name, _, value = entity.partition(":")
        entities.update(link_entities(name, value))
    bundle = bundle or build_bundle(row, profile)
    fields = _event_fields(bundle.text)
    for name in PROCESS_FIELDS:
        image = fields.get(name)
        if isinstance(image, str) and image:
            entities.add("process:" + image.replace("\\", "/").rsplit("/", 1)[-1].lower())
    fields.pop("time", None)
    return Alert(
        index=index,
        time=_time(row.get("_time")),
        entities=tuple(sorted(entities)),
        duplicate_key=content_hash(canonical_json([bundle.profile, fields]))[:16],
        rule=rule_of(row),
    )


def link_entities(field_name: str, value: str) -> list[str]:
    """The comparable entities of one identifier value: its kind and value, and the weaker forms it implies."""
    value = value.strip().lower()
    kind = KIND_OF_FIELD.get(field_name)
    if kind is None or value in PLACEHOLDERS:
        return []
    if kind == "host" and _looks_like_ip(value):
        return [f"ip:{value}"]
    if kind == "user":
        found = [f"user:{value}"]
        local = value.rsplit("\\", 1)[-1].split("@", 1)[0]
        if local and local != value and local not in PLACEHOLDERS:
            found.append(f"userpart:{local}")
        elif "@" not in value and "\\" not in value and "/" not in value and ":" not in value:
            found.append(f"userpart:{value}")
        return found
    return [f"{kind}:{value}"]


def cluster_alerts(alerts: Sequence[Alert], settings: ClusterSettings = ClusterSettings()) -> list[Cluster]:
    """The clusters of `alerts`, ordered by their first row; deterministic for the same rows."""
    parent = list(range(len(alerts)))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(first: int, second: int) -> None:
        a, b = find(first), find(second)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_of_key: dict[str, int] = {}
    for position, alert in enumerate(alerts):  # duplicates: one alert, whenever they came
        union(first_of_key.setdefault(alert.duplicate_key, position), position)
    distinct = list(first_of_key.values())
    linking = linkable_entities([alerts[position] for position in distinct], settings)
    by_entity: dict[str, list[int]] = {}
    for position in distinct:
        for entity in alerts[position].entities:
            if entity in linking:
                by_entity.setdefault(entity, []).append(position)
    weights: dict[tuple[int, int], float] = {}
    for entity, positions in by_entity.items():
        weight = KIND_WEIGHTS.get(entity.partition(":")[0], 1.0)
        ordered = sorted(positions, key=lambda p: (alerts[p].time is None, alerts[p].time or 0.0, p))
        for offset, position in enumerate(ordered):
            for earlier in ordered[max(0, offset - NEIGHBOURS) : offset]:
                if _within(alerts[earlier].time, alerts[position].time, settings.window):
                    pair = (min(earlier, position), max(earlier, position))
                    weights[pair] = weights.get(pair, 0.0) + weight
    for (first, second), weight in weights.items():
        if weight >= settings.link_threshold - 1e-9:
            union(first, second)
    groups: dict[int, list[int]] = {}
    for position in range(len(alerts)):
        groups.setdefault(find(position), []).append(position)
    clusters = []
    for positions in sorted(groups.values(), key=lambda members: members[0]):
        keys = sorted({alerts[p].duplicate_key for p in positions})
        shared = _shared_entities([alerts[p] for p in positions], linking)
        clusters.append(
            Cluster(
                id="cl-" + content_hash(canonical_json(keys))[:10],
                members=[alerts[p].index for p in positions],
                distinct=len(keys),
                entities=shared,
            )
        )
    return clusters


def linkable_entities(alerts: Iterable[Alert], settings: ClusterSettings) -> set[str]:
    """The entities that may link alerts: those not on too many of them."""
    counts: dict[str, int] = {}
    total = 0
    for alert in alerts:
        total += 1
        for entity in alert.entities:
            counts[entity] = counts.get(entity, 0) + 1
    ceiling = max(settings.min_common, settings.max_share * total)
    return {entity for entity, count in counts.items() if count <= ceiling}


def _shared_entities(alerts: Sequence[Alert], linking: set[str]) -> list[str]:
    """The linkable entities on more than one of a cluster's alerts, most common first."""
    counts: dict[str, int] = {}
    for alert in alerts:
        for entity in alert.entities:
            if entity in linking:
                counts[entity] = counts.get(entity, 0) + 1
    return [entity for entity, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if count > 1]


def _within(first: Optional[float], second: Optional[float], window: float) -> bool:
    if first is None or second is None:
        return True  # without a time, only the entities can say
    return abs(second - first) <= window


def _time(value: object) -> Optional[float]:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    try:
        return float(str(value))
    except (TypeError, ValueError):
        return _iso_seconds(str(value)) if value else None


def _iso_seconds(text: str) -> Optional[float]:
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _looks_like_ip(value: str) -> bool:
    if ":" in value and all(part == "" or all(c in "0123456789abcdef" for c in part) for part in value.split(":")):
        return True
    parts = value.split(".")
    return len(parts) == 4 and all(part.isdigit() and int(part) < 256 for part in parts)


def _event_fields(text: str) -> dict[str, object]:
    document = json.loads(text)
    return dict(document["events"][0]["fields"])
