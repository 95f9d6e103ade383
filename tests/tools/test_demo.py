"""tools/demo.py: its table, its order check, and a whole run against the loopback server.

The whole run needs the built app (`make build`); it points the demo at the loopback OpenAI-compatible
server instead of the real model, so it is quick and its verdicts are known.
"""

import json

from tests.servers.openai_compat import OpenAICompatServer
from tools import demo
from tools.demo import Endpoint, order_problems, render_table, shorten

SAMPLES = demo.DEFAULT_SAMPLES


def test_shorten_keeps_one_line_within_the_width():
    assert shorten("short", 10) == "short"
    assert shorten("a\nmulti   line\ttext", 40) == "a multi line text"
    cut = shorten("x" * 50, 10)
    assert cut == "x" * 9 + "…" and len(cut) == 10


def test_the_table_has_one_aligned_line_per_row_in_order():
    rows = [
        {
            "sourcetype": "aws:cloudtrail",
            "alert_name": "First",
            "triage_status": "ok",
            "triage_bucket": "likely_benign",
            "triage_confidence": "0.80",
            "triage_rationale": "Routine inventory.",
        },
        {
            "sourcetype": "OktaIM2:log",
            "alert_name": "Second",
            "triage_status": "error",
            "triage_error": "answer rejected: not valid JSON",
        },
    ]
    lines = render_table(rows).splitlines()
    assert lines[0].split()[:4] == ["#", "sourcetype", "alert_name", "status"]
    assert (
        lines[2].startswith("1   aws:cloudtrail") and "likely_benign" in lines[2] and "Routine inventory." in lines[2]
    )
    assert lines[3].startswith("2   OktaIM2:log") and "[answer rejected: not valid JSON]" in lines[3]
    status_column = lines[0].index("status")
    assert lines[2][status_column:].startswith("ok") and lines[3][status_column:].startswith("error")


def test_order_problems_finds_missing_reordered_and_untriaged_rows():
    sent = [{"_time": 1, "sourcetype": "a", "alert_name": "A"}, {"_time": 2, "sourcetype": "b", "alert_name": "B"}]
    triaged = [dict(row, _time=str(row["_time"]), triage_status="ok") for row in sent]
    assert order_problems(sent, triaged) == []
    assert order_problems(sent, triaged[:1]) == ["2 rows went in, 1 came back"]
    assert order_problems(sent, triaged[::-1])[0] == "row 1 came back as 'B', expected 'A'"
    assert order_problems(sent, [triaged[0], dict(triaged[1], triage_status="")]) == ["row 2 has no triage_status"]


def test_a_whole_run_prints_the_warning_the_table_and_a_dryrun(built_app, capsys, monkeypatch):
    monkeypatch.setenv("DEMO_TEST_KEY", "sk-test-demo-0123456789abcdef")
    with OpenAICompatServer(api_key="sk-test-demo-0123456789abcdef") as server:
        status = demo.run_demo(built_app, SAMPLES, Endpoint(server.base_url, "gpt-4o-mini", "DEMO_TEST_KEY"))
        sent_models = {request.body["model"] for request in server.chat_requests}
    out = capsys.readouterr().out
    assert status == 0
    assert sent_models == {"gpt-4o-mini"}
    names = [json.loads(line)["alert_name"] for line in SAMPLES.read_text().splitlines()]
    table_start = out.index("#   sourcetype")
    assert out.index("FAR TOO SMALL TO") < table_start < out.index("Again: these verdicts come from a 135M")
    table_lines = out[table_start:].splitlines()[2 : 2 + len(names)]
    assert [line.split()[0] for line in table_lines] == [str(n) for n in range(1, len(names) + 1)]
    assert all(shorten(name, 36) in line for name, line in zip(names, table_lines))
    assert "high_confidence_malicious" in table_lines[0] and "likely_benign" in table_lines[4]
    assert f"{len(names)} rows in" in out and "ok 14" in out
    assert "Dryrun of row 11" in out and "triage_bundle_hash=" in out and "Note to the AI assistant" in out
    enrichment = out[out.index("Enrichment:") : out.index("Dryrun of row")]
    assert "1 judged again with context" in enrichment and "authentication_by_user: 2 results" in enrichment
    assert "Anonymizing Proxy): first answer needs_enrichment" in enrichment


def test_rows_out_of_order_make_the_demo_fail(built_app, monkeypatch, capsys):
    real_run_search = demo.run_search

    def reversed_rows(*args, **kwargs):
        rows = real_run_search(*args, **kwargs)
        return rows if "dryrun" in args[2] else rows[::-1]

    monkeypatch.setattr(demo, "run_search", reversed_rows)
    with OpenAICompatServer() as server:
        status = demo.main(["--app", str(built_app), "--provider-url", server.base_url])
    assert status == 1
    assert "demo failed: row 1 came back as" in capsys.readouterr().err


def test_an_unbuilt_app_is_reported(tmp_path, capsys):
    assert demo.main(["--app", str(tmp_path), "--provider-url", "http://127.0.0.1:9/v1"]) == 1
    assert "the app is not built" in capsys.readouterr().err


def test_long_values_are_cut_to_their_columns_width():
    fields = ("sourcetype", "alert_name", "triage_status", "triage_bucket", "triage_confidence", "triage_rationale")
    row = {field: field[-1] * 100 for field in fields}
    widths = [column.width for column in demo.COLUMNS]
    expected = ["1 "] + [field[-1] * (width - 1) + "…" for field, width in zip(fields, widths[1:])]
    assert render_table([row]).splitlines()[2] == "  ".join(expected)
