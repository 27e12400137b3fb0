from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from murmur.audio.models import RecordingChunk


def chunks_of(session: Session, *, encounter_id: uuid.UUID) -> list[RecordingChunk]:
    return list(
        session.scalars(
            select(RecordingChunk)
            .where(RecordingChunk.encounter_id == encounter_id)
            .order_by(RecordingChunk.position)
        )
    )


def get_chunk(session: Session, *, encounter_id: uuid.UUID, position: int) -> RecordingChunk | None:
    return session.scalars(
        select(RecordingChunk).where(
            RecordingChunk.encounter_id == encounter_id, RecordingChunk.position == position
        )
    ).one_or_none()
