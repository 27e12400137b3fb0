"""A last check that a note sentence says nothing its evidence does not."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from murmur.engines.notes.grounded.agreement import AGREEMENT_WORDS
from murmur.engines.notes.grounded.labels import LABEL_WORDS
from murmur.engines.notes.grounded.prose_es import QUOTE_WORDS
from murmur.language.numbers import with_digits
from murmur.language.spoken import expand_contractions
from murmur.transcripts.domain import Segment

# Words the writer's own frames and pronoun changes may add; none carries a clinical fact.
_FRAME_TEXT = (
    "patient reports denies denied endorses being feeling taking that their they them "
    "themselves theirs believes an allergy to no not noted on exam assessment consistent "
    "with likely possible prescribed provided ordered referred continue increased decreased "
    "lowered raised adjusted changed stopped discontinued held refilled switched follow up "
    "advised seek care if recommended may instructed history of the a paciente refiere "
    "niega que le se prescribe solicita control impresión diagnóstica compatible con "
    "alergia tomar are were have do did was started he she his her him himself herself hers "
    "is has does states reports notes also will"
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def stem(word: str) -> str:
    """Enough stemming that "feels" is supported by "feel" (verbs agree with he/she)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "oes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


FRAME_WORDS = frozenset(
    stem(word) for word in f"{_FRAME_TEXT} {LABEL_WORDS} {AGREEMENT_WORDS} {QUOTE_WORDS}".split()
)


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    # Quantities count as said whether spelled out or in digits ("twenty mg" supports "20 mg").
    spoken = expand_contractions(text)
    return frozenset(stem(w.lower()) for w in _WORD.findall(f"{spoken} {with_digits(spoken)}"))


def unsupported_words(
    sentence: str, evidence: tuple[int, ...], segments: Sequence[Segment]
) -> set[str]:
    source: set[str] = set()
    for position in evidence:
        if 0 <= position < len(segments):
            source |= _words(segments[position].text)
    return set(_words(sentence) - source - FRAME_WORDS)


def is_grounded(sentence: str, evidence: tuple[int, ...], segments: Sequence[Segment]) -> bool:
    """True when every evidence position is real and every content word comes from it."""
    if not evidence or any(not 0 <= p < len(segments) for p in evidence):
        return False
    return not unsupported_words(sentence, evidence, segments)
