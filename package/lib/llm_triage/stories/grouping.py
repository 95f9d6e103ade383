"""`llmtriage ... by <field>`: the rows that share a value of a field, judged together as one bundle.

A group bundle is a bundle of the usual format whose `events` are the group's rows in time order (each
curated under its own profile, each with its own event reference, so every member's evidence stays
citable), under a `group` header that names the field, the value and what was left out for size. The
verdict schema and prompts judge it as they judge any bundle: cited references must be the bundle's.

Groups are formed within the rows the command is handed at once: one of splunkd's chunks. A value that
comes back in a later chunk forms a group of its own there (its `triage_group` says which part), so
memory stays bounded and every chunk is returned whole before the next is read.
"""

import datetime
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional

from llm_triage.evidence.bundle import BUNDLE_FORMAT, Bundle
from llm_triage.evidence.canonical import canonical_json, content_hash
from llm_triage.evidence.profiles import has_value

# What a group's and a cluster's header tell the model in the app's own words (the injection check keeps them).
GROUP_NOTE = "the events are one group's alerts, oldest first: judge the group as a whole"
CLUSTER_NOTE = "alerts linked by shared entities within a time window, oldest first: tell their story"

MAX_GROUP_EVENTS = 50  # events in one group bundle; later ones are named, not sent
GROUP_CHARS_FACTOR = 4  # a group bundle may be this many times max_bundle_chars


@dataclass(frozen=True)
class Member:
    """One row of a group: its position in the chunk, its own bundle, and its time (epoch seconds or None)."""

    index: int
    bundle: Bundle
    time: Optional[float]


@dataclass(frozen=True)
class GroupBundle:
    """A group's bundle, its members in time order, and which of them it holds (the rest were cut)."""

    key: str
    bundle: Bundle
    members: tuple[Member, ...]
    included: int

    def label(self, field: str, part: int = 1) -> str:
        """`user=alice (7 rows)`, with what was cut and which part of a value seen in several chunks."""
        text = f"{field}={self.key} ({len(self.members)} row{'s' if len(self.members) != 1 else ''}"
        if self.included < len(self.members):
            text += f", first {self.included} sent"
        if part > 1:
            text += f", part {part}"
        return text + ")"


def group_by(words: Sequence[str]) -> str:
    """The field of a command's trailing `by <field>` clause (splunklib's fieldnames), "" without one;
    ValueError, naming what is wrong, for anything else."""
    if not words:
        return ""
    if len(words) == 2 and words[0].lower() == "by" and words[1].strip():
        return words[1].strip()
    raise ValueError(f"expected `by <field>` after the options, not {' '.join(words)!r}")


def group_key(row: Mapping[str, object], field: str) -> str:
    """The value rows are grouped by (a multivalue field's values joined), or "" when the row has none."""
    value = row.get(field)
    if not has_value(value):
        return ""
    if isinstance(value, (list, tuple)):
        return ",".join(str(item).strip() for item in value if has_value(item))
    return str(value).strip()


def row_time(row: Mapping[str, object]) -> Optional[float]:
    """The row's `_time` as epoch seconds, or None when it has none that reads as a number."""
    value = row.get("_time")
    try:
        return float(str(value[0] if isinstance(value, (list, tuple)) and value else value))
    except (TypeError, ValueError):
        return None


def group_members(keyed: Sequence[tuple[str, Member]]) -> dict[str, list[Member]]:
    """Members by key, in order of first appearance; rows without a key form no group."""
    groups: dict[str, list[Member]] = {}
    for key, member in keyed:
        if key:
            groups.setdefault(key, []).append(member)
    return groups


def build_group_bundle(
    field: str, key: str, members: Sequence[Member], max_chars: int, max_events: int = MAX_GROUP_EVENTS
) -> GroupBundle:
    """One bundle for the rows whose `field` is `key`; see `build_event_bundle`."""
    header = {
        "by": field,
        "value": key,
        "note": GROUP_NOTE,
    }
    return build_event_bundle(header, key, members, max_chars, max_events)


def build_event_bundle(
    header: Mapping[str, object],
    key: str,
    members: Sequence[Member],
    max_chars: int,
    max_events: int = MAX_GROUP_EVENTS,
) -> GroupBundle:
    """One bundle for several rows under `header` (with `rows`, and what was cut, added): events in time
    order (rows without a time keep their place after those with one), identical events once, at most
    `max_events` and `max_chars`."""
    ordered = tuple(sorted(members, key=lambda m: (m.time is None, m.time or 0.0, m.index)))
    events: list[dict[str, object]] = []
    refs: list[str] = []
    seen: set[str] = set()
    included = 0
    repeats = 0
    for member in ordered[:max_events]:
        event = _event_of(member.bundle)
        if member.bundle.event_ref in seen:
            repeats += 1
            included += 1
            continue
        trial = events + [event]
        if events and len(_text(header, ordered, trial, included + 1, repeats)) > max_chars:
            break
        events = trial
        seen.add(member.bundle.event_ref)
        refs.extend(ref for ref in member.bundle.refs if ref not in refs)
        included += 1
    text = _text(header, ordered, events, included, repeats)
    profiles = sorted({member.bundle.profile for member in ordered})
    bundle = Bundle(
        profile=profiles[0] if len(profiles) == 1 else "mixed",
        text=text,
        hash=content_hash(text),
        refs=tuple(refs),
        event_ref=ordered[0].bundle.event_ref,
    )
    return GroupBundle(key=key, bundle=bundle, members=ordered, included=included)


def _event_of(bundle: Bundle) -> dict[str, object]:
    """The one event of a row's bundle, with the profile it was curated under."""
    document = json.loads(bundle.text)
    event: dict[str, object] = dict(document["events"][0])
    event["profile"] = document.get("profile", bundle.profile)
    return event


def _text(
    base: Mapping[str, object],
    ordered: Sequence[Member],
    events: Sequence[Mapping[str, object]],
    included: int,
    repeats: int,
) -> str:
    header = dict(base, rows=len(ordered))
    if repeats:
        header["repeated_events"] = repeats  # rows whose evidence matched an earlier event's exactly
    left_out = len(ordered) - included
    if left_out:
        header["left_out_for_size"] = left_out
        times = [member.time for member in ordered[included:] if member.time is not None]
        if times:
            header["left_out_span"] = [_iso(min(times)), _iso(max(times))]
    profiles = sorted({str(event.get("profile", "")) for event in events})
    document = {
        "format": BUNDLE_FORMAT,
        "profile": profiles[0] if len(profiles) == 1 else "mixed",
        str(base.get("kind", "group")): {name: value for name, value in header.items() if name != "kind"},
        "events": list(events),
    }
    return canonical_json(document)


def _iso(seconds: float) -> str:
    moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")
