"""Enrichment inside the bundle: what may be searched (before the first answer), what was found (after).

A bundle whose row may be enriched lists the catalog items that apply to it (`enrichment_available`: name
and what it finds), so the model can name in its answer's `enrichment` the ones it wants; the answer's
schema then allows those names only. After the searches, each catalog item's results become one event of
the bundle with its own reference, `cx:<hash>`, beside the row's `ev:` event: its fields are citable as
`cx:<hash>/<field>` and its values are redacted and cut like any evidence. The results are data found in
Splunk, which an attacker may have written: the injection detector reads them as it reads the row.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.canonical import canonical_json, content_hash, strict_json_loads
from llm_triage.evidence.entities import entity_kinds
from llm_triage.splunkd.search_api import SearchRow
from llm_triage.trust.redaction import redact_evidence

CONTEXT_PREFIX = "cx:"
OFFER = "enrichment_available"
MAX_VALUES_PER_FIELD = 10  # as the row's multivalue fields
_MAX_DESCRIPTION_CHARS = 300


@dataclass(frozen=True)
class ContextResult:
    """What one catalog item's search found for one row."""

    item: str
    description: str
    rows: Sequence[SearchRow]
    window: "tuple[float, float]" = (0.0, 0.0)
    truncated: bool = False  # the search found more rows than were kept
    fields: "tuple[str, ...]" = field(default=())  # the item's `fields`, in its order; empty: as found


def with_offer(bundle: Bundle, items: "tuple[tuple[str, str], ...]") -> Bundle:
    """`bundle` listing the context searches (name, what it finds) that may run for its row."""
    if not items:
        return bundle
    # Canonical JSON sorts keys, and the offer's sorts before every key of a bundle ("events", "format",
    # "profile", ...): written in front of them, the text is what re-serializing the whole would give.
    text = '{"' + OFFER + '":' + _offer_json(items) + "," + bundle.text[1:]
    return Bundle(bundle.profile, text, content_hash(text), bundle.refs, bundle.event_ref, bundle.triage_id)


@lru_cache(maxsize=256)
def _offer_json(items: "tuple[tuple[str, str], ...]") -> str:
    return canonical_json([{"name": name, "finds": finds[:_MAX_DESCRIPTION_CHARS]} for name, finds in items])


def offered_as(searches: "Iterable[tuple[str, str]]") -> "frozenset[tuple[str, str]]":
    """The admin's context searches, (name, what it finds), as a bundle offers them and its context events name
    them: what the injection check keeps as the admin's words (search/withholding.py)."""
    return frozenset((name, finds[:_MAX_DESCRIPTION_CHARS]) for name, finds in searches)


def offered_searches(text: str) -> list[str]:
    """The names of the context searches a bundle's text offers; empty when it offers none."""
    if f'"{OFFER}"' not in text:  # most bundles: no parsing
        return []
    offer = strict_json_loads(text).get(OFFER)
    return (
        [str(item["name"]) for item in offer if isinstance(item, dict) and "name" in item]
        if isinstance(offer, list)
        else []
    )


def with_context(
    bundle: Bundle, results: Sequence[ContextResult], max_chars: int, mask_contacts: bool = False
) -> Bundle:
    """`bundle` with each result as a context event (values redacted, at most `max_chars` characters of
    values per result), and the context events' fields added to its citable references. With
    `mask_contacts` (the setting, as the row's own fields have it), e-mail addresses and phone numbers are
    masked in every field but the identifiers (`user`, `src`, `Authentication.user`: the profiles'
    identifier names), which `pseudonymize` hides instead."""
    document = strict_json_loads(bundle.text)
    document.pop(OFFER, None)  # asked and answered: the answer with context is final
    events = document["events"]
    refs = list(bundle.refs)
    for result in results:
        values = _merged(result, max_chars, mask_contacts)
        ref = CONTEXT_PREFIX + content_hash(canonical_json({"item": result.item, "fields": values}))[:8]
        event: dict[str, object] = {
            "ref": ref,
            "context": {
                "item": result.item,
                "finds": result.description[:_MAX_DESCRIPTION_CHARS],
                "results": len(result.rows),
                "more_results": result.truncated,
            },  # fmt: skip
            "fields": values,
        }
        events.append(event)
        refs.extend(f"{ref}/{name}" for name in values)
    return _rewritten(bundle, document, tuple(refs))


def without_context(text: str) -> str:
    """A bundle's `text` as it was before its context was added and its offer made: the same text for a
    bundle with context and the bundle it was made from (`with_context`, `with_offer`). Raises ValueError
    when the text is not a bundle."""
    document = strict_json_loads(text)
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise ValueError("not an evidence bundle")
    document.pop(OFFER, None)
    document["events"] = [event for event in document["events"] if not (isinstance(event, dict) and "context" in event)]
    return canonical_json(document)


def evidence_hash(text: str) -> str:
    """The hash of the evidence a bundle's `text` asks about, whatever enrichment offered or added to it (of
    `without_context`): one for a row's first bundle, offered or not, and every bundle with context made from
    it. "" when the text is no bundle (or is nested past the interpreter's depth)."""
    try:
        return content_hash(without_context(text))
    except (ValueError, TypeError, RecursionError):
        return ""


def context_refs(refs: Sequence[str]) -> list[str]:
    """The references of `refs` that cite enrichment results."""
    return [ref for ref in refs if ref.startswith(CONTEXT_PREFIX)]


def _merged(result: ContextResult, max_chars: int, mask_contacts: bool) -> dict[str, object]:
    """The result rows as one event's fields: each field's distinct values in the order found, until the
    values hold `max_chars` characters."""
    merged: dict[str, list[str]] = {}
    budget = max_chars
    for row in result.rows:
        for name, value in row.items():
            if result.fields and name not in result.fields:
                continue
            contacts = mask_contacts and not _identifier(name)
            for item in value if isinstance(value, list) else [value]:
                text = redact_evidence(str(item), name, contacts)[: max(budget, 0)]
                kept = merged.setdefault(name, [])
                if text and text not in kept and len(kept) < MAX_VALUES_PER_FIELD:
                    kept.append(text)
                    budget -= len(text)
    order = list(result.fields) if result.fields else sorted(merged)
    return {name: merged[name][0] if len(merged[name]) == 1 else merged[name] for name in order if merged.get(name)}


@lru_cache(maxsize=1024)
def _identifier(name: str) -> bool:
    """Whether a result field names an entity (its last dotted part is a profile's identifier name)."""
    return name.rsplit(".", 1)[-1] in entity_kinds()


def _rewritten(bundle: Bundle, document: "dict[str, object]", refs: "tuple[str, ...]") -> Bundle:
    text = canonical_json(document)
    return Bundle(
        profile=bundle.profile,
        text=text,
        hash=content_hash(text),
        refs=refs,
        event_ref=bundle.event_ref,
        triage_id=bundle.triage_id,
    )
