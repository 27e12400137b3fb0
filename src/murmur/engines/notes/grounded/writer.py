"""The grounded note writer: no model weights, every sentence traceable to the transcript."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from murmur.engines.notes.grounded.agreement import agreement
from murmur.engines.notes.grounded.composed import compose, restated, unsaid
from murmur.engines.notes.grounded.grounding import is_grounded
from murmur.engines.notes.grounded.intake_context import context_statements
from murmur.engines.notes.grounded.labels import labelled
from murmur.engines.notes.grounded.pronouns import patient_sex, resolve_pronouns
from murmur.engines.notes.grounded.register import in_written_register
from murmur.engines.notes.grounded.repeats import without_repeats
from murmur.engines.notes.grounded.rewrite import extract_statements
from murmur.engines.notes.grounded.sections import lay_out
from murmur.engines.notes.grounded.styles import DETAIL, in_voice, read_example, shortened
from murmur.facts.domain import VisitFacts
from murmur.facts.ports import FactExtractor
from murmur.language.assertion import Span, modifiers
from murmur.language.numbers import with_digits
from murmur.language.roles import infer_roles
from murmur.language.sentences import split_utterances
from murmur.language.spoken import PATIENT_MARK, finish
from murmur.language.statements import Kind, Statement
from murmur.notes.domain import VoiceStyle, WrittenNote
from murmur.notes.ports import NoteBrief
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
        topic = (candidate.topic or "").replace(PATIENT_MARK, "")
        words = topic.strip(" .,").split()[:MAX_TITLE_WORDS]
        if words:
            title = " ".join(words)
            return title[0].upper() + title[1:]
    return "Nota clínica" if language == "spanish" else "Clinical note"


_DETERMINER = re.compile(r"^(?:(?:their|his|her|the|a|an|some|this|that|any)\s+)+", re.I)


_PRESENTS = re.compile(
    r"\b(?:presents?|presenting|is here|here|comes in|coming in|is in|in|is seen|seen)\s+"
    r"(?:today\s+)?(?:with|for|complaining of)\s+(?:an?\s+|some\s+)?"
    r"(?P<x>[^,.;]{3,60}?)(?:[,.;]|\s+(?:and|who|that|which|today)\b|$)",
    re.IGNORECASE,
)


# One word that names no complaint by itself ("Pain." says nothing of where).
_TOO_GENERIC = frozenset(
    [
        "pain",
        "hurt",
        "hurts",
        "hurting",
        "fell",
        "fall",
        "sore",
        "ache",
        "aching",
        "symptom",
        "symptoms",
        "worse",
        "sick",
        "ill",
        "swelling",
        "injury",
        "problem",
        "issue",
    ]
)


def _asserted(topic: str, evidence: tuple[int, ...], segments: Sequence[Segment]) -> bool:
    """Whether the topic is said somewhere in the evidence without negation or an "if"."""
    pattern = re.compile(rf"\b{re.escape(topic)}", re.IGNORECASE)
    for position in evidence:
        text = segments[position].text if 0 <= position < len(segments) else ""
        for match in pattern.finditer(text):
            if not modifiers(text, Span(match.start(), match.end())):
                return True
    return False


def chief_complaint(statements: list[Statement], segments: Sequence[Segment]) -> Statement | None:
    """The reason for the visit as dictated, else the first symptom the patient reports."""
    for statement in statements:
        match = _PRESENTS.search(statement.text) if "history" in statement.tags else None
        if match is not None and statement.kind is Kind.SUBJECTIVE:
            tags = frozenset({"complaint"})
            reason = _DETERMINER.sub("", match["x"])
            return Statement(Kind.SUBJECTIVE, finish(reason), statement.evidence, tags)
    for statement in statements:
        if statement.kind is not Kind.SUBJECTIVE or not statement.topic:
            continue
        if "negative" in statement.tags:
            continue
        topic = _DETERMINER.sub("", statement.topic.replace(PATIENT_MARK, "")).strip(" .,")
        if topic.lower() in _TOO_GENERIC or not _asserted(topic, statement.evidence, segments):
            continue
        if is_grounded(topic, statement.evidence, segments):
            tags = frozenset({"complaint"})
            return Statement(Kind.SUBJECTIVE, finish(topic), statement.evidence, tags)
    return None


class GroundedNoteWriter:
    """Dialogue -> speaker roles -> clinical statements -> template sections, with evidence."""

    name = "grounded"

    def __init__(self, *, facts: FactExtractor | None = None) -> None:
        self.facts = facts

    def _facts(self, brief: NoteBrief) -> VisitFacts:
        if self.facts is None:
            return VisitFacts()
        return self.facts.extract(brief.segments, language=brief.language, context=brief.context)

    def write(self, brief: NoteBrief) -> WrittenNote:
        segments, template, style = brief.segments, brief.template, brief.style
        lang = note_language(brief.language)
        composed = compose(self._facts(brief), segments)
        stated = [*composed.leading, *composed.trailing]
        utterances = infer_roles(split_utterances(segments))
        sex = patient_sex(segments)
        extracted = [
            replace(s, text=with_digits(resolve_pronouns(s.text, sex)))
            for s in extract_statements(utterances, lang, DETAIL[style])
        ]
        statements = [s for s in extracted if is_grounded(s.text, s.evidence, segments)]
        unsupported = len(extracted) - len(statements)
        # What the facts state is written from them; the spoken retelling of it goes.
        if lang == "english":  # the register rules read English talk
            statements = [w for s in statements if (w := in_written_register(s)) is not None]
        statements = [s for s in without_repeats(statements) if not restated(s, stated, segments)]
        if lang == "english" and (agreed := agreement(utterances)) is not None:
            statements.append(agreed)
        findings = unsaid(composed.findings, statements)
        if style is VoiceStyle.BRIEF:
            statements = [*stated, *findings, *statements]
        else:
            statements = [*composed.leading, *statements, *findings, *composed.trailing]
        if lang == "english" and style is not VoiceStyle.BRIEF:
            statements = [labelled(s) for s in statements]
        warnings: list[str] = []
        if any(segment.speaker is None for segment in segments):
            warnings.append("Speaker roles were inferred from wording (no speaker labels).")
        if unsupported:
            warnings.append(f"{unsupported} sentence(s) left out: not supported by the transcript.")
        if not statements:
            warnings.append("No clinical statements were found in the transcript.")
        complaint = chief_complaint(statements, segments)
        opening = [complaint] if complaint is not None else []
        sections = lay_out(
            template, context_statements(brief.context) + opening + statements, segments
        )
        if style is VoiceStyle.BRIEF:
            sections = shortened(sections)
        elif style is VoiceStyle.MY_VOICE and brief.example_note and brief.example_note.strip():
            sections = in_voice(sections, read_example(brief.example_note))
        return WrittenNote(
            title=_title(statements, lang),
            sections=sections,
            engine=self.name,
            warnings=tuple(warnings),
        )
