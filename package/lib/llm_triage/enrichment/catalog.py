"""The enrichment catalog: admin-defined context searches (`llm_triage_enrichments.conf`), one per stanza,
checked before any of them runs.

A template is refused when it could change anything or reach outside the search head: a command that
writes (`collect`, `outputlookup`, `delete`, ...), sends (`sendemail`, `sendalert`), runs something
(`script`, `map`, `savedsearch`) or calls splunkd or another system (`rest`, `dbxquery`, `curl`); a macro
outside a short allow-list (a macro can expand to any of those); or a token the item does not declare.
The same check runs when the setup page saves an item and when a search reads the catalog.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional

from llm_triage.enrichment.spl import scan_spl
from llm_triage.enrichment.window import OffsetError, parse_offset
from llm_triage.evidence.entities import entity_kinds
from llm_triage.evidence.profiles import AUTO, profile_names
from llm_triage.names import ENRICHMENTS_CONF
from llm_triage.splunkd.settings import PROVIDER_NAME, enabled_stanzas

DEFAULT_EARLIEST = "-24h"
DEFAULT_LATEST = "+1h"
DEFAULT_MAX_RESULTS = 20
MAX_RESULTS = 200
MAX_SEARCH_CHARS = 4000
MAX_DESCRIPTION_CHARS = 500
ITEM_NAME = PROVIDER_NAME  # the setup page's table names follow one pattern

# Commands that write, send, run other code or searches, or reach splunkd or other systems.
# `rest` is refused whole: even its GETs read splunkd's configuration as the searching user (users,
# apps, and with the capability, storage/passwords in clear), which no context search needs.
FORBIDDEN_COMMANDS = frozenset(
    {
        "delete", "collect", "summaryindex", "mcollect", "meventcollect", "tscollect", "outputlookup",
        "outputcsv", "outputtext", "sendemail", "sendalert", "script", "run", "runshellscript", "map",
        "savedsearch", "dbxoutput", "dbxquery", "dbxlookup", "rest", "dump", "curl", "fit",
        "from", "outputtelemetry", "ldapmodify", "ldapdelete", "createrss", "deletemodel",
    }
)  # fmt: skip
APP_COMMAND_PREFIX = "llm"  # the app's own commands (llmtriage, llmfeedback, ...) call the model or write
# Read-only macros of Splunk ES and the CIM app that context searches commonly start from. Any other macro
# is refused: its definition can change after the item was checked, and can expand to anything.
ALLOWED_MACROS = frozenset({"notable", "summariesonly", "drop_dm_object_name"})
_WITH_ARGS = frozenset({"drop_dm_object_name"})
# `eval 'x"'=1`: where single quotes end is where readers of SPL disagree; no context search needs one.
_QUOTE_IN_FIELD_NAME = re.compile(r"'[^'\n]*\"[^'\n]*'")
_MACRO = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(\([A-Za-z0-9_.\s,]*\))?")
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_.:\-]{0,127}")


@dataclass(frozen=True)
class EnrichmentItem:
    """One context search of the catalog, checked: what it runs and which rows it applies to."""

    name: str
    search: str  # SPL with `$kind$` tokens
    entities: tuple[str, ...]  # the kinds it needs: it applies only to rows that have them all
    description: str  # what the model is told the item finds
    profiles: tuple[str, ...] = ()  # the profiles it applies to; empty: any
    earliest_offset: int = -86400  # seconds from the row's _time
    latest_offset: int = 3600
    max_results: int = DEFAULT_MAX_RESULTS
    fields: tuple[str, ...] = ()  # result fields kept; empty: all

    def applies_to(self, entities: Sequence[str], profile: str) -> bool:
        """Whether a row with these `kind:value` entities, triaged under `profile`, gets this search."""
        kinds = {entity.split(":", 1)[0] for entity in entities if ":" in entity}
        return set(self.entities) <= kinds and (not self.profiles or profile in self.profiles)


def build_catalog(stanzas: Mapping[str, Mapping[str, str]]) -> tuple[list[EnrichmentItem], list[str]]:
    """The enabled items of `llm_triage_enrichments.conf` (stanza -> key -> value, as the conf reader
    gives them), in stanza-name order, and one problem per stanza refused (those are left out)."""
    items: list[EnrichmentItem] = []
    problems: list[str] = []
    for name in sorted(enabled_stanzas(stanzas)):
        item, problem = parse_item(name, stanzas[name])
        if item is not None:
            items.append(item)
        else:
            problems.append(problem)
    return items, problems


def validate_item(name: str, stanza: Mapping[str, str]) -> str:
    """Why the stanza `name` cannot be an enrichment item, in a message naming it; "" when it can."""
    return parse_item(name, stanza)[1]


def parse_item(name: str, stanza: Mapping[str, str]) -> tuple[Optional[EnrichmentItem], str]:
    """The item of stanza `name`, or None and the reason, which names the stanza."""
    try:
        return _item(name, stanza), ""
    except ValueError as exc:
        return None, f"{ENRICHMENTS_CONF}.conf [{name}]: {exc}"


def _item(name: str, stanza: Mapping[str, str]) -> EnrichmentItem:
    if not ITEM_NAME.fullmatch(name):
        raise ValueError("names use up to 64 letters, digits, '_' and '-', starting with a letter or digit")
    entities = _list(stanza, "entities")
    unknown = [kind for kind in entities if kind not in entity_kinds()]
    if unknown or not entities:
        known = ", ".join(sorted(entity_kinds()))
        raise ValueError(f"entities must list one or more of {known}; not {', '.join(unknown) or 'empty'}")
    search = str(stanza.get("search", "")).strip()
    _check_search(search, entities)
    profiles = _list(stanza, "profiles")
    choices = [profile for profile in profile_names() if profile != AUTO]
    if any(profile not in choices for profile in profiles):
        raise ValueError(f"profiles must name some of {', '.join(choices)}; not {', '.join(profiles)}")
    earliest = _offset(stanza, "earliest_offset", DEFAULT_EARLIEST)
    latest = _offset(stanza, "latest_offset", DEFAULT_LATEST)
    if earliest >= latest:
        raise ValueError("earliest_offset must come before latest_offset")
    description = " ".join(str(stanza.get("description", "")).split())
    if not description or len(description) > MAX_DESCRIPTION_CHARS:
        raise ValueError(f"description must say what the search finds, in at most {MAX_DESCRIPTION_CHARS} characters")
    fields = _list(stanza, "fields")
    bad_fields = [item for item in fields if not _FIELD.fullmatch(item)]
    if bad_fields:
        raise ValueError(f"fields must be field names separated by commas; not {', '.join(bad_fields)}")
    return EnrichmentItem(
        name=name,
        search=search,
        entities=entities,
        description=description,
        profiles=profiles,
        earliest_offset=earliest,
        latest_offset=latest,
        max_results=_max_results(stanza),
        fields=fields,
    )


def _check_search(search: str, entities: Sequence[str]) -> None:
    """Raise ValueError when the template could do more than read, or uses a token it does not declare."""
    if not search or len(search) > MAX_SEARCH_CHARS:
        raise ValueError(f"search must be an SPL template of at most {MAX_SEARCH_CHARS} characters")
    if any(ord(char) < 32 and char not in "\t\n\r" for char in search):
        raise ValueError("search holds a control character")
    scan = scan_spl(search)
    if scan.problem:
        raise ValueError(f"search cannot be read: {scan.problem}")
    refused = [name for name in scan.commands if name in FORBIDDEN_COMMANDS or name.startswith(APP_COMMAND_PREFIX)]
    if refused:
        raise ValueError(f"search uses {', '.join(sorted(set(refused)))}: context searches may only read")
    for macro in scan.macros:
        match = _MACRO.fullmatch(macro.strip())
        # `name(args)` is another macro than `name`: only the one allowed macro that takes arguments may.
        if not match or match.group(1) not in ALLOWED_MACROS or (match.group(2) and match.group(1) not in _WITH_ARGS):
            allowed = ", ".join(sorted(ALLOWED_MACROS))
            raise ValueError(f"search uses the macro `{macro}`; only {allowed} may be used (a macro can be anything)")
    if any("`" in text for text in scan.strings):
        raise ValueError("search has a backtick inside a quoted string: Splunk may expand it as a macro")
    if _QUOTE_IN_FIELD_NAME.search(search):
        raise ValueError("search has a double quote inside a single-quoted field name")
    if scan.quoted_tokens:
        raise ValueError(f"write ${scan.quoted_tokens[0]}$ outside quotes: each value is quoted for you")
    for kind in scan.tokens:
        if kind not in entity_kinds():
            raise ValueError(f"search uses the unknown token ${kind}$")
        if kind not in entities:
            raise ValueError(f"search uses ${kind}$, which entities does not list")
    if not scan.tokens:
        raise ValueError("search uses no $kind$ token: it would find the same for every row")


def _list(stanza: Mapping[str, str], key: str) -> tuple[str, ...]:
    """A comma-separated value, each item stripped, empty items dropped, duplicates removed."""
    items = (item.strip() for item in str(stanza.get(key, "")).split(","))
    return tuple(dict.fromkeys(item for item in items if item))


def _offset(stanza: Mapping[str, str], key: str, default: str) -> int:
    text = str(stanza.get(key, default))
    try:
        return parse_offset(text)
    except OffsetError as exc:
        raise ValueError(f"{key}: {exc}") from None


def _max_results(stanza: Mapping[str, str]) -> int:
    text = str(stanza.get("max_results", "")).strip()
    try:
        value = int(text) if text else DEFAULT_MAX_RESULTS
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_RESULTS:
        raise ValueError(f"max_results must be a whole number from 1 to {MAX_RESULTS}, not {text!r}")
    return value
