from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CodeSystem(StrEnum):
    ICD10CM = "ICD-10-CM"
    CPT = "CPT"


@dataclass(frozen=True, slots=True)
class CodeSuggestion:
    system: CodeSystem
    code: str
    description: str
    confidence: float
    reason: str
    source_sentences: tuple[str, ...]
    active: bool = True
