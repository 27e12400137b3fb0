"""What a streaming note writer produces, before it is rendered as Markdown or HTML."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from murmur.notes.domain import WrittenNote, sentence_separator


@dataclass(frozen=True, slots=True)
class SectionStarted:
    key: str
    title: str


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of a section's prose, as generated (a token, or a whole sentence)."""

    text: str


NoteEvent = SectionStarted | TextDelta


def note_events(note: WrittenNote) -> Iterator[NoteEvent]:
    """A finished note as the events a streaming writer would have produced."""
    for section in note.sections:
        yield SectionStarted(section.key, section.title)
        texts = [sentence.text for sentence in section.sentences]
        for index, text in enumerate(texts):
            yield TextDelta(sentence_separator(texts, index) + text)
