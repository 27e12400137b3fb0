from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from murmur.notes.models import Note

CONSULT_NOTE = "consult_note"


def consult_note(session: Session, *, encounter_id: uuid.UUID) -> Note | None:
    return session.scalars(
        select(Note).where(Note.encounter_id == encounter_id, Note.kind == CONSULT_NOTE)
    ).one_or_none()
