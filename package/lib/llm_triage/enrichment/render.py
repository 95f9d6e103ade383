"""One catalog item made into a search for one row: its tokens replaced by the row's entities, each as one
quoted string literal, and its window placed around the row's time.

Values come only from the row's `kind:value` entities. A value its kind cannot hold is never searched; when
a kind has several values, the first one that may be searched is used and the others are reported. The
template is read once, left to right, so a value that looks like a token (`$user$`) is never replaced again.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Union

from llm_triage.enrichment.catalog import EnrichmentItem
from llm_triage.enrichment.spl import quote_literal, scan_spl
from llm_triage.enrichment.values import value_problem
from llm_triage.enrichment.window import row_time, search_window

_TOKEN_START = "$"


@dataclass(frozen=True)
class RenderedSearch:
    """A context search ready to run as the searching user, over [earliest, latest) in epoch seconds."""

    item: str
    spl: str
    earliest: float
    latest: float
    max_results: int
    fields: tuple[str, ...]
    values: tuple[tuple[str, str], ...] = ()  # (kind, value) searched, in the order of the item's entities
    skipped: tuple[str, ...] = ()  # values of the row not searched, each with why


@dataclass(frozen=True)
class Refusal:
    """Why the item was not made into a search for this row; nothing was searched."""

    item: str
    reason: str


def render_search(item: EnrichmentItem, entities: Sequence[str], time: object) -> Union[RenderedSearch, Refusal]:
    """The search `item` runs for a row with these `kind:value` entities and this `_time`, or why not."""
    moment = row_time(time)
    if moment is None:
        return Refusal(item.name, "the row has no _time to place the search around")
    shaped = _shaped(item, tuple(entities))
    if isinstance(shaped, Refusal):
        return shaped
    earliest, latest = search_window(moment, item.earliest_offset, item.latest_offset)
    return RenderedSearch(shaped.item, shaped.spl, earliest, latest, shaped.max_results, shaped.fields,
                          shaped.values, shaped.skipped)  # fmt: skip


@lru_cache(maxsize=4096)
def _shaped(item: EnrichmentItem, entities: "tuple[str, ...]") -> Union[RenderedSearch, Refusal]:
    """The item's search for these entities, its window still to place; remembered, since the same users,
    hosts and addresses come back row after row and reading a search costs far more than looking it up."""
    chosen: dict[str, str] = {}
    skipped: list[str] = []
    for kind in item.entities:
        for value in _values(entities, kind):
            problem = value_problem(kind, value)
            if problem:
                skipped.append(f"{kind} {value[:80]!r}: {problem}")
            elif kind not in chosen:
                chosen[kind] = value
        if kind not in chosen:
            reason = f"no {kind} value of the row may be searched"
            return Refusal(item.name, "; ".join([reason, *skipped]) if skipped else reason)
    spl = _substitute(item.search, chosen)
    # A last wall: whatever the values held, the search must have exactly the template's commands and macros.
    before, after = scan_spl(item.search), scan_spl(spl)
    if after.problem or (after.commands, after.macros) != (before.commands, before.macros) or after.tokens:
        return Refusal(item.name, "a value changed the shape of the search")
    return RenderedSearch(
        item=item.name,
        spl=spl,
        earliest=0.0,
        latest=0.0,
        max_results=item.max_results,
        fields=item.fields,
        values=tuple(chosen.items()),
        skipped=tuple(skipped),
    )


def _values(entities: Sequence[str], kind: str) -> list[str]:
    prefix = f"{kind}:"
    return [entity[len(prefix) :] for entity in entities if entity.startswith(prefix)]


def _substitute(template: str, values: dict[str, str]) -> str:
    """Replace each `$kind$` outside string literals, in one pass (catalog.validate_item has refused
    tokens inside literals and every kind `values` lacks)."""
    out: list[str] = []
    index = 0
    in_string = False
    while index < len(template):
        char = template[index]
        if in_string and char == "\\":
            out.append(template[index : index + 2])
            index += 2
            continue
        if char == '"':
            in_string = not in_string
        elif char == _TOKEN_START and not in_string:
            end = template.find(_TOKEN_START, index + 1)
            kind = template[index + 1 : end]
            if end > index and kind in values:
                out.append(quote_literal(values[kind]))
                index = end + 1
                continue
        out.append(char)
        index += 1
    return "".join(out)
