"""An ICD-10-CM suggestion as the coder's rules pass it along, and what they share."""

from __future__ import annotations

from dataclasses import dataclass, replace

from murmur.coding.domain import CodeSuggestion, Reference, SimilarCode
from murmur.engines.coding.code_set import Icd10Cm, Icd10Code
from murmur.engines.coding.lexicon import LexiconEntry
from murmur.engines.coding.sources import Origin, Source

MAX_SOURCES = 3
MAX_REFERENCES = 6


@dataclass(frozen=True, slots=True)
class Coded:
    """An ICD-10-CM suggestion with the lexicon entry behind it (None: found in the code set)."""

    suggestion: CodeSuggestion
    entry: LexiconEntry | None
    origin: Origin = Origin.ASSESSMENT
    addressed: bool = False  # named in the assessment or plan, not only as past history
    hedged_problem: bool = False  # an assessment problem documented only as uncertain
    own_problem: bool = False  # a heading of its own in the assessment ("4. Fatigue.")

    @property
    def is_diagnosis(self) -> bool:
        return self.entry is None or not self.entry.is_symptom


def references(sources: list[Source]) -> tuple[Reference, ...]:
    """Each distinct sentence once, note before transcript."""
    unique = {(s.document, s.start): s for s in sources}.values()
    ordered = sorted(unique, key=lambda s: (s.document != "note", s.start))
    return tuple(
        Reference(str(s.document), s.text, s.start, s.end) for s in ordered[:MAX_REFERENCES]
    )


def similar_codes(code: str, codes: Icd10Cm) -> tuple[SimilarCode, ...]:
    return tuple(SimilarCode(c.code, c.description) for c in codes.similar(code))


def recoded(
    suggestion: CodeSuggestion,
    known: Icd10Code,
    codes: Icd10Cm,
    *,
    reason: str,
    source_sentences: tuple[str, ...] | None = None,
) -> CodeSuggestion:
    """The suggestion reported as another code of the tabular list, with why, and that code's
    neighbours as its similar codes."""
    if source_sentences is None:
        source_sentences = suggestion.source_sentences
    return replace(
        suggestion,
        code=known.code,
        description=known.description,
        reason=reason,
        source_sentences=source_sentences,
        similar=similar_codes(known.code, codes),
    )


def inactive(item: Coded, reason: str) -> Coded:
    suggestion = replace(item.suggestion, active=False, reason=reason)
    return replace(item, suggestion=suggestion)


def is_vague(description: str) -> bool:
    text = description.lower()
    return "unspecified" in text or "without complications" in text
