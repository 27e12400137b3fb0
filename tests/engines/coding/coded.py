"""Builders: a hand-written visit -> grounded note -> offline codes."""

from __future__ import annotations

from murmur.coding.domain import CodeSuggestion, CodeSystem
from murmur.coding.ports import Coder
from murmur.engines.coding.offline import OfflineCoder
from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.notes.ports import NoteBrief
from murmur.notes.templates import SOAP
from tests.engines.notes.grounded.visits import segments


def code_visit(lines: list[str]) -> list[CodeSuggestion]:
    visit = segments(lines)
    note = GroundedNoteWriter().write(
        NoteBrief(segments=visit, template=SOAP, context=None, language="english")
    )
    coder: Coder = OfflineCoder(facts=RuleFactExtractor())
    return coder.code(note=note, segments=visit)


def icd(suggestions: list[CodeSuggestion]) -> dict[str, CodeSuggestion]:
    return {s.code: s for s in suggestions if s.system is CodeSystem.ICD10CM}


def visit_level(lines: list[str]) -> CodeSuggestion:
    return next(s for s in code_visit(lines) if s.system is CodeSystem.CPT)
