from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from murmur.db import Base, UTCDateTime, new_id, utcnow


class DocumentStatus(enum.StrEnum):
    """PARSING -> READY | FAILED (FAILED is ours: Heidi's spec lists only the first two)."""

    PARSING = "PARSING"
    READY = "READY"
    FAILED = "FAILED"


class ContextDocument(Base):
    """A file attached to a session (referral letter, past results) whose text informs notes."""

    __tablename__ = "context_documents"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"), index=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id"), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(200))
    object_key: Mapped[str] = mapped_column(String(500))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    unstructured: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default=DocumentStatus.PARSING)
    text: Mapped[str] = mapped_column(Text, default="")
    failure_reason: Mapped[str | None] = mapped_column(Text, default=None)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    parsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
