"""Whatever a row holds, it comes back, in order, and its bundle is valid canonical JSON within the cap."""

import json
from collections import OrderedDict

from hypothesis import given, settings
from hypothesis import strategies as st

from llm_triage.evidence.bundle import Limits, build_bundle
from llm_triage.evidence.profiles import get_profile, select_profile
from llm_triage.search.triage import TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from tests.llm_triage.triage_fakes import FakeSplunkd

# Field names as Splunk allows them (and some it would not), values with control characters, markup,
# astral-plane text, very long strings, and multivalue lists.
names = st.one_of(
    st.sampled_from(["src", "user", "signature", "_raw", "_time", "sourcetype", "eventName", "CommandLine"]),
    st.text(min_size=1, max_size=30),
)
text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=3000)
values = st.one_of(text, st.lists(text, max_size=30))
rows = st.lists(st.dictionaries(names, values, max_size=25), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(rows)
def test_every_row_comes_back_in_order_with_a_status(batch):
    inputs = [OrderedDict(row, serial=str(index)) for index, row in enumerate(batch)]
    session = TriageSession(TriageOptions(dryrun=True), SplunkdConfig(FakeSplunkd(status=503).fetch))
    out = list(session.triage(iter(inputs)))
    assert [row["serial"] for row in out] == [str(index) for index in range(len(batch))]
    assert {row["triage_status"] for row in out} == {"dryrun"}
    for row in out:
        json.loads(row["triage_bundle"])


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(names, values, max_size=25), st.integers(min_value=256, max_value=4000))
def test_a_bundle_is_canonical_json_within_its_cap_and_its_refs_name_its_fields(row, cap):
    profile = select_profile(row)
    bundle = build_bundle(row, profile, Limits(max_field_chars=500, max_bundle_chars=cap))
    document = json.loads(bundle.text)
    fields = document["events"][0]["fields"]
    assert len(bundle.text) <= cap or len(fields) <= 1
    assert sorted(bundle.refs) == sorted(f"{bundle.event_ref}/{name}" for name in fields)
    assert "<" not in bundle.text and ">" not in bundle.text
    assert build_bundle(dict(reversed(list(row.items()))), profile, Limits(500, cap)).text == bundle.text


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(names, values, max_size=25))
def test_explicit_and_generic_profiles_accept_anything(row):
    for profile in (get_profile("generic"), get_profile("email")):
        json.loads(build_bundle(row, profile).text)
