"""A written note as Markdown or HTML, whole or as the pieces a stream sends.

Note text comes from what was said in the room, so HTML output escapes every piece of it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from enum import StrEnum

from murmur.notes.domain import WrittenNote
from murmur.notes.events import NoteEvent, SectionStarted, note_events

NOT_DISCUSSED = "Not discussed."


class ContentType(StrEnum):
    MARKDOWN = "MARKDOWN"
    HTML = "HTML"


class StreamRenderer:
    """Turns note events into text pieces whose concatenation is the rendered note."""

    def __init__(self, content_type: ContentType) -> None:
        self.content_type = content_type
        self._sections = 0
        self._section_empty = True

    def feed(self, event: NoteEvent) -> str:
        if isinstance(event, SectionStarted):
            piece = self._close_section()
            self._sections += 1
            self._section_empty = True
            if self.content_type is ContentType.HTML:
                return f"{piece}<h2>{html.escape(event.title)}</h2>\n<p>"
            separator = "\n\n" if self._sections > 1 else ""
            return f"{piece}{separator}## {event.title}\n"
        if not event.text:
            return ""
        text = event.text.lstrip() if self._section_empty else event.text
        self._section_empty = False
        if self.content_type is ContentType.HTML:
            return html.escape(text).replace("\n", "<br>\n")
        return text

    def close(self) -> str:
        return self._close_section()

    def _close_section(self) -> str:
        if self._sections == 0:
            return ""
        filler = NOT_DISCUSSED if self._section_empty else ""
        self._section_empty = False
        if self.content_type is ContentType.HTML:
            return f"{filler}</p>\n"
        return filler


def render_events(events: Iterable[NoteEvent], content_type: ContentType) -> Iterator[str]:
    renderer = StreamRenderer(content_type)
    for event in events:
        if piece := renderer.feed(event):
            yield piece
    if tail := renderer.close():
        yield tail


def render(note: WrittenNote, content_type: ContentType) -> str:
    return "".join(render_events(note_events(note), content_type))
