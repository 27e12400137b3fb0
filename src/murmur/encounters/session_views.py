"""Read models that gather one Heidi session's parts for the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from murmur.audio.models import RecordingChunk
from murmur.audio.repository import chunks_of
from murmur.encounters.heidi_sessions import require_session
from murmur.encounters.models import Encounter
from murmur.notes.models import Document, Note
from murmur.notes.repository import consult_note, documents_of
from murmur.notes.sign_off import signed_version
from murmur.patients.models import PatientProfile
from murmur.patients.repository import get as get_profile


@dataclass(frozen=True, slots=True)
class SessionView:
    encounter: Encounter
    profile: PatientProfile | None
    note: Note | None
    documents: list[Document]
    chunks: list[RecordingChunk]
    signed_version: int


def view_of(session: Session, encounter: Encounter) -> SessionView:
    profile = None
    if encounter.patient_profile_id is not None:
        profile = get_profile(
            session, tenant_id=encounter.tenant_id, profile_id=encounter.patient_profile_id
        )
    return SessionView(
        encounter=encounter,
        profile=profile,
        note=consult_note(session, encounter_id=encounter.id),
        documents=documents_of(session, tenant_id=encounter.tenant_id, encounter_id=encounter.id),
        chunks=chunks_of(session, encounter_id=encounter.id),
        signed_version=signed_version(session, encounter=encounter),
    )


def session_view(
    session: Session, *, tenant_id: uuid.UUID, session_id: str | uuid.UUID
) -> SessionView:
    return view_of(session, require_session(session, tenant_id=tenant_id, session_id=session_id))
