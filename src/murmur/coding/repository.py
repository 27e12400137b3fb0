from __future__ import annotations

import uuid
from collections.abc import Sequence

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


def replace_codes(
    session: Session,
    *,
    tenant_id: uuid.UUID,
    encounter_id: uuid.UUID,
    suggestions: Sequence[CodeSuggestion],
) -> None:
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
            confidence=round(min(max(suggestion.confidence, 0.0), 1.0), 3),
            source_sentences=list(suggestion.source_sentences),
        )
        for position, suggestion in enumerate(suggestions)
    )
