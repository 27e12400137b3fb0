from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
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
    voice_style: Mapped[str] = mapped_column(String(20), default="GOLDILOCKS")
    content_type: Mapped[str] = mapped_column(String(10), default="MARKDOWN")
    origin: Mapped[str] = mapped_column(String(20), default="pipeline")
    """"pipeline" (the job after finish) or "request" (a client asked for it; the job keeps it)."""


class NoteTemplate(Base):
    """A tenant-defined template; ``sections`` is ``[{key, title, instruction, draws_from}]``."""

    __tablename__ = "note_templates"
    __table_args__ = (Index("ix_note_templates_tenant_created", "tenant_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    plain_language: Mapped[bool] = mapped_column(default=False)
    sections: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProviderExampleNote(Base):
    """The note a provider wrote themselves, which MY_VOICE notes imitate."""

    __tablename__ = "provider_example_notes"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"), index=True)
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("providers.id"), unique=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Document(Base):
    """A further template output for an encounter (a letter, a summary), numbered in order."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("encounter_id", "position"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"), index=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id"))
    position: Mapped[int] = mapped_column()
    template_id: Mapped[uuid.UUID] = mapped_column()
    template_name: Mapped[str] = mapped_column(String(200))
    engine: Mapped[str] = mapped_column(String(40))
    voice_style: Mapped[str] = mapped_column(String(20))
    content_type: Mapped[str] = mapped_column(String(10))
    content: Mapped[str] = mapped_column(Text)
    structure: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NoteSignOff(Base):
    """A clinician's sign-off of a session's consult note: the text exactly as signed, who signed
    it and when. Signing different text again adds the next version (an amendment); a version
    is never changed, so the history of what was signed stays."""

    __tablename__ = "note_sign_offs"
    __table_args__ = (UniqueConstraint("encounter_id", "version"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id"), index=True)
    encounter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("encounters.id"))
    version: Mapped[int] = mapped_column()
    content: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(10))
    signed_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("providers.id"))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
