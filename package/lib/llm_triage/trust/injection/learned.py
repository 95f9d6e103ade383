"""The learned layer of the injection detector: a linear model over word and character n-grams.

The rules (`patterns-<n>.json`) catch the phrasings their authors thought of; an attacker writes in
whatever style works. This layer scores how much a value reads like text addressed to a model, from the
words and the shapes around them, so a request in new words still scores high. It is a logistic
regression trained at development time (`tools/injection_training/`, from public corpora, generated
variants and the shared datasets' clean events); its weights are data (`model-<n>.json`) and inference
is a dictionary lookup per n-gram, in pure Python.

A value is scored only when it can carry an instruction (a few words of letters: not numbers, hashes,
addresses or short tokens), whole when short and sentence by sentence (each sentence, and each with the
next), so an instruction after a WHOIS record, inside a SQL comment or in a long e-mail body is not
drowned by the honest text around it. The threshold depends on the field's kind (a user agent or a URL
holds fewer honest sentences than an e-mail body); each kind's threshold was chosen on a validation split.
"""

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any, Optional

from llm_triage.bounded import remember
from llm_triage.trust.injection.folding import fold

MODEL_DIR = Path(__file__).parent
DEFAULT_MODEL = "model-9"
# The featurization the weights were trained with: a model file names it, and a mismatch refuses to load.
FEATURES = "words-1-2+chars-4+shapes+length+classes/4"
WINDOW_TOKENS, WINDOW_STRIDE = 48, 24  # a sentence longer than this is read in overlapping parts
MAX_WINDOWS = 64  # per value, in training (tools/injection_training): a long body was read up to here
MAX_SCORED_CHARS = 8000  # beyond this a value is scored on its first part only
MIN_WORDS = 3  # fewer words (apart by spaces, and of letters) cannot carry an instruction
IDENTIFIER_WORDS = 4  # words a name joined by `-` or `_` needs to be read as a sentence
_JOINED = re.compile(r"[\s_-]+")
# Words whose features a lexicon keeps (Lexicon.word_features): 4,096 words of 24 letters or fewer, 6 MB of them
# in ASCII (9 MB of letters beyond Unicode's basic plane), and 16 longer ones of up to 8,000 letters (7 to 8 MB
# in ASCII, 10 to 12 in Cyrillic, 12 to 14 beyond the basic plane). A value is scored on its first
# MAX_SCORED_CHARS, but folding may write a character as several letters (`﷼`: `ریال`), so a word may be
# longer: it is worked out each time.
_REMEMBERED_WORDS, _REMEMBERED_WORD_CHARS = 4096, 24
_REMEMBERED_LONG_WORDS, _REMEMBERED_LONG_WORD_CHARS = 16, 8000

# Marks that belong to the letters they sit on (Hindi's and Thai's vowel signs, Hebrew's and Arabic's
# points) are no letters to `\w`: without them every word of those scripts would be cut into pieces.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"  # Latin, Cyrillic, Hebrew, Arabic
    "\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff"  # Indic, Thai to Tibetan, Myanmar, Khmer: whole blocks
)
_TOKEN = re.compile(f"(?:[^\\W\\d_]|[{_MARKS}])+|\\d+|[^\\w\\s{_MARKS}]+")
# Where a sentence ends, or a comment or a new line starts: an instruction is rarely more than a sentence.
_SENTENCE_BREAK = re.compile(
    r"[.!?;。！？]+(?=\s|$)|[\r\n]+|<!--|-->|/\*|\*/|(?<=\s)(?:--|#|REM|//)(?=\s)", re.IGNORECASE
)
# Scripts written without spaces between words (Thai, Lao, Tibetan, Myanmar, Khmer; CJK, kana and beyond),
# read by character pairs.
UNSPACED_SCRIPTS = re.compile("[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u2e80-\U0010ffff]")


class ModelError(ValueError):
    """A model file that cannot be used."""


def tokens(text: str) -> list[str]:
    """The tokens features are made of: words in lower case (wide-script runs as character pairs),
    digits as `0`, punctuation runs as written (up to 4 characters: `</`, `<|`, `###`, `":"`)."""
    out: list[str] = []
    for token in _TOKEN.findall(fold(text).lower()):
        first = token[0]
        if first.isdigit():
            out.append("0")
        elif not first.isalpha():
            out.append(token[:4])
        elif len(token) > 2 and UNSPACED_SCRIPTS.match(first):
            out.extend(token[i : i + 2] for i in range(len(token) - 1))
        else:
            out.append(token)
    return out


def word_count(items: Sequence[str]) -> int:
    """How many tokens are words of two letters or more (wide-script pairs count as words)."""
    return sum(1 for token in items if len(token) > 1 and token[0].isalpha())


def scorable_tokens(text: str) -> list[str]:
    """The tokens of `text` when it can carry an instruction, else none. A sentence is written apart by
    spaces (or, in wide scripts, not at all); a name joined by `_` or `-` is read as one only when it
    has four words or more (`release-approved-by-security-review`: attackers name tasks, branches, files
    and SSIDs so): `TRUSTED_WHITE_LIST`, `/idp/idx/challenge/answer` and hostnames are not. An
    instruction hidden behind `+` or `%20` is scored once decoded."""
    text = text[:MAX_SCORED_CHARS]
    wide = not text.isascii() and UNSPACED_SCRIPTS.search(text) is not None
    if not wide and len(text.split(None, MIN_WORDS)) < MIN_WORDS:
        # A sentence written as a name (`release-approved-by-security-review`) is read as one. The detector's
        # `joined` decoder also writes such a name apart (three joins or more, 24 characters or more) and
        # scores that too; this reads the name as written, as the models since model-8 are trained to.
        items = tokens(text) if len(_JOINED.split(text, IDENTIFIER_WORDS)) > IDENTIFIER_WORDS else []
        return items if word_count(items) >= IDENTIFIER_WORDS else []
    items = tokens(text)
    return items if word_count(items) >= MIN_WORDS else []


# Letters that keep their identity without their accent, and those Unicode does not decompose.
_UNACCENTED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "ı": "i", "æ": "ae", "œ": "oe"})


def unaccented(token: str) -> str:
    """`token` without Latin accents (`proszę` is `prosze`, `kapatırsanız` is `kapatirsaniz`): people
    write either."""
    if token.isascii():
        return token
    decomposed = unicodedata.normalize("NFD", token.translate(_UNACCENTED))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not "\u0300" <= ch <= "\u036f"))


_Features = tuple[tuple[str, ...], tuple[str, ...]]  # a word's 4-grams and its classes


class Lexicon:
    """Word classes (`assure`: benign, genehmigt, 白名...), each a list of words and of stems (`genehmig*`)."""

    def __init__(self, classes: Mapping[str, Iterable[str]]):
        self.words: dict[str, tuple[str, ...]] = {}
        self.stems: dict[int, dict[str, tuple[str, ...]]] = {}
        for name, entries in sorted(classes.items()):
            for entry in entries:
                stem = entry.endswith("*")
                key = unaccented(fold(entry.rstrip("*")).lower())
                if not key:  # an empty stem would take every word
                    continue
                table = self.stems.setdefault(len(key), {}) if stem else self.words
                if name not in table.get(key, ()):
                    table[key] = (*table.get(key, ()), name)
        self.stem_lengths = sorted(self.stems)
        self._features: dict[str, _Features] = {}
        self._long_features: dict[str, _Features] = {}

    def word_features(self, word: str) -> _Features:
        """A word's character 4-grams (`_grams`) and its classes, kept: words come back value after value, and
        working them out again was a third of the learned layer's time. Long words are kept apart and few: an
        attacker's words of 8,000 letters hold 460 kB each, and 4,096 of them were 3.5 GB (the eighteenth
        review); worked out each time, one repeated across values cost 4.8 ms a value instead of 1.8. A word
        longer still, which only folding makes, is worked out each time."""
        if len(word) > _REMEMBERED_LONG_WORD_CHARS:
            return _grams(word), self.classes(word)
        memory, limit = (
            (self._features, _REMEMBERED_WORDS)
            if len(word) <= _REMEMBERED_WORD_CHARS
            else (self._long_features, _REMEMBERED_LONG_WORDS)
        )
        known = memory.get(word)
        if known is None:
            known = remember(memory, word, (_grams(word), self.classes(word)), limit)
        return known

    def classes(self, token: str) -> tuple[str, ...]:
        """The classes `token` belongs to (most words: none)."""
        key = unaccented(token)
        found = self.words.get(key, ())
        for length in self.stem_lengths:
            if length > len(key):
                break
            found += self.stems[length].get(key[:length], ())
        return found


def features(items: Sequence[str], lexicon: "Lexicon | None" = None) -> set[str]:
    """The features of a run of tokens: words, pairs of neighbouring tokens, character 4-grams of words
    (so `instrucciones`, `instruktionen` and `instructions` share `stru`), punctuation shapes, how many
    words the run has, and, with a lexicon, the classes of its words and each pair of them (`@assure`,
    `@assure&@team`)."""
    words = word_count(items)
    # How long the run is: a label of three words is rarely a request, whatever its words.
    found: set[str] = {"len:" + (str(words) if words < 6 else "6-9" if words < 10 else "10+")}
    classes: set[str] = set()
    previous = "^"
    for token in items:
        found.add(token)
        found.add(previous + " " + token)
        previous = token
        if token[0].isalpha():
            if lexicon is not None:
                grams, its_classes = lexicon.word_features(token)
                found.update(grams)
                classes.update(its_classes)
            else:
                found.update(_grams(token))
    if classes:
        ranked = sorted(classes)
        found.update("@" + name for name in ranked)
        found.update(f"@{a}&@{b}" for i, a in enumerate(ranked) for b in ranked[i + 1 :])
    return found


def _grams(word: str) -> "tuple[str, ...]":
    """A word's character 4-grams, of words over four letters (`#<ins`, `#inst`, ..., `#ons>`)."""
    if len(word) <= 4:
        return ()
    padded = "<" + word + ">"
    return tuple("#" + padded[i : i + 4] for i in range(len(padded) - 3))


def windows(text: str, most: Optional[int] = MAX_WINDOWS) -> list[list[str]]:
    """The runs of tokens a value is scored by: the whole value when it is short, each sentence, and
    each sentence with the next; none when the value cannot carry an instruction. The first `most` of them
    (None: all, within MAX_SCORED_CHARS): training reads the first MAX_WINDOWS, as the runtime once did, and
    the runtime reads them all, since honest sentences in front hid a payload past the 64th run."""
    whole = scorable_tokens(text)
    if not whole:
        return []
    runs: list[list[str]] = [whole] if len(whole) <= WINDOW_TOKENS else []
    parts = _SENTENCE_BREAK.split(text[:MAX_SCORED_CHARS])
    # A value of one sentence is its whole, whose tokens are read already (most values: tokenizing them again was a
    # fifth of the learned layer's time).
    sentences = [whole] if len(parts) == 1 else [tokens(part) for part in parts]
    sentences = [sentence for sentence in sentences if sentence]
    if len(sentences) > 1 or not runs:
        for index, sentence in enumerate(sentences):
            runs.extend(_parts(sentence))
            if index + 1 < len(sentences):
                runs.extend(_parts(sentence + sentences[index + 1]))
    # A sentence of fewer words than an instruction needs (`x64)`, `Win64`) is read only with its neighbour.
    kept = [run for run in runs if word_count(run) >= MIN_WORDS]
    return kept if most is None else kept[:most]


def _parts(items: list[str]) -> list[list[str]]:
    if len(items) <= WINDOW_TOKENS:
        return [items]
    return [items[start : start + WINDOW_TOKENS] for start in range(0, len(items) - WINDOW_STRIDE, WINDOW_STRIDE)]


@dataclass(frozen=True)
class FieldKind:
    """A kind of field (user agent, URL, command line, free text...) and the field names that are it."""

    name: str
    names: "re.Pattern[str]"


class LearnedModel:
    """One version of the learned model: weights, a threshold per field kind, and the kinds."""

    def __init__(self, spec: Mapping[str, Any]):
        try:
            self.id = str(spec["id"])
            self.version = int(spec["version"])
            if spec["features"] != FEATURES:
                raise ModelError(f"injection model: trained with features {spec['features']!r}, not {FEATURES!r}")
            self.bias = float(spec["bias"])
            self.weights: dict[str, float] = {str(key): float(value) for key, value in spec["weights"].items()}
            self.thresholds: dict[str, float] = {str(k): float(v) for k, v in spec["thresholds"].items()}
            self.default_threshold = self.thresholds["default"]
            self.kinds = tuple(
                FieldKind(str(name), re.compile(regex, re.IGNORECASE)) for name, regex in spec["field_kinds"]
            )
            self.lexicon = Lexicon({str(name): [str(w) for w in words] for name, words in spec["lexicon"].items()})
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise ModelError(f"injection model: {exc}") from exc
        unknown = set(self.thresholds) - {kind.name for kind in self.kinds} - {"default"}
        if unknown:
            raise ModelError(f"injection model: thresholds for unknown field kinds {', '.join(sorted(unknown))}")

    @property
    def label(self) -> str:
        """`learned/1`: the kind a flag of this model carries, with its version."""
        return f"learned/{self.version}"

    def score(self, text: str) -> float:
        """The probability that `text` addresses a model, 0 when it cannot carry an instruction."""
        return self.best_score([(text, "")])[0]

    def best_score(self, texts: "Iterable[tuple[str, str]]") -> "tuple[float, str]":
        """The highest score among `texts` (text, how it was read) and how that text was read ("", 0 when none
        can carry an instruction). A run of tokens is scored once however many texts hold it: a value's
        decodings mostly repeat its sentences (a mail's links unwrapped, its entities read)."""
        best, label = 0.0, ""
        scored: set[tuple[str, ...]] = set()
        for text, read_as in texts:
            for run in windows(text, None):
                key = tuple(run)
                if key in scored:
                    continue
                scored.add(key)
                probability = self.probability(features(run, self.lexicon))
                if probability > best:
                    best, label = probability, read_as
        return best, label

    def probability(self, found: "Iterable[str]") -> float:
        """The model's probability for one run's features. Their weights are summed exactly (`fsum`): a set's order
        follows the process's hash seed, and Python 3.9's `sum` gave the same run different last bits in
        different processes. (Python 3.12's compensated `sum` gave what `fsum` gives on every value measured.)"""
        total = self.bias + math.fsum(map(self.weights.get, found, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, total))))

    def field_kind(self, field: str) -> str:
        """The kind of a field by its name (`http_user_agent` is a user agent), or `default`. (The detector asks
        once per name: `Detector._plan`.)"""
        return next((kind.name for kind in self.kinds if kind.names.search(field)), "default")

    def threshold(self, field: str) -> float:
        """The score from which a value of this field is flagged."""
        return self.thresholds.get(self.field_kind(field), self.default_threshold)


@lru_cache(maxsize=2)
def load_model(name: str = DEFAULT_MODEL) -> LearnedModel:
    """The learned model of `injection/<name>.json`."""
    path = MODEL_DIR / f"{name}.json"
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path.name}: {exc}") from exc
    return LearnedModel(spec)
