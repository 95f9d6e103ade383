"""Card numbers, US Social Security numbers and IBANs in free text: masked when their issuer's check
passes, left alone when only their shape matches."""

import random

import pytest

from llm_triage.trust.check_digits import luhn_valid
from llm_triage.trust.personal_data import mask_personal_data
from llm_triage.trust.redaction import redact_evidence
from tests.llm_triage.trust.secret_corpus import CONTEXTS


def card(rng: random.Random, prefix: str, length: int) -> str:
    """A number as ISO/IEC 7812 describes one: issuer prefix, account digits, Luhn check digit."""
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return next(body + digit for digit in "0123456789" if luhn_valid(body + digit))


def iban(rng: random.Random, country: str, length: int) -> str:
    """An IBAN as ISO 13616 describes one: country, check digits making the whole mod 97 equal 1, BBAN."""
    bban = "".join(rng.choice("0123456789") for _ in range(length - 4))
    number = int("".join(str(int(char, 36)) for char in bban + country + "00"))
    return f"{country}{98 - number % 97:02d}{bban}"


def ssn(rng: random.Random) -> str:
    """A number as the SSA issues them: area 001-665 or 667-899, group 01-99, serial 0001-9999."""
    area = rng.choice([n for n in range(1, 900) if n != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def corpus() -> list[tuple[str, str]]:
    rng = random.Random(4)
    made: list[tuple[str, str]] = []
    for prefix, length in (
        ("4", 16),
        ("51", 16),
        ("2221", 16),
        ("34", 15),
        ("37", 15),
        ("6011", 16),
        ("65", 16),
        ("3530", 16),
    ):
        for _ in range(3):
            number = card(rng, prefix, length)
            spaced = " ".join(number[i : i + 4] for i in range(0, len(number), 4)) if length == 16 else number
            made += [(number, number), (spaced, spaced)]
    made += [(value, value) for value in (ssn(rng) for _ in range(10))]
    made += [(value, value) for value in (iban(rng, "DE", 22) for _ in range(5))]
    made += [(value, value) for value in (iban(rng, "FR", 27) for _ in range(5))]
    return made


def test_every_planted_number_is_masked_in_every_kind_of_field() -> None:
    stayed = []
    for text, number in corpus():
        for context, template in CONTEXTS.items():
            if number in redact_evidence(template.format(secret=text)):
                stayed.append((context, number))
    assert stayed == []


@pytest.mark.parametrize(
    "value",
    [
        "order 4111111111111112",  # an issuer's prefix, but not a valid check digit
        "event id 1234567890123456",
        "arn:aws:iam::123456789012:role/x",
        "1764064000123 ms since epoch",
        "ssn-shaped but area 000: 000-12-3456, 666-12-3456, 900-12-3456",
        "GB00 WEST 1234 5698 7654 32",  # wrong IBAN check digits
        "4111-11111-111-1111",  # a valid number, but not grouped as cards are printed
        "ip 203.0.113.9 port 443",
    ],
)
def test_shapes_without_a_valid_check_stay(value: str) -> None:
    assert mask_personal_data(value) == value


# -- e-mail addresses and phone numbers: masked only in free text, and only when the admin asks ----------


CONTACTS = [
    ("alice.smith@example.com", "email"),
    ("x+tag@mail.example.co.uk", "email"),
    ("+1 415 555 0134", "phone"),
    ("(415) 555-0134", "phone"),
    ("415.555.0134", "phone"),
    ("+44 20 7946 0958", "phone"),
    ("+33 1 23 45 67 89", "phone"),
    ("+81-3-1234-5678", "phone"),
]


@pytest.mark.parametrize(("contact", "kind"), CONTACTS)
def test_contacts_in_free_text_are_masked_when_asked(contact: str, kind: str) -> None:
    for template in CONTEXTS.values():
        text = template.format(secret=contact)
        assert redact_evidence(text) == text  # the default: analysts need senders and callers
        masked = redact_evidence(text, contacts=True)
        assert contact not in masked and f"[redacted:{kind}]" in masked


@pytest.mark.parametrize(
    "value",
    ["2026-12-04 05:00:00", "version 10.0.19041.1234", "ip 203.0.113.9 port 8443", "user@localhost",
     "order 12345678", "1.2.3.4-5", "build 20261204.1", "arn:aws:iam::123456789012:role/x"],
)  # fmt: skip
def test_dates_versions_addresses_and_ids_are_not_contacts(value: str) -> None:
    assert redact_evidence(value, contacts=True) == value


def test_identifier_fields_keep_their_contacts_and_free_text_loses_them() -> None:
    from llm_triage.evidence.bundle import Limits, build_bundle
    from llm_triage.evidence.profiles import get_profile

    row = {
        "sourcetype": "pps_messagelog",
        "sender": "ceo@evil.example",
        "Subject": "call me on +44 20 7946 0958 or write to ceo.private@evil.example",
    }
    profile = get_profile("email")
    shown = build_bundle(row, profile, Limits(mask_contacts=True)).text
    assert "[redacted:phone]" in shown and "[redacted:email]" in shown and "ceo.private@" not in shown
    assert '"src_user":"ceo@evil.example"' in shown  # an identifier field: pseudonymize is what hides it
    assert "+44 20 7946 0958" in build_bundle(row, profile, Limits()).text
