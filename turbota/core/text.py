"""Text handling shared by every app: Ukrainian alphabetical order, whitespace."""

import re
import unicodedata

# Unicode puts "і", "ї", "є", "ґ" after "я" (the Cyrillic block was laid out for Russian),
# so a plain sort lists "Білозерка" after "Бучанський". Each letter maps to a code point
# above U+0100 in Ukrainian alphabet order; anything else sorts after the alphabet.
UKRAINIAN_ALPHABET = " '-0123456789абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_COLLATION = {letter: chr(0x100 + index) for index, letter in enumerate(UKRAINIAN_ALPHABET)}
_APOSTROPHES = str.maketrans(dict.fromkeys("’ʼ`´‘", "'"))
_WHITESPACE = re.compile(r"\s+")


def normalize_text(value: str) -> str:
    """NFC, one kind of apostrophe, single spaces, no padding."""
    text = unicodedata.normalize("NFC", value).translate(_APOSTROPHES)
    return _WHITESPACE.sub(" ", text).strip()


def ukrainian_sort_key(value: str) -> str:
    return "".join(
        _COLLATION.get(character) or "\uffff" + character
        for character in normalize_text(value).casefold()
    )
