from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from murmur.notes.domain import VoiceStyle, WrittenNote
from murmur.notes.events import NoteEvent
from murmur.notes.templates import Template
from murmur.transcripts.domain import Segment


class NoteWriter(Protocol):
    """Writes a note against a template; every sentence names the segments it rests on."""

    name: str

    def write(
        self,
        *,
        segments: Sequence[Segment],
        template: Template,
        context: Mapping[str, Any] | None,
        language: str,
        style: VoiceStyle = VoiceStyle.GOLDILOCKS,
        example_note: str | None = None,
    ) -> WrittenNote: ...


@runtime_checkable
class StreamingNoteWriter(NoteWriter, Protocol):
    """A writer that produces the note as it goes: section starts and text deltas, then the
    finished note (with evidence) as the last item."""

    def stream(
        self,
        *,
        segments: Sequence[Segment],
        template: Template,
        context: Mapping[str, Any] | None,
        language: str,
        style: VoiceStyle = VoiceStyle.GOLDILOCKS,
        example_note: str | None = None,
    ) -> Iterator[NoteEvent | WrittenNote]: ...
