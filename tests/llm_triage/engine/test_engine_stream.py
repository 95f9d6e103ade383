"""The row loop streams: it holds a bounded window of rows, not the whole input."""

from llm_triage.search.triage import WINDOW_ROWS, TriageOptions, TriageSession
from llm_triage.splunkd.conf import SplunkdConfig
from tests.llm_triage.triage_fakes import ScriptedProvider, configured, verdict_json


def test_rows_come_out_while_later_rows_are_still_unread():
    consumed = []

    def rows():
        for number in range(3 * WINDOW_ROWS):
            consumed.append(number)
            yield {"sourcetype": "OktaIM2:log", "row_id": str(number), "actor.alternateId": f"u{number % 50}@x.org"}

    session = TriageSession(
        TriageOptions(max_rows=10**6),
        SplunkdConfig(configured().fetch),
        provider_factory=lambda config: ScriptedProvider(config, verdict_json),
    )
    out = session.triage(rows())
    first = next(out)
    assert first["row_id"] == "0" and first["triage_status"] == "ok"
    assert len(consumed) == WINDOW_ROWS + 1  # the window, plus the row that pushed the first one out
    rest = list(out)
    assert [row["row_id"] for row in [first, *rest]] == [str(n) for n in range(3 * WINDOW_ROWS)]
    assert "50 model answers" in session.summary()
    session.close()
