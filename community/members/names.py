"""Display names that look alike are the same name.

A member must not pass as a moderator or as "Former member" by swapping a Latin letter for a
Cyrillic or Greek one that looks the same ("Moderatоr Maya"), nor take another member's name
that way. Names are compared by a key: the NFKC form, case-folded, with each character that
Unicode's confusables data (UTS #39) says looks like an ASCII letter or digit replaced by it,
and the few ASCII look-alikes folded together the way UTS #39's skeleton does."""

import unicodedata

from confusable_homoglyphs.confusables import confusables_data

ASCII_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "|": "l", "i": "l"})


def _ascii_prototype(character: str) -> str:
    if character.isascii():
        return character
    for homoglyph in confusables_data.get(character, []):
        candidate = homoglyph["c"].strip("\u200e\u200f")
        if len(candidate) == 1 and candidate.isascii() and candidate.isalnum():
            return candidate
    return character


def name_key(name: str) -> str:
    key = unicodedata.normalize("NFKC", " ".join(name.split()))
    for _ in range(2):
        key = "".join(_ascii_prototype(character) for character in key).casefold()
    return key.translate(ASCII_LOOKALIKES).replace("rn", "m").replace("vv", "w")
