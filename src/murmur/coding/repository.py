from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from murmur.coding.domain import CodeSuggestion
from murmur.coding.models import ClinicalCode


def codes_of(session: Session, *, encounter_id: uuid.UUID) -> list[ClinicalCode]:
    return list(
        session.scalars(
            select(ClinicalCode)
            .where(ClinicalCode.encounter_id == encounter_id)
            .order_by(ClinicalCode.system, ClinicalCode.position)
        )
    )


def find_code(
    session: Session,
    *,
    tenant_id: uuid.UUID,
    encounter_id: uuid.UUID,
    code: str,
    system: str | None,
) -> ClinicalCode | None:
    query = select(ClinicalCode).where(
        ClinicalCode.tenant_id == tenant_id,
        ClinicalCode.encounter_id == encounter_id,
        ClinicalCode.code == code,
    )
    if system is not None:
        query = query.where(ClinicalCode.system == system)
    return session.scalars(query.order_by(ClinicalCode.system).limit(1)).first()


def replace_codes(
    session: Session,
    *,
    tenant_id: uuid.UUID,
    encounter_id: uuid.UUID,
    suggestions: Sequence[CodeSuggestion],
) -> None:
    """Recoding keeps the clinician's thumbs on codes that are suggested again."""
    earlier = {(c.system, c.code): c.thumbs for c in codes_of(session, encounter_id=encounter_id)}
    session.execute(delete(ClinicalCode).where(ClinicalCode.encounter_id == encounter_id))
    session.add_all(
        ClinicalCode(
            tenant_id=tenant_id,
            encounter_id=encounter_id,
            system=suggestion.system.value,
            position=position,
            code=suggestion.code,
            description=suggestion.description,
            active=suggestion.active,
            reason=suggestion.reason,
            thumbs=earlier.get((suggestion.system.value, suggestion.code)),
            confidence=round(min(max(suggestion.confidence, 0.0), 1.0), 3),
            source_sentences=list(suggestion.source_sentences),
            entity=suggestion.entity or None,
            evidence=[asdict(reference) for reference in suggestion.references],
            similar=[asdict(similar) for similar in suggestion.similar],
        )
        for position, suggestion in enumerate(suggestions)
    )
