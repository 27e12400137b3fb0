from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from murmur.context_documents.models import ContextDocument, DocumentStatus


def documents_of(
    session: Session, *, tenant_id: uuid.UUID, encounter_id: uuid.UUID
) -> list[ContextDocument]:
    return list(
        session.scalars(
            select(ContextDocument)
            .where(
                ContextDocument.tenant_id == tenant_id,
                ContextDocument.encounter_id == encounter_id,
            )
            .order_by(ContextDocument.uploaded_at, ContextDocument.id)
        )
    )


def parsing(session: Session, *, encounter_id: uuid.UUID) -> list[ContextDocument]:
    return list(
        session.scalars(
            select(ContextDocument).where(
                ContextDocument.encounter_id == encounter_id,
                ContextDocument.status == DocumentStatus.PARSING,
            )
        )
    )


def get(session: Session, *, document_id: uuid.UUID) -> ContextDocument | None:
    return session.get(ContextDocument, document_id)
