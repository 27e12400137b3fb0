"""What the notes feature needs from the outside, implemented by the engines and chosen in the
composition root: a note writer, and a language model that answers (Ask AI)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from murmur.notes.domain import VoiceStyle, WrittenNote
from murmur.notes.events import NoteEvent
from murmur.notes.templates import Template
from murmur.transcripts.domain import Segment


@dataclass(frozen=True, slots=True)
class NoteBrief:
    """What a writer writes from: the visit's segments, the template, and how to write."""

    segments: Sequence[Segment]
    template: Template
    language: str
    context: Mapping[str, Any] | None = None
    style: VoiceStyle = VoiceStyle.GOLDILOCKS
    example_note: str | None = None


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: str  # system | user | assistant
    content: str


class GenerationFailed(Exception):
    """The language model could not be reached, refused, timed out, or sent a broken stream."""


class TextGenerator(Protocol):
    """A language model that answers a conversation, streamed piece by piece (Ask AI's model,
    and the LLM note writer's). Every failure is a ``GenerationFailed``."""

    def stream(self, messages: list[ChatMessage], *, max_tokens: int = 1024) -> Iterator[str]: ...


class NoteWriter(Protocol):
    """Writes a note against a template; every sentence names the segments it rests on."""

    name: str

    def write(self, brief: NoteBrief) -> WrittenNote: ...


@runtime_checkable
class StreamingNoteWriter(NoteWriter, Protocol):
    """A writer that produces the note as it goes: section starts and text deltas, then the
    finished note (with evidence) as the last item."""

    def stream(self, brief: NoteBrief) -> Iterator[NoteEvent | WrittenNote]: ...
