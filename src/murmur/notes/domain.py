from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class VoiceStyle(StrEnum):
    """How long and detailed a note is (Heidi's voice_style values)."""

    BRIEF = "BRIEF"
    GOLDILOCKS = "GOLDILOCKS"
    DETAILED = "DETAILED"
    SUPER_DETAILED = "SUPER_DETAILED"
    MY_VOICE = "MY_VOICE"  # follows the provider's stored example note


WRITE_NOTE_JOB = "write_note"  # the job kind that writes a visit's default note

BULLET = "- "

# The note's context is a mapping of what the writer may know besides the transcript; the
# clinician's own instruction for this note (Heidi ``addition``) travels under this key.
ADDITION_KEY = "clinicianAddition"
# Sentences taken from intake context (Playback ``addContext``) start with this, so readers and
# the coder can tell them from what was said in the visit.
CONTEXT_PREFIX = "Per intake context: "


def sentence_separator(texts: list[str], index: int) -> str:
    """What goes before sentence ``index`` of a section: nothing, a space, or a line break
    when it or the one before is a bullet ("- ...")."""
    if index == 0:
        return ""
    bulleted = texts[index].startswith(BULLET) or texts[index - 1].startswith(BULLET)
    return "\n" if bulleted else " "


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    """Characters ``start:end`` of transcript segment ``segment`` (by position)."""

    segment: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NoteSentence:
    """A sentence of the note and the transcript segments (by position) it rests on.

    ``unsupported`` marks a generated sentence that no transcript segment backs (LLM engine).
    """

    text: str
    evidence: tuple[int, ...]
    unsupported: bool = False
    spans: tuple[EvidenceSpan, ...] = ()  # where in the evidence segments it was said


@dataclass(frozen=True, slots=True)
class NoteSection:
    key: str
    title: str
    sentences: tuple[NoteSentence, ...]


@dataclass(frozen=True, slots=True)
class WrittenNote:
    title: str
    sections: tuple[NoteSection, ...]
    engine: str = "grounded"
    warnings: tuple[str, ...] = field(default=())

    def sentences(self) -> list[NoteSentence]:
        return [sentence for section in self.sections for sentence in section.sentences]

    def to_markdown(self) -> str:
        blocks: list[str] = []
        for section in self.sections:
            texts = [s.text for s in section.sentences]
            body = "".join(sentence_separator(texts, i) + t for i, t in enumerate(texts))
            blocks.append(f"## {section.title}\n{body or 'Not discussed.'}")
        return "\n\n".join(blocks)

    def to_structure(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "engine": self.engine,
            "warnings": list(self.warnings),
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "sentences": [_sentence_structure(s) for s in section.sentences],
                }
                for section in self.sections
            ],
        }


def _sentence_structure(sentence: NoteSentence) -> dict[str, Any]:
    structure: dict[str, Any] = {"text": sentence.text, "evidence": list(sentence.evidence)}
    if sentence.unsupported:
        structure["unsupported"] = True
    if sentence.spans:
        structure["spans"] = [
            {"segment": span.segment, "start": span.start, "end": span.end}
            for span in sentence.spans
        ]
    return structure


def _spans(raw: Any) -> tuple[EvidenceSpan, ...]:
    """Spans of a stored sentence; notes stored before spans existed have none."""
    if not isinstance(raw, list):
        return ()
    return tuple(
        EvidenceSpan(int(item["segment"]), int(item["start"]), int(item["end"])) for item in raw
    )


def note_from_structure(structure: dict[str, Any]) -> WrittenNote:
    """Rebuilds a note from its stored structure (the inverse of ``to_structure``)."""
    return WrittenNote(
        title=str(structure.get("title", "Clinical note")),
        engine=str(structure.get("engine", "grounded")),
        warnings=tuple(str(w) for w in structure.get("warnings", [])),
        sections=tuple(
            NoteSection(
                key=str(section["key"]),
                title=str(section["title"]),
                sentences=tuple(
                    NoteSentence(
                        text=str(s["text"]),
                        evidence=tuple(int(i) for i in s["evidence"]),
                        unsupported=bool(s.get("unsupported", False)),
                        spans=_spans(s.get("spans")),
                    )
                    for s in section["sentences"]
                ),
            )
            for section in structure.get("sections", [])
        ),
    )
