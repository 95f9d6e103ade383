"""The app's own log files under SPLUNK_HOME: where, how big, at which level, and never a secret."""

import json
import logging
import logging.handlers
import uuid

import pytest

from llm_triage.splunkd import log_files
from llm_triage.splunkd.handler import Reply, serve
from llm_triage.splunkd.log_files import (
    BACKUPS,
    LEVEL_READ_EVERY,
    MAX_BYTES,
    LogFiles,
    keep_out_of_logs,
    level_in,
    log_path,
)
from llm_triage.splunkd.secrets import PROVIDERS_REALM, stanza_secrets, stored_entries

API_KEY = "LOGSENTINEL-4f9a2c7e1b3d5a6f-plain"  # not credential-shaped: only its registration hides it


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def logger():
    """A logger of its own per test, so that one test's files and level never reach another's."""
    made = logging.getLogger(f"llm_triage_test_{uuid.uuid4().hex}")
    made.propagate = False
    yield made
    for handler in list(made.handlers):
        made.removeHandler(handler)
        handler.close()


def file_handlers(logger):
    return [handler for handler in logger.handlers if isinstance(handler, logging.handlers.RotatingFileHandler)]


def home(tmp_path):
    return {"SPLUNK_HOME": str(tmp_path)}


def read(tmp_path, component):
    return (tmp_path / "var" / "log" / "splunk" / f"llm_triage_{component}.log").read_text(encoding="utf-8")


def test_each_component_has_its_file_under_splunks_own_logs(tmp_path):
    assert log_path("endpoint", home(tmp_path)) == str(tmp_path / "var" / "log" / "splunk" / "llm_triage_endpoint.log")
    assert log_path("commands", home(tmp_path)).endswith("var/log/splunk/llm_triage_commands.log")
    with pytest.raises(ValueError, match="unknown log component 'search'; one of endpoint, alert, inputs, commands"):
        log_path("search", home(tmp_path))


def test_without_splunk_home_no_file_is_written_and_logging_is_left_as_it_was(logger, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = LogFiles(logger)
    assert files.start("endpoint", {}) is None and files.start("endpoint", {"SPLUNK_HOME": ""}) is None
    assert file_handlers(logger) == [] and logger.level == logging.NOTSET and not files.writing("endpoint")
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_opened_leaves_logging_as_it_was(logger, tmp_path):
    (tmp_path / "var").write_text("a file where the log folder should be")
    files = LogFiles(logger)
    assert files.start("alert", home(tmp_path)) is None and file_handlers(logger) == []


def test_records_reach_the_file_in_splunks_layout_once_however_often_started(logger, tmp_path):
    files = LogFiles(logger)
    path = files.start("endpoint", home(tmp_path))
    assert files.start("endpoint", home(tmp_path)) == path and len(file_handlers(logger)) == 1
    logger.info("served %d bundles", 3)
    logger.debug("not at the shipped level")
    [line] = read(tmp_path, "endpoint").splitlines()
    assert " INFO pid=" in line and "file=test_log_files.py:" in line and line.endswith("| served 3 bundles")


def test_files_rotate_within_their_bounds(logger, tmp_path, monkeypatch):
    files = LogFiles(logger)
    files.start("commands", home(tmp_path))
    [handler] = file_handlers(logger)
    assert (handler.maxBytes, handler.backupCount) == (MAX_BYTES, BACKUPS) == (10 * 1024 * 1024, 5)
    handler.maxBytes = 2000  # the same bounds, smaller, to see them hold
    for number in range(400):
        logger.warning("line %04d %s", number, "x" * 40)
    names = sorted(path.name for path in (tmp_path / "var" / "log" / "splunk").iterdir())
    assert names == ["llm_triage_commands.log"] + [f"llm_triage_commands.log.{n}" for n in range(1, BACKUPS + 1)]
    assert all(path.stat().st_size <= 2000 for path in (tmp_path / "var" / "log" / "splunk").iterdir())


@pytest.mark.parametrize(
    ("stanzas", "level", "problem"),
    [
        ({}, "INFO", ""),
        ({"logging": {"loglevel": "DEBUG"}}, "DEBUG", ""),
        ({"logging": {"loglevel": "warn"}}, "WARNING", ""),
        ({"logging": {"loglevel": "ERROR"}}, "ERROR", ""),
        (
            {"logging": {"loglevel": "LOUD"}},
            "INFO",
            "[logging] loglevel = LOUD is not a level (one of DEBUG, INFO, WARNING, ERROR, CRITICAL); using INFO",
        ),
    ],
)
def test_the_level_is_the_logging_tabs(stanzas, level, problem):
    assert level_in(stanzas) == (level, problem)


def test_the_logging_tabs_level_decides_what_the_file_gets_and_a_change_arrives_within_a_minute(logger, tmp_path):
    clock = Clock()
    files = LogFiles(logger, clock)
    files.start("endpoint", home(tmp_path))
    conf = {"logging": {"loglevel": "ERROR"}}
    assert files.apply_level(lambda: conf) == "ERROR"
    logger.warning("hidden at ERROR")
    conf = {"logging": {"loglevel": "DEBUG"}}
    clock.now += LEVEL_READ_EVERY - 1
    assert files.apply_level(lambda: conf) == "ERROR"  # not read again yet
    clock.now += 1
    assert files.apply_level(lambda: conf) == "DEBUG"
    logger.debug("shown at DEBUG")
    text = read(tmp_path, "endpoint")
    assert "hidden at ERROR" not in text and "shown at DEBUG" in text


def test_a_level_that_cannot_be_read_keeps_the_one_in_force_and_says_why(logger, tmp_path):
    def unreadable():
        raise ConnectionError("splunkd busy")

    files = LogFiles(logger, Clock())
    files.start("inputs", home(tmp_path))
    assert files.apply_level(unreadable) == "INFO"
    files_text = read(tmp_path, "inputs")
    assert "log level not read (ConnectionError); keeping INFO" in files_text


def test_a_stored_key_never_reaches_the_file_even_in_a_traceback(logger, tmp_path):
    # Reading the key from secret storage is what makes the process keep it out of its logs.
    entries = [
        {"realm": PROVIDERS_REALM, "username": name, "clear_password": password}
        for name, password in stored_entries("lab", {"api_key": API_KEY})
    ]
    assert stanza_secrets(entries, PROVIDERS_REALM, "lab") == {"api_key": API_KEY}
    files = LogFiles(logger)
    files.start("endpoint", home(tmp_path))
    try:
        raise RuntimeError(f"provider said: invalid key {API_KEY}")
    except RuntimeError:
        logger.exception("call failed with %s", API_KEY)
    text = read(tmp_path, "endpoint")
    assert "RuntimeError: provider said: invalid key [redacted]" in text and "call failed with [redacted]" in text
    assert API_KEY not in text and API_KEY[-12:] not in text


def test_a_credential_shaped_value_is_masked_though_never_registered(logger, tmp_path):
    files = LogFiles(logger)
    files.start("alert", home(tmp_path))
    logger.error("header was Authorization: Bearer sk-live-UNREGISTERED0123456789abcdef")
    assert "UNREGISTERED0123456789abcdef" not in read(tmp_path, "alert")


def test_the_endpoints_failure_path_logs_its_trace_to_its_file_without_the_token_or_a_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SPLUNK_HOME", str(tmp_path))
    token = "system-token-LOGSENTINEL-a1b2c3d4e5f6"
    keep_out_of_logs(API_KEY)  # as when the endpoint read the provider's key

    class Splunkd:
        def __call__(self, method, path, body=None, timeout=None):
            conf = {"entry": [{"name": "logging", "content": {"loglevel": "DEBUG"}}]}
            return 200, json.dumps(conf).encode()

    def answer(request, secrets):
        request.splunkd(lambda uri, key: Splunkd())
        raise KeyError(f"{request.token} {API_KEY}")

    document = {
        "method": "POST",
        "rest_path": "/llm_triage/judge",
        "session": {"user": "ana"},
        "system_authtoken": token,
        "server": {"rest_uri": "https://127.0.0.1:8089"},
        "payload": "{}",
    }
    try:
        reply = serve(json.dumps(document), "judge", answer)
        assert reply["status"] == 500 and token not in reply["payload"]
        ok = serve(json.dumps(document), "judge", lambda request, secrets: Reply(200, {"ok": True}))
        assert ok["status"] == 200
    finally:
        log_files.LOG_FILES.close()
    text = read(tmp_path, "endpoint")
    assert "llm_triage judge endpoint: unexpected failure" in text and "KeyError" in text
    assert "llm_triage judge endpoint: POST llm_triage/judge by ana: 200 in " in text
    assert token not in text and API_KEY not in text


def test_session_keys_are_remembered_up_to_a_bound_and_stored_keys_for_good(logger, tmp_path):
    keep_out_of_logs("stored-key-FOREVER-0a1b2c3d")
    keys = [f"session-key-{number:04d}-LOGSENTINEL" for number in range(log_files.SESSION_KEYS_KEPT + 1)]
    keep_out_of_logs(*keys, session=True)
    files = LogFiles(logger)
    files.start("endpoint", home(tmp_path))
    logger.warning("%s %s %s", keys[0], keys[-1], "stored-key-FOREVER-0a1b2c3d")
    text = read(tmp_path, "endpoint")
    assert keys[0] in text  # the oldest session key was let go: a long-lived process does not grow without end
    assert keys[-1] not in text and "stored-key-FOREVER" not in text


def test_a_line_the_file_cannot_take_is_reported_without_its_content(logger, tmp_path, capsys):
    keep_out_of_logs(API_KEY)
    files = LogFiles(logger)
    files.start("commands", home(tmp_path))
    [handler] = file_handlers(logger)

    class Full:
        def seek(self, *args):
            return 0

        def tell(self):
            return 0

        def write(self, text):
            raise OSError(28, "No space left on device")

        def flush(self):
            pass

    handler.stream = Full()
    logger.error("calling with %s", API_KEY)
    err = capsys.readouterr().err
    assert err == f"llm_triage: a log line could not be written to {handler.baseFilename} (OSError)\n"
