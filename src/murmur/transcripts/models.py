from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from murmur.db import Base, UTCDateTime, new_id, utcnow


class Transcript(Base):
    """The transcription entry, created with its encounter and filled after processing."""

    __tablename__ = "transcripts"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"), index=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id"), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    language: Mapped[str] = mapped_column(String(20), default="english")
    text: Mapped[str] = mapped_column(Text, default="")
    error_reason: Mapped[str | None] = mapped_column(Text, default=None)
    audio_seconds: Mapped[float | None] = mapped_column(default=None)
    live_cursor: Mapped[int] = mapped_column(default=0)
    """The next chunk position live transcription will take; chunks before it are done."""
    live_offset_seconds: Mapped[float] = mapped_column(default=0.0)
    """Where the chunk at ``live_cursor`` starts in the whole recording."""
    carry_start_seconds: Mapped[float | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class TranscriptSegment(Base):
    __tablename__ = "transcript_segments"
    __table_args__ = (UniqueConstraint("transcript_id", "position"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    transcript_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transcripts.id"), index=True)
    position: Mapped[int] = mapped_column()
    start_seconds: Mapped[float] = mapped_column()
    end_seconds: Mapped[float] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(20), default=None)
