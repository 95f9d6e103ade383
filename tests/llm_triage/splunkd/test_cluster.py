"""llm_triage.splunkd.cluster: which search head runs a once-per-cluster input, from splunkd's answers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Callable

from llm_triage.splunkd.cluster import CAPTAIN, MEMBER, STANDALONE, UNKNOWN, cluster_run


def splunkd(answers: Mapping[str, Any]) -> Callable[[str], tuple[int, bytes]]:
    """GET as splunkd answers it: `answers[path]` is an entry's content, an HTTP status, or an exception."""

    def get(path: str) -> tuple[int, bytes]:
        answer = answers.get(path, 404)
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, int):
            return answer, b'{"messages": []}'
        return 200, json.dumps({"entry": [{"name": path, "content": answer}]}).encode()

    return get


def server(name: str, *roles: str) -> dict[str, Any]:
    return {"serverName": name, "server_roles": ["search_head", "kv_store", *roles]}


def test_a_standalone_search_head_runs_and_says_so() -> None:
    where = cluster_run(splunkd({"server/info": server("sh1")}))
    assert (where.run, where.role, where.server) == (True, STANDALONE, "sh1")
    assert where.fields() == {"cluster_role": "standalone", "cluster_server": "sh1"}


def test_only_the_captain_of_a_cluster_runs() -> None:
    captain = {"label": "sh2", "id": "C0FFEE", "peer_scheme_host_port": "https://sh2:8089"}
    on_captain = cluster_run(splunkd({"server/info": server("sh2", "shc_member", "shc_captain"),
                                      "shcluster/captain/info": captain}))  # fmt: skip
    assert (on_captain.run, on_captain.role, on_captain.captain) == (True, CAPTAIN, "sh2")
    assert on_captain.fields() == {
        "cluster_role": "captain",
        "cluster_server": "sh2",
        "cluster_captain": "sh2",
        "once_per_cluster": True,
    }
    on_member = cluster_run(splunkd({"server/info": server("sh1", "shc_member"), "shcluster/captain/info": captain}))
    assert (on_member.run, on_member.role, on_member.captain) == (False, MEMBER, "sh2")
    assert on_member.reason == "runs once per cluster, on the captain sh2"


def test_the_captain_is_known_by_its_name_where_its_roles_do_not_say() -> None:
    where = cluster_run(
        splunkd({"server/info": server("sh3", "shc_member"), "shcluster/captain/info": {"label": "sh3"}})
    )
    assert (where.run, where.role) == (True, CAPTAIN)


def test_a_member_without_a_captain_waits_rather_than_run_beside_the_next_one() -> None:
    for answer in (503, {"label": ""}, ConnectionError("refused")):
        where = cluster_run(splunkd({"server/info": server("sh1", "shc_member"), "shcluster/captain/info": answer}))
        assert (where.run, where.role) == (False, MEMBER) and "no captain" in where.reason


def test_a_server_that_does_not_say_runs_as_a_standalone_one_and_says_why() -> None:
    for answer in (404, 500, OSError("down")):
        where = cluster_run(splunkd({"server/info": answer}))
        assert (where.run, where.role) == (True, UNKNOWN) and "did not answer" in where.reason

    for body in (b"<html>not json</html>", b'{"entry": "not a list"}', b'{"entry": [{"content": [1]}]}'):
        assert cluster_run(lambda path, body=body: (200, body)).role == UNKNOWN
