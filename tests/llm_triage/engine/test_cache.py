import json

from llm_triage.engine.cache import CachedJudge, CacheKey, CacheUnavailable, FileVerdictCache
from llm_triage.engine.resilience import RetryPolicy
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from llm_triage.splunkd.kvstore_cache import KvStoreVerdictCache
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.verdict.judge import Judgement, failed
from tests.llm_triage.engine_fakes import MemoryCache, ScriptedJudge, bundle
from tests.llm_triage.triage_fakes import ScriptedProvider, configured, verdict_json

VERDICT = {
    "triage_verdict": "suspicious",
    "triage_bucket": "needs_enrichment",
    "triage_confidence": "0.55",
    "triage_rationale": "why",
    "triage_evidence": [],
    "triage_attack": ["T1078"],
    "triage_next_action": "ask",
    "triage_questions": ["q?"],
}


def ok(b):
    fields = dict(VERDICT, triage_evidence=list(b.refs[:1]))
    return Judgement("ok", fields=fields, model="m1-2026", prompt_tokens=100, completion_tokens=40, cost=0.01)


class BrokenCache:
    def lookup(self, keys):
        raise CacheUnavailable("the KV store answered 503 to batch_find")

    def store(self, records):
        raise CacheUnavailable("no write access to the KV store collection")


def cached_judge(cache, answer=ok, ttl=3600, now=lambda: 5000.0):
    inner = ScriptedJudge(answer)
    return CachedJudge(inner, cache, "triage/1#abc", ttl, clock=now), inner


def test_misses_are_asked_and_stored_and_hits_are_not_asked_again():
    cache = MemoryCache()
    judge, inner = cached_judge(cache)
    first = judge.judge([bundle("a"), bundle("b")])
    second = judge.judge([bundle("b"), bundle("a"), bundle("c")])
    assert inner.calls == ["a", "b", "c"]
    assert [j.cached for j in first] == [False, False] and [j.cached for j in second] == [True, True, False]
    assert second[0].fields == first[1].fields and second[0].model == "m1-2026"
    assert len(cache.lookups) == 2  # one batch per call, not one lookup per bundle


def test_only_accepted_answers_are_stored():
    cache = MemoryCache()
    judge, inner = cached_judge(cache, answer=lambda b: failed("error", "answer rejected: not valid JSON"))
    judge.judge([bundle("a")])
    assert cache.records == {}


def test_the_key_covers_prompt_provider_and_model():
    base = CacheKey("h", "triage/1#abc", "lab", "m1")
    others = [CacheKey("h2", "triage/1#abc", "lab", "m1"), CacheKey("h", "triage/2#def", "lab", "m1")]
    others += [CacheKey("h", "triage/1#abc", "other", "m1"), CacheKey("h", "triage/1#abc", "lab", "m2")]
    assert len({base.id, *(key.id for key in others)}) == 5 and len(base.id) == 64


def test_stale_verdicts_are_asked_again():
    cache = MemoryCache()
    now = [5000.0]
    judge, inner = cached_judge(cache, ttl=60, now=lambda: now[0])
    judge.judge([bundle("a")])
    now[0] += 61
    judge.judge([bundle("a")])
    assert inner.calls == ["a", "a"]


def test_a_planted_or_damaged_verdict_is_a_miss_not_an_answer():
    cache = MemoryCache()
    judge, inner = cached_judge(cache)
    judge.judge([bundle("a"), bundle("b")])
    key_a, key_b = sorted(cache.records)
    cache.records[key_a]["fields"]["triage_evidence"] = ["ev:ffffffff/user"]  # evidence not in the bundle
    cache.records[key_b]["fields"]["triage_bucket"] = "likely_benign"  # contradicts "suspicious"
    judge.judge([bundle("a"), bundle("b")])
    assert inner.calls == ["a", "b", "a", "b"]


def test_a_record_under_another_key_is_not_used():
    cache = MemoryCache()
    judge, inner = cached_judge(cache)
    judge.judge([bundle("a")])
    [(key, record)] = cache.records.items()
    record["bundle_hash"] = "other"
    judge.judge([bundle("a")])
    assert inner.calls == ["a", "a"]


def test_an_unusable_cache_costs_nothing_but_the_cache():
    judge, inner = cached_judge(BrokenCache())
    results = judge.judge([bundle("a"), bundle("b")])
    assert [r.status for r in results] == ["ok", "ok"] and inner.calls == ["a", "b"]
    assert judge.problems == [
        "verdict cache not read: the KV store answered 503 to batch_find",
        "verdict cache not written: no write access to the KV store collection",
    ]


def test_the_file_cache_survives_a_new_process_and_a_torn_line(tmp_path):
    path = tmp_path / "verdicts.jsonl"
    first, _ = cached_judge(FileVerdictCache(str(path)))
    first.judge([bundle("a")])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"_key": "torn", "bundle_ha')
    second, inner = cached_judge(FileVerdictCache(str(path)))
    assert second.judge([bundle("a")])[0].cached and inner.calls == []


def test_the_file_cache_reads_the_newest_whole_line_of_a_key(tmp_path):
    path = tmp_path / "verdicts.jsonl"
    first, second, other = "1" * 64, "2" * 64, "3" * 64
    lines = [
        json.dumps({"_key": first, "n": 1}, sort_keys=True),
        json.dumps({"_key": second, "n": 1}, sort_keys=True),
        json.dumps({"n": 2, "_key": first}),  # written some other way: `_key` not first
        json.dumps({"_key": second, "n": 2}, sort_keys=True)[:-5],  # torn: the older line stands
        json.dumps({"_key": other, "n": 1}, sort_keys=True),
        "[1, 2]",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cache = FileVerdictCache(str(path))
    assert cache.lookup([first, second, "4" * 64]) == {first: {"n": 2}, second: {"n": 1}}
    cache.store({other: {"n": 3}})
    assert cache.lookup([other, first]) == {other: {"n": 3}, first: {"n": 2}}
    assert FileVerdictCache(str(path)).lookup([other]) == {other: {"n": 3}}


def test_the_file_cache_reports_an_unwritable_file(tmp_path):
    judge, _ = cached_judge(FileVerdictCache(str(tmp_path / "missing-dir" / "v.jsonl")))
    judge.judge([bundle("a")])
    assert judge.problems[0].startswith("verdict cache not written: cannot write v.jsonl")


class FakeKvStore:
    """splunkd's batch_find and batch_save, as (status, body) through the app's REST doorway."""

    def __init__(self, status=200):
        self.documents = {}
        self.calls = []
        self.status = status

    def request(self, method, path, body):
        self.calls.append((method, path, len(json.loads(body))))
        if self.status != 200:
            return self.status, b'{"messages":[{"type":"ERROR","text":"no"}]}'
        payload = json.loads(body)
        if path.endswith("/batch_find"):
            answer = [
                [self.documents[q["query"]["_key"]]] if q["query"]["_key"] in self.documents else [] for q in payload
            ]
        else:
            for document in payload:
                self.documents[document["_key"]] = dict(document, _user="nobody")
            answer = [document["_key"] for document in payload]
        return 200, json.dumps(answer).encode()


def test_the_kv_store_cache_speaks_batch_find_and_batch_save_in_bounded_batches():
    kv = FakeKvStore()
    cache = KvStoreVerdictCache(SplunkdRest(kv.request))
    cache.store({f"k{i}": {"n": i} for i in range(1500)})
    found = cache.lookup([f"k{i}" for i in range(0, 1600, 2)])
    assert len(found) == 750 and found["k4"] == {"n": 4}
    assert kv.calls == [
        ("POST", "storage/collections/data/llm_triage_verdicts/batch_save", 1000),
        ("POST", "storage/collections/data/llm_triage_verdicts/batch_save", 500),
        ("POST", "storage/collections/data/llm_triage_verdicts/batch_find", 500),
        ("POST", "storage/collections/data/llm_triage_verdicts/batch_find", 300),
    ]


def test_the_kv_store_cache_says_what_splunkd_refused():
    cache = KvStoreVerdictCache(SplunkdRest(FakeKvStore(status=403).request))
    try:
        cache.store({"k": {}})
    except CacheUnavailable as exc:
        assert str(exc) == "no write access to the KV store collection llm_triage_verdicts"
    else:
        raise AssertionError("no CacheUnavailable")


def test_cached_rows_say_so_and_cost_nothing_new(tmp_path):
    splunkd = configured()
    splunkd.confs["llm_triage_settings"]["triage"]["cache_file"] = str(tmp_path / "verdicts.jsonl")
    providers = []

    def factory(config):
        providers.append(ScriptedProvider(config, verdict_json))
        return providers[-1]

    rows = [{"sourcetype": "OktaIM2:log", "actor.alternateId": f"u{i}@example.com"} for i in range(4)]
    outs = []
    for _ in range(2):
        session = TriageSession(
            TriageOptions(), SplunkdConfig(splunkd.fetch), provider_factory=factory, policy=RetryPolicy()
        )
        outs.append(list(session.triage(iter([dict(row) for row in rows]))))
        session.close()
    first, second = outs
    assert [row["triage_cached"] for row in first] == ["false"] * 4
    assert [row["triage_cached"] for row in second] == ["true"] * 4
    assert [row["triage_tokens"] for row in second] == ["0"] * 4 and first[0]["triage_tokens"] == "140"
    assert len(providers[0].requests) == 4 and len(providers[1].requests) == 0
    strip = ("triage_cached", "triage_tokens", "triage_cost", "triage_latency_ms")
    assert [{k: v for k, v in row.items() if k not in strip} for row in first] == [
        {k: v for k, v in row.items() if k not in strip} for row in second
    ]
    assert "4 from cache" in session.summary()


def test_repeats_within_a_search_are_sent_once():
    providers = []

    def factory(config):
        providers.append(ScriptedProvider(config, verdict_json))
        return providers[-1]

    session = TriageSession(TriageOptions(), SplunkdConfig(configured().fetch), provider_factory=factory)
    rows = [{"sourcetype": "OktaIM2:log", "actor.alternateId": f"u{i % 3}@example.com"} for i in range(12)]
    out = list(session.triage(iter(rows)))
    assert len(providers[0].requests) == 3
    assert [row["triage_status"] for row in out] == ["ok"] * 12
    assert [row["triage_tokens"] for row in out] == ["140"] * 3 + ["0"] * 9
    assert "3 model answers, 0 from cache, 9 repeats" in session.summary()
