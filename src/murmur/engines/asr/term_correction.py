"""Respelling near-misses of the visit's own drug and condition names after recognition.

Whisper-base often hears a drug name almost right ("furosmide", "methatrexate", "in hailer")
when it is not biased at all, and biasing its decoder with hints can make it skip audio. So
known terms are applied afterwards as well: a run of one to three transcript words whose
letters are within a small edit distance of a term's letters is replaced by the term. Words
that already are a known medical term (or its plural) are left alone, and a word is only ever
moved to its nearest known term: "metaprolol" becomes "metoprolol", never the patient's
"bisoprolol". Which terms to apply is the caller's choice; see
:func:`murmur.engines.asr.vocabulary.correction_terms`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from murmur.engines.asr.vocabulary import medical_terms
from murmur.transcripts.domain import Segment

# Shorter names have too many near neighbours among ordinary words ("statin", "station").
MIN_TERM_LETTERS = 7
MAX_WINDOW_WORDS = 3
# Edits allowed, as a share of the term's letters (furosmide -> furosemide is 1 in 10).
MAX_EDIT_SHARE = 0.2
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


@dataclass(frozen=True, slots=True)
class _Target:
    text: str
    letters: str


def correct_segments(segments: Sequence[Segment], terms: Sequence[str]) -> list[Segment]:
    """``segments`` with near-misses of ``terms`` respelled; times and speakers are kept."""
    targets = _targets(tuple(terms))
    if not targets:
        return list(segments)
    return [replace(s, text=correct_text(s.text, targets=targets)) for s in segments]


def correct_text(text: str, *, targets: Sequence[_Target]) -> str:
    words = list(_WORD.finditer(text))
    pieces: list[str] = []
    cursor = 0
    index = 0
    while index < len(words):
        match = _best_window(text, words, index, targets)
        if match is None:
            index += 1
            continue
        size, target = match
        start, end = words[index].start(), words[index + size - 1].end()
        pieces += [text[cursor:start], _cased_like(target.text, words[index].group())]
        cursor = end
        index += size
    return "".join(pieces) + text[cursor:]


def _best_window(
    text: str, words: list[re.Match[str]], index: int, targets: Sequence[_Target]
) -> tuple[int, _Target] | None:
    best: tuple[int, int, _Target] | None = None  # (distance, size, target)
    for size in range(1, MAX_WINDOW_WORDS + 1):
        if index + size > len(words):
            break
        window = words[index : index + size]
        if size > 1 and text[window[0].end() : window[1].start()].strip():
            break  # punctuation between the words: not one mangled name
        last = _letters(window[-1].group())
        if _is_known(last) or any(last == target.letters for target in targets):
            break  # a word already spelled right is never merged into another name
        letters = "".join(_letters(word.group()) for word in window)
        for target in targets:
            if abs(len(letters) - len(target.letters)) > _allowed(target):
                continue
            distance = _edit_distance(letters, target.letters)
            closer = best is None or distance < best[0]
            if 0 < distance <= _allowed(target) and closer and _nearest_known(letters) >= distance:
                best = (distance, size, target)
    return (best[1], best[2]) if best else None


def _letters(word: str) -> str:
    return word.lower().replace("'", "")


def _allowed(target: _Target) -> int:
    return int(len(target.letters) * MAX_EDIT_SHARE)


@cache
def _targets(terms: tuple[str, ...]) -> tuple[_Target, ...]:
    targets = []
    for term in terms:
        letters = re.sub(r"[^a-z]", "", term.lower())
        # Names of several words ("heart failure") are everyday words Whisper already spells.
        if len(letters) >= MIN_TERM_LETTERS and re.fullmatch(r"[A-Za-z]+", term.strip()):
            targets.append(_Target(term, letters))
    return tuple(targets)


@cache
def _known_letters() -> frozenset[str]:
    return frozenset(re.sub(r"[^a-z]", "", term.text.lower()) for term in medical_terms())


def _is_known(letters: str) -> bool:
    known = _known_letters()
    return letters in known or letters.removesuffix("s") in known or letters[:-2] in known


@cache
def _nearest_known(letters: str) -> int:
    """Edit distance from ``letters`` to the closest built-in term (large when none is near)."""
    candidates = (k for k in _known_letters() if abs(len(k) - len(letters)) <= 3)
    return min((_edit_distance(letters, known) for known in candidates), default=99)


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def _cased_like(term: str, original: str) -> str:
    if term.islower() and original[:1].isupper():
        return term[:1].upper() + term[1:]
    return term
