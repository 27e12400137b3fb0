"""Spoken quantities written as a note writes them: "twenty milligrams" -> "20 mg"."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, "hundred"], key=len, reverse=True))
_RUN = rf"(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*"
# One number as said or written, for patterns that read values ("one forty-eight", "98.6").
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|(?:a\s+)?{_RUN}(?:\s+point\s+(?:{_NUMBER_WORD}))?)"
# A number is written in digits only where it is a quantity: before a unit, "point", "over",
# "out of", "plus", or as a compound ("twenty five"); "no one" and "the other one" stay words.
_QUANTITY_AFTER = (
    r"mg|milligrams?|mcg|micrograms?|grams?|ml|milliliters?|cc|units?|percent|%|degrees?|"
    r"pounds?|lbs|kilos?|kilograms?|days?|weeks?|months?|years?|hours?|minutes?|times|"
    r"point|over|out of|plus|x|beats|breaths|tablets?|pills?|puffs?|year-old|day|mm|cm|inch(?:es)?"
)
_QUANTITY = re.compile(
    rf"\b(?P<n>{_RUN})\b(?=[\s-]+(?:{_QUANTITY_AFTER})\b|\s*%)|"
    rf"\b(?P<c>(?:{'|'.join(_TENS)})[\s-]+(?:{'|'.join(_UNITS)})|(?:{_NUMBER_WORD})[\s-]+hundred"
    rf"(?:[\s-]+(?:and\s+)?(?:{_RUN}))?)\b|(?<=\bpoint )(?P<d>{'|'.join(_UNITS)})\b",
    re.IGNORECASE,
)
_POINT = re.compile(r"\b(\d+) point (\d+)\b")
_SECOND = re.compile(rf"\b(?P<a>\d+) (?P<op>over|out of|to) (?P<n>{_RUN})\b", re.IGNORECASE)
_PERCENT = re.compile(r"(?<=\d) ?percent\b", re.IGNORECASE)
_MILLIGRAMS = re.compile(r"\bmilligrams?\b", re.IGNORECASE)


def _value(words: str) -> str | None:
    tokens = [w for w in re.split(r"[\s-]+", words.lower()) if w and w != "and"]
    if tokens[:1] == ["a"]:  # "a hundred and one" is 101; "a seven out of ten" is 7
        tokens = ["one", *tokens[1:]] if tokens[1:2] == ["hundred"] else tokens[1:]
    if not tokens:
        return None
    # Readings are said by their hundreds: "one forty-eight" is 148, "two twenty" 220.
    hundreds = len(tokens) > 1 and 0 < _UNITS.get(tokens[0], 0) < 10
    if hundreds and (tokens[1] in _TENS or _UNITS.get(tokens[1], 0) >= 10):
        rest = _value(" ".join(tokens[1:]))
        return None if rest is None else str(_UNITS[tokens[0]] * 100 + int(rest))
    total = current = 0
    for word in tokens:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            return None
    total += current
    return str(total)


def spoken_value(words: str) -> str | None:
    """Digits for one spoken or written number ("one forty-eight" -> "148", "98.6" stays),
    or None when the words are not a number."""
    words = words.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", words.replace(",", "")):
        return words.replace(",", "")
    whole, _, decimal = words.partition(" point ")
    value = _value(whole) if whole else None
    if value is None or not decimal:
        return value
    digits = [_UNITS.get(word) for word in decimal.split()]
    if any(d is None or d > 9 for d in digits):
        return None
    return value + "." + "".join(str(d) for d in digits)


def _replace(match: re.Match[str]) -> str:
    words = match.group(0)
    value = _value(words)
    return value if value is not None else words


def with_digits(text: str) -> str:
    """Quantities in digits and milligrams as "mg"; other words untouched."""
    text = _QUANTITY.sub(_replace, text)
    text = _SECOND.sub(lambda m: f"{m['a']} {m['op']} {_value(m['n']) or m['n']}", text)
    text = _POINT.sub(r"\1.\2", text)
    text = _PERCENT.sub("%", text)
    return _MILLIGRAMS.sub("mg", text)
