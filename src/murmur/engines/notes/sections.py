"""Places statements into the sections of whatever template the note is written against."""

from __future__ import annotations

import re

from murmur.engines.notes.statements import Kind, Statement
from murmur.notes.domain import NoteSection, NoteSentence
from murmur.notes.templates import Template, TemplateSection

_KEY_KINDS: dict[str, frozenset[Kind]] = {
    "subjective": frozenset({Kind.SUBJECTIVE}),
    "objective": frozenset({Kind.OBJECTIVE}),
    "assessment": frozenset({Kind.ASSESSMENT}),
    "plan": frozenset({Kind.PLAN}),
    "assessment_and_plan": frozenset({Kind.ASSESSMENT, Kind.PLAN}),
}
_KIND_WORDS: dict[Kind, re.Pattern[str]] = {
    Kind.SUBJECTIVE: re.compile(
        r"subjective|history|complaint|symptom|hpi|present(?:ing)? illness|reason for visit|"
        r"interval|anamnesis|motivo|historia|síntoma",
        re.I,
    ),
    Kind.OBJECTIVE: re.compile(
        r"objective|exam|vital|finding|physical|result|observation|exploración|signos", re.I
    ),
    Kind.ASSESSMENT: re.compile(r"assessment|diagnos|impression|problem|evaluación", re.I),
    Kind.PLAN: re.compile(
        r"plan|treatment|management|follow|referral|instruction|next step|recommendation|"
        r"tratamiento|seguimiento",
        re.I,
    ),
}
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


def section_kinds(section: TemplateSection) -> frozenset[Kind]:
    """The statement kinds a section takes: by its key, else its title, else its instruction."""
    key = section.key.lower().replace("-", "_").replace(" ", "_")
    if key in _KEY_KINDS:
        return _KEY_KINDS[key]
    for text in (f"{section.key} {section.title}", section.instruction):
        kinds = frozenset(kind for kind, words in _KIND_WORDS.items() if words.search(text))
        if kinds:
            return kinds
    return frozenset()


def _section_tags(section: TemplateSection) -> frozenset[str]:
    text = f"{section.key} {section.title}"
    return frozenset(tag for tag, words in _TAG_WORDS.items() if words.search(text))


def _target(statement: Statement, template: Template) -> int | None:
    for index, section in enumerate(template.sections):
        if statement.tags & _section_tags(section):
            return index
    for index, section in enumerate(template.sections):
        if statement.kind in section_kinds(section):
            return index
    return None


def lay_out(template: Template, statements: list[Statement]) -> tuple[NoteSection, ...]:
    """Every template section, in order, each with its statements (possibly none)."""
    buckets: list[list[NoteSentence]] = [[] for _ in template.sections]
    for statement in statements:
        index = _target(statement, template)
        if index is None and "context" in statement.tags and buckets:
            index = 0
        if index is not None:
            buckets[index].append(NoteSentence(statement.text, statement.evidence))
    return tuple(
        NoteSection(section.key, section.title, tuple(sentences))
        for section, sentences in zip(template.sections, buckets, strict=True)
    )
