"""The issuers' check-digit algorithms, on the examples their descriptions give."""

from llm_triage.trust.check_digits import iban_valid, luhn_valid, verhoeff_valid


def test_luhn() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert luhn_valid("79927398713")  # ISO/IEC 7812-1's worked example


def test_iban_mod_97() -> None:
    assert iban_valid("GB82 WEST 1234 5698 7654 32") and not iban_valid("GB83 WEST 1234 5698 7654 32")


def test_verhoeff() -> None:
    # Verhoeff's worked examples: 236 gets check digit 3, 12345 gets 1; any one digit changed fails.
    assert verhoeff_valid("2363") and verhoeff_valid("123451")
    assert not verhoeff_valid("2364") and not verhoeff_valid("2263") and not verhoeff_valid("123415")
