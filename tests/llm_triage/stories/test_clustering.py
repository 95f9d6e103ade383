"""Pre-clustering: which alerts become one investigation."""

from llm_triage.evidence.profiles import select_profile
from llm_triage.stories.clustering import ClusterSettings, alert_of, cluster_alerts, link_entities

T0 = 1764064000.0


def okta(user, ip, second, rule="Sign-in from a new country"):
    return {"_time": str(T0 + second), "sourcetype": "OktaIM2:log", "rule_name": rule,
            "eventType": "user.session.start", "actor.alternateId": user, "client.ipAddress": ip}  # fmt: skip


def inbox_rule(user, ip, second):
    return {"_time": str(T0 + second), "sourcetype": "o365:management:activity", "src": ip,
            "rule_name": "Suspicious inbox forwarding rule", "user": user, "Operation": "New-InboxRule"}  # fmt: skip


def sysmon(host, user, second, image="C:\\Windows\\System32\\cmd.exe"):
    return {"_time": str(T0 + second), "sourcetype": "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational",
            "rule_name": "Suspicious process", "Computer": host, "User": user, "Image": image,
            "CommandLine": image}  # fmt: skip


def clusters_of(rows, settings=None):
    alerts = [alert_of(index, row, select_profile(row, "auto")) for index, row in enumerate(rows)]
    return [cluster.members for cluster in cluster_alerts(alerts, settings or ClusterSettings())]


def test_one_user_across_log_types_is_one_investigation():
    rows = [okta("alice@corp.example", "203.0.113.9", 0), inbox_rule("alice@corp.example", "203.0.113.9", 600)]
    assert clusters_of(rows) == [[0, 1]]


def test_an_address_alone_does_not_link_but_with_another_entity_it_does():
    shared_ip = [okta("alice@corp.example", "203.0.113.9", 0), okta("bob@corp.example", "203.0.113.9", 60)]
    assert clusters_of(shared_ip) == [[0], [1]]
    assert link_entities("src", "203.0.113.9") == ["ip:203.0.113.9"]
    # `alice` on Windows and `alice@corp.example` in Okta: the name part (0.5) and the address (0.5) together
    rows = [okta("alice@corp.example", "10.1.2.3", 0), sysmon("10.1.2.3", "CORP\\alice", 120)]
    assert clusters_of(rows) == [[0, 1]]


def test_alerts_far_apart_in_time_are_not_linked_but_a_chain_of_steps_is():
    rows = [okta("alice@corp.example", "203.0.113.9", 0), okta("alice@corp.example", "198.51.100.1", 3 * 3600)]
    assert clusters_of(rows) == [[0], [1]]
    stepping = [okta("alice@corp.example", f"203.0.113.{n}", n * 5400) for n in range(4)]
    assert clusters_of(stepping) == [[0, 1, 2, 3]]  # each step within the window of the last
    assert clusters_of(rows, ClusterSettings(window=4 * 3600)) == [[0, 1]]


def test_an_entity_on_many_alerts_does_not_link_them():
    rows = [sysmon(f"ws{n:03d}", "CORP\\svc_backup", n) for n in range(40)]
    rows += [sysmon("ws900", "CORP\\mallory", 100), sysmon("ws901", "CORP\\mallory", 200)]
    clusters = clusters_of(rows)
    assert [40, 41] in clusters and len(clusters) == 41  # svc_backup's 40 alerts stay apart
    placeholders = [sysmon(f"ws{n:03d}", "NT AUTHORITY\\SYSTEM", n) for n in range(3)]
    assert clusters_of(placeholders) == [[0], [1], [2]]


def test_duplicates_collapse_whenever_they_came():
    rows = [okta("alice@corp.example", "203.0.113.9", 0), okta("bob@corp.example", "198.51.100.7", 10),
            okta("alice@corp.example", "203.0.113.9", 86400)]  # fmt: skip
    alerts = [alert_of(index, row, select_profile(row, "auto")) for index, row in enumerate(rows)]
    clusters = cluster_alerts(alerts)
    assert [c.members for c in clusters] == [[0, 2], [1]]
    assert clusters[0].distinct == 1


def test_cluster_ids_depend_on_the_alerts_not_their_order():
    rows = [okta("alice@corp.example", "203.0.113.9", 0), inbox_rule("alice@corp.example", "203.0.113.9", 600)]
    forward = cluster_alerts([alert_of(i, r, select_profile(r, "auto")) for i, r in enumerate(rows)])
    backward = cluster_alerts([alert_of(i, r, select_profile(r, "auto")) for i, r in enumerate(reversed(rows))])
    assert forward[0].id == backward[0].id and forward[0].id.startswith("cl-")
    assert "user:alice@corp.example" in forward[0].entities


def test_rows_without_a_time_link_by_entities_alone_and_rows_without_entities_stand_alone():
    rows = [{"user": "alice", "rule_name": "x"}, {"user": "alice", "rule_name": "y"}, {"rule_name": "z"}]
    assert clusters_of(rows) == [[0, 1], [2]]
