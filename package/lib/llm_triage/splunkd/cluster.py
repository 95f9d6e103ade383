"""Whether a scheduled input runs on this search head: once per search-head cluster, on its captain.

Every member of a search-head cluster runs the same modular inputs on the same schedule. An input that
calls a paid model (the canary) or files dispositions (SOAR outcomes) must run once per cluster, so on a
member it runs only where the captain is. splunkd says which this is through its documented REST API:
`server/info` gives this server's name and roles (`shc_member`, `shc_captain`), and
`shcluster/captain/info` the captain's `label` (its server name). A standalone search head always runs.

The events a run writes say where it ran (`cluster_fields`), so a search over them shows the captain's
name and that the run was the cluster's only one.
"""

import json
from dataclasses import dataclass
from typing import Any, Callable

STANDALONE = "standalone"
CAPTAIN = "captain"
MEMBER = "member"
UNKNOWN = "unknown"  # splunkd did not say: the search head runs, as a standalone one would


@dataclass(frozen=True)
class ClusterRun:
    """Whether this server runs a once-per-cluster input now, and why."""

    run: bool
    role: str  # standalone, captain, member or unknown
    server: str = ""  # this server's name
    captain: str = ""  # the captain's name, on a cluster member
    reason: str = ""  # why not run, or why the role is unknown

    def fields(self) -> dict[str, Any]:
        """What an event of this run says about where it ran."""
        fields: dict[str, Any] = {"cluster_role": self.role, "cluster_server": self.server}
        if self.role in (CAPTAIN, MEMBER):
            fields.update(cluster_captain=self.captain, once_per_cluster=True)
        return fields


def cluster_run(get: Callable[[str], tuple[int, bytes]]) -> ClusterRun:
    """Where this server stands: `get(path)` is splunkd's REST GET (SplunkdRest.get)."""
    info = _content(get, "server/info")
    if info is None:
        return ClusterRun(True, UNKNOWN, reason="splunkd's server/info did not answer; run as a standalone search head")
    server = str(info.get("serverName") or "")
    roles = info.get("server_roles")
    roles = {str(role) for role in roles} if isinstance(roles, list) else {str(roles or "")}
    if not roles & {"shc_member", "shc_captain"}:
        return ClusterRun(True, STANDALONE, server)
    captain_info = _content(get, "shcluster/captain/info")
    captain = str((captain_info or {}).get("label") or "")
    if "shc_captain" in roles or (captain and captain == server):
        return ClusterRun(True, CAPTAIN, server, captain or server)
    if not captain:
        # No captain now (an election is under way): a member that ran could run beside the next captain.
        return ClusterRun(False, MEMBER, server, reason="the cluster has no captain now; the captain runs it next time")
    return ClusterRun(False, MEMBER, server, captain, reason=f"runs once per cluster, on the captain {captain}")


def _content(get: Callable[[str], tuple[int, bytes]], path: str) -> Any:
    """The first entry's content of a GET, or None when splunkd does not answer with one."""
    try:
        status, body = get(path)
        if status != 200:
            return None
        entries = json.loads(body.decode("utf-8")).get("entry") or []
        content = entries[0].get("content") if entries else None
    except Exception:  # unreachable, not JSON, not splunkd's shape: all mean "not said"
        return None
    return content if isinstance(content, dict) else None
