"""Misheard clinical words matched to a vocabulary by spelling and by sound.

Speech recognition hears a rare clinical word almost right: "lisinoprill", "metforman",
"talofiblar". A word (or a run of up to three words, "met formin") is taken for a known term
when its letters are within a small edit distance of the term's letters, or when both sound
alike (the same rough phonetic key) and are only a little further apart. Short terms have too
many ordinary neighbours ("statin", "station"), so only terms of seven letters or more are
respelled, and a word that is itself an ordinary or known word is never moved.

This is the approach of the recogniser's respelling step (``engines/asr/term_correction``),
kept here so that readers of a transcript can use it on their own vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

MIN_TERM_LETTERS = 7
MAX_WINDOW_WORDS = 3
# Edits allowed, as a share of the term's letters (furosmide -> furosemide is 1 in 10) ...
MAX_EDIT_SHARE = 0.2
# ... and a little more when the two sound the same ("metforman", "metformin").
MAX_SOUNDALIKE_SHARE = 0.3
_WORD = re.compile(r"[a-z][a-z']*", re.IGNORECASE)

# Sound classes: letters that recognisers confuse map to one symbol; vowels drop after the
# first letter, doubled symbols collapse.
_DIGRAPHS = (("ph", "f"), ("ck", "k"), ("qu", "kw"), ("sch", "sk"), ("th", "t"), ("gh", "g"))
_SOUND = str.maketrans(
    {"c": "k", "q": "k", "x": "ks", "z": "s", "v": "f", "w": "", "h": "", "y": "", "j": "g"}
)


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance between ``a`` and ``b``; past ``limit`` it stops early and returns
    ``limit + 1``."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@cache
def sound_key(letters: str) -> str:
    """A rough phonetic key: "metforman" and "metformin" both give "mtfrmn"."""
    word = letters.lower()
    for digraph, sound in _DIGRAPHS:
        word = word.replace(digraph, sound)
    word = word.translate(_SOUND)
    if not word:
        return ""
    head, rest = word[0], re.sub(r"[aeiou]", "", word[1:])
    key = head
    for char in rest:
        if char != key[-1]:
            key += char
    return key


def _letters(text: str) -> str:
    return "".join(char for char in text.lower() if "a" <= char <= "z")


@dataclass(frozen=True, slots=True)
class Respelled:
    """Characters ``start:end`` of the text read as ``term`` (``distance`` edits away)."""

    start: int
    end: int
    term: str
    distance: int


class Respeller:
    """Finds near-misses of ``terms`` in text; ``known`` words (spelled right already, or
    ordinary words) are never respelled."""

    def __init__(self, terms: Iterable[str], known: Iterable[str] = ()) -> None:
        self._terms: dict[str, str] = {}
        for term in terms:
            letters = _letters(term)
            if len(letters) >= MIN_TERM_LETTERS and re.fullmatch(r"[a-z -]+", term.lower()):
                self._terms.setdefault(letters, term)
        self._known = frozenset(_letters(word) for word in known) | frozenset(self._terms)
        self._seen: dict[str, tuple[str, int] | None] = {}
        self._by_length: dict[int, list[str]] = {}
        for letters in self._terms:
            self._by_length.setdefault(len(letters), []).append(letters)

    def nearest(self, word: str) -> tuple[str, int] | None:
        """The term ``word`` is a near-miss of, with the edits between them."""
        letters = _letters(word)
        if letters not in self._seen:
            self._seen[letters] = self._nearest(letters)
        return self._seen[letters]

    def _nearest(self, letters: str) -> tuple[str, int] | None:
        if len(letters) < MIN_TERM_LETTERS - 1 or self._is_known(letters):
            return None
        best: tuple[int, str] | None = None
        sound = sound_key(letters)
        reach = int(len(letters) * MAX_SOUNDALIKE_SHARE) + 1
        for length in range(len(letters) - reach, len(letters) + reach + 1):
            for candidate in self._by_length.get(length, ()):
                # Recognisers keep a word's opening ("metforman", not "etformin"): the same
                # first two letters, or the same sound throughout ("fenytoin", "phenytoin").
                alike = sound_key(candidate) == sound
                if not alike and candidate[:2] != letters[:2]:
                    continue
                allowed = int(len(candidate) * MAX_EDIT_SHARE)
                if alike:
                    allowed = int(len(candidate) * MAX_SOUNDALIKE_SHARE)
                if abs(len(candidate) - len(letters)) > allowed:
                    continue
                distance = edit_distance(letters, candidate, allowed)
                if 0 < distance <= allowed and (best is None or distance < best[0]):
                    best = (distance, candidate)
        return (self._terms[best[1]], best[0]) if best else None

    def find(self, text: str) -> list[Respelled]:
        """Every near-miss in ``text``, left to right; a term split into up to three words
        ("met formin") is found too."""
        words = list(_WORD.finditer(text))
        letters = [_letters(word.group()) for word in words]
        found: list[Respelled] = []
        index = 0
        while index < len(words):
            best: tuple[int, int, str] | None = None  # (distance, size, term)
            hit = (
                self.nearest(letters[index])
                if len(letters[index]) >= MIN_TERM_LETTERS - 1
                else None
            )
            if hit is not None:
                best = (hit[1], 1, hit[0])
            joined = letters[index]
            for size in range(2, MAX_WINDOW_WORDS + 1):
                last = index + size - 1
                if last >= len(words) or text[words[last - 1].end() : words[last].start()].strip():
                    break  # punctuation between the words: not one mangled name
                if self._is_known(letters[last]):
                    break
                # Words run together only when they spell the term exactly ("met formin"):
                # a near-miss across words is too often two ordinary words ("chest or").
                joined += letters[last]
                term = self._terms.get(joined)
                if term is not None and " " not in term and best is None:
                    best = (0, size, term)
            if best is None:
                index += 1
                continue
            distance, size, term = best
            found.append(Respelled(words[index].start(), words[index + size - 1].end(), term,
                                   distance))  # fmt: skip
            index += size
        return found

    def _is_known(self, letters: str) -> bool:
        return any(
            form in self._known for form in (letters, letters.removesuffix("s"), letters[:-2])
        )
