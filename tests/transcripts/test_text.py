from __future__ import annotations

from murmur.transcripts.domain import Segment
from murmur.transcripts.text import numbered_transcript, segment_starts, transcript_text

SEGMENTS = [
    Segment(0.0, 2.0, "How long have you had the cough?"),
    Segment(2.5, 4.0, "About five days."),
    Segment(4.5, 6.0, "Any fever?"),
]


def test_each_segment_starts_where_the_served_transcript_has_its_text() -> None:
    text = transcript_text(SEGMENTS)

    starts = segment_starts(SEGMENTS)

    assert [text[s : s + len(seg.text)] for s, seg in zip(starts, SEGMENTS, strict=True)] == [
        seg.text for seg in SEGMENTS
    ]
    assert text == "How long have you had the cough? About five days. Any fever?"


def test_numbered_lines_name_each_segment_by_position() -> None:
    lines = numbered_transcript(SEGMENTS).splitlines()

    assert lines[1] == "[1] Speaker: About five days."
    assert len(lines) == 3
