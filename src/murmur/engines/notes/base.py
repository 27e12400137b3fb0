from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from murmur.notes.domain import VoiceStyle, WrittenNote
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
