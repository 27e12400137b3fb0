"""Coded entities in any supported system, built from the visit's suggested codes.

ICD-10-CM and CPT come from the coder; WHO ICD-10 and ICD-9-CM are carried over from
ICD-10-CM (see crosswalk); SNOMED CT is looked up by each entity's words in the loaded
release; OPCS-4 and ACHI code the procedures the plan names, from their loaded releases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from murmur.coding.crosswalk import to_icd9, to_who
from murmur.coding.domain import CodeSuggestion, CodeSystem, Reference
from murmur.coding.ports import Coder
from murmur.coding.systems.concepts import Concept, Terminology
from murmur.coding.systems.directory import BUNDLED, bundled

SIMILAR = 3
PROCEDURE_SYSTEMS = frozenset({"OPCS-410", "ACHI-13"})


@dataclass(frozen=True, slots=True)
class CodeRef:
    code: str
    description: str
    system: str
    valid: bool
    hierarchy: tuple[str, ...] = ()  # ancestors, broadest first, as "code description"


@dataclass(frozen=True, slots=True)
class CodedEntity:
    entity: str
    primary: CodeRef
    similar: tuple[CodeRef, ...]
    references: tuple[Reference, ...]
    active: bool
    confidence: float
    reason: str
    thumbs: str | None = None


TerminologyFor = Callable[[str], Terminology]


def _ref(concept: Concept, terminology: Terminology) -> CodeRef:
    chain = [f"{c.code} {c.description}" for c in reversed(terminology.parents(concept.code))]
    name = terminology.info.name
    return CodeRef(concept.code, concept.description, name, concept.billable, tuple(chain))


def _icd_entities(
    suggestions: Sequence[CodeSuggestion], system: str, thumbs: dict[str, str | None]
) -> list[CodedEntity]:
    cm = bundled("ICD-10-CM")
    target = bundled(system)
    carry: Callable[[str], Concept | None] = {
        "ICD-10-CM": cm.lookup,
        "ICD-10": lambda code: to_who(code, target),
        "ICD-9-CM": lambda code: to_icd9(code, target),
    }[system]
    entities: list[CodedEntity] = []
    for s in suggestions:
        if s.system is not CodeSystem.ICD10CM or (primary := carry(s.code)) is None:
            continue
        similar = [c for o in s.similar if (c := carry(o.code)) and c.code != primary.code]
        reason = s.reason if system == "ICD-10-CM" else f"{s.reason}; carried over from {s.code}"
        entities.append(
            CodedEntity(
                entity=s.entity or s.description,
                primary=_ref(primary, target),
                similar=tuple(_ref(c, target) for c in dict.fromkeys(similar))[:SIMILAR],
                references=s.references,
                active=s.active,
                confidence=s.confidence,
                reason=reason,
                thumbs=thumbs.get(s.code),
            )
        )
    return entities


def _cpt_entities(suggestions: Sequence[CodeSuggestion]) -> list[CodedEntity]:
    return [
        CodedEntity(
            entity="office or outpatient visit",
            primary=CodeRef(s.code, s.description, "CPT", True, ("99202-99215 Office visits",)),
            similar=(),
            references=s.references,
            active=s.active,
            confidence=s.confidence,
            reason=s.reason,
        )
        for s in suggestions
        if s.system is CodeSystem.CPT
    ]


def _looked_up(
    entity: str, query: str, terminology: Terminology, base: CodedEntity | None
) -> CodedEntity | None:
    found = [c for c in terminology.search(query, limit=SIMILAR + 1) if c.billable]
    if not found:
        return None
    primary, *similar = found
    name = terminology.info.name
    return CodedEntity(
        entity=entity,
        primary=_ref(primary, terminology),
        similar=tuple(_ref(c, terminology) for c in similar),
        references=base.references if base else (),
        active=base.active if base else True,
        confidence=round((base.confidence if base else 0.6) * 0.8, 2),
        reason=f"{name} concept whose terms best match '{query}'"
        + (f"; {base.reason}" if base else ""),
    )


def code_entities(
    suggestions: Sequence[CodeSuggestion],
    *,
    system: str,
    note: str,
    transcript: str,
    licensed: TerminologyFor,
    coder: Coder,
    thumbs: dict[str, str | None] | None = None,
) -> list[CodedEntity]:
    """Entities for a canonical system name (see `coding.systems.directory.canonical`)."""
    votes = thumbs or {}
    if system in BUNDLED:
        return _icd_entities(suggestions, system, votes)
    if system == "CPT":
        return _cpt_entities(suggestions)
    terminology = licensed(system)
    if system in PROCEDURE_SYSTEMS:
        return [
            found
            for p in coder.procedures(note=note, transcript=transcript)
            if (found := _looked_up(p.entity, p.query, terminology, None))
            and (found := _with_reference(found, p.reference))
        ]
    base = _icd_entities(suggestions, "ICD-10-CM", votes)
    return [
        found
        for entity in base
        if (found := _looked_up(entity.entity, entity.entity, terminology, entity))
        or (found := _looked_up(entity.entity, entity.primary.description, terminology, entity))
    ]


def _with_reference(entity: CodedEntity, reference: Reference) -> CodedEntity:
    return CodedEntity(
        entity.entity,
        entity.primary,
        entity.similar,
        (reference,),
        entity.active,
        entity.confidence,
        entity.reason,
    )
