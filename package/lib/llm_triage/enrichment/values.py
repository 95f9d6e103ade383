"""Which values an entity of each kind may hold before it goes into a context search.

A row's entities come from event data, which an attacker can write (a user name, a URL, a header). Every
value is quoted and escaped when it is rendered, so these checks are a second wall: a value no address,
host, user or hash could be is not searched at all, and the row says why. Kinds the table does not name
get the conservative default: printable, bounded, no control characters.
"""

import ipaddress
import re
from typing import Callable

Check = Callable[[str], str]  # the problem with a value, "" when it may be searched

MAX_DEFAULT_CHARS = 256
_HOST_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_NAME = re.compile(rf"(?=.{{1,253}}\.?\Z){_HOST_LABEL}(?:\.{_HOST_LABEL})*\.?")  # RFC 1123
# RFC 5322's local part as mailboxes are really named: no wildcard, pipe, dollar or quote characters.
_EMAIL = re.compile(r"[A-Za-z0-9._+-]{1,64}@" + _HOST_LABEL + r"(?:\." + _HOST_LABEL + r")+")
_HASH_LENGTHS = (32, 40, 64, 128)  # md5, sha1, sha256, sha512
_ACCESS_KEY = re.compile(r"[A-Za-z0-9]{16,128}")


def value_problem(kind: str, value: str) -> str:
    """Why `value` may not be searched as an entity of `kind`; "" when it may."""
    if not value:
        return "it is empty"
    if not value.isprintable():
        return "it holds a control or non-printing character"
    if "`" in value:
        # Splunk expands macros before it parses the search: keep backticks out even of string literals.
        return "it holds a backtick"
    if "*" in value:
        # A backslash cannot escape `*` in a search term: the search would match every value of the field.
        return "it holds a wildcard (*)"
    return VALUE_CHECKS.get(kind, _bounded(MAX_DEFAULT_CHARS))(value)


def _address_or_host(value: str) -> str:
    try:
        ipaddress.ip_address(value)
        # An IPv6 scope (fe80::1%eth0) may hold almost any character: an address searched never has one.
        return "it holds an IPv6 scope (%)" if "%" in value else ""
    except ValueError:
        pass
    return "" if _HOST_NAME.fullmatch(value) else "it is neither an IP address nor a host name"


def _host_name(value: str) -> str:
    return "" if _HOST_NAME.fullmatch(value) else "it is not a host name"


def _email(value: str) -> str:
    return "" if len(value) <= 254 and _EMAIL.fullmatch(value) else "it is not an e-mail address"


def _file_hash(value: str) -> str:
    is_hex = all(char in "0123456789abcdefABCDEF" for char in value)
    return "" if is_hex and len(value) in _HASH_LENGTHS else "it is not an MD5, SHA-1, SHA-256 or SHA-512 hash"


def _access_key(value: str) -> str:
    return "" if _ACCESS_KEY.fullmatch(value) else "it is not an access key id"


def _bounded(limit: int, spaces: bool = True) -> Check:
    def check(value: str) -> str:
        if len(value) > limit:
            return f"it is longer than {limit} characters"
        if not spaces and any(char.isspace() for char in value):
            return "it holds white space"
        return ""

    return check


# By kind: the identifier fields of the shipped profiles (llm_triage.evidence.entities.entity_kinds), and
# the common CIM kinds a future profile may mark as identifiers.
VALUE_CHECKS: dict[str, Check] = {
    **dict.fromkeys(("src", "dest", "dest_ip", "src_ip", "host", "dvc"), _address_or_host),
    **dict.fromkeys(("domain", "dest_host", "src_host"), _host_name),
    **dict.fromkeys(("user", "src_user", "dest_user", "account", "target", "session_issuer"), _bounded(256)),
    "user_display": _bounded(256),
    **dict.fromkeys(("email", "header_from", "reply_to", "recipient"), _email),
    "file_hash": _file_hash,
    "url": _bounded(2048, spaces=False),
    "message_id": _bounded(998, spaces=False),  # RFC 5322's longest line
    "access_key": _access_key,
    "process": _bounded(1024),
    "risk_object": _bounded(MAX_DEFAULT_CHARS),
}
