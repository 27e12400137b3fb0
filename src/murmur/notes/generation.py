"""Writing a note for an encounter: what the writer needs, read once; the note, whole or as a
stream of rendered text pieces that ends with the finished note."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from murmur.notes.domain import ADDITION_KEY, VoiceStyle, WrittenNote
from murmur.notes.events import note_events
from murmur.notes.ports import NoteBrief, NoteWriter, StreamingNoteWriter
from murmur.notes.rendering import ContentType, StreamRenderer

MAX_ADDITION = 4000


@dataclass(frozen=True, slots=True)
class NoteOptions:
    template_id: uuid.UUID | None = None
    style: VoiceStyle = VoiceStyle.GOLDILOCKS
    addition: str | None = None
    content_type: ContentType = ContentType.MARKDOWN


@dataclass(frozen=True, slots=True)
class NoteRequest:
    """Everything a writer needs, read from the database in one short transaction."""

    tenant_id: uuid.UUID
    encounter_id: uuid.UUID
    brief: NoteBrief
    content_type: ContentType
    warnings: tuple[str, ...] = field(default=())


def with_addition(context: Mapping[str, Any], addition: str | None) -> dict[str, Any]:
    """The clinician's ``addition`` travels with the context: the grounded writer shows it as a
    marked context sentence, the LLM writer reads it as an instruction."""
    merged = dict(context)
    if addition and addition.strip():
        merged[ADDITION_KEY] = addition.strip()[:MAX_ADDITION]
    return merged


def _finished(note: WrittenNote, request: NoteRequest) -> WrittenNote:
    if not request.warnings:
        return note
    return replace(note, warnings=(*note.warnings, *request.warnings))


def _written(writer: NoteWriter, request: NoteRequest) -> WrittenNote:
    return writer.write(request.brief)


def write_note(writer: NoteWriter, request: NoteRequest) -> WrittenNote:
    return _finished(_written(writer, request), request)


def stream_note(writer: NoteWriter, request: NoteRequest) -> Iterator[str | WrittenNote]:
    """Rendered text pieces as the writer produces them, then the finished note.

    A writer that cannot stream writes the whole note first; its pieces then follow at once.
    """
    renderer = StreamRenderer(request.content_type)
    if isinstance(writer, StreamingNoteWriter):
        items = writer.stream(request.brief)
    else:
        note = _written(writer, request)
        items = iter([*note_events(note), note])
    for item in items:
        if isinstance(item, WrittenNote):
            if tail := renderer.close():
                yield tail
            yield _finished(item, request)
            return
        if piece := renderer.feed(item):
            yield piece
    raise RuntimeError(f"note writer {writer.name!r} ended its stream without a note")
