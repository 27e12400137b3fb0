"""A last check that a note sentence says nothing its evidence does not."""

from __future__ import annotations

import re
from collections.abc import Sequence

from murmur.engines.notes.text import expand_contractions
from murmur.transcripts.domain import Segment

# Words the writer's own frames and pronoun changes may add; none carries a clinical fact.
_FRAME_TEXT = (
    "patient reports denies denied endorses being feeling taking that their they them "
    "themselves theirs believes an allergy to no not noted on exam assessment consistent "
    "with likely possible prescribed provided ordered referred continue increased decreased "
    "lowered raised adjusted changed stopped discontinued held refilled switched follow up "
    "advised seek care if recommended may instructed history of the a paciente refiere "
    "niega que le se prescribe solicita control impresión diagnóstica compatible con "
    "alergia tomar are were have do did was started"
)
FRAME_WORDS = frozenset(_FRAME_TEXT.split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(expand_contractions(text))}


def unsupported_words(
    sentence: str, evidence: tuple[int, ...], segments: Sequence[Segment]
) -> set[str]:
    source = " ".join(segments[p].text for p in evidence if 0 <= p < len(segments))
    return _words(sentence) - _words(source) - FRAME_WORDS


def is_grounded(sentence: str, evidence: tuple[int, ...], segments: Sequence[Segment]) -> bool:
    """True when every evidence position is real and every content word comes from it."""
    if not evidence or any(not 0 <= p < len(segments) for p in evidence):
        return False
    return not unsupported_words(sentence, evidence, segments)
