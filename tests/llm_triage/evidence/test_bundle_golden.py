"""Bundles stay byte-identical: every Panther test event gives the bundles it gave before (golden_bundles.py)."""

import json

from tests.llm_triage.golden_bundles import bundles, cases, digest, read_golden


def test_bundles_of_the_panther_events_are_unchanged(shared):
    golden = read_golden()
    changed, seen = [], set()
    kinds = {"cut": 0, "dropped": 0, "multivalue": 0, "fractional time": 0}
    for number, log_type, row in cases(shared):
        seen.add(number)
        built = bundles(number, row)
        if digest(built) != golden.get(number):
            changed.append((number, log_type))
        auto, tight, _ = built
        kinds["cut"] += '"truncated"' in tight.text
        kinds["dropped"] += '"dropped_for_size"' in tight.text
        kinds["multivalue"] += '":["' in auto.text
        kinds["fractional time"] += "." in json.loads(auto.text)["events"][0]["fields"].get("time", "")
    assert seen == set(golden), "the dataset's events are not the ones the golden file was written from"
    assert not changed, f"{len(changed)} events give different bundles, e.g. (line, log type): {changed[:10]}"
    # The events exercise every path that shapes a bundle's bytes, so the digests pin them all.
    assert all(count > 10 for count in kinds.values()), kinds
