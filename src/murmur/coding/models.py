from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from murmur.db import Base, UTCDateTime, new_id, utcnow


class ClinicalCode(Base):
    __tablename__ = "clinical_codes"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"), index=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id"), index=True)
    system: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column()
    code: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    thumbs: Mapped[str | None] = mapped_column(String(10), default=None)
    confidence: Mapped[float] = mapped_column()
    source_sentences: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
