"""Where in each evidence segment a note sentence was said, as character offsets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from murmur.engines.notes.grounded.grounding import FRAME_WORDS, stem
from murmur.notes.domain import EvidenceSpan
from murmur.transcripts.domain import Segment

_WORD = re.compile(r"[^\W_]+(?:'[a-z]+)?", re.UNICODE)
# Words too common to place a sentence within a segment.
_COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "this",
        "that",
        "i",
        "you",
        "my",
        "your",
        "we",
        "our",
        "me",
        "so",
        "if",
        "but",
    ]
)


def evidence_spans(
    sentence: str, evidence: tuple[int, ...], segments: Sequence[Segment]
) -> tuple[EvidenceSpan, ...]:
    """For each evidence segment, the stretch from the first to the last word the sentence uses.

    A segment that shares no telling word with the sentence (a bare "no" answering a question)
    is cited whole.
    """
    wanted = {stem(w.lower()) for w in _WORD.findall(sentence)} - FRAME_WORDS - _COMMON
    spans: list[EvidenceSpan] = []
    for position in evidence:
        if not 0 <= position < len(segments):
            continue
        text = segments[position].text
        hits = [m for m in _WORD.finditer(text) if stem(m.group(0).lower()) in wanted]
        if hits:
            spans.append(EvidenceSpan(position, hits[0].start(), hits[-1].end()))
        else:
            start = len(text) - len(text.lstrip())
            spans.append(EvidenceSpan(position, start, len(text.rstrip())))
    return tuple(spans)
