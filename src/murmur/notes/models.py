from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from murmur.db import Base, UTCDateTime, new_id, utcnow


class Note(Base):
    """A generated note; ``structure`` holds sections -> sentences -> transcript evidence."""

    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("encounter_id", "kind"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"), index=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id"))
    kind: Mapped[str] = mapped_column(String(40), default="consult_note")
    template_id: Mapped[uuid.UUID] = mapped_column()
    template_name: Mapped[str] = mapped_column(String(200))
    engine: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    structure: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
