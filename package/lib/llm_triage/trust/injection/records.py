"""A second record inside one value: a line break, then what a log line starts with (CWE-117).

A user agent, a URL, a user or file name, a command line holds one line of one record. An attacker who
can write such a value verbatim into a log can end the line and forge the next record, in the product's
own layout (`\\nDec 11 03:22:10 bastion-01 sshd[2211]: ... status=resolved`), so that whoever reads it
takes the forgery for the pipeline's own. Free text (descriptions, messages, mail bodies), program output
(stderr, stack traces) and raw events (`_raw`, ECS's `event.original`) honestly hold several lines of logs,
so the rule reads only the other fields: a field is free text when the last word of its name is one of
`free_text_words` (`properties.message`, `rule_description`, `cx.dns._raw`; not `message_id` nor
`http_content_type`; SQL statements, which carry data lines, are free text too). The record's start is
what a log line opens with in the layouts readers trust: a syslog priority, a date and a time with its
seconds (ISO 8601, syslog's, American and European dates, Apache's, Tomcat's), squid's epoch, a level in
capitals (`[INFO]`, `WARN [main]`), a CEF or LEEF header, a Cisco message id, Windows event XML, a Linux
audit record, a web access line, a JSON line opening with its time, level or version, or three key=value
pairs with lower-case keys (firewalls, logfmt; a shell's `CC=gcc CFLAGS=-O2 make` is not one). Honest
one-line values rarely hold a line break at all, and a multi-line one (a script in a command line, a
pretty-printed policy or list, whose items follow `[`, `,` or `{`) does not start its lines so. The line
break may be written out (`\\n`, `\\u000a`, `%0a`, `&#10;`) or be a vertical tab or a Unicode separator,
invisible characters after it are passed over, and a URL-encoded value is read decoded too.
"""

import re
import urllib.parse
from collections.abc import Mapping
from typing import Any

from llm_triage.bounded import remember

_REMEMBERED = 4096  # short values judged once each
_REMEMBERED_CHARS = 256  # values judged once each up to this length: hosts, users and URLs come back row after row
_MAX_CHARS = 20000  # of a longer value only the start is read, as the patterns read it
# The words of a field's name: split at dots, underscores, dashes and spaces, and before a capital that
# follows a small letter (`SecurityContext`: security, context).
_NAME_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def name_words(field: str) -> "list[str]":
    """The words of a field's name, as written (`rule_description`: rule, description)."""
    return _NAME_WORDS.findall(field)


class RecordRule:
    """Flags a value of the fields it reads when a line break in it starts another record."""

    def __init__(self, spec: Mapping[str, Any]):
        self.free_text_words = frozenset(str(word).lower() for word in spec["free_text_words"])
        self.header = re.compile(str(spec["header"]))
        self._seen: dict[str, bool] = {}

    def reads(self, field: str) -> bool:
        """Whether the rule reads this field: any but free text, program output and raw events, by the last
        word of its name. (The detector decides each name once: `Detector._plan`.)"""
        words = name_words(field)
        return not words or words[-1].lower() not in self.free_text_words

    def forges_a_record(self, text: str) -> bool:
        """Whether a line break in `text`, as written or URL-decoded, is followed by the start of a record."""
        known = self._seen.get(text)
        if known is None:
            head = text[:_MAX_CHARS]
            known = self.header.search(head) is not None or (
                "%" in head and self.header.search(urllib.parse.unquote_plus(head)) is not None
            )
            if len(text) <= _REMEMBERED_CHARS:
                remember(self._seen, text, known, _REMEMBERED)
        return known
