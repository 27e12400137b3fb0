from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from murmur.notes.models import Document, Note, NoteSignOff, NoteTemplate, ProviderExampleNote

CONSULT_NOTE = "consult_note"


def consult_note(session: Session, *, encounter_id: uuid.UUID) -> Note | None:
    return session.scalars(
        select(Note).where(Note.encounter_id == encounter_id, Note.kind == CONSULT_NOTE)
    ).one_or_none()


def tenant_templates(session: Session, *, tenant_id: uuid.UUID) -> list[NoteTemplate]:
    return list(
        session.scalars(
            select(NoteTemplate)
            .where(NoteTemplate.tenant_id == tenant_id)
            .order_by(NoteTemplate.created_at, NoteTemplate.name)
        )
    )


def tenant_template(
    session: Session, *, tenant_id: uuid.UUID, template_id: uuid.UUID
) -> NoteTemplate | None:
    return session.scalars(
        select(NoteTemplate).where(
            NoteTemplate.tenant_id == tenant_id, NoteTemplate.id == template_id
        )
    ).one_or_none()


def example_note(
    session: Session, *, tenant_id: uuid.UUID, provider_id: uuid.UUID
) -> ProviderExampleNote | None:
    return session.scalars(
        select(ProviderExampleNote).where(
            ProviderExampleNote.tenant_id == tenant_id,
            ProviderExampleNote.provider_id == provider_id,
        )
    ).one_or_none()


def documents_of(
    session: Session, *, tenant_id: uuid.UUID, encounter_id: uuid.UUID
) -> list[Document]:
    return list(
        session.scalars(
            select(Document)
            .where(Document.tenant_id == tenant_id, Document.encounter_id == encounter_id)
            .order_by(Document.position)
        )
    )


def next_document_position(session: Session, *, encounter_id: uuid.UUID) -> int:
    highest = session.scalar(
        select(func.max(Document.position)).where(Document.encounter_id == encounter_id)
    )
    return 0 if highest is None else highest + 1


def sign_offs(
    session: Session, *, tenant_id: uuid.UUID, encounter_id: uuid.UUID
) -> list[NoteSignOff]:
    """Every signed version of an encounter's note, newest first."""
    return list(
        session.scalars(
            select(NoteSignOff)
            .where(NoteSignOff.tenant_id == tenant_id, NoteSignOff.encounter_id == encounter_id)
            .order_by(NoteSignOff.version.desc())
        ).all()
    )


def latest_signed_version(
    session: Session, *, tenant_id: uuid.UUID, encounter_id: uuid.UUID
) -> int:
    latest = session.scalar(
        select(func.max(NoteSignOff.version)).where(
            NoteSignOff.tenant_id == tenant_id, NoteSignOff.encounter_id == encounter_id
        )
    )
    return int(latest or 0)
