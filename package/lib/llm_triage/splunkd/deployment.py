"""What the judge endpoint asks splunkd about the deployment it runs in: how many search heads share the
providers' limits, and which roles a user holds (for daily token quotas). Both read with the endpoint's
system token; neither ever raises: an answer splunkd cannot give is the cautious default.
"""

import json
from typing import Any, Callable
from urllib.parse import quote

Get = Callable[[str], tuple[int, bytes]]

# splunkd's REST API: the members of this search head's cluster (Splunk REST API reference, "Cluster
# endpoint descriptions": shcluster/member/members, one entry per member, its content's `status` such as
# Up, Down, Restarting). A search head that is no cluster member answers with an error status.
MEMBERS_PATH = "shcluster/member/members"
DOWN_STATUSES = frozenset({"down"})


def cluster_members(get: Get) -> int:
    """How many search heads of this one's cluster are not down; 1 for a standalone search head, or when
    splunkd does not say."""
    try:
        status, body = get(MEMBERS_PATH)
        entries = _entries(body) if status == 200 else []
    except Exception:  # whatever the transport raised: this search head alone
        return 1
    up = [entry for entry in entries if str(_content(entry).get("status", "")).strip().lower() not in DOWN_STATUSES]
    return max(1, len(up))


def user_roles(get: Get, user: str) -> tuple[str, ...]:
    """The roles `user` holds, as `authentication/users/<user>` lists them; none when splunkd does not say."""
    if not user:
        return ()
    try:
        status, body = get(f"authentication/users/{quote(user, safe='')}")
        entries = _entries(body) if status == 200 else []
    except Exception:  # whatever the transport raised
        return ()
    roles = _content(entries[0]).get("roles", []) if entries else []
    if isinstance(roles, str):
        roles = [roles]
    return tuple(str(role) for role in roles if isinstance(role, str)) if isinstance(roles, list) else ()


def _entries(body: bytes) -> list[Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return []
    entries = data.get("entry", []) if isinstance(data, dict) else []
    return [entry for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []


def _content(entry: Any) -> dict[str, Any]:
    content = entry.get("content", {}) if isinstance(entry, dict) else {}
    return content if isinstance(content, dict) else {}
