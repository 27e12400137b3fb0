"""The transcript as text: the one string that character offsets count into, and the numbered
lines a language model cites."""

from __future__ import annotations

from collections.abc import Sequence

from murmur.transcripts.domain import Segment


def transcript_text(segments: Sequence[Segment]) -> str:
    """Segment texts joined by single spaces: the text the APIs serve as the transcript, and the
    one every code reference's and evidence span's offsets point into."""
    return " ".join(segment.text for segment in segments)


def segment_starts(segments: Sequence[Segment]) -> list[int]:
    """Where each segment begins in ``transcript_text(segments)``."""
    starts, position = [], 0
    for segment in segments:
        starts.append(position)
        position += len(segment.text) + 1
    return starts


def _speaker(segment: Segment) -> str:
    return segment.speaker.value.title() if segment.speaker else "Speaker"


def numbered_transcript(segments: Sequence[Segment]) -> str:
    """One ``[n] Speaker: text`` line per segment, ``n`` its position in the visit."""
    return "\n".join(f"[{i}] {_speaker(s)}: {s.text}" for i, s in enumerate(segments))
