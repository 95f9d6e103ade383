"""Where a triaged result came from, as the alert action's result and routing events record it: enough for
the triage queue dashboard to open the original event (its index, `_cd` and indexer) or ES notable (its
`event_id`) with one click.

Splunk's own names are not reused on the app's events: `index`, `sourcetype`, `source` and `host` are the
event's own metadata at search time (a JSON key of the same name would stand beside them and mislead a
search), and `_`-fields are internal. They are written as `orig_<name>`, as `_time` is `orig_time`.
"""

from collections.abc import Mapping
from typing import Any

# A result's field -> the key its value is written under on the app's events.
ORIGIN_FIELDS: dict[str, str] = {
    "_time": "orig_time",
    "index": "orig_index",
    "_cd": "orig_cd",  # bucket and offset: the event's address on its indexer
    "splunk_server": "orig_splunk_server",
    "sourcetype": "orig_sourcetype",
    "source": "orig_source",
    "host": "orig_host",
}
# An ES notable's identity, a plain field of its own (kept under its name: the Incident Review's).
NOTABLE_ID = "event_id"


def origin_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row's pointers to its original event or notable; only those it has (never an empty one)."""
    origin = {key: _single(row.get(name)) for name, key in ORIGIN_FIELDS.items()}
    origin[NOTABLE_ID] = _single(row.get(NOTABLE_ID))
    return {key: value for key, value in origin.items() if value}


def _single(value: Any) -> str:
    """A pointer is one value: a multivalue one (a transforming search's values()) points nowhere."""
    if isinstance(value, list):
        return str(value[0]) if len(value) == 1 else ""
    return "" if value is None else str(value)
