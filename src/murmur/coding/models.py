from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
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
    entity: Mapped[str | None] = mapped_column(Text, default=None)
    # [{"source": "transcript"|"note", "text", "start", "end"}]
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # [{"code", "description"}]: close alternatives a coder may prefer
    similar: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class CodeSystemRelease(Base):
    """A licensed code system loaded into this installation from the licensee's own files."""

    __tablename__ = "code_system_releases"

    system: Mapped[str] = mapped_column(String(20), primary_key=True)
    edition: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column()
    concept_count: Mapped[int] = mapped_column()
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LicensedConcept(Base):
    __tablename__ = "licensed_concepts"
    __table_args__ = (UniqueConstraint("system", "code"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    system: Mapped[str] = mapped_column(String(20), index=True)
    code: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)
    billable: Mapped[bool] = mapped_column()
    parent: Mapped[str | None] = mapped_column(String(40), default=None)
    synonyms: Mapped[list[str]] = mapped_column(JSON, default=list)
