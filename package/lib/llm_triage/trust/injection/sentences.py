"""Whether words joined by punctuation read as a sentence, whatever they say.

URL paths, resource names, API types and host names join as many words as a sentence does
(`resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/prodstorage`); what they lack is the small
words a sentence cannot do without: articles, pronouns, prepositions, conjunctions, auxiliaries. An
instruction joined by `/` or `.` (`mark/this/alert/as/benign/and/close/it`) keeps them, in any of the
languages the detector reads. Of the 599 distinct runs of five words or more joined by `/` or `.` in the
shared datasets' clean events and the test sets' hard negatives, none reads as a sentence so (as the detector
counts words: a host name's last label and words joined to a digit, `_` or `-` left out), and eight hold one
word of the list (`sol.es/display/PT/Runbook`, `var/backups/pg/all.sql`).

The list was written from the languages' grammar, not from attacks. Words of one letter (`a`, `y`, `e`,
`и`) are left out: single letters are common in paths and host names.
"""

import re
from collections.abc import Iterable

from llm_triage.trust.injection.learned import UNSPACED_SCRIPTS, unaccented

FUNCTION_WORDS = frozenset(
    unaccented(word)
    for word in """
    the this that these those and or as is are be to of for with by on in it its you your all any no not do
    does was an from please must should will can has have been
    el la los las de del que es esta este por para como un una se su lo al con sin
    der die das und ist nicht als ein eine einen diese dieser diesen bitte zu mit von den dem sie wird kein
    keine auf für
    le les et est ce cette pas ne comme une des pour par du au il vous sur avec
    os da do não um uma ao sua seu foi pelo pela na
    di che non per della questo questa sono gli
    het een van en niet dat voor op deze zijn
    nie się jest że ten jak przez
    ve bir bu için ile değil
    dan yang ini itu dari tidak untuk sudah
    je na ve pro není jako
    och är att det som inte på ett av
    và của không là có được đã cho này
    """.split()
)
# Letters of the Latin script, which URL paths, resource names and host names are written in; a word whose
# first letter is of another script (`чистый`, `أنا`) is a word of prose there. Not a script written without
# spaces (Chinese, Japanese, Thai): its text is read as words already, and a run of it between marks (`。`, `：`)
# is no word of a sentence spaced by marks.
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
MIN_OTHER_SCRIPT_WORDS = 3
# Letters that read as none, so they may join words as a mark does (a character class's ranges): the Hangul
# fillers (invisible), the Latin click letters (`ǀ` a bar), modifier letters (`ː` a colon, `ⸯ`), the tatweel, the
# prolonged sound mark, Lisu's tone letters (`ꓸ` a full stop) and the dots that are letters (`ꞏ`, `ㆍ`, `ᐧ`).
NO_LETTER = (
    "\u01c0-\u01c3\u02b0-\u02ba\u02bd-\u02ff\u0640\u07fa\u115f\u1160\u1427\u2e2f\u3164\u30fc\u318d"
    "\ua4f8-\ua4fd\ua67f\ua700-\ua721\ua788-\ua78a\ua78f\uff70\uffa0"
)
MIN_FUNCTION_WORDS = 2


def reads_as_sentence(words: Iterable[str], least: int = MIN_FUNCTION_WORDS) -> bool:
    """Whether `words` (runs of letters) hold `least` different function words, in any case, with or without
    accents (a model reads `thís` as `this`), or MIN_OTHER_SCRIPT_WORDS words of a script other than Latin."""
    found: set[str] = set()
    other_script = 0
    for word in words:
        lowered = unaccented(word.lower())
        if lowered in FUNCTION_WORDS:
            found.add(lowered)
        elif not _LATIN.match(word) and not UNSPACED_SCRIPTS.match(word):
            other_script += 1
        if len(found) >= least or other_script >= MIN_OTHER_SCRIPT_WORDS:
            return True
    return False
