from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CodeSystem(StrEnum):
    ICD10CM = "ICD-10-CM"
    CPT = "CPT"


class Thumbs(StrEnum):
    """A clinician's verdict on a suggested code."""

    UP = "up"
    DOWN = "down"


CODE_JOB = "code"  # the job kind that codes a visit from its note and transcript


@dataclass(frozen=True, slots=True)
class Reference:
    """Words that justify a code: a span of the transcript or of the note."""

    document: str  # "transcript" | "note"
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ProcedureMention:
    """A procedure or test the plan orders or the clinician performs, for the procedure code
    systems (OPCS-4, ACHI)."""

    query: str  # the words searched in the code system
    entity: str  # as written
    reference: Reference


@dataclass(frozen=True, slots=True)
class SimilarCode:
    code: str
    description: str


@dataclass(frozen=True, slots=True)
class CodeSuggestion:
    system: CodeSystem
    code: str
    description: str
    confidence: float
    reason: str
    source_sentences: tuple[str, ...]
    active: bool = True
    entity: str = ""
    references: tuple[Reference, ...] = ()
    similar: tuple[SimilarCode, ...] = ()
