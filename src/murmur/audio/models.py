from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from murmur.db import Base, UTCDateTime, new_id, utcnow


class ChunkStatus(enum.StrEnum):
    """awaiting -> received -> transcribed | failed; awaiting -> missing at finish."""

    AWAITING = "awaiting"
    RECEIVED = "received"
    TRANSCRIBED = "transcribed"
    MISSING = "missing"
    FAILED = "failed"


class ChunkSource(enum.StrEnum):
    UPLOAD = "upload"
    """A whole recording, or Playback's chunks, sent at once by the client."""
    LIVE = "live"
    """A segment streamed while the visit goes on (Heidi's restful segment transcription)."""


class RecordingChunk(Base):
    """One uploaded piece of an encounter's audio; a single-file recording is chunk 0."""

    __tablename__ = "recording_chunks"
    __table_args__ = (UniqueConstraint("encounter_id", "position"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"))
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id"), index=True)
    position: Mapped[int] = mapped_column()
    object_key: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default=ChunkStatus.AWAITING)
    size_bytes: Mapped[int | None] = mapped_column(BigInteger, default=None)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    content_type: Mapped[str | None] = mapped_column(String(200), default=None)
    offset_seconds: Mapped[float | None] = mapped_column(default=None)
    duration_seconds: Mapped[float | None] = mapped_column(default=None)
    failure_reason: Mapped[str | None] = mapped_column(Text, default=None)
    source: Mapped[str] = mapped_column(String(20), default=ChunkSource.UPLOAD)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    transcribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
