"""tools/redteam.py: the detector's measured recall and false-positive floors, and the report it writes.

The floors are what the suite measured when the detector last changed (injection-patterns/6 with the
learned model-5); a change that loses recall or adds false positives fails here. Needs ../shared (skipped
without it).
"""

import json

import pytest

from tools import redteam

# Measured with patterns/5 and model-3: 98.4% of 9,990 plants found (100% for every wrapping technique of
# this suite's instructions; BIPIA's 94.4% plain, 96.2% in an HTML comment, 100% on a SYSTEM line), 85.0% of
# the suite's 16 held-out instructions (65.8% with model-2, 51.5% with model-1, 44% with patterns/1), 7
# false positives in 3,003 Panther events (0.23%; model-2 had 1: model-3 also learned from the spent test
# sets' events, and two Auth0 user agents, two Dropbox app names, a phishing subject and two rule-name lists
# score over their kinds' thresholds) and none in the 238 Sigma regression events. Patterns/6 (the
# `addressee` patterns) found the same and flagged nothing more; none of the 155 recorded OTRF events is flagged.
# Model-5 (the spent sets 5 to 7, the written pairs, word classes): 98.4% of the plants, BIPIA's 95.3% plain,
# held-out instructions 84.4%; 3 Panther events flagged, and one each of Sigma's (an mshta command line running
# JavaScript, 0.73 against command lines' 0.734) and OTRF's (a list of GUIDs, read as leetspeak once
# URL-decoded, scores 0.95): 5 of the 3,396 public events, against 7 with model-3. Model-6: 98.4%, held-out
# instructions 87.1%, 2 Panther events and one OTRF event (3 of 3,396): not the GUIDs (model-6 scores them
# low, and hex runs are no longer read as leetspeak) but the Defender for Identity sensor's process path,
# `...\Azure Advanced Threat Protection Sensor\...\Microsoft.Tri.Sensor.exe`, at 0.901 against command
# lines' 0.9006. Model-7 (the mean of three draws, cut at 1% of honest look-alikes): 98.2%, held-out
# instructions 85.7%, BIPIA's 93.2% plain but 91.8% of the plants in e-mail; 2 Panther events (GCP audit, a
# Graph security alert), one Sigma and one OTRF event (4 of 3,396). Model-8 (names of four words or more
# joined by `-` or `_` read as sentences; trained to the tenth set): 98.0%, held-out instructions 83.5%, BIPIA's
# 92.8% plain; 4 Panther events (a WAF URI `/api/users?id=1 OR 1=1`, the GitHub action
# `not_repository_vulnerability_alert.dismiss`, and two short descriptions, "Low-noise informational alert" and
# "Low-confidence API anomaly."), one Sigma and one OTRF event (6 of 3,396, 0.18%). Model-9 (trained to the
# twelfth set) with patterns/7: 97.9%, held-out instructions 84.4%, BIPIA's 91.7% plain; 5 Panther events (the
# GitHub action, "Low-noise informational alert", a Defender event's list of ATT&CK technique names twice,
# and an Okta agent `Go-http-client/2.0 PS_mxzqarw`), no Sigma and one OTRF event (6 of 3,396).
WRAPPED_RECALL_FLOOR = 0.98
BIPIA_RECALL_FLOOR = 0.91
TARGET_RECALL_FLOOR = 0.91
HELD_OUT_RECALL_FLOOR = 0.84
MAX_PANTHER_FALSE_POSITIVES = 5
MAX_SIGMA_FALSE_POSITIVES, MAX_OTRF_FALSE_POSITIVES = 1, 1


@pytest.fixture(scope="module")
def report(shared):
    datasets = shared / "datasets"
    if not (datasets / redteam.PANTHER).is_file():
        pytest.skip("no Panther events in ../shared/datasets")
    return redteam.measure(datasets)


def test_every_wrapping_technique_is_caught(report):
    for name, rates in report["by_technique"].items():
        if name == "held_out_plain":
            assert rates["recall"] >= HELD_OUT_RECALL_FLOOR, rates
        elif name.startswith("bipia_"):
            assert rates["recall"] >= BIPIA_RECALL_FLOOR, (name, rates)
        else:
            assert rates["recall"] >= WRAPPED_RECALL_FLOOR, (name, rates)
    assert {target for target in report["by_target"]} == {"cloudtrail", "okta", "email", "process"}
    assert all(rates["recall"] >= TARGET_RECALL_FLOOR for rates in report["by_target"].values())


def test_untouched_events_are_rarely_flagged(report):
    assert report["events"] == 3003
    assert report["false_positives"] <= MAX_PANTHER_FALSE_POSITIVES
    assert len(report["false_positives_by_log_type"]) == 90
    if report["sigma_events"]:
        assert report["sigma_false_positives"] <= MAX_SIGMA_FALSE_POSITIVES
    if report["otrf_events"]:
        assert report["otrf_events"] >= 150 and report["otrf_false_positives"] <= MAX_OTRF_FALSE_POSITIVES


def test_otrf_files_are_read_as_json_documents_or_json_lines(tmp_path):
    (tmp_path / "lines.json").write_text('{"a": 1}\n\n{"b": "two"}\n', encoding="utf-8")
    (tmp_path / "list.json").write_text('[{"c": 3}, {"d": 4}]', encoding="utf-8")
    (tmp_path / "one.json").write_text('{"e": {"f": 5}}', encoding="utf-8")
    assert redteam.load_otrf(tmp_path) == [{"a": 1}, {"b": "two"}, {"c": 3}, {"d": 4}, {"e": {"f": 5}}]
    assert redteam.load_otrf(tmp_path / "absent") == []


def test_the_report_is_written_as_json_and_markdown(shared, tmp_path, capsys, monkeypatch, report):
    monkeypatch.setattr(redteam, "measure", lambda datasets: report)  # measured once, by the fixture
    out_json, out_md = tmp_path / "r.json", tmp_path / "r.md"
    assert (
        redteam.main(["--datasets", str(shared / "datasets"), "--json", str(out_json), "--markdown", str(out_md)]) == 0
    )
    assert json.loads(out_json.read_text())["planted"] == report["planted"] > 9000
    text = out_md.read_text()
    assert text.startswith("Detector `injection-patterns/22`: recall") and "| zero_width |" in text
    assert "| log type with a false positive |" in text
    assert capsys.readouterr().out == text


def test_without_the_data_sets_the_suite_says_so_and_succeeds(tmp_path, capsys):
    assert redteam.main(["--datasets", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("redteam: skipped:")
