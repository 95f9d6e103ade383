"""Text folded to what a reader sees: compatibility forms, invisible characters and look-alike letters
undone, so `ｉｇｎｏｒｅ`, `ig\u200bnore` and `іgnоrе` (Cyrillic) read as `ignore` to the rules and the model."""

import unicodedata

# Look-alike letters of other scripts that NFKC leaves alone: Cyrillic and Greek.
CONFUSABLES = str.maketrans(
    "асеорхуіјѕԁһӏԛԝАВСЕНІЈКМОРЅТХУαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aceopxyijsdhlqwABCEHIJKMOPSTXYabeikvoptuxABEZHIKMNOPTYX",
)


def fold(text: str) -> str:
    """`text` with NFKC applied, format characters (category Cf: zero-width spaces and joiners, bidi
    marks, tag characters) dropped and Cyrillic and Greek look-alikes made Latin. ASCII is returned as is.

    Folding look-alikes also turns honest Russian or Greek words into mixed letters; the rules and the
    model see both the text as written and folded, so nothing is lost."""
    if text.isascii():
        return text
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Cf").translate(CONFUSABLES)
