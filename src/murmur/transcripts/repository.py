from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from murmur.transcripts.domain import Segment, SpeakerRole
from murmur.transcripts.models import Transcript, TranscriptSegment


def for_encounter(session: Session, *, encounter_id: uuid.UUID) -> Transcript:
    return session.scalars(select(Transcript).where(Transcript.encounter_id == encounter_id)).one()


def segments(session: Session, *, transcript_id: uuid.UUID) -> list[Segment]:
    rows = session.scalars(
        select(TranscriptSegment)
        .where(TranscriptSegment.transcript_id == transcript_id)
        .order_by(TranscriptSegment.position)
    )
    return [
        Segment(
            start=row.start_seconds,
            end=row.end_seconds,
            text=row.text,
            speaker=SpeakerRole(row.speaker) if row.speaker else None,
        )
        for row in rows
    ]


def replace_segments(session: Session, *, transcript_id: uuid.UUID, items: list[Segment]) -> None:
    """Idempotent: a re-run job replaces the rows instead of adding a second copy."""
    session.execute(
        delete(TranscriptSegment).where(TranscriptSegment.transcript_id == transcript_id)
    )
    session.add_all(
        TranscriptSegment(
            transcript_id=transcript_id,
            position=position,
            start_seconds=item.start,
            end_seconds=item.end,
            text=item.text,
            speaker=item.speaker.value if item.speaker else None,
        )
        for position, item in enumerate(items)
    )
