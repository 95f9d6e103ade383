"""Prose where a field's format holds none: a sentence inside a user agent.

A user agent is product tokens and short comments (`Mozilla/5.0 (Windows NT 10.0; Win64; x64)`); no
honest client writes a sentence into it. An attacker who wants a reader of the logs to see a message
must write one, in whatever words and language, so the length of the longest run of plain words is a
sign of a planted message that does not depend on its wording. Of the 1,025 user agents in the shared
datasets' clean events none has a run of more than four such words once the browsers' own phrases
(`KHTML, like Gecko`) are set aside; the rule asks for six.
"""

import re
import unicodedata
import urllib.parse
from collections.abc import Mapping
from typing import Any

from llm_triage.bounded import remember
from llm_triage.trust.injection.folding import fold

# Where a run of words ends in a user agent: the separators of its comments (`(compatible; Name bot)`).
_BREAKS = re.compile(r"[;()\[\]{}|<>]+")
# Between words: spaces, and the punctuation of scripts that write none (`，` in `扫描，请按`).
_SPACES = re.compile(r"[\s，、。！？：]+")
_EDGE_PUNCTUATION = "\"'`“”‘’«»„¿¡,.!?:、。，！？；："
_INNER = "'’-"
# Scripts written without spaces: a run of their letters is read as a word per two characters.
_UNSPACED = re.compile("[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_REMEMBERED, _REMEMBERED_CHARS = 4096, 1024  # user agents judged once each, up to a few MB in all
_MAX_CHARS = 8192  # of a longer value only the start is read: no client sends a longer agent honestly


class ProseRule:
    """Flags a value of the fields it covers when it holds a run of at least `min_words` plain words."""

    def __init__(self, spec: Mapping[str, Any]):
        self.fields = re.compile(str(spec["fields"]), re.IGNORECASE)
        self.min_words = int(spec["min_words"])
        self.ignore = re.compile(str(spec.get("ignore", "(?!)")))
        self._seen: dict[str, bool] = {}

    def covers(self, field: str) -> bool:
        """Whether the rule reads this field (by its name: `http_user_agent`, `userAgent`)."""
        return self.fields.search(field) is not None

    def holds_prose(self, text: str) -> bool:
        """Whether `text`, as written, folded or URL-decoded, holds a run of `min_words` plain words.
        User agents come back row after row: each is judged once."""
        known = self._seen.get(text)
        if known is None:
            head = text[:_MAX_CHARS]
            readings = {head, fold(head)}
            if "%" in head or "+" in head:
                readings.add(fold(urllib.parse.unquote_plus(head)))
            known = any(longest_run(self.ignore.sub(";", reading)) >= self.min_words for reading in readings)
            if len(text) <= _REMEMBERED_CHARS:  # a bound on memory: a hostile agent of megabytes is not kept
                remember(self._seen, text, known, _REMEMBERED)
        return known


def longest_run(text: str) -> int:
    """The most plain words (letters only, an inner apostrophe or hyphen allowed) in a row in `text`."""
    best = 0
    for part in _BREAKS.split(text):
        current = 0
        for token in _SPACES.split(part):
            words = _words(token.strip(_EDGE_PUNCTUATION))
            current = current + words if words else 0
            best = max(best, current)
    return best


def _words(core: str) -> int:
    if len(core) < 2 or not core[0].isalpha():
        return 0
    for char in core:
        if not (char.isalpha() or char in _INNER or unicodedata.category(char).startswith("M")):
            return 0
    return max(1, len(core) // 2) if _UNSPACED.match(core) else 1
