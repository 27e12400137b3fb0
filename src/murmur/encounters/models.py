from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from murmur.db import Base, UTCDateTime, new_id, utcnow


class EncounterStatus(enum.StrEnum):
    PENDING = "pending"
    SUCCESS = "success"
    ERROR = "error"


class Encounter(Base):
    """One visit: a Playback note and a Heidi session are this row seen through two APIs."""

    __tablename__ = "encounters"
    __table_args__ = (
        Index("ix_encounters_tenant_created", "tenant_id", "created_at"),
        Index("ix_encounters_tenant_patient", "tenant_id", "patient_ref"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("providers.id"), index=True)
    patient_ref: Mapped[str | None] = mapped_column(String(200), default=None)
    language: Mapped[str] = mapped_column(String(20), default="english")
    template_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    add_context: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    chunked: Mapped[bool] = mapped_column(default=False)
    expected_chunks: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(300), default="Clinical note")
    status: Mapped[str] = mapped_column(String(20), default=EncounterStatus.PENDING)
    coding_status: Mapped[str] = mapped_column(String(20), default="processing")
    error_reason: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    # Heidi session details (Playback never sets them).
    patient_profile_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("patient_profiles.id"), default=None, index=True
    )
    patient: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    duration_seconds: Mapped[int | None] = mapped_column(default=None)
    language_code: Mapped[str | None] = mapped_column(String(20), default=None)
    output_language_code: Mapped[str | None] = mapped_column(String(20), default=None)
    clinician_notes: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    ehr_appointment_id: Mapped[str | None] = mapped_column(String(200), default=None)
    consent_obtained: Mapped[bool] = mapped_column(default=False)
    linked_sessions: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    live_recording_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
