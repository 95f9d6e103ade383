import copy
import json

import pytest

from llm_triage.verdict.schema import (
    BUCKETS_FOR_VERDICT,
    SWAYING,
    WIRE_KEYWORDS,
    answer_problems,
    offered_only,
    reported_swaying,
    schema_errors,
    verdict_fields,
    verdict_schema,
    wire_schema,
)

REFS = ("ev:0a1b2c3d/user", "ev:0a1b2c3d/src", "ev:0a1b2c3d/signature")


def good_answer(**changes):
    answer = {
        "verdict": "malicious",
        "bucket": "probable_incident",
        "confidence": 0.8,
        "rationale": "StopLogging by an unfamiliar role (signature, user).",
        "evidence": ["ev:0a1b2c3d/signature", "ev:0a1b2c3d/user"],
        "attack": ["T1562.008"],
        "questions": ["Was this change approved?"],
        "next_action": "Re-enable the trail and review the role's sessions.",
        "swaying": [],
    }
    answer.update(changes)
    return answer


def test_a_good_answer_has_no_problems():
    assert answer_problems(good_answer(), REFS) == []


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"verdict": "evil"}, "$.verdict: 'evil' is not one of"),
        ({"confidence": 1.5}, "$.confidence: 1.5 is above 1"),
        ({"confidence": "high"}, "$.confidence: expected number, got string"),
        ({"confidence": True}, "$.confidence: expected number, got boolean"),
        ({"rationale": ""}, "$.rationale: shorter than 1 characters"),
        ({"rationale": "x" * 801}, "$.rationale: longer than 800 characters"),
        ({"evidence": []}, "$.evidence: fewer than 1 items"),
        ({"attack": ["T1562.8"]}, "$.attack[0]: 'T1562.8' does not match"),
        ({"questions": ["q"] * 5}, "$.questions: more than 4 items"),
        ({"extra": 1}, "$: unexpected property 'extra'"),
    ],
)
def test_schema_violations_are_named(changes, expected):
    problems = answer_problems(good_answer(**changes), REFS)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_what_an_answer_reports_as_swaying_it_never_refuses_the_answer():
    # Absent is none reported (an answer to an older prompt is still whole); a reference the bundle lacks,
    # too many of them, or a value that is no list is a report the app cannot place, never a refusal: the
    # attacker's own text can offer the model a reference to repeat.
    answer = good_answer()
    del answer[SWAYING]
    assert answer_problems(answer, REFS) == [] and SWAYING not in verdict_fields()
    for reported in (["ev:0a1b2c3d/user"], ["ev:99999999/user"], [*REFS] * 5, "ev:0a1b2c3d/user", [1], None):
        assert answer_problems(good_answer(swaying=reported), REFS) == []
    assert reported_swaying(good_answer(swaying=[REFS[1], REFS[0], REFS[1]]), REFS) == ([REFS[1], REFS[0]], False)
    assert reported_swaying(good_answer(swaying=[REFS[0], "ev:99999999/user", 7]), REFS) == ([REFS[0]], True)
    assert reported_swaying(good_answer(swaying="ev:0a1b2c3d/user"), REFS) == ([], True)
    assert reported_swaying(good_answer(swaying=[]), REFS) == reported_swaying(answer, REFS) == ([], False)
    # The canary is looked for there too: an answer that echoes its instructions anywhere is refused.
    assert answer_problems(good_answer(swaying=["canary-0123456789abcdef0123"]), REFS, "canary-0123456789abcdef0123")


def test_an_older_prompt_is_asked_with_the_schema_it_was_written_for():
    old = wire_schema(REFS, swaying=False)
    assert SWAYING not in old["properties"] and old["required"] == list(verdict_fields())
    [alternative, *_] = wire_schema(REFS, full=True, swaying=False)["anyOf"]
    assert SWAYING not in alternative["properties"]


def test_a_missing_field_is_named():
    answer = good_answer()
    del answer["next_action"]
    assert answer_problems(answer, REFS) == ["$: missing next_action"]


def test_citing_evidence_outside_the_bundle_is_refused():
    problems = answer_problems(good_answer(evidence=["ev:0a1b2c3d/user", "ev:ffffffff/password"]), REFS)
    assert problems == ["cites evidence not in the bundle: 'ev:ffffffff/password'"]


@pytest.mark.parametrize("verdict", sorted(BUCKETS_FOR_VERDICT))
def test_bucket_must_agree_with_verdict(verdict):
    buckets = verdict_schema()["properties"]["bucket"]["enum"]
    for bucket in buckets:
        problems = answer_problems(good_answer(verdict=verdict, bucket=bucket), REFS)
        assert (problems == []) == (bucket in BUCKETS_FOR_VERDICT[verdict])


def test_every_verdict_and_bucket_of_the_schema_is_mapped():
    properties = verdict_schema()["properties"]
    assert set(BUCKETS_FOR_VERDICT) == set(properties["verdict"]["enum"])
    mapped = {bucket for buckets in BUCKETS_FOR_VERDICT.values() for bucket in buckets}
    assert mapped == set(properties["bucket"]["enum"])


def test_the_wire_schema_keeps_only_portable_keywords_and_is_the_same_for_every_bundle():
    wire = wire_schema(REFS)

    def keywords(node):
        found = set(node)
        for sub in node.get("properties", {}).values():
            found |= keywords(sub)
        if "items" in node:
            found |= keywords(node["items"])
        return found

    assert keywords(wire) <= WIRE_KEYWORDS
    # Sent ahead of the instructions, it is part of the cached prefix: no bundle's references in it
    # (answer_problems checks the citations against them when the answer comes back).
    assert wire["properties"]["evidence"]["items"] == {"type": "string"}
    assert wire["properties"][SWAYING]["items"] == {"type": "string"}
    assert wire == wire_schema(["ev:ffffffff/other"]) == wire_schema(())
    assert wire["required"] == [*verdict_fields(), SWAYING]
    assert wire["additionalProperties"] is False


def test_the_full_schema_narrows_evidence_and_searches_to_the_bundle_as_a_grammar_may():
    [alternative, *_] = wire_schema(REFS, full=True, enrichment=["auth_by_user"])["anyOf"]
    assert alternative["properties"]["evidence"]["items"]["enum"] == list(REFS)
    assert alternative["properties"]["enrichment"]["items"]["enum"] == ["auth_by_user"]


def test_the_portable_schema_has_one_variant_with_context_searches_whatever_their_names():
    offered = wire_schema(REFS, enrichment=["auth_by_user"])
    assert offered == wire_schema(["ev:1/x"], enrichment=["traffic_by_src", "other"])
    assert "enrichment" in offered["required"] and offered["properties"]["enrichment"]["items"] == {"type": "string"}
    assert offered_only(["b", "x", 3, "a", "b"], ["a", "b"]) == ["b", "a"]


def test_an_answer_citing_evidence_its_bundle_lacks_is_still_refused():
    answer = dict(good_answer(), evidence=["ev:ffffffff/user"])
    assert answer_problems(answer, REFS) == ["cites evidence not in the bundle: 'ev:ffffffff/user'"]


def test_the_wire_schema_leaves_the_source_of_truth_untouched():
    before = copy.deepcopy(verdict_schema())
    wire_schema(REFS)
    assert verdict_schema() == before


def test_the_validator_agrees_with_jsonschema():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(verdict_schema())
    candidates = [good_answer()]
    for field, values in {
        "verdict": ["benign", "nope", 3],
        "confidence": [0, 1, -0.01, 1.01, "0.5", None, False],
        "rationale": ["", "ok", "x" * 800, "x" * 801, 5],
        "evidence": [[], ["a"], ["a"] * 8, ["a"] * 9, "a", [1]],
        "attack": [[], ["T1078"], ["T1078.004"], ["t1078"], ["T10789"], ["T1078.04"]],
        "questions": [[], ["?"], ["?"] * 5, ["x" * 301]],
        "next_action": ["", "go", "x" * 301],
        "swaying": [[], ["ev:0a1b2c3d/user"], ["a"] * 9, "a", [1]],
    }.items():
        candidates.extend(good_answer(**{field: value}) for value in values)
    candidates.append({})
    candidates.append([good_answer()])
    for candidate in candidates:
        ours = schema_errors(candidate, verdict_schema()) == []
        theirs = validator.is_valid(candidate)
        assert ours == theirs, json.dumps(candidate)[:200]


def test_the_wire_schema_is_a_copy_the_caller_may_change():
    wire = wire_schema(REFS)
    wire["required"].append("surprise")
    wire["properties"]["verdict"]["enum"].clear()
    assert "surprise" not in verdict_schema()["required"]
    assert wire_schema(REFS)["properties"]["verdict"]["enum"] == verdict_schema()["properties"]["verdict"]["enum"]


def test_the_full_wire_schema_keeps_the_limits_a_constrained_decoder_enforces():
    alternatives = wire_schema(REFS, full=True)["anyOf"]
    for alternative in alternatives:
        properties = alternative["properties"]
        assert properties["rationale"]["maxLength"] == 800 and properties["rationale"]["minLength"] == 1
        assert properties["attack"]["items"]["pattern"] == verdict_schema()["properties"]["attack"]["items"]["pattern"]
        assert (properties["confidence"]["minimum"], properties["confidence"]["maximum"]) == (0, 1)
        assert properties["evidence"]["items"] == {"type": "string", "enum": list(REFS)}
        assert properties[SWAYING]["items"] == {"type": "string", "enum": list(REFS)}
        assert alternative["required"] == [*verdict_fields(), SWAYING]
    assert "maxLength" not in wire_schema(REFS)["properties"]["rationale"]


def test_the_full_wire_schema_offers_only_agreeing_verdict_and_bucket_pairs():
    jsonschema = pytest.importorskip("jsonschema")
    full = wire_schema(REFS, full=True)
    offered = {
        (verdict, bucket)
        for alternative in full["anyOf"]
        for verdict in alternative["properties"]["verdict"]["enum"]
        for bucket in alternative["properties"]["bucket"]["enum"]
    }
    assert offered == {(verdict, bucket) for verdict, buckets in BUCKETS_FOR_VERDICT.items() for bucket in buckets}
    validator = jsonschema.Draft202012Validator(full)
    assert validator.is_valid(good_answer(evidence=[REFS[0]]))
    assert not validator.is_valid(good_answer(evidence=[REFS[0]], verdict="benign", bucket="probable_incident"))
