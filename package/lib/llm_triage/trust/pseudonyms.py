"""Pseudonyms: identifiers (users, emails, hosts, addresses) replaced by keyed hashes before a bundle is sent.

A pseudonym is `<field>:ps_<12 hex>`, the first 12 hex digits of HMAC-SHA256(key, value): the same value
gets the same pseudonym in every bundle and every search of one deployment (so the model can still see
that two alerts share a user), and nobody without the key can reverse it. The key is generated once and
kept in Splunk's secret storage; only the app's REST endpoint (run with splunkd's system token) reads it,
so analysts never can. The endpoint pseudonymizes just before the model call and maps pseudonyms in the
answer back to the real values, so the analyst reads real names.

Which fields are identifiers is the profiles' `identifier: true`; a value of one is also replaced wherever
it appears inside the bundle's other values (a user's email inside a message). E-mail addresses and phone
numbers found in the other values (free text: a message body, a subject, a command line) are identifiers
too, whoever they name: `email:ps_...`, `phone:ps_...`; so are AWS access key ids (`access_key:ps_...`,
the cloud_audit profile's name for them): the id alone authenticates nothing, so redaction keeps it for the
analyst, but it names the key's owner as a user name does.
"""

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Optional
from urllib.parse import quote, urlencode

from llm_triage.enrichment.context import CONTEXT_PREFIX
from llm_triage.evidence.bundle import Bundle
from llm_triage.evidence.canonical import canonical_json, content_hash, strict_json_loads
from llm_triage.evidence.fields import FieldValue
from llm_triage.evidence.profiles import load_profiles
from llm_triage.splunkd.log_files import keep_out_of_logs
from llm_triage.splunkd.rest import SplunkdRest
from llm_triage.trust.personal_data import find_contacts
from llm_triage.verdict.judge import Judge, Judgement

KEY_REALM = "llm_triage_pseudonyms"  # secret storage: realm and user name of the deployment's key
KEY_USERNAME = "hmac_key"
HASH_CHARS = 12  # 48 bits: two values of one bundle sharing a pseudonym is vanishingly unlikely
MIN_EMBEDDED_CHARS = 3  # shorter identifier values are not searched for inside other values
_PSEUDONYM = re.compile(r"\b(?:[a-z][a-z0-9_]*:)?ps_([0-9a-f]{" + str(HASH_CHARS) + r"})\b")


class PseudonymKeyUnavailable(Exception):
    """The key could not be read or stored; the message says why and never holds the key."""


@dataclass(frozen=True)
class Pseudonymized:
    """A bundle as sent, and how to read its pseudonyms back."""

    bundle: Bundle
    real: Mapping[str, str]  # hash part of a pseudonym -> the real value


class Pseudonymizer:
    """Replaces a bundle's identifier values by pseudonyms under one deployment key."""

    def __init__(self, key: str):
        if len(key) < 16:
            raise ValueError("a pseudonym key needs at least 16 characters")
        self._key = key.encode("utf-8")

    def digest(self, value: str) -> str:
        """The hash part of `value`'s pseudonym."""
        return hmac.new(self._key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:HASH_CHARS]

    def pseudonym(self, kind: str, value: str) -> str:
        """`kind:ps_<hash>` for `value`."""
        return f"{kind}:ps_{self.digest(value)}"

    def bundle(self, bundle: Bundle) -> Pseudonymized:
        """`bundle` with its identifiers pseudonymized (a new text and hash; the same references)."""
        document = strict_json_loads(bundle.text)
        names = identifier_names(str(document.get("profile", "")))
        replacements: dict[str, str] = {}  # real value -> pseudonym
        real: dict[str, str] = {}
        events = document.get("events")
        for event in events if isinstance(events, list) else []:
            fields = event.get("fields") if isinstance(event, dict) else None
            if not isinstance(fields, dict):
                continue
            if str(event.get("ref", "")).startswith(CONTEXT_PREFIX):
                # Enrichment's results name whoever the search found, under any field name: every value is
                # an identifier but counts and times (numbers), which name no one.
                for name in fields:
                    fields[name] = self._replace_whole(name, fields[name], replacements, real, keep_numbers=True)
                continue
            for name in [name for name in fields if name in names]:
                fields[name] = self._replace_whole(name, fields[name], replacements, real)
            for name in [name for name in fields if name not in names]:
                for kind, contact in _free_text_identifiers(fields[name]):
                    self._replace_whole(kind, contact, replacements, real)
        if not replacements:
            return Pseudonymized(bundle, real)
        embedded = sorted((v for v in replacements if len(v) >= MIN_EMBEDDED_CHARS), key=len, reverse=True)
        if embedded:
            pattern = re.compile("|".join(re.escape(value) for value in embedded))
            for event in events:
                fields = event.get("fields") if isinstance(event, dict) else None
                if not isinstance(fields, dict):
                    continue
                for name, value in fields.items():
                    if name not in names:
                        fields[name] = _substitute(value, pattern, replacements)
        text = canonical_json(document)
        return Pseudonymized(replace(bundle, text=text, hash=content_hash(text)), real)

    def _replace_whole(
        self, kind: str, value: Any, replacements: dict[str, str], real: dict[str, str], keep_numbers: bool = False
    ) -> Any:
        if isinstance(value, list):
            return [self._replace_whole(kind, item, replacements, real, keep_numbers) for item in value]
        # "…[3 more values]" says how many, not who; a masked secret names no one and stays readable.
        if not isinstance(value, str) or value.startswith(("…[", "[redacted:")):
            return value
        if keep_numbers and _NUMBER.fullmatch(value):
            return value
        pseudonym = replacements.get(value) or self.pseudonym(kind, value)
        replacements.setdefault(value, pseudonym)
        real[pseudonym.rsplit("ps_", 1)[1]] = value
        return pseudonym


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# AWS's documented key id prefixes: AKIA long-term, ASIA temporary (STS).
_AWS_KEY_ID = re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b")


def _free_text_identifiers(value: Any) -> list[tuple[str, str]]:
    """The identifiers found in free text: e-mail addresses, phone numbers, AWS access key ids."""
    if isinstance(value, list):
        return [found for item in value for found in _free_text_identifiers(item)]
    if not isinstance(value, str):
        return []
    found = find_contacts(value)
    if "IA" in value:
        found += [("access_key", match.group(0)) for match in _AWS_KEY_ID.finditer(value)]
    return found


def _substitute(value: Any, pattern: "re.Pattern[str]", replacements: Mapping[str, str]) -> Any:
    if isinstance(value, list):
        return [_substitute(item, pattern, replacements) for item in value]
    if not isinstance(value, str):
        return value
    return pattern.sub(lambda match: replacements[match.group(0)], value)


def reveal(text: str, real: Mapping[str, str]) -> str:
    """`text` with every pseudonym it names (with or without its `kind:`) replaced by the real value."""
    if "ps_" not in text:
        return text
    return _PSEUDONYM.sub(lambda match: real.get(match.group(1), match.group(0)), text)


def reveal_fields(fields: Mapping[str, FieldValue], real: Mapping[str, str]) -> dict[str, FieldValue]:
    """A judgement's fields with pseudonyms mapped back (rationale, evidence, questions, next action...)."""
    revealed: dict[str, FieldValue] = {}
    for name, value in fields.items():
        revealed[name] = [reveal(item, real) for item in value] if isinstance(value, list) else reveal(value, real)
    return revealed


@lru_cache(maxsize=64)
def identifier_names(profile_label: str) -> frozenset[str]:
    """The identifier fields of the profile a bundle names (`cloud_audit/1`); for a bundle of fields an
    analyst named (`fields/1`), every name any profile marks as an identifier."""
    profile_id = profile_label.split("/", 1)[0]
    profiles = load_profiles()
    chosen = [profile for profile in profiles if profile.id == profile_id] or list(profiles)
    return frozenset(spec.name for profile in chosen for spec in profile.fields if spec.identifier)


class PseudonymizingJudge:
    """Pseudonymizes every bundle before `inner` sees it, and maps pseudonyms in each answer back.

    `sent` keeps, by the original bundle's hash, the text that was sent (for the audit trail).
    """

    def __init__(self, inner: Judge, pseudonymizer: Pseudonymizer):
        self._inner = inner
        self._pseudonymizer = pseudonymizer
        self.provider = inner.provider
        self.sent: dict[str, str] = {}

    def judge(self, bundles: Sequence[Bundle]) -> list[Judgement]:
        """One judgement per bundle, in order, its fields in real names; never raises."""
        done = [self._pseudonymizer.bundle(bundle) for bundle in bundles]
        for bundle, item in zip(bundles, done):
            self.sent[bundle.hash] = item.bundle.text
        judgements = self._inner.judge([item.bundle for item in done])
        return [
            replace(judgement, fields=reveal_fields(judgement.fields, item.real)) if item.real else judgement
            for judgement, item in zip(judgements, done)
        ]


def stored_key(rest: SplunkdRest, create: bool = True) -> str:
    """The deployment's pseudonym key from secret storage, generated and stored on first use (with
    `create`). Needs splunkd's system token (reading and writing secret storage); PseudonymKeyUnavailable
    otherwise. Two endpoint processes creating it at once agree: the second store is refused (409) and
    reads the first's."""
    key = _read_key(rest)
    if key or not create:
        if not key:
            raise PseudonymKeyUnavailable("no pseudonym key is stored")
        return key
    form = urlencode({"name": KEY_USERNAME, "password": secrets.token_hex(32), "realm": KEY_REALM})
    try:
        status, _ = rest.request("POST", "storage/passwords", form.encode("ascii"))
    except Exception as exc:  # whatever the transport raised
        raise PseudonymKeyUnavailable(f"splunkd unreachable ({exc.__class__.__name__})") from None
    if status not in (200, 201, 409):
        raise PseudonymKeyUnavailable(f"splunkd answered {status} when storing the pseudonym key")
    key = _read_key(rest)
    if not key:
        raise PseudonymKeyUnavailable("the pseudonym key was stored but cannot be read back")
    return key


def _read_key(rest: SplunkdRest) -> str:
    entity = quote(f"{KEY_REALM}:{KEY_USERNAME}:", safe="")
    try:
        status, body = rest.get(f"storage/passwords/{entity}")
    except Exception as exc:  # whatever the transport raised
        raise PseudonymKeyUnavailable(f"splunkd unreachable ({exc.__class__.__name__})") from None
    if status == 404:
        return ""
    if status != 200:
        raise PseudonymKeyUnavailable(f"splunkd answered {status} when reading the pseudonym key")
    try:
        entries = strict_json_loads(body.decode("utf-8")).get("entry", [])
    except (ValueError, AttributeError):
        raise PseudonymKeyUnavailable("splunkd's answer for the pseudonym key is not JSON") from None
    for entry in entries:
        content = entry.get("content", {}) if isinstance(entry, dict) else {}
        if content.get("realm") == KEY_REALM and content.get("username") == KEY_USERNAME:
            key = str(content.get("clear_password", ""))
            keep_out_of_logs(key)
            return key
    return ""


def file_key(path: str) -> Optional[str]:
    """A key kept in a file (for runs without the app's endpoint: tests, tools); None when unreadable."""
    try:
        with open(path, encoding="utf-8") as handle:
            key = handle.read().strip()
    except OSError:
        return None
    return key or None
