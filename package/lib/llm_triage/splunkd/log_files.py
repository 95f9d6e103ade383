"""The app's own log files, where Splunk indexes its own: `$SPLUNK_HOME/var/log/splunk/llm_triage_<component>.log`.

Splunk monitors `var/log/splunk` into `_internal`, so `index=_internal source=*llm_triage_*.log` shows what the
endpoint, the alert action, the inputs and the commands did. Each component is its own file, rotated at
MAX_BYTES with BACKUPS kept. Processes of one component share its file (searches running at once): one that
rotates it leaves the others writing to the rotated file until they end, so a few lines land in `.1`, none is
lost. The level is the Logging tab's (`llm_triage_settings.conf [logging] loglevel`, INFO as shipped),
read when a process starts and, in a process that lives on (the endpoint), again after LEVEL_READ_EVERY.

Nothing secret reaches a file: every line, a traceback included, is written through `scrub_secrets` with the
secrets this process has read (`keep_out_of_logs`: stored keys and passwords, the session keys splunkd hands
over) and anything shaped like a credential. Without SPLUNK_HOME (tests, tools) no file is written and logging
is left as it was: records reach whatever the process already logs to (standard error).
"""

import logging
import logging.handlers
import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from typing import Callable, Optional

from llm_triage.trust.redaction import scrub_secrets

LOGGER_NAME = "llm_triage"  # every module of the package logs under it
COMPONENTS = ("endpoint", "alert", "inputs", "commands")
MAX_BYTES = 10 * 1024 * 1024
BACKUPS = 5
LOGGING_STANZA, LEVEL_KEY = "logging", "loglevel"  # what UCC's Logging tab writes in llm_triage_settings.conf
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_LEVEL = "INFO"
LEVEL_ALIASES = {"WARN": "WARNING", "FATAL": "CRITICAL"}  # splunkd's names for Python's levels
LEVEL_READ_EVERY = 60.0  # seconds: a level changed on the Logging tab reaches a long-lived process this late
# Splunk's own Python log layout, which its field extraction for var/log/splunk reads (level, pid, file).
FORMAT = (
    "%(asctime)s %(levelname)s pid=%(process)d tid=%(threadName)s "
    "file=%(filename)s:%(funcName)s:%(lineno)d | %(message)s"
)

SESSION_KEYS_KEPT = 256  # a long-lived endpoint sees a new session key per caller; the latest are what it logs

_lock = threading.Lock()
_secrets: set[str] = set()  # stored keys and passwords: few, and kept for the life of the process
_session_keys: "OrderedDict[str, None]" = OrderedDict()


def keep_out_of_logs(*secrets: str, session: bool = False) -> None:
    """Remember secrets this process holds, so that no log line written from now on carries them; `session`
    for splunkd's session keys and tokens, of which the latest SESSION_KEYS_KEPT are remembered."""
    with _lock:
        for secret in secrets:
            if secret and session:
                _session_keys[secret] = None
                _session_keys.move_to_end(secret)
                if len(_session_keys) > SESSION_KEYS_KEPT:
                    _session_keys.popitem(last=False)
            elif secret:
                _secrets.add(secret)


class ScrubbingFormatter(logging.Formatter):
    """Splunk's layout, with every known secret and credential-shaped text masked in the whole line."""

    def format(self, record: logging.LogRecord) -> str:
        with _lock:
            secrets = (*_secrets, *_session_keys)
        return scrub_secrets(super().format(record), secrets)


class SafeRotatingFile(logging.handlers.RotatingFileHandler):
    """A rotating file whose own failures (a full disk, a file gone) never echo the record: logging's default
    prints the message and its arguments, unmasked, to standard error, which splunkd keeps."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        error = sys.exc_info()[1]
        sys.stderr.write(
            f"llm_triage: a log line could not be written to {self.baseFilename} ({error.__class__.__name__})\n"
        )


def log_path(component: str, environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The file `component` logs to, or None without SPLUNK_HOME (outside Splunk)."""
    if component not in COMPONENTS:
        raise ValueError(f"unknown log component {component!r}; one of {', '.join(COMPONENTS)}")
    home = (os.environ if environ is None else environ).get("SPLUNK_HOME", "")
    if not home:
        return None
    return os.path.join(home, "var", "log", "splunk", f"llm_triage_{component}.log")


def level_in(settings_conf: Mapping[str, Mapping[str, str]]) -> tuple[str, str]:
    """The Logging tab's level in llm_triage_settings.conf's stanzas, and the problem when it is not a level
    (then the shipped one)."""
    value = str(settings_conf.get(LOGGING_STANZA, {}).get(LEVEL_KEY, "") or DEFAULT_LEVEL).strip().upper()
    value = LEVEL_ALIASES.get(value, value)
    if value not in LEVELS:
        return DEFAULT_LEVEL, (
            f"[{LOGGING_STANZA}] {LEVEL_KEY} = {value} is not a level (one of {', '.join(LEVELS)}); "
            f"using {DEFAULT_LEVEL}"
        )
    return value, ""


class LogFiles:
    """One process's log files and level, over `logger` (the package's, in the app)."""

    def __init__(self, logger: logging.Logger, clock: Callable[[], float] = time.monotonic) -> None:
        self._logger = logger
        self._clock = clock
        self._files: dict[str, str] = {}  # component -> the file its handler writes
        self._level_read_at: Optional[float] = None

    def start(self, component: str, environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
        """Send the logger's records to `component`'s file (once per component); the file, or None when there is
        none to write (no SPLUNK_HOME, or it cannot be opened: then logging stays as it was)."""
        path = log_path(component, environ)
        if path is None:
            return None
        with _lock:
            if component in self._files:
                return self._files[component]
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                handler = SafeRotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
            except OSError:
                return None
            handler.setFormatter(ScrubbingFormatter(FORMAT))
            self._logger.addHandler(handler)
            if self._logger.level == logging.NOTSET:
                self._logger.setLevel(DEFAULT_LEVEL)
            self._files[component] = path
            return path

    def apply_level(self, read_settings: Callable[[], Mapping[str, Mapping[str, str]]]) -> str:
        """Set the level from the Logging tab (`read_settings` gives llm_triage_settings.conf's stanzas), read at
        most every LEVEL_READ_EVERY seconds; the level in force. A level that cannot be read keeps the one in
        force (the shipped one at first), and the log says why."""
        now = self._clock()
        if self._level_read_at is None or now - self._level_read_at >= LEVEL_READ_EVERY:
            self._level_read_at = now
            if self._logger.level == logging.NOTSET:
                self._logger.setLevel(DEFAULT_LEVEL)
            try:
                level, problem = level_in(read_settings())
            except Exception as exc:  # splunkd busy or the conf unreadable: logging must not stop the caller
                problem = f"log level not read ({exc.__class__.__name__}); keeping {self.level}"
            else:
                self._logger.setLevel(level)
            if problem:
                self._logger.warning("llm_triage: %s", problem)
        return self.level

    def close(self) -> None:
        """Close every file this process opened and forget the level read (a process that ends; tests, which
        serve the endpoint in-process, after each test)."""
        with _lock:
            for handler in [h for h in self._logger.handlers if isinstance(h.formatter, ScrubbingFormatter)]:
                self._logger.removeHandler(handler)
                handler.close()
            self._files.clear()
            self._level_read_at = None
        self._logger.setLevel(logging.NOTSET)

    def writing(self, component: str) -> bool:
        """Whether `component`'s file is open in this process."""
        return component in self._files

    @property
    def level(self) -> str:
        """The level in force, by name."""
        return logging.getLevelName(self._logger.getEffectiveLevel())


LOG_FILES = LogFiles(logging.getLogger(LOGGER_NAME))  # the process's own: entry points start it


def start_logging(component: str, read_settings: Callable[[], Mapping[str, Mapping[str, str]]]) -> None:
    """What an entry point calls once it can reach splunkd: `component`'s file under SPLUNK_HOME, at the Logging
    tab's level (`read_settings` gives llm_triage_settings.conf's stanzas). Without a file, nothing changes."""
    if LOG_FILES.start(component) is not None:
        LOG_FILES.apply_level(read_settings)


def to_file(component: str, level: str, message: str) -> None:
    """A line of `component`'s own (the alert action's and the inputs' messages, which splunkd's log gets from
    standard error) in its file as well, when it has one; `level` as splunkd's log writes it (WARN, FATAL)."""
    if LOG_FILES.writing(component):
        number = logging.getLevelName(LEVEL_ALIASES.get(level, level))
        logging.getLogger(f"{LOGGER_NAME}.{component}").log(
            number if isinstance(number, int) else logging.INFO, "%s", message, stacklevel=3
        )  # stacklevel: the line names who logged, past this and the component's own log function
