"""Adaptive response results: what the action did for each notable, as ES shows it on the notable.

The common action model records an action's work per result in the Splunk_Audit Modular_Actions data
model: `action_name`, `action_mode` (saved, or adhoc when an analyst ran it from Incident Review),
`action_status` (success or failure), the search and result it ran for (`sid`, `rid`) and the notable's own
(`orig_sid`, `orig_rid`), which is how Incident Review finds them for the notable's Adaptive Responses
panel. These events go to index `cim_modactions`, sourcetype `modular_alerts:llm_triage`, as
`key="value"` text (es.kv), one per result that came from ES (it carries `event_id` or `orig_sid`).

`orig_sid` and `orig_rid` come from the result when ES put them there (and look like a search id and a
result index), else they are this search's own: a forged value cannot attach a result to an unrelated
search with a malformed id, and an unreadable one falls back rather than disappearing.
"""

import re
from collections.abc import Mapping
from typing import Any

from llm_triage.es.kv import kv_line
from llm_triage.es.rows import first

ACTION_NAME = "llm_triage"
AR_INDEX = "cim_modactions"
AR_SOURCETYPE = "modular_alerts:llm_triage"
SUCCESS = "success"
FAILURE = "failure"
SID = re.compile(r"^[A-Za-z0-9_.:@-]{1,200}$")
RID = re.compile(r"^[0-9]{1,9}(\.[0-9]{1,9})?$")


def from_es(row: Mapping[str, Any]) -> bool:
    """Whether the result came from ES (a notable, or an adaptive response run on one)."""
    return bool(first(row, "event_id") or first(row, "orig_sid"))


def action_mode(search: Mapping[str, str]) -> str:
    """adhoc when an analyst ran the action on a notable (ES dispatches an unsaved search), else saved."""
    return "saved" if search.get("search_name") else "adhoc"


def ar_result(row: Mapping[str, Any], rid: int, search: Mapping[str, str], status: str, signature: str) -> str:
    """One adaptive response result event for the row at index `rid` of this firing."""
    orig_sid = first(row, "orig_sid")
    orig_rid = first(row, "orig_rid")
    pairs: list[tuple[str, object]] = [
        ("action_name", ACTION_NAME),
        ("action_mode", action_mode(search)),
        ("action_status", status),
        ("search_name", search.get("search_name", "")),
        ("sid", search.get("sid", "")),
        ("rid", rid),
        ("orig_sid", orig_sid if SID.match(orig_sid) else search.get("sid", "")),
        ("orig_rid", orig_rid if RID.match(orig_rid) else rid),
        ("app", search.get("app", "")),
        ("user", search.get("owner", "")),
        ("signature", signature),
        ("triage_id", first(row, "triage_id")),
        ("event_id", first(row, "event_id")),
    ]
    return kv_line(pairs)
