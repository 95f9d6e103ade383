"""National identifiers in free text: made from each issuer's description (shape and check), planted in
every kind of free-text field, masked; the same shapes with a wrong check, and public events, left alone."""

import random
import string

import pytest

from llm_triage.trust.check_digits import luhn_valid, verhoeff_valid
from llm_triage.trust.national_ids import KINDS, mask_national_ids
from llm_triage.trust.redaction import redact_evidence
from tests.llm_triage.trust.secret_corpus import CONTEXTS
from tests.llm_triage.trust.test_personal_data import ssn

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"  # Spain's Ministry of the Interior: the letter of (number mod 23)
# Agenzia delle Entrate: what a character counts in an odd position (digits count as the letters A to J).
ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
FISCAL_ODD = {**dict(zip(string.ascii_uppercase, ODD_VALUES)), **dict(zip(string.digits, ODD_VALUES))}


def digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(count))


def with_check(body: str, valid) -> str:  # type: ignore[no-untyped-def]
    return next(body + digit for digit in string.digits if valid(body + digit))


def nino(rng: random.Random) -> str:
    allowed = "ABCEGHJKLMNPRSTWXYZ"
    prefix = rng.choice(allowed) + rng.choice(allowed.replace("O", ""))
    while prefix in ("GB", "NT", "TN", "KN", "NK", "BG", "ZZ"):
        prefix = rng.choice(allowed) + rng.choice(allowed)
    body = digits(rng, 6)
    return f"{prefix} {body[:2]} {body[2:4]} {body[4:]} {rng.choice('ABCD')}" if rng.random() < 0.5 else (
        prefix + body + rng.choice("ABCD"))  # fmt: skip


def itin(rng: random.Random) -> str:
    return f"9{digits(rng, 2)}-{rng.choice([70, 78, 88, 90, 94, 99, 50, 65])}-{digits(rng, 4)}"


def sin(rng: random.Random) -> str:
    number = with_check(rng.choice("1234567") + digits(rng, 7), luhn_valid)
    gap = rng.choice(" -")
    return gap.join((number[:3], number[3:6], number[6:]))


def cpf(rng: random.Random) -> str:
    base = [int(d) for d in digits(rng, 9)]
    first = sum(d * w for d, w in zip(base, range(10, 1, -1))) % 11
    base.append(0 if first < 2 else 11 - first)
    second = sum(d * w for d, w in zip(base, range(11, 1, -1))) % 11
    base.append(0 if second < 2 else 11 - second)
    text = "".join(map(str, base))
    return f"{text[:3]}.{text[3:6]}.{text[6:9]}-{text[9:]}"


def dni(rng: random.Random) -> str:
    number = digits(rng, 8)
    return number + DNI_LETTERS[int(number) % 23]


def nie(rng: random.Random) -> str:
    first, number = rng.choice("XYZ"), digits(rng, 7)
    return first + number + DNI_LETTERS[int(str("XYZ".index(first)) + number) % 23]


def nir(rng: random.Random) -> str:
    body = f"{rng.choice('12')}{digits(rng, 2)}{rng.randint(1, 12):02d}{rng.randint(1, 95):02d}{digits(rng, 6)}"
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


def fiscal_code(rng: random.Random) -> str:
    body = (
        "".join(rng.choice(string.ascii_uppercase) for _ in range(6)) + digits(rng, 2) + rng.choice("ABCDEHLMPRST")
        + f"{rng.randint(1, 71):02d}" + rng.choice(string.ascii_uppercase) + digits(rng, 3)
    )  # fmt: skip
    total = sum(FISCAL_ODD[c] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65) for i, c in enumerate(body))
    return body + chr(65 + total % 26)


def aadhaar(rng: random.Random) -> str:
    number = with_check(rng.choice("23456789") + digits(rng, 10), verhoeff_valid)
    return f"{number[:4]} {number[4:8]} {number[8:]}"


def personal_number(rng: random.Random) -> str:
    date = f"{digits(rng, 2)}{rng.randint(1, 12):02d}{rng.randint(1, 28) + rng.choice([0, 60]):02d}"
    number = with_check(date + digits(rng, 3), luhn_valid)
    return f"{rng.choice(['', '19', '20'])}{number[:6]}-{number[6:]}"


MAKERS = {"us_ssn": ssn, "uk_nino": nino, "us_itin": itin, "ca_sin": sin, "br_cpf": cpf, "es_dni": dni, "es_nie": nie,
          "fr_nir": nir, "it_fiscal_code": fiscal_code, "in_aadhaar": aadhaar,
          "se_personal_number": personal_number}  # fmt: skip


def test_every_kind_has_a_maker() -> None:
    assert set(MAKERS) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_identifiers_made_from_their_description_are_masked_in_every_kind_of_field(kind: str) -> None:
    rng = random.Random(kind)
    stayed = []
    for _ in range(20):
        number = MAKERS[kind](rng)
        for context, template in CONTEXTS.items():
            redacted = redact_evidence(template.format(secret=number))
            if number in redacted or f"[redacted:{kind}]" not in redacted:
                stayed.append((context, number, redacted))
    assert stayed == []


@pytest.mark.parametrize(
    "value",
    [
        "QQ 12 34 56 C",  # HMRC's example prefix, never issued
        "046 454 286",  # ESDC's example SIN: 0 first is never issued
        "130 692 545",  # a SIN's shape, Luhn fails
        "111.444.777-36",  # CPF, wrong second check digit
        "111.111.111-11",  # CPF of one repeated digit: valid arithmetic, never issued
        "12345678A",  # DNI, wrong letter
        "RSSMRA85T10A562T",  # codice fiscale, wrong check letter
        "1 85 05 78 006 084 92",  # NIR, wrong key
        "2341 2341 2341",  # Aadhaar's shape, Verhoeff fails
        "811318-9876",  # month 13
        "2025-11-25 09:48:55",
        "2024-01-15-1234",
        "192.168.100.200",
        "KB5005565",
        "555-123-4567",
        "+44 20 7946 0958",
        "build 20241115-0930",
        "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "{7D2F9A4E-1B3C-4F5D-8E6A-0C9B8A7D6E5F}",
    ],
)
def test_shapes_without_a_valid_check_stay(value: str) -> None:
    assert mask_national_ids(value) == value


def test_the_issuers_examples() -> None:
    assert mask_national_ids("cf RSSMRA85T10A562S.") == "cf [redacted:it_fiscal_code]."
    assert mask_national_ids("CPF 111.444.777-35") == "CPF [redacted:br_cpf]"
    assert mask_national_ids("DNI 12345678-Z, NIE X1234567L") == "DNI [redacted:es_dni], NIE [redacted:es_nie]"
    assert mask_national_ids("pnr 19811218-9876") == "pnr [redacted:se_personal_number]"
