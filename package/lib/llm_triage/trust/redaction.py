"""Keeping credentials out of every message the app writes: row fields, search.log, errors.

`scrub_secrets` guards the app's own text; `redact_evidence` masks secrets found in the evidence a bundle
would carry (cloud keys, tokens, passwords on command lines, private keys, credentials in URLs).
"""

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from llm_triage.trust.personal_data import mask_contacts, mask_personal_data

REDACTED = "[redacted]"

# Key-shaped strings, including the masked echoes some providers put in error messages (sk-ab****wxyz).
_KEY_SHAPED = re.compile(
    r"(?:\b(?:sk|pk|rk)-[A-Za-z0-9_\-*.]{4,}"
    r"|\bBearer\s+[A-Za-z0-9_\-.=:/+*]{4,}"
    r"|\b(?:api[_-]?key|access[_-]?token|secret|password)\s*[=:]\s*\S+)",
    re.IGNORECASE,
)
_MIN_SECRET_LENGTH = 4  # shorter "secrets" would blank out ordinary words


def scrub_secrets(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every known secret, and anything shaped like a credential, replaced by [redacted]."""
    for secret in sorted({s for s in secrets if s and len(s) >= _MIN_SECRET_LENGTH}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return _KEY_SHAPED.sub(REDACTED, text)


# -- Evidence redaction: secrets found in the values a bundle would carry --------------------------------
#
# The formats are data: secret_catalogue.json, one rule per format with the public description it follows
# (checked by tools/secret_catalogue.py). Each rule names the kind of secret, the text a value must hold
# for it to run, a pattern and which of its groups is the secret; the rest of the match (a key name, a
# flag, a URL's host) is kept, so the model still sees that a password was passed. Masks read
# `[redacted:<kind>]`.

CATALOGUE = Path(__file__).with_name("secret_catalogue.json")


@dataclass(frozen=True)
class SecretRule:
    """One format of the catalogue."""

    kind: str
    needles: "tuple[tuple[str, ...], ...]"  # any of these, each a set of lower-case texts the value holds
    pattern: "re.Pattern[str]"
    group: int  # the secret's group; 0: the whole match


@dataclass(frozen=True)
class WeakName:
    """A name that only ends like a secret's (GITHUB_TOKEN, stripe_key) masks only a token-like value of
    high entropy: `token=false` and `cache_key=user:42` stay."""

    name: "re.Pattern[str]"
    value: "re.Pattern[str]"
    min_entropy: float


def load_catalogue(path: Path = CATALOGUE) -> "tuple[tuple[SecretRule, ...], WeakName]":
    """The rules of the catalogue at `path`, compiled; ValueError naming the rule that does not compile."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rules = []
    for index, item in enumerate(data["rules"]):
        flags = (re.IGNORECASE if "i" in item["flags"] else 0) | (re.DOTALL if "s" in item["flags"] else 0)
        try:
            pattern = re.compile(item["pattern"], flags)
        except re.error as exc:
            raise ValueError(f"{path.name}: rule {index} ({item['kind']}) does not compile: {exc}") from None
        needles = tuple(tuple(needle.split("&")) for needle in item["needles"])
        rules.append(SecretRule(item["kind"], needles, pattern, int(item["group"])))
    weak = data["weak_name"]
    return tuple(rules), WeakName(re.compile(weak["pattern"], re.I), re.compile(weak["value"]), weak["min_entropy"])


EVIDENCE_RULES, WEAK_NAME = load_catalogue()

_SHORTEST_SECRET = 8  # no rule matches less than `pwd=abcd`


def literal_trie(words: "Iterable[str]") -> str:
    """A pattern matching any of `words`, the longest where several start at one place, written as a
    trie (`se(?:cret(?:_key)?|ssion_token)`) so that the engine rules out most positions at their first
    character instead of trying every word at every position."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branch(node: "dict[str, dict]") -> str:
        options = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not options:
            return ""
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(root)


# Every evidence value passes through here, so the rules that can apply to it are found by scanning its
# lower-cased text for the first needle of every rule: most values hold none, and then nothing else runs.
# Only rules whose needles are all there run their patterns, in the catalogue's order.
_FIRST_NEEDLES = sorted({parts[0] for rule in EVIDENCE_RULES for parts in rule.needles})
_ANY_NEEDLE = re.compile(literal_trie(_FIRST_NEEDLES))
# A needle found also means every needle it starts with was there (the scan reports the longest).
_NEEDLES_WITHIN = {word: [other for other in _FIRST_NEEDLES if word.startswith(other)] for word in _FIRST_NEEDLES}
# For each first needle: the rules it may start, by their place in the catalogue, with their other needles.
_RULES_BY_NEEDLE: "dict[str, list[tuple[int, tuple[str, ...]]]]" = {
    word: [
        (index, parts[1:]) for index, rule in enumerate(EVIDENCE_RULES) for parts in rule.needles if parts[0] == word
    ]
    for word in _FIRST_NEEDLES
}


def _rules_for(lower: str) -> "list[SecretRule]":
    """The rules whose needles `lower` (a lower-cased value) holds, in the catalogue's order."""
    present: set[str] = set()
    match = _ANY_NEEDLE.search(lower)
    while match:  # from every place a needle starts, overlapping ones too (`--password`: -pass, passw)
        present.update(_NEEDLES_WITHIN[match.group(0)])
        match = _ANY_NEEDLE.search(lower, match.start() + 1)
    if not present:
        return []
    chosen = {
        index for needle in present for index, rest in _RULES_BY_NEEDLE[needle] if all(part in lower for part in rest)
    }
    return [EVIDENCE_RULES[index] for index in sorted(chosen)]


# Field names (the last part of a dotted name) whose whole value is a secret, wherever they come from.
SECRET_FIELD_NAMES = frozenset(
    {"password", "passwd", "pwd", "secret", "client_secret", "clientsecret", "secretaccesskey", "secret_access_key",
     "sessiontoken", "session_token", "private_key", "privatekey", "api_key", "apikey", "access_token",
     "accesstoken", "refresh_token", "refreshtoken", "id_token", "idtoken", "token"}
)  # fmt: skip


def mask(kind: str) -> str:
    """What a secret of `kind` is replaced by."""
    return f"[redacted:{kind}]"


_MASK = re.compile(r"\[redacted:([a-z0-9_]+)\]")


def redaction_counts(text: str) -> dict[str, int]:
    """How many secrets of each kind `text` (a bundle as built) holds masked."""
    counts: dict[str, int] = {}
    for kind in _MASK.findall(text):
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def redaction_labels(text: str) -> list[str]:
    """`kind: count` for each kind of mask in `text`, by kind: what a row's `triage_redactions` shows."""
    if "[redacted:" not in text:  # most bundles: nothing was masked
        return []
    return [f"{kind}: {count}" for kind, count in sorted(redaction_counts(text).items())]


def redact_evidence(value: str, name: str = "", contacts: bool = False) -> str:
    """`value` (one evidence value of the field called `name`) with every secret it holds masked, and with
    `contacts` its e-mail addresses and phone numbers too."""
    if name and name.rsplit(".", 1)[-1].lower() in SECRET_FIELD_NAMES and value:
        return mask("secret_field")
    if len(value) < _SHORTEST_SECRET:
        return value
    return _redacted_short(value, contacts) if len(value) <= _REMEMBERED_CHARS else _redacted(value, contacts)


# Evidence repeats (the same event names, hosts, users and addresses row after row), so short values are
# redacted once per process: at most 8,192 of them, of at most 256 characters (a few MB at worst).
_REMEMBERED_CHARS = 256


def _redacted(value: str, contacts: bool) -> str:
    value = mask_personal_data(value)
    if contacts:
        value = mask_contacts(value)
    for rule in _rules_for(value.lower()):
        value = rule.pattern.sub(lambda match, r=rule: _masked(match, r), value)  # type: ignore[misc]
    return value


_redacted_short = lru_cache(maxsize=8192)(_redacted)


def _masked(match: "re.Match[str]", rule: SecretRule) -> str:
    whole = match.group(0)
    if rule.group == 0:
        return mask(rule.kind)
    if "name" in match.re.groupindex and WEAK_NAME.name.search(match.group("name") or ""):
        secret = match.group(rule.group)
        if not WEAK_NAME.value.match(secret) or entropy(secret) < WEAK_NAME.min_entropy:
            return whole
    start, end = match.span(rule.group)
    offset = match.start()
    return whole[: start - offset] + mask(rule.kind) + whole[end - offset :]


def entropy(text: str) -> float:
    """Shannon entropy of `text` in bits per character (a random token of 62 symbols: about 5.9)."""
    counts: dict[str, int] = {}
    for char in text:
        counts[char] = counts.get(char, 0) + 1
    total = len(text)
    return -sum(count / total * math.log2(count / total) for count in counts.values()) if total else 0.0
