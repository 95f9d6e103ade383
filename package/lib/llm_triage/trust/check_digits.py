"""Check digits as their issuers define them: what tells an identifier from a number of the same shape."""

# Verhoeff's dihedral group D5: its multiplication table and the permutation applied by position.
_VERHOEFF_D = tuple(
    tuple(int(char) for char in row)
    for row in (
        "0123456789 1234067895 2340178956 3401289567 4012395678 5987604321 6598710432 7659821043 8765932104 9876543210"
    ).split()
)
_VERHOEFF_P = tuple(
    tuple(int(char) for char in row)
    for row in "0123456789 1576283094 5803796142 8916043527 9453126870 4286573901 2793806415 7046913258".split()
)


def luhn_valid(digits: str) -> bool:
    """Whether `digits` ends in a valid Luhn (ISO/IEC 7812-1) check digit."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def verhoeff_valid(digits: str) -> bool:
    """Whether `digits` ends in a valid Verhoeff check digit (the one UIDAI uses for Aadhaar)."""
    check = 0
    for index, char in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[index % 8][int(char)]]
    return check == 0


def iban_valid(text: str) -> bool:
    """Whether `text` (spaces allowed) passes the IBAN's ISO 13616 mod-97 check."""
    compact = text.replace(" ", "")
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in moved)
    return len(compact) >= 15 and int(number) % 97 == 1
