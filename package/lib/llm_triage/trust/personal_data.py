"""Personal data that never needs to leave: payment card numbers and national identifiers in free text.

Unlike secrets these have no vendor prefix, so a pattern alone would take order ids and counters for
them: each candidate is also checked as its issuer checks it. A card number has a known issuer prefix
(ISO/IEC 7812: Visa 4, Mastercard 51-55 and 2221-2720, American Express 34 and 37, Discover 6011 and
65, JCB 3528-3589), 13 to 19 digits, optionally in groups of digits separated by spaces or hyphens,
and a valid Luhn check digit. An IBAN has a country code, two check
digits and passes ISO 13616's mod-97 check (check_digits.py). National identifiers (a US SSN, a UK NINO,
...) are in national_ids.py. All are found in one scan of the value. Masks read `[redacted:<kind>]`, like secrets'.

E-mail addresses and phone numbers are what an analyst often needs (a phishing sender, a caller), so they
are masked only where the admin asks (`mask_contacts`), and only in free-text fields.
"""

import re

from llm_triage.trust.check_digits import iban_valid, luhn_valid
from llm_triage.trust.national_ids import NATIONAL_ID_PATTERN, mask_national_ids, national_id_mask

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b")
# International (+ and 7 to 15 digits, as ITU-T E.164 numbers are written) or North American (NANP:
# area code, exchange, line) with the usual separators; a date, a version or an address never matches.
_PHONE = re.compile(
    r"(?<![\w+./-])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}"
    r"|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w./-])"
)
_SEVEN_DIGITS = re.compile(r"\d(?:[ .()-]{0,2}\d){6}")
_CARD = r"(?<![\d-])(?P<card>(?:\d[ -]?){12,30}\d)(?![\d-])"
_IBAN = r"\b(?P<iban>[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b"
# The leading lookahead lets the engine skip, in C, every position that cannot start any of them (most of
# a value's characters): three times faster than trying each alternative's boundary at every position.
_PERSONAL = re.compile(f"(?=[0-9A-Z])(?:{_CARD}|{_IBAN}|{NATIONAL_ID_PATTERN})")
_TWO_DIGITS = re.compile(r"\d\d")  # every kind holds two digits in a row; most words and names do not
_ISSUER = re.compile(r"^(?:4|5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[47]|6011|65|35(?:2[89]|[3-8]\d))")


def mask_personal_data(value: str) -> str:
    """`value` with card numbers, IBANs and national identifiers masked; the rest kept."""
    return _PERSONAL.sub(_personal_mask, value) if _TWO_DIGITS.search(value) else value


def _personal_mask(match: "re.Match[str]") -> str:
    card, iban = match.group("card"), match.group("iban")
    if card is not None:
        masked = _card_mask(card)
    elif iban is not None:
        masked = "[redacted:iban]" if iban_valid(iban) else iban
    else:
        return national_id_mask(match)
    # A run of digits that is no card (or letters that are no IBAN) may still hold a national identifier.
    return masked if masked != match.group(0) else mask_national_ids(masked)


def _card_mask(text: str) -> str:
    """The run of digits `text` with the card number in it masked: the number may start or end at any
    separator of the run, since a version, a count or a year may stand next to it (`curl/8.4 4111 ...`)."""
    bounds = [0] + [index + 1 for index, char in enumerate(text) if char in " -"]
    ends = [index for index, char in enumerate(text) if char in " -"] + [len(text)]
    # Digits before each position: a span is only checked when it holds 13 to 19 of them, which spares the
    # check for most of a long run of short groups (`123 456 789 ...`) (O(n²) spans otherwise).
    digits_before = [0]
    for char in text:
        digits_before.append(digits_before[-1] + char.isdigit())
    for start in bounds:
        for end in reversed(ends):
            if end > start and 13 <= digits_before[end] - digits_before[start] <= 19 and _is_card(text[start:end]):
                return text[:start] + "[redacted:payment_card]" + text[end:]
    return text


def _is_card(text: str) -> bool:
    digits = re.sub(r"[ -]", "", text)
    return 13 <= len(digits) <= 19 and bool(_ISSUER.match(digits)) and luhn_valid(digits) and _grouped(text)


def _grouped(text: str) -> bool:
    """Whether separators, if any, split the number as cards are printed (groups of 4, or Amex 4-6-5)."""
    parts = re.split(r"[ -]", text)
    if len(parts) == 1:
        return True
    sizes = [len(part) for part in parts]
    return sizes in ([4, 6, 5], [4, 6, 4]) or (all(size == 4 for size in sizes[:-1]) and 1 <= sizes[-1] <= 4)


def find_contacts(value: str) -> list[tuple[str, str]]:
    """The e-mail addresses and phone numbers in `value`, as (kind, text), in order of kind."""
    found = [("email", match.group(0)) for match in _EMAIL.finditer(value)] if "@" in value else []
    if _SEVEN_DIGITS.search(value):
        found += [("phone", match.group(0)) for match in _PHONE.finditer(value) if _is_phone(match.group(0))]
    return found


def mask_contacts(value: str) -> str:
    """`value` with e-mail addresses and phone numbers masked."""
    if "@" in value:
        value = _EMAIL.sub("[redacted:email]", value)
    if _SEVEN_DIGITS.search(value):
        value = _PHONE.sub(lambda match: "[redacted:phone]" if _is_phone(match.group(0)) else match.group(0), value)
    return value


def _is_phone(text: str) -> bool:
    """Whether a phone-shaped `text` holds as many digits as a phone number does (E.164: 7 to 15)."""
    return 7 <= sum(char.isdigit() for char in text) <= 15
