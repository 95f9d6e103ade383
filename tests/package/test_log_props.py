"""props.conf reads the app's own log files as they are written: one event per record (a traceback kept with
its line), the record's time, and its level, pid and code location as fields."""

import logging
import re
import uuid
from datetime import datetime
from pathlib import Path

from llm_triage.splunkd.log_files import LogFiles
from tools.harness.splunk_app import SplunkApp

APP = SplunkApp(Path(__file__).resolve().parents[2] / "package")


def pcre(expression: str) -> "re.Pattern[str]":
    return re.compile(expression.replace("(?<", "(?P<"))


def test_each_record_is_one_event_with_its_time_and_fields(tmp_path: Path) -> None:
    props = APP.conf("props")
    assert props["source::...llm_triage_*.log*"]["sourcetype"] == "llm_triage:log"
    stanza = props["llm_triage:log"]
    logger = logging.getLogger(f"llm_triage_props_{uuid.uuid4().hex}")
    logger.propagate = False
    files = LogFiles(logger)
    path = files.start("endpoint", {"SPLUNK_HOME": str(tmp_path)})
    logger.info("first")
    try:
        raise ValueError("a failure\nacross lines")
    except ValueError:
        logger.exception("second, with its traceback")
    logger.warning("third")
    for handler in logger.handlers:
        handler.close()
    text = Path(str(path)).read_text(encoding="utf-8")
    breaker = pcre(stanza["LINE_BREAKER"])
    events, start = [], 0
    for match in breaker.finditer(text):
        events.append(text[start : match.start(1)])
        start = match.end(1)
    events.append(text[start:].rstrip("\n"))
    assert [event.split(" | ", 1)[1].splitlines()[0] for event in events] == [
        "first",
        "second, with its traceback",
        "third",
    ]
    assert "ValueError: a failure\nacross lines" in events[1]
    fields = pcre(stanza["EXTRACT-level"])
    for event, level in zip(events, ("INFO", "ERROR", "WARNING")):
        found = fields.search(event)
        assert found is not None and found["log_level"] == level and found["file"] == "test_log_props.py"
        stamp = event[: int(stanza["MAX_TIMESTAMP_LOOKAHEAD"])]
        strptime = stanza["TIME_FORMAT"].replace("%3N", "%f")
        assert abs((datetime.strptime(stamp, strptime) - datetime.now()).total_seconds()) < 60
