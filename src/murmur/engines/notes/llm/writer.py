"""The LLM note writer: any OpenAI-compatible chat server writes each section, streamed token
by token; every sentence is then tied to transcript evidence or flagged ``unsupported``.

When the server fails (unreachable, an error status, a timeout, a broken stream) the grounded
writer writes the note instead and the note's warnings say why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from murmur.engines.notes.llm.client import ChatClient, ChatCompletionError
from murmur.engines.notes.llm.prompts import section_messages
from murmur.facts.domain import VisitFacts
from murmur.facts.ports import FactExtractor
from murmur.notes.domain import NoteSection, WrittenNote
from murmur.notes.events import NoteEvent, SectionStarted, TextDelta, note_events
from murmur.notes.evidence import align
from murmur.notes.ports import NoteBrief, NoteWriter
from murmur.notes.templates import FactCategory, Template

_NOT_DISCUSSED = re.compile(r"^\s*not discussed\.?\s*$", re.IGNORECASE)
MAX_SECTION_TOKENS = 800


class LlmNoteWriter:
    name = "llm"

    def __init__(
        self, *, client: ChatClient, fallback: NoteWriter, facts: FactExtractor | None = None
    ) -> None:
        self.client = client
        self.fallback = fallback
        self.facts = facts

    def _facts(self, brief: NoteBrief) -> VisitFacts:
        if self.facts is None:
            return VisitFacts()
        return self.facts.extract(brief.segments, language=brief.language, context=brief.context)

    def write(self, brief: NoteBrief) -> WrittenNote:
        for item in self.stream(brief):
            if isinstance(item, WrittenNote):
                return item
        raise AssertionError("the stream always ends with the note")

    def stream(self, brief: NoteBrief) -> Iterator[NoteEvent | WrittenNote]:
        sections: list[NoteSection] = []
        sent_text = False
        try:
            if not brief.segments:
                raise ChatCompletionError("the transcript is empty")
            facts = self._facts(brief)
            for section in brief.template.sections:
                yield SectionStarted(section.key, section.title)
                pieces: list[str] = []
                messages = section_messages(brief, section, facts)
                for piece in self.client.stream(messages, max_tokens=MAX_SECTION_TOKENS):
                    pieces.append(piece)
                    sent_text = True
                    yield TextDelta(piece)
                text = "".join(pieces)
                sentences = () if _NOT_DISCUSSED.match(text) else tuple(align(text, brief.segments))
                sections.append(NoteSection(section.key, section.title, sentences))
        except ChatCompletionError as error:
            note = self._fallback(brief, reason=str(error))
            if sent_text:
                yield TextDelta(
                    f"\n\n[The language model stopped ({error}); "
                    "the note below is written by the grounded engine.]"
                )
            yield from note_events(note)
            yield note
            return
        yield _note(sections, brief.template)

    def _fallback(self, brief: NoteBrief, *, reason: str) -> WrittenNote:
        note = self.fallback.write(brief)
        warning = (
            f"The LLM engine failed ({reason}); the {self.fallback.name} engine wrote this note."
        )
        return replace(note, warnings=(warning, *note.warnings))


def _note(sections: list[NoteSection], template: Template) -> WrittenNote:
    flagged = sum(s.unsupported for section in sections for s in section.sentences)
    warnings = (
        (f"{flagged} sentence(s) flagged unsupported: no transcript segment backs them.",)
        if flagged
        else ()
    )
    assessed = [
        sentence.text
        for section, spec in zip(sections, template.sections, strict=True)
        if FactCategory.ASSESSMENT in spec.draws_from or "assess" in spec.key
        for sentence in section.sentences
        if not sentence.unsupported
    ]
    title = " ".join(assessed[0].split()[:8]).rstrip(".,;:") if assessed else template.name
    return WrittenNote(title=title, sections=tuple(sections), engine="llm", warnings=warnings)
