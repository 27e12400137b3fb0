"""The grounded note writer: no model weights, every sentence traceable to the transcript."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from murmur.engines.notes.context import context_statements
from murmur.engines.notes.grounding import is_grounded
from murmur.engines.notes.rewrite import extract_statements
from murmur.engines.notes.roles import infer_roles
from murmur.engines.notes.sections import lay_out
from murmur.engines.notes.sentences import split_utterances
from murmur.engines.notes.statements import Kind, Statement
from murmur.notes.domain import VoiceStyle, WrittenNote
from murmur.notes.templates import Template
from murmur.transcripts.domain import Segment

MAX_TITLE_WORDS = 8
_SPANISH = frozenset({"spanish", "es", "español", "espanol", "es-es", "es-mx", "es-us"})


def note_language(language: str) -> str:
    return "spanish" if language.strip().lower() in _SPANISH else "english"


def _title(statements: list[Statement], language: str) -> str:
    """The main assessment, else the first reported symptom, else a generic title."""
    assessments = [s for s in statements if s.kind is Kind.ASSESSMENT and s.topic]
    certain = [s for s in assessments if "uncertain" not in s.tags]
    complaints = [s for s in statements if s.kind is Kind.SUBJECTIVE and s.topic]
    for candidate in (*certain, *assessments, *complaints):
        words = (candidate.topic or "").strip(" .,").split()[:MAX_TITLE_WORDS]
        if words:
            title = " ".join(words)
            return title[0].upper() + title[1:]
    return "Nota clínica" if language == "spanish" else "Clinical note"


class GroundedNoteWriter:
    """Dialogue -> speaker roles -> clinical statements -> template sections, with evidence."""

    name = "grounded"

    def write(
        self,
        *,
        segments: Sequence[Segment],
        template: Template,
        context: Mapping[str, Any] | None,
        language: str,
        style: VoiceStyle = VoiceStyle.GOLDILOCKS,
        example_note: str | None = None,
    ) -> WrittenNote:
        lang = note_language(language)
        utterances = infer_roles(split_utterances(segments))
        extracted = extract_statements(utterances, lang)
        statements = [s for s in extracted if is_grounded(s.text, s.evidence, segments)]
        warnings: list[str] = []
        if any(segment.speaker is None for segment in segments):
            warnings.append("Speaker roles were inferred from wording (no speaker labels).")
        if len(statements) < len(extracted):
            dropped = len(extracted) - len(statements)
            warnings.append(f"{dropped} sentence(s) left out: not supported by the transcript.")
        if not statements:
            warnings.append("No clinical statements were found in the transcript.")
        sections = lay_out(template, context_statements(context) + statements)
        return WrittenNote(
            title=_title(statements, lang),
            sections=sections,
            engine=self.name,
            warnings=tuple(warnings),
        )
