"""A second record inside one value: a line break, then what a log line starts with (CWE-117).

A user agent, a URL, a user or file name, a command line holds one line of one record. An attacker who
can write such a value verbatim into a log can end the line and forge the next record, in the product's
own layout (`\\nDec 11 03:22:10 bastion-01 sshd[2211]: ... status=resolved`), so that whoever reads it
takes the forgery for the pipeline's own. Free text (descriptions, messages, mail bodies) and `_raw`
honestly hold several lines of logs (a ticket quoting them, a stack trace, a multi-line event), so the
rule reads only the other fields. The record's start is a syslog priority, a timestamp as syslog or ISO
8601 write it followed by a host and a program, a CEF or LEEF header, or a Cisco message id; the line
break may be written out (`\\n`, `%0a`), as an attacker does when the log pipeline would render it.
"""

import re
from collections.abc import Mapping
from typing import Any

_REMEMBERED = 4096  # field names judged once each


class RecordRule:
    """Flags a value of the fields it reads when a line break in it starts another record."""

    def __init__(self, spec: Mapping[str, Any]):
        self.skip = re.compile(str(spec["skip_fields"]), re.IGNORECASE)
        self.header = re.compile(str(spec["header"]))
        self._reads: dict[str, bool] = {}

    def reads(self, field: str) -> bool:
        """Whether the rule reads this field: any but free text and `_raw`, by name."""
        known = self._reads.get(field)
        if known is None:
            known = self.skip.search(field) is None
            if len(self._reads) < _REMEMBERED:
                self._reads[field] = known
        return known

    def forges_a_record(self, text: str) -> bool:
        """Whether a line break in `text` is followed by the start of a log record."""
        return self.header.search(text) is not None
