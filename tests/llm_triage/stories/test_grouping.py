"""`llmtriage ... by <field>`: group bundles, and the session that judges them."""

import json
from collections import OrderedDict

from llm_triage.engine.resilience import RetryPolicy
from llm_triage.evidence.bundle import build_bundle
from llm_triage.evidence.fields import OUTPUT_FIELDS
from llm_triage.evidence.profiles import select_profile
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.stories.grouping import Member, build_group_bundle, group_key, row_time
from llm_triage.verdict.schema import answer_problems
from tests.llm_triage.triage_fakes import ScriptedProvider, configured, refs_of, verdict_json

FAST = RetryPolicy(base_delay=0.001, max_delay=0.002, breaker_cooldown=600)


def alert(serial, user, second, ip="198.51.100.7"):
    return OrderedDict(
        [
            ("_time", str(1764064000 + second)),
            ("sourcetype", "OktaIM2:log"),
            ("serial", str(serial)),
            ("eventType", "user.session.start"),
            ("actor.alternateId", user),
            ("client.ipAddress", ip),
            ("user", user),
        ]
    )


def members(rows):
    return [
        Member(index, build_bundle(row, select_profile(row, "auto")), row_time(row)) for index, row in enumerate(rows)
    ]


def test_a_group_bundle_holds_every_member_in_time_order_and_each_is_citable():
    rows = [
        alert(0, "alice", 30, "203.0.113.1"),
        alert(1, "alice", 10, "203.0.113.2"),
        alert(2, "alice", 20, "203.0.113.3"),
    ]
    group = build_group_bundle("user", "alice", members(rows), max_chars=32000)
    document = json.loads(group.bundle.text)
    assert document["group"]["by"] == "user" and document["group"]["rows"] == 3
    ips = [event["fields"]["src"] for event in document["events"]]
    assert ips == ["203.0.113.2", "203.0.113.3", "203.0.113.1"]  # oldest first
    assert [m.index for m in group.members] == [1, 2, 0]
    for event in document["events"]:
        assert f"{event['ref']}/src" in group.bundle.refs
    assert group.label("user") == "user=alice (3 rows)"


def test_a_group_over_its_size_cap_says_what_was_cut():
    rows = [alert(i, "alice", i, f"203.0.113.{i}") for i in range(12)]
    group = build_group_bundle("user", "alice", members(rows), max_chars=100_000, max_events=5)
    document = json.loads(group.bundle.text)
    assert len(document["events"]) == 5 and group.included == 5
    assert document["group"]["left_out_for_size"] == 7
    assert document["group"]["left_out_span"][0].startswith("2025-11-25T09:46:45")
    assert group.label("user", part=2) == "user=alice (12 rows, first 5 sent, part 2)"
    small = build_group_bundle("user", "alice", members(rows), max_chars=1500)
    assert len(small.bundle.text) <= 1500 and 1 <= small.included < 12
    assert json.loads(small.bundle.text)["group"]["left_out_for_size"] == 12 - small.included


def test_identical_events_are_sent_once():
    rows = [alert(0, "alice", 5), alert(1, "alice", 5)]
    rows[1]["serial"] = "0"  # not a profile field: the evidence is identical
    group = build_group_bundle("user", "alice", members(rows), max_chars=32000)
    document = json.loads(group.bundle.text)
    assert len(document["events"]) == 1 and document["group"]["repeated_events"] == 1


def test_group_keys():
    assert group_key({"user": "  alice "}, "user") == "alice"
    assert group_key({"user": ["a", "b"]}, "user") == "a,b"
    assert group_key({"user": ""}, "user") == "" and group_key({}, "user") == ""


def grouped_session(answer):
    providers = []

    def factory(config):
        providers.append(ScriptedProvider(config, answer))
        return providers[-1]

    session = TriageSession(
        TriageOptions(group_by="user"), SplunkdConfig(configured(key="k").fetch), provider_factory=factory, policy=FAST
    )
    return session, providers


def test_each_group_is_one_call_whose_verdict_every_member_gets_in_the_rows_order():
    seen = []

    def answer(request):
        seen.append(request)
        return verdict_json(request, evidence=refs_of(request)[-1:])

    session, providers = grouped_session(answer)
    rows = [alert(0, "alice", 3), alert(1, "bob", 1), alert(2, "alice", 2), alert(3, "carol", 0)]
    rows[3].pop("user")  # no value: judged alone
    out = list(session.triage(iter(rows)))
    assert [row["serial"] for row in out] == ["0", "1", "2", "3"]
    assert all(set(OUTPUT_FIELDS) <= set(row) for row in out)
    assert len(providers[0].requests) == 3  # alice, bob, carol alone
    assert out[0]["triage_group"] == out[2]["triage_group"] == "user=alice (2 rows)"
    assert out[1]["triage_group"] == "user=bob (1 row)" and out[3]["triage_group"] == ""
    assert out[0]["triage_status"] == out[2]["triage_status"] == "ok"
    assert out[0]["triage_bundle_hash"] == out[2]["triage_bundle_hash"]
    assert out[0]["triage_id"] != out[2]["triage_id"]
    assert out[0]["triage_tokens"] == "140" and out[2]["triage_tokens"] == "0"  # the call counted once
    alice = next(r for r in seen if "alice" in r.messages[1]["content"] and "by" in r.messages[1]["content"])
    refs = refs_of(alice)
    assert any(ref.endswith("/src") for ref in refs) and len({ref.split("/")[0] for ref in refs}) == 2


def test_groups_form_within_each_chunk_and_a_later_part_is_named():
    session, providers = grouped_session(verdict_json)
    rows = [alert(i, "alice" if i % 2 else "bob", i, f"203.0.113.{i}") for i in range(8)]
    out = []
    for start in (0, 4):  # two of splunkd's chunks
        out.extend(session.triage(iter(rows[start : start + 4])))
    assert [row["serial"] for row in out] == [str(i) for i in range(8)]
    assert [row["triage_group"] for row in out[:2]] == ["user=bob (2 rows)", "user=alice (2 rows)"]
    assert [row["triage_group"] for row in out[4:6]] == ["user=bob (2 rows, part 2)", "user=alice (2 rows, part 2)"]
    assert len(providers[0].requests) == 4


def test_a_cited_reference_of_one_member_is_accepted_and_an_invented_one_is_not():
    rows = [alert(0, "alice", 1, "203.0.113.1"), alert(1, "alice", 2, "203.0.113.2")]
    group = build_group_bundle("user", "alice", members(rows), max_chars=32000)
    good = json.loads(verdict_json(_Request(group.bundle.refs), evidence=[group.bundle.refs[-1]]))
    assert answer_problems(good, group.bundle.refs) == []
    bad = dict(good, evidence=["ev:00000000/src"])
    assert answer_problems(bad, group.bundle.refs)


def test_dryrun_shows_the_group_bundle_on_every_member():
    session = TriageSession(TriageOptions(group_by="user", dryrun=True), SplunkdConfig(configured().fetch))
    out = list(session.triage(iter([alert(0, "alice", 1), alert(1, "alice", 2, "203.0.113.9")])))
    assert [row["triage_status"] for row in out] == ["dryrun", "dryrun"]
    assert out[0]["triage_bundle"] == out[1]["triage_bundle"]
    assert json.loads(out[0]["triage_bundle"])["group"]["rows"] == 2


class _Request:
    def __init__(self, refs):
        self.schema = {"properties": {"evidence": {"items": {"enum": list(refs)}}}}
