"""Word error rate with a deliberately small text normaliser.

Normalisation, applied to reference and hypothesis alike:

* lowercase; ``%`` becomes ``percent``; thousands separators go (``1,000`` -> ``1000``);
* standalone numbers become words the way espeak-ng en-us reads them (US style, no "and"):
  ``138`` -> ``one hundred thirty eight``, ``7.2`` -> ``seven point two``; digits inside a
  token (``A1c``, ``20mg``) are left alone;
* contractions are expanded as Whisper's ``EnglishTextNormalizer`` does (``don't`` -> ``do
  not``, ``it's`` -> ``it is``, ``I'd`` -> ``I would``), remaining apostrophes are dropped and
  every other non-alphanumeric character becomes a space, so hyphens and punctuation never
  count as errors;
* hesitations are removed (``um``, ``uh``, ``er``, ``erm``, ``hmm``, ``mm``, ``mhm``), as
  Whisper's normaliser does (it keeps ``er``/``erm``; British transcripts use them for ``uh``);
* spelling variants are folded together: the equivalences of the Omi PriMock57 benchmark's
  normaliser (``ok``/``okay``, ``yeah``/``yep``/``yes``, ``mum``/``mom``, ``alright``/``all
  right``, ``kinda``/``kind of``) plus ``gonna``/``wanna``/``y'know`` and a short list of British
  and American spellings (``colour``/``color``, ``diarrhoea``/``diarrhea``).

Unlike Whisper's normaliser it writes numbers as words rather than digits and does not map
the full British/American spelling table, so WERs differ slightly from the Omi leaderboard's.
It does not reconcile abbreviations (``mg``), compounds written apart (``takeaway``/``take
away``) or spelled-out and numeric forms of ordinals. WER is word-level Levenshtein distance
over the normalised words divided by the number of reference words.
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
_CONTRACTIONS = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"\by'?know\b"), "you know"),
    (re.compile(r"\bgonna\b"), "going to"),
    (re.compile(r"\bwanna\b"), "want to"),
    (re.compile(r"\bkinda\b"), "kind of"),
    (re.compile(r"\balright\b"), "all right"),
    (re.compile(r"\bet cetera\b"), "etcetera"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'s\b"), " is"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'m\b"), " am"),
)
_HESITATIONS = frozenset({"um", "uh", "er", "erm", "hmm", "mm", "mmm", "mhm", "hm"})
_EQUIVALENT = {
    "ok": "okay",
    "k": "okay",
    "yep": "yes",
    "yup": "yes",
    "yeah": "yes",
    "mom": "mum",
    "etc": "etcetera",
    "color": "colour",
    "favor": "favour",
    "favorite": "favourite",
    "behavior": "behaviour",
    "center": "centre",
    "liter": "litre",
    "liters": "litres",
    "milliliters": "millilitres",
    "gray": "grey",
    "diarrhea": "diarrhoea",
    "anemia": "anaemia",
    "anemic": "anaemic",
    "edema": "oedema",
    "esophagus": "oesophagus",
    "estrogen": "oestrogen",
    "hemorrhoids": "haemorrhoids",
    "hemoglobin": "haemoglobin",
    "pediatric": "paediatric",
    "tumor": "tumour",
    "fiber": "fibre",
    "program": "programme",
    "practise": "practice",
    "realize": "realise",
    "realized": "realised",
    "recognize": "recognise",
    "apologize": "apologise",
    "organize": "organise",
    "analyze": "analyse",
    "paralyze": "paralyse",
    "minimize": "minimise",
    "stabilize": "stabilise",
    "sympathize": "sympathise",
    "emphasize": "emphasise",
    "specialize": "specialise",
    "specialized": "specialised",
    "summarize": "summarise",
    "hospitalized": "hospitalised",
    "immunized": "immunised",
    "labor": "labour",
    "neighbor": "neighbour",
    "harbor": "harbour",
    "humor": "humour",
    "odor": "odour",
    "tire": "tyre",
    "checkup": "check up",
}


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
    text = text.lower().replace("’", "'").replace("%", " percent ")
    text = _THOUSANDS_SEPARATOR.sub("", text)
    text = _NUMBER.sub(_number_words, text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = text.replace("'", "")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    folded = " ".join(_EQUIVALENT.get(word, word) for word in words if word not in _HESITATIONS)
    return folded.split()


def word_error_rate(reference: str, hypothesis: str) -> WerResult:
    return align(normalize(reference), normalize(hypothesis))


def align(reference: list[str], hypothesis: list[str]) -> WerResult:
    """Minimum-edit alignment, counting each kind of error (ties prefer substitutions)."""
    return alignment(reference, hypothesis)[0]


def alignment(reference: list[str], hypothesis: list[str]) -> tuple[WerResult, list[bool]]:
    """The error counts, and for each reference word whether the alignment matched it."""
    # Each cell holds (errors, substitutions, deletions, insertions) for the prefixes, and
    # ``moves`` how it was reached: 0 match, 1 substitution, 2 deletion, 3 insertion.
    previous = [(j, 0, 0, j) for j in range(len(hypothesis) + 1)]
    moves: list[bytearray] = [bytearray([3] * (len(hypothesis) + 1))]
    for i, ref_word in enumerate(reference, start=1):
        current = [(i, 0, i, 0)]
        row = bytearray(len(hypothesis) + 1)
        row[0] = 2
        for j, hyp_word in enumerate(hypothesis, start=1):
            diagonal = previous[j - 1]
            if ref_word == hyp_word:
                best, move = diagonal, 0
            else:
                substituted = (diagonal[0] + 1, diagonal[1] + 1, diagonal[2], diagonal[3])
                up, left = previous[j], current[j - 1]
                deleted = (up[0] + 1, up[1], up[2] + 1, up[3])
                inserted = (left[0] + 1, left[1], left[2], left[3] + 1)
                best, move = min(
                    (substituted, 1), (deleted, 2), (inserted, 3), key=lambda c: (c[0][0], c[1])
                )
            current.append(best)
            row[j] = move
        previous = current
        moves.append(row)
    _, substitutions, deletions, insertions = previous[-1]
    matched = [False] * len(reference)
    i, j = len(reference), len(hypothesis)
    while i > 0 or j > 0:
        move = moves[i][j]
        if move == 0:
            matched[i - 1] = True
        if move in (0, 1):
            i, j = i - 1, j - 1
        elif move == 2:
            i -= 1
        else:
            j -= 1
    return WerResult(substitutions, deletions, insertions, len(reference)), matched
