"""The sentences a coder reads: the note, section by section, then the transcript."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from murmur.engines.notes.context import CONTEXT_PREFIX
from murmur.engines.notes.sections import section_kinds
from murmur.engines.notes.sentences import split_utterances
from murmur.engines.notes.statements import Kind
from murmur.engines.notes.text import is_question
from murmur.notes.domain import WrittenNote
from murmur.notes.templates import TemplateSection
from murmur.transcripts.domain import Segment


class Origin(StrEnum):
    ASSESSMENT = "assessment"
    PLAN = "plan"
    NOTE = "note"
    TRANSCRIPT = "transcript"
    CONTEXT = "context"


# How much a statement found there is worth: the clinician's assessment is what is billed.
CONFIDENCE = {
    Origin.ASSESSMENT: 0.9,
    Origin.PLAN: 0.75,
    Origin.NOTE: 0.7,
    Origin.TRANSCRIPT: 0.55,
    Origin.CONTEXT: 0.5,
}
LABEL = {
    Origin.ASSESSMENT: "Assessment states",
    Origin.PLAN: "Plan mentions",
    Origin.NOTE: "Note states",
    Origin.TRANSCRIPT: "Transcript mentions",
    Origin.CONTEXT: "Intake context lists",
}


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    origin: Origin


def _origin(key: str, title: str) -> Origin:
    kinds = section_kinds(TemplateSection(key, title, ""))
    if Kind.ASSESSMENT in kinds:
        return Origin.ASSESSMENT
    if Kind.PLAN in kinds:
        return Origin.PLAN
    return Origin.NOTE


def gather(note: WrittenNote, segments: Sequence[Segment]) -> list[Source]:
    """Note sentences first, then transcript statements (questions assert nothing)."""
    sources: list[Source] = []
    for section in note.sections:
        origin = _origin(section.key, section.title)
        for sentence in section.sentences:
            is_context = not sentence.evidence or sentence.text.startswith(CONTEXT_PREFIX)
            sources.append(Source(sentence.text, Origin.CONTEXT if is_context else origin))
    for utterance in split_utterances(segments):
        if not is_question(utterance.text):
            sources.append(Source(utterance.text, Origin.TRANSCRIPT))
    return sources
