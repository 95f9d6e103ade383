"""Progress lines for search.log: how often, and what they say."""

from llm_triage.search.progress import SearchProgress


class Clock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def test_a_line_at_most_every_interval_with_rows_rate_and_time_left():
    clock, lines = Clock(), []
    progress = SearchProgress(lines.append, "llmtriage", every=10.0, clock=clock)
    for _ in range(240):  # 240 rows in 60 s, 1,000 received: 240 a minute, 760 waiting, 190 s left
        clock.now += 0.25
        progress.row_done(1000)
    assert len(lines) == 6  # one per 10 s, not one per row
    assert lines[-1] == (
        "llmtriage progress: rows_done=240 rows_waiting=760 rate_per_min=240.0 elapsed=60s time_left=190s "
        "(for the rows received so far; splunkd may send more)"
    )
    progress.finish(1000)
    assert len(lines) == 7


def test_a_short_search_writes_no_progress():
    clock, lines = Clock(), []
    progress = SearchProgress(lines.append, "llmtriage", every=10.0, clock=clock)
    for _ in range(14):
        clock.now += 0.1
        progress.row_done(14)
    progress.finish(14)
    assert lines == []


def test_before_any_row_is_done_the_time_left_is_unknown():
    clock = Clock()
    progress = SearchProgress(lambda line: None, "llmtriage", clock=clock)
    clock.now += 30
    assert "rows_done=0 rows_waiting=50 rate_per_min=0.0 elapsed=30s time_left=unknown" in progress.line(50, clock.now)
