"""The words a pattern cannot match without, read from the pattern itself: a cheap test before its search.

Each of the detector's patterns is searched in every value it reads, and a search walks the whole text; on
key=value events the searches were most of the detector's cost. Most patterns need one word of a short list
(`ignore ... instructions` needs "instructions" or one of its kin), and testing a text for a few words is
many times cheaper than a search. The words are found in the pattern's parse (the standard library's own
parser, the one `re` compiles with), so they stay right when the patterns change:

- a run of literal characters in a sequence must stand in any match, as written;
- a group, or a repeat of at least once, needs what its content needs; a branch needs one of what each of
  its alternatives needs, and nothing known when one of them needs nothing known;
- a sequence needs what each of its elements needs: one word of each list (the three lists whose shortest
  words are longest are kept, tested in that order).

The test is exact only where case folds simply: in text of ASCII characters alone, a pattern that ignores
case matches a word of ASCII letters exactly where the lowered text holds it lowered. A word with other
characters cannot stand in such text at all, unless `re` folds one of them into ASCII (the dotted and
dotless i, the long s, the Kelvin sign): then the pattern is always searched. Other text, and a pattern
whose parse is not understood, is always searched.

A short text costs a search less than testing it for each pattern's words, so short text is screened for all
patterns at once (`Screen`): each word stands for one of its runs of three characters, and one pass over the
text's own runs says which lists it could hold a word of.
"""

import re
from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Any, Generic, Optional, TypeVar

from llm_triage.bounded import remember

try:  # the parser `re` compiles with: re._parser from Python 3.11, sre_parse before
    import re._constants as _constants  # type: ignore[import-not-found,unused-ignore]
    import re._parser as _parser  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - Python 3.9 and 3.10
    import sre_constants as _constants  # type: ignore[no-redef,unused-ignore]
    import sre_parse as _parser  # type: ignore[no-redef,unused-ignore]

# Characters outside ASCII that `re`, ignoring case, takes for ASCII letters.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_REPEATS = tuple(
    op
    for op in (
        getattr(_constants, "MAX_REPEAT", None),
        getattr(_constants, "MIN_REPEAT", None),
        getattr(_constants, "POSSESSIVE_REPEAT", None),
    )
    if op is not None
)
_ATOMIC = getattr(_constants, "ATOMIC_GROUP", None)
MAX_LISTS = 3  # lists tested per pattern: more cost more than the searches they spare
GRAM = 3  # characters of the runs a short text is screened by
# Letters from the most frequent in English and its neighbours; a word is screened by its run of the rarest,
# which fewer texts hold. Other characters count as the most frequent: spaces and punctuation fill log values.
_BY_FREQUENCY = "etaoinsrhldcumfpgwybvkxjqz"
_REMEMBERED_SETS = 4096
Item = TypeVar("Item")


def needed_words(pattern: "re.Pattern[str]") -> "Optional[tuple[tuple[str, ...], ...]]":
    """Lists of words, one word of each of which stands in any match of `pattern` in ASCII text (lowered
    when it ignores case), or None when nothing is known."""
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    try:
        lists = _needs(_parser.parse(pattern.pattern, pattern.flags), ignore_case)
    except Exception:  # noqa: BLE001 - a parse this module does not understand: always searched
        return None
    # A word of other characters cannot stand in ASCII text: that alternative cannot match there. (No word
    # holds a character `re` folds into ASCII: _needs stops its runs short of them.)
    kept = [tuple(sorted(word for word in words if word.isascii())) or ("\x00",) for words in lists]
    kept.sort(key=lambda words: -min(map(len, words)))
    return tuple(kept[:MAX_LISTS]) or None


def could_match(needs: "Optional[tuple[tuple[str, ...], ...]]", text: str, lowered: str, ignore_case: bool) -> bool:
    """Whether a pattern with these `needs` could match `text` (`lowered` is it lowered): always, unless the
    text is ASCII and lacks every word of one of the lists."""
    if needs is None or not text.isascii():
        return True
    holds = (lowered if ignore_case else text).__contains__
    return all(any(map(holds, words)) for words in needs)


class Screen(Generic[Item]):
    """A test of a short ASCII text for the words of all the patterns at once. Each list of words of each pattern
    has a bit; each word of GRAM characters or more, the bit of its list under its rarest run of GRAM characters
    (a text holding the word holds every run of it), and a shorter word sets its list's bit always. A pattern
    could match a text only where all its lists' bits are present: the test never refuses a pattern
    `could_match` would pass, and costs one pass over the text's runs for all of them."""

    def __init__(self, items: "Sequence[tuple[Item, Optional[tuple[tuple[str, ...], ...]]]]"):
        self.runs: dict[str, int] = {}
        self.always = 0
        self.items: list[tuple[Item, int]] = []  # each item and its bits (0: always passes)
        bit = 1
        for item, lists in items:
            mask = 0
            for words in lists or ():
                for word in words:
                    if len(word) < GRAM:
                        self.always |= bit
                    else:
                        run = _rarest_run(word)
                        self.runs[run] = self.runs.get(run, 0) | bit
                mask |= bit
                bit <<= 1
            self.items.append((item, mask))
        self.every = tuple(item for item, _ in self.items)
        self._passing: dict[int, tuple[Item, ...]] = {}

    def passing(self, text: str, lowered: str) -> "tuple[Item, ...]":
        """The items, in order, that could match `text`, ASCII text (`lowered` is it lowered: a pattern that heeds
        case finds its words in `text`, the others in `lowered`). Texts hold few distinct sets of runs that
        matter, so the items of each set are kept: a loop over every pattern cost more than the test."""
        runs = {lowered[start : start + GRAM] for start in range(len(lowered) - GRAM + 1)}
        if text != lowered:
            runs.update(text[start : start + GRAM] for start in range(len(text) - GRAM + 1))
        present = reduce(or_, filter(None, map(self.runs.get, runs)), self.always)
        passing = self._passing.get(present)
        if passing is None:
            passing = tuple(item for item, mask in self.items if present & mask == mask)
            remember(self._passing, present, passing, _REMEMBERED_SETS)
        return passing


def _rarest_run(word: str) -> str:
    def rarity(run: str) -> int:
        return sum(max(0, _BY_FREQUENCY.find(character.lower())) for character in run)

    return max((word[start : start + GRAM] for start in range(len(word) - GRAM + 1)), key=rarity)


def _needs(items: Any, ignore_case: bool) -> "list[frozenset[str]]":
    """The lists of words a sequence of parsed items needs, one from each."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _constants.LITERAL:
            character = chr(value)
            if character in _FOLDS_TO_ASCII:
                # `re` may match it to an ASCII letter, which no lowering shows (`İ` lowers to two
                # characters, `ſ` to itself): the run stops short of it.
                if run:
                    found.append(frozenset(["".join(run)]))
                    run = []
                continue
            run.append(character.lower() if ignore_case else character)
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        needs = _item(op, value, ignore_case)
        if needs:
            found.append(needs)
    if run:
        found.append(frozenset(["".join(run)]))
    return found


def _sequence(items: Any, ignore_case: bool) -> "Optional[frozenset[str]]":
    """One list of words a sequence needs (a word of it in any match): its longest-worded, or None."""
    found = _needs(items, ignore_case)
    return max(found, key=lambda words: min(map(len, words))) if found else None


def _item(op: object, value: Any, ignore_case: bool) -> "Optional[frozenset[str]]":
    if op is _constants.SUBPATTERN:
        turned_on = value[1] if len(value) == 4 else 0
        if not ignore_case and turned_on & re.IGNORECASE:
            return None  # `(?i:...)` in a pattern that heeds case: its words would be tested as written
        return _sequence(value[-1], ignore_case)
    if _ATOMIC is not None and op is _ATOMIC:
        return _sequence(value, ignore_case)
    if op in _REPEATS:
        least, _, content = value
        return _sequence(content, ignore_case) if least >= 1 else None
    if op is _constants.BRANCH:
        words: set[str] = set()
        for alternative in value[1]:
            needs = _sequence(alternative, ignore_case)
            if not needs:
                return None
            words |= needs
        return frozenset(words)
    return None
