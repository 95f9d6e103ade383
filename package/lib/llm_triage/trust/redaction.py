"""Keeping credentials out of every message the app writes: row fields, search.log, errors.

`scrub_secrets` guards the app's own text; `redact_evidence` masks secrets found in the evidence a bundle
would carry (cloud keys, tokens, passwords on command lines, private keys, credentials in URLs).
"""

import re
from collections.abc import Iterable

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
# Each rule names the kind of secret, a pattern, and which of its groups is the secret; the rest of the
# match (a key name, a flag, a URL's host) is kept, so the model still sees that a password was passed.
# Masks read `[redacted:<kind>]`. Rules are data: a table, tested with true and false positives.


def _rule(
    kind: str, needles: str, pattern: str, group: int = 0, flags: int = 0
) -> "tuple[str, tuple[tuple[str, ...], ...], re.Pattern[str], int]":
    """A rule: its kind, the lower-case text a value must hold for it to apply (`a|b`: either; `a&b`:
    both), its pattern, and the group that is the secret (0: the whole match)."""
    alternatives = tuple(tuple(part.split("&")) for part in needles.split("|"))
    return kind, alternatives, re.compile(pattern, flags), group


_VALUE = r"""(?:"[^"\n]{1,200}"|'[^'\n]{1,200}'|[^\s"';,&]{1,400})"""  # a quoted or bare value
_TOOLS_WITH_P = "mysql|mariadb|psexec|paexec|sshpass|crackmapexec|nxc"

# The needles are cheap substring tests on the lower-cased value: most values hold none, and then no
# pattern runs at all (every evidence value passes through here).
EVIDENCE_RULES: "tuple[tuple[str, tuple[tuple[str, ...], ...], re.Pattern[str], int], ...]" = (
    _rule(
        "private_key",
        "private key",
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----.*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)",
        flags=re.DOTALL,
    ),
    _rule("jwt", "eyj", r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    _rule("bearer_token", "bearer|token", r"\b(?:Bearer|Token)\s+([A-Za-z0-9._~+/=-]{16,})", 1, re.IGNORECASE),
    # Long-term (AKIA) and temporary (ASIA) key ids masked apart: which kind was used is evidence.
    _rule("aws_access_key", "akia", r"\bAKIA[A-Z0-9]{16}\b"),
    _rule("aws_temporary_access_key", "asia", r"\bASIA[A-Z0-9]{16}\b"),
    _rule(
        "aws_secret_key",
        "secret",
        r"\b(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key)\"?(?:\s*[=:]\s*|\s+)\"?"
        r"([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        1,
        re.IGNORECASE,
    ),
    _rule("gcp_api_key", "aiza", r"\bAIza[0-9A-Za-z_-]{35}\b"),
    _rule(
        "azure_storage_key",
        "accountkey|sharedaccesskey",
        r"\b(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{20,}={0,2})",
        1,
        re.IGNORECASE,
    ),
    _rule("azure_sas_signature", "sig=", r"[?&]sig=([A-Za-z0-9%+/]{20,}={0,2})", 1),
    _rule("url_credentials", "://&@", r"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s/:@]{1,100}:([^\s/@]{1,200})@", 1),
    _rule(
        "connection_password",
        "password|pwd",
        r"(?:^|[;\s\"'])(?:Password|Pwd)\s*=\s*([^;\"'\s]{1,200})",
        1,
        re.IGNORECASE,
    ),
    # Command lines: --password X, -Password X (PowerShell), -pw X, /p:X, /password:X (Windows tools).
    _rule(
        "command_line_password",
        "-pass|-pw",
        r"(?:^|\s)(?:--?pass(?:word|wd)?|-pw)(?:[=:]|\s+)(" + _VALUE + ")",
        1,
        re.IGNORECASE,
    ),
    _rule("command_line_password", "/p", r"(?:^|\s)/p(?:ass(?:word)?)?:(" + _VALUE + ")", 1, re.IGNORECASE),
    # `-p` is a password only for some tools (mysql -pX, psexec -p X); for mkdir, ssh, nc, perl it is not.
    _rule(
        "command_line_password",
        "|".join(f"{tool}&-p" for tool in _TOOLS_WITH_P.split("|")),
        r"\b(?:" + _TOOLS_WITH_P + r")(?:\.exe)?\b[^\n|;&]*?\s-p\s*(?!-)(" + _VALUE + ")",
        1,
        re.IGNORECASE,
    ),
    _rule(
        "command_line_password",
        "net&user",
        r"\bnet1?(?:\.exe)?\s+user\s+" + _VALUE + r"\s+(?![/*])(" + _VALUE + ")",
        1,
        re.IGNORECASE,
    ),
    _rule(
        "secret_value",
        "passw|client_secret|apikey|api_key|access_token|accesstoken|secret_key|secretkey",
        r"\b(?:password|passwd|client_secret|api_?key|access_?token|secret_?key)\"?\s*[=:]\s*\"?((?!\[redacted)"
        r"[^\s\"',;&]{4,})",
        1,
        re.IGNORECASE,
    ),
)

_SHORTEST_SECRET = 8  # no rule matches less than `pwd=abcd`

# One scan of the lower-cased value for the first needle of every rule: about one value in twelve of
# the Panther test events holds one; for the rest no needle is checked and no pattern runs.
_ANY_NEEDLE = re.compile(
    "|".join(sorted({re.escape(parts[0]) for _, needles, _, _ in EVIDENCE_RULES for parts in needles}))
)

# Field names (the last part of a dotted name) whose whole value is a secret, wherever they come from.
SECRET_FIELD_NAMES = frozenset(
    {"password", "passwd", "pwd", "secret", "client_secret", "clientsecret", "secretaccesskey", "secret_access_key",
     "sessiontoken", "session_token", "private_key", "privatekey", "api_key", "apikey", "access_token",
     "accesstoken", "refresh_token", "refreshtoken", "id_token", "idtoken", "token"}
)  # fmt: skip


def mask(kind: str) -> str:
    """What a secret of `kind` is replaced by."""
    return f"[redacted:{kind}]"


def redact_evidence(value: str, name: str = "") -> str:
    """`value` (one evidence value of the field called `name`) with every secret it holds masked."""
    if name and name.rsplit(".", 1)[-1].lower() in SECRET_FIELD_NAMES and value:
        return mask("secret_field")
    if len(value) < _SHORTEST_SECRET:
        return value
    lower = value.lower()
    if not _ANY_NEEDLE.search(lower):
        return value
    for kind, needles, pattern, group in EVIDENCE_RULES:
        if any(all(part in lower for part in parts) for parts in needles):
            value = pattern.sub(lambda match, k=kind, g=group: _masked(match, k, g), value)  # type: ignore[misc]
    return value


def _masked(match: "re.Match[str]", kind: str, group: int) -> str:
    if group == 0:
        return mask(kind)
    start, end = match.span(group)
    offset = match.start()
    whole = match.group(0)
    return whole[: start - offset] + mask(kind) + whole[end - offset :]
