"""What a Heidi session adds to its note's context: the clinician's own notes, the text of
its context documents and the notes of the sessions linked to it. Long texts are cut so a
referral letter informs the note without swamping it."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from murmur.context_documents.models import DocumentStatus
from murmur.context_documents.repository import documents_of
from murmur.encounters import repository as encounters
from murmur.encounters.models import Encounter
from murmur.notes.repository import consult_note

MAX_DOCUMENT_CHARS = 3000
MAX_LINKED_NOTE_CHARS = 2000


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def session_context(session: Session, encounter: Encounter) -> dict[str, Any]:
    """``{"clinicianNotes": [...], "contextDocuments": {filename: text}, "linkedSessions":
    [...]}``, each key present only when it has something to say."""
    found: dict[str, Any] = {}
    notes = [note.strip() for note in encounter.clinician_notes or [] if note.strip()]
    if notes:
        found["clinicianNotes"] = notes
    documents = {
        document.filename: _cut(document.text, MAX_DOCUMENT_CHARS)
        for document in documents_of(
            session, tenant_id=encounter.tenant_id, encounter_id=encounter.id
        )
        if document.status == DocumentStatus.READY and document.text.strip()
    }
    if documents:
        found["contextDocuments"] = documents
    linked = _linked_notes(session, encounter)
    if linked:
        found["linkedSessions"] = linked
    return found


def _linked_notes(session: Session, encounter: Encounter) -> list[str]:
    notes = []
    for raw in encounter.linked_sessions or []:
        other = encounters.get(session, tenant_id=encounter.tenant_id, encounter_id=uuid.UUID(raw))
        note = consult_note(session, encounter_id=other.id) if other else None
        if other is not None and note is not None and note.text.strip():
            day = other.created_at.date().isoformat()
            notes.append(f"visit of {day}: {_cut(note.text, MAX_LINKED_NOTE_CHARS)}")
    return notes
