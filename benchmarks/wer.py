"""Word error rate with a deliberately small text normaliser.

Normalisation, applied to reference and hypothesis alike:

* lowercase; ``%`` becomes ``percent``; thousands separators go (``1,000`` -> ``1000``);
* standalone numbers become words the way espeak-ng en-us reads them (US style, no "and"):
  ``138`` -> ``one hundred thirty eight``, ``7.2`` -> ``seven point two``; digits inside a
  token (``A1c``, ``20mg``) are left alone;
* apostrophes are dropped (``don't`` -> ``dont``) and every other non-alphanumeric character
  becomes a space, so hyphens and punctuation never count as errors.

It does not reconcile spelling variants (``okay``/``ok``), abbreviations (``mg``) or
spelled-out and numeric forms of ordinals. WER is word-level Levenshtein distance over the
normalised words divided by the number of reference words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"))
_NUMBER = re.compile(r"(?<![a-z0-9])\d+(?:\.\d+)?(?![a-z0-9])")
_THOUSANDS_SEPARATOR = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


@dataclass(frozen=True, slots=True)
class WerResult:
    substitutions: int
    deletions: int
    insertions: int
    reference_words: int

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float:
        if self.reference_words == 0:
            return float(self.errors > 0)
        return self.errors / self.reference_words


def integer_words(number: int) -> str:
    """US English words for a non-negative integer: 152 -> 'one hundred fifty two'."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {integer_words(rest)}" if rest else "")
    for scale, name in _SCALES:
        if number >= scale:
            high, rest = divmod(number, scale)
            return f"{integer_words(high)} {name}" + (f" {integer_words(rest)}" if rest else "")
    raise AssertionError("unreachable")


def _number_words(match: re.Match[str]) -> str:
    whole, _, fraction = match.group().partition(".")
    words = integer_words(int(whole))
    if fraction:
        words += " point " + " ".join(_ONES[int(digit)] for digit in fraction)
    return f" {words} "


def normalize(text: str) -> list[str]:
    text = text.lower().replace("%", " percent ")
    text = _THOUSANDS_SEPARATOR.sub("", text)
    text = _NUMBER.sub(_number_words, text)
    text = re.sub(r"['’]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def word_error_rate(reference: str, hypothesis: str) -> WerResult:
    return align(normalize(reference), normalize(hypothesis))


def align(reference: list[str], hypothesis: list[str]) -> WerResult:
    """Minimum-edit alignment, counting each kind of error (ties prefer substitutions)."""
    # Each cell holds (errors, substitutions, deletions, insertions) for the prefixes.
    previous = [(j, 0, 0, j) for j in range(len(hypothesis) + 1)]
    for i, ref_word in enumerate(reference, start=1):
        current = [(i, 0, i, 0)]
        for j, hyp_word in enumerate(hypothesis, start=1):
            diagonal = previous[j - 1]
            if ref_word == hyp_word:
                best = diagonal
            else:
                substituted = (diagonal[0] + 1, diagonal[1] + 1, diagonal[2], diagonal[3])
                up, left = previous[j], current[j - 1]
                deleted = (up[0] + 1, up[1], up[2] + 1, up[3])
                inserted = (left[0] + 1, left[1], left[2], left[3] + 1)
                best = min(substituted, deleted, inserted, key=lambda cell: cell[0])
            current.append(best)
        previous = current
    _, substitutions, deletions, insertions = previous[-1]
    return WerResult(substitutions, deletions, insertions, len(reference))
