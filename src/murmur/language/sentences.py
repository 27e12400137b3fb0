"""Turns timed speech segments into sentences that remember which segments they came from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from murmur.transcripts.domain import Segment, SpeakerRole

# Pauses this long end a sentence even without punctuation (Whisper often omits it).
PAUSE_BREAK_S = 1.5
# Unpunctuated speech is cut at the next segment edge once a sentence grows this long.
MAX_WORDS = 40

_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "vs", "st", "approx", "etc", "no"})
_END_RE = re.compile(r"[.!?]+(?=\s|$)|…")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])(?!\d)")


@dataclass(frozen=True, slots=True)
class Utterance:
    """One sentence of the visit, the segments it rests on, and who said it (if known)."""

    text: str
    evidence: tuple[int, ...]
    speaker: SpeakerRole | None = None


@dataclass(frozen=True, slots=True)
class Located:
    """A sentence and, for each of its characters, the segment and the offset in that
    segment's own text it came from ((-1, -1) for a space joining two segments)."""

    utterance: Utterance
    places: tuple[tuple[int, int], ...]

    def spans(self, start: int, end: int) -> tuple[tuple[int, int, int], ...]:
        """Characters ``start:end`` of the sentence as (segment, start, end) in the segments."""
        spans: list[tuple[int, int, int]] = []
        for segment, offset in self.places[start:end]:
            if segment < 0:
                continue
            if spans and spans[-1][0] == segment:
                spans[-1] = (segment, spans[-1][1], offset + 1)
            else:
                spans.append((segment, offset, offset + 1))
        return tuple(spans)


def _clean_located(text: str) -> tuple[str, list[int]]:
    """``clean_text`` and, for each character it keeps, its offset in ``text``."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    offsets = list(range(len(text)))
    # Only deletions: a space before punctuation goes, a run of spaces becomes its first one.
    dropped: set[int] = set()
    for match in _SPACE_BEFORE_PUNCT.finditer(text):
        dropped.update(range(match.start(), match.start(1)))
    kept = [i for i in offsets if i not in dropped]
    chars: list[str] = []
    places: list[int] = []
    for i in kept:
        if text[i].isspace():
            if chars and chars[-1] == " ":
                continue
            chars.append(" ")
        else:
            chars.append(text[i])
        places.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        places.pop()
    while chars and chars[0] == " ":
        chars.pop(0)
        places.pop(0)
    return "".join(chars), places


def clean_text(text: str) -> str:
    return _clean_located(text)[0]


@dataclass(slots=True)
class _Stream:
    text: str
    owners: list[int]  # segment position of every character (-1 for joining spaces)
    offsets: list[int]  # each character's offset in its segment's text (-1 for joins)


def _turns(segments: Sequence[Segment]) -> list[list[int]]:
    """Groups segment positions into runs with one speaker and no long pause."""
    turns: list[list[int]] = []
    for position, segment in enumerate(segments):
        if not segment.text.strip():
            continue
        if turns:
            previous = segments[turns[-1][-1]]
            same_speaker = previous.speaker == segment.speaker
            if same_speaker and segment.start - previous.end < PAUSE_BREAK_S:
                turns[-1].append(position)
                continue
        turns.append([position])
    return turns


def _stream(segments: Sequence[Segment], positions: list[int]) -> _Stream:
    parts: list[str] = []
    owners: list[int] = []
    offsets: list[int] = []
    for position in positions:
        text, places = _clean_located(segments[position].text)
        if parts:
            parts.append(" ")
            owners.append(-1)
            offsets.append(-1)
        parts.append(text)
        owners.extend([position] * len(text))
        offsets.extend(places)
    return _Stream("".join(parts), owners, offsets)


def _is_abbreviation(text: str, end: int) -> bool:
    words = text[:end].split()
    if not words:
        return False
    last = words[-1].rstrip(".").lower()
    # "No." answers a question; only treat it as an abbreviation before a digit ("No. 5").
    if last == "no":
        following = text[end:].lstrip()
        return bool(following[:1].isdigit())
    return last in _ABBREVIATIONS


def _spans(stream: _Stream) -> list[tuple[int, int]]:
    """Character spans of sentences: punctuation ends, plus long runs cut at segment edges."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(stream.text):
        if _is_abbreviation(stream.text, match.start()):
            continue
        spans.extend(_cut_long(stream, start, match.end()))
        start = match.end()
    if start < len(stream.text):
        spans.extend(_cut_long(stream, start, len(stream.text)))
    return spans


def _cut_long(stream: _Stream, start: int, end: int) -> list[tuple[int, int]]:
    if len(stream.text[start:end].split()) <= MAX_WORDS:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    words = 0
    cut = start
    for index in range(start, end):
        if stream.text[index] == " ":
            words += 1
        at_segment_edge = stream.owners[index] == -1
        if at_segment_edge and words >= MAX_WORDS:
            spans.append((cut, index))
            cut, words = index, 0
    spans.append((cut, end))
    return spans


def split_located(segments: Sequence[Segment]) -> list[Located]:
    """Sentences in spoken order, each with where every character was said."""
    located: list[Located] = []
    for positions in _turns(segments):
        stream = _stream(segments, positions)
        speaker = segments[positions[0]].speaker
        for cut_start, cut_end in _spans(stream):
            raw = stream.text[cut_start:cut_end]
            start = cut_start + len(raw) - len(raw.lstrip())
            end = cut_end - (len(raw) - len(raw.rstrip()))
            text = stream.text[start:end]
            if not any(ch.isalnum() for ch in text):
                continue
            owners = {p for p in stream.owners[start:end] if p >= 0}
            places = tuple(zip(stream.owners[start:end], stream.offsets[start:end], strict=True))
            located.append(Located(Utterance(text, tuple(sorted(owners)), speaker), places))
    return located


def split_utterances(segments: Sequence[Segment]) -> list[Utterance]:
    """Sentences in spoken order; a sentence spanning two segments cites both."""
    return [sentence.utterance for sentence in split_located(segments)]
