"""National identifiers in free text: found by their written shape, kept only if their check passes.

A shape alone would take order numbers, dates and counters for identifiers, so every kind here is one
whose issuer publishes a check (a check digit or letter, or ranges never issued), and is matched only in
the punctuated form people write it in where the bare digits would be too common:

- us_ssn: US Social Security number, 3-2-4 with hyphens, never area 000, 666 or 900-999, group 00
  or serial 0000 (SSA's rules).
- uk_nino: UK National Insurance number, two prefix letters (HMRC never issues D, F, I, Q, U, V first
  or second, O second, nor the prefixes BG, GB, KN, NK, NT, TN, ZZ), six digits, suffix A-D.
- us_itin: US Individual Taxpayer Identification Number, 9XX-XX-XXXX with the IRS's middle ranges.
- ca_sin: Canadian Social Insurance Number, 3-3-3 with spaces or hyphens, Luhn check, never 0 or 8 first.
- br_cpf: Brazil's CPF, 000.000.000-00, two mod-11 check digits.
- es_dni / es_nie: Spain's DNI (8 digits and a check letter) and NIE (X, Y or Z, 7 digits, letter),
  the letter being the number mod 23 in the Ministry of the Interior's table.
- fr_nir: France's social security number (INSEE), 13 characters and a key of 97 - (number mod 97).
- it_fiscal_code: Italy's codice fiscale, 16 characters ending in the Agenzia delle Entrate's check letter.
- in_aadhaar: India's Aadhaar, 4-4-4 digits, never 0 or 1 first, Verhoeff check digit (UIDAI).
- se_personal_number: Sweden's personnummer, YYMMDD-NNNN (or with the century), a real month and day
  (day + 60 for a coordination number) and Luhn over the ten digits (Skatteverket).

Not here, because their only written form is a bare run of digits that order ids and phone numbers share:
Germany's Steuer-ID, the Netherlands' BSN, China's resident id without its birth date checked.
"""

import re
from typing import Callable

from llm_triage.trust.check_digits import luhn_valid, verhoeff_valid

_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
# The codice fiscale's values of a character in an odd (1st, 3rd, ...) position: digits and letters alike.
_FISCAL_ODD = (1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23)
# Corsica's departments 2A and 2B count as 19 and 18 in the NIR's key.
_CORSICA = {"2A": "19", "2B": "18"}


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def _ssn(text: str) -> bool:
    return True  # the pattern holds the SSA's rules; there is no check digit


def _nino(text: str) -> bool:
    return text[:2].upper() not in _NINO_BAD_PREFIXES


def _itin(text: str) -> bool:
    return True  # the pattern holds the IRS's ranges; there is no check digit


def _sin(text: str) -> bool:
    digits = _digits(text)
    return digits[0] not in "08" and luhn_valid(digits)


def _cpf(text: str) -> bool:
    digits = [int(char) for char in _digits(text)]
    if len(set(digits)) == 1:
        return False
    first = sum(digit * (10 - index) for index, digit in enumerate(digits[:9])) * 10 % 11 % 10
    second = sum(digit * (11 - index) for index, digit in enumerate(digits[:10])) * 10 % 11 % 10
    return digits[9:] == [first, second]


def _dni(text: str) -> bool:
    compact = text.replace("-", "").upper()
    return _DNI_LETTERS[int(compact[:8]) % 23] == compact[8]


def _nie(text: str) -> bool:
    compact = text.replace("-", "").upper()
    return _DNI_LETTERS[int(str("XYZ".index(compact[0])) + compact[1:8]) % 23] == compact[8]


def _nir(text: str) -> bool:
    compact = text.replace(" ", "").upper()
    number = compact[:5] + _CORSICA.get(compact[5:7], compact[5:7]) + compact[7:13]
    return number.isdigit() and 97 - int(number) % 97 == int(compact[13:])


def _fiscal_code(text: str) -> bool:
    text = text.upper()
    total = 0
    for index, char in enumerate(text[:15]):
        value = int(char) if char.isdigit() else ord(char) - ord("A")
        total += _FISCAL_ODD[value] if index % 2 == 0 else value
    return chr(ord("A") + total % 26) == text[15]


def _aadhaar(text: str) -> bool:
    return verhoeff_valid(_digits(text))


def _personal_number(text: str) -> bool:
    digits = _digits(text)[-10:]
    month, day = int(digits[2:4]), int(digits[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91) and luhn_valid(digits)


_B = r"(?<![\w.+-])"  # nothing identifier-like just before
_E = r"(?![\w+-]|\.\w)"  # nor just after (a full stop ending a sentence is fine)
KINDS: "dict[str, tuple[str, Callable[[str], bool]]]" = {
    "us_ssn": (r"(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}", _ssn),
    "uk_nino": (r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]", _nino),
    "us_itin": (r"9\d{2}-(?:5\d|6[0-5]|7\d|8[0-8]|9[0-2]|9[4-9])-\d{4}", _itin),
    "ca_sin": (r"\d{3}(?P<sin_gap>[ -])\d{3}(?P=sin_gap)\d{3}", _sin),
    "br_cpf": (r"\d{3}\.\d{3}\.\d{3}-\d{2}", _cpf),
    "es_dni": (r"\d{8}-?[A-Z]", _dni),
    "es_nie": (r"[XYZ]-?\d{7}-?[A-Z]", _nie),
    "fr_nir": (r"[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}", _nir),
    "it_fiscal_code": (r"[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]", _fiscal_code),
    "in_aadhaar": (r"[2-9]\d{3}(?P<aadhaar_gap>[ -])\d{4}(?P=aadhaar_gap)\d{4}", _aadhaar),
    "se_personal_number": (r"(?:19|20)?\d{6}[-+]\d{4}", _personal_number),
}
# One alternation of every kind, its boundaries outside: personal_data.py scans for these and the other
# personal data at once.
NATIONAL_ID_PATTERN = _B + "(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, (pattern, _) in KINDS.items()) + ")" + _E
_NATIONAL_ID = re.compile(NATIONAL_ID_PATTERN)


def mask_national_ids(value: str) -> str:
    """`value` with every national identifier that passes its check masked as `[redacted:<kind>]`."""
    return _NATIONAL_ID.sub(national_id_mask, value)


def national_id_mask(match: "re.Match[str]") -> str:
    """The mask of the national identifier `match` (of NATIONAL_ID_PATTERN) found, or its text when its
    check fails."""
    kind = next(kind for kind in KINDS if match.group(kind) is not None)
    return f"[redacted:{kind}]" if KINDS[kind][1](match.group(0)) else match.group(0)
