"""Places statements into the sections of whatever template the note is written against."""

from __future__ import annotations

import re
from collections.abc import Sequence

from murmur.engines.notes.grounded.composed import Composed
from murmur.engines.notes.grounded.spans import evidence_spans
from murmur.language.headings import section_kinds
from murmur.language.statements import Kind, Statement
from murmur.notes.domain import NoteSection, NoteSentence
from murmur.notes.templates import FactCategory, Template, TemplateSection
from murmur.transcripts.domain import Segment

# A section named after one of these takes the matching statements before the generic ones.
_TAG_WORDS: dict[str, re.Pattern[str]] = {
    "allergy": re.compile(r"allerg", re.I),
    "medication": re.compile(r"medication|medicines|drugs|prescri", re.I),
    "history": re.compile(r"past (?:medical )?history|pmh|background", re.I),
    "exam": re.compile(r"exam", re.I),
    "vital": re.compile(r"vital", re.I),
    "result": re.compile(r"result|lab|investigation", re.I),
    "followup": re.compile(r"follow", re.I),
}


# Sections that take only statements with one of their tags, never the kind-wide spill-over.
_EXCLUSIVE: dict[str, tuple[re.Pattern[str], frozenset[str]]] = {
    "complaint": (
        re.compile(r"complaint|reason for (?:the )?visit|motivo", re.I),
        frozenset({"complaint"}),
    ),
    "ros": (
        re.compile(r"review of systems|\bros\b|revisión por sistemas", re.I),
        frozenset({"negative"}),
    ),
}


def _exclusive_tags(section: TemplateSection) -> frozenset[str] | None:
    text = f"{section.key.replace('_', ' ')} {section.title}"
    for pattern, tags in _EXCLUSIVE.values():
        if pattern.search(text):
            return tags
    return None


def _section_tags(section: TemplateSection) -> frozenset[str]:
    text = f"{section.key} {section.title}"
    return frozenset(tag for tag, words in _TAG_WORDS.items() if words.search(text))


F = FactCategory
# Where a fact goes when the template has no section for its own category.
_FALLBACK: dict[FactCategory, tuple[FactCategory, ...]] = {
    F.REVIEW_OF_SYSTEMS: (F.HISTORY_OF_PRESENT_ILLNESS,),
    F.PAST_HISTORY: (F.HISTORY_OF_PRESENT_ILLNESS,),
    F.MEDICATIONS: (F.PAST_HISTORY, F.HISTORY_OF_PRESENT_ILLNESS),
    F.ALLERGIES: (F.MEDICATIONS, F.PAST_HISTORY, F.HISTORY_OF_PRESENT_ILLNESS),
    F.VITALS: (F.EXAMINATION,),
    F.RESULTS: (F.EXAMINATION,),
    F.ASSESSMENT: (F.PLAN,),
    F.FOLLOW_UP: (F.PLAN, F.PATIENT_INSTRUCTIONS),
    F.PATIENT_INSTRUCTIONS: (F.PLAN,),
    F.PLAN: (F.PATIENT_INSTRUCTIONS,),
}


def fact_category(statement: Statement) -> FactCategory:
    """What a statement is about, in the categories templates draw their sections from."""
    tags = statement.tags
    if statement.kind is Kind.SUBJECTIVE:
        if "complaint" in tags:
            return F.CHIEF_COMPLAINT
        if "allergy" in tags:
            return F.ALLERGIES
        if "negative" in tags:
            return F.REVIEW_OF_SYSTEMS
        if "medication" in tags:
            return F.MEDICATIONS
        if "history" in tags and statement.text.startswith("History of"):
            return F.PAST_HISTORY
        return F.HISTORY_OF_PRESENT_ILLNESS
    if statement.kind is Kind.OBJECTIVE:
        if "vital" in tags:
            return F.VITALS
        return F.RESULTS if "result" in tags else F.EXAMINATION
    if statement.kind is Kind.ASSESSMENT:
        return F.ASSESSMENT
    return F.FOLLOW_UP if "followup" in tags else F.PLAN


def _drawn_target(statement: Statement, template: Template) -> int | None:
    category = fact_category(statement)
    for candidate in (category, *_FALLBACK.get(category, ())):
        for index, section in enumerate(template.sections):
            if candidate in section.draws_from:
                return index
    return None


def _target(statement: Statement, template: Template) -> int | None:
    if any(section.draws_from for section in template.sections):
        index = _drawn_target(statement, template)
        if index is not None or "complaint" in statement.tags:
            return index
    exclusive = [_exclusive_tags(section) for section in template.sections]
    for index, tags in enumerate(exclusive):
        if tags is not None and statement.tags & tags and statement.kind is Kind.SUBJECTIVE:
            return index
    if "complaint" in statement.tags:
        return None  # the chief complaint repeats the history; only its own section shows it
    for index, section in enumerate(template.sections):
        if exclusive[index] is None and statement.tags & _section_tags(section):
            return index
    for index, section in enumerate(template.sections):
        if exclusive[index] is None and statement.kind in section_kinds(
            section.key, section.title, section.instruction
        ):
            return index
    return None


def lay_out(
    template: Template, statements: list[Statement], segments: Sequence[Segment] = ()
) -> tuple[NoteSection, ...]:
    """Every template section, in order, each with its statements (possibly none)."""
    buckets: list[list[NoteSentence]] = [[] for _ in template.sections]
    for statement in statements:
        index = _target(statement, template)
        if index is None and "context" in statement.tags and buckets:
            index = 0
        if index is not None:
            spans = (
                statement.spans
                if isinstance(statement, Composed)
                else evidence_spans(statement.text, statement.evidence, segments)
            )
            buckets[index].append(NoteSentence(statement.text, statement.evidence, spans=spans))
    return tuple(
        NoteSection(section.key, section.title, tuple(sentences))
        for section, sentences in zip(template.sections, buckets, strict=True)
    )
