"""Encounters: created with their recording slots and transcript entry, finished to start
processing, and read back only inside their tenant."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from murmur.audio.models import ChunkStatus, RecordingChunk
from murmur.audio.repository import chunks_of
from murmur.auth.tokens import Principal
from murmur.db import utcnow
from murmur.encounters import repository
from murmur.encounters.models import Encounter, EncounterStatus
from murmur.errors import InvalidInput, NotFound, TemplateNotFound
from murmur.jobs import queue
from murmur.notes.service import find_template
from murmur.notes.templates import DEFAULT_TEMPLATE
from murmur.transcripts.domain import TRANSCRIBE_JOB

MAX_CHUNKS = 1000


@dataclass(frozen=True, slots=True)
class NewEncounter:
    template_id: uuid.UUID | None
    language: str
    patient_ref: str | None
    add_context: dict[str, Any] | None
    chunk_count: int | None


def create_encounter(
    session: Session, *, principal: Principal, request: NewEncounter
) -> tuple[Encounter, list[RecordingChunk]]:
    template = DEFAULT_TEMPLATE
    if request.template_id is not None:
        try:
            template = find_template(
                session, tenant_id=principal.tenant_id, template_id=request.template_id
            )
        except TemplateNotFound:
            raise InvalidInput(
                f"templateId {request.template_id} is not a known template", field="templateId"
            ) from None
    chunk_count = request.chunk_count or 0
    if chunk_count > MAX_CHUNKS:
        raise InvalidInput(f"audioChunkCount may be at most {MAX_CHUNKS}", field="audioChunkCount")
    chunked = chunk_count > 0
    encounter = Encounter(
        tenant_id=principal.tenant_id,
        provider_id=principal.provider_id,
        patient_ref=request.patient_ref,
        language=request.language,
        template_id=template.id,
        add_context=request.add_context,
        chunked=chunked,
        expected_chunks=chunk_count if chunked else 1,
        title=template.name,
    )
    repository.add_with_transcript(session, encounter)
    chunks = [
        RecordingChunk(
            tenant_id=encounter.tenant_id,
            encounter_id=encounter.id,
            position=position,
            object_key=f"tenants/{encounter.tenant_id}/encounters/{encounter.id}/audio/{position:04d}",
        )
        for position in range(encounter.expected_chunks)
    ]
    session.add_all(chunks)
    session.flush()
    return encounter, chunks


def get_encounter(session: Session, *, tenant_id: uuid.UUID, encounter_id: uuid.UUID) -> Encounter:
    encounter = repository.get(session, tenant_id=tenant_id, encounter_id=encounter_id)
    if encounter is None:
        raise NotFound(f"note {encounter_id} was not found")
    return encounter


def finish_encounter(
    session: Session, *, tenant_id: uuid.UUID, encounter_id: uuid.UUID, max_attempts: int
) -> Encounter:
    """Marks the recording complete and queues processing; finishing twice changes nothing."""
    encounter = get_encounter(session, tenant_id=tenant_id, encounter_id=encounter_id)
    locked = repository.get_for_update(session, encounter_id=encounter.id)
    assert locked is not None
    if locked.finished_at is not None:
        return locked
    locked.finished_at = utcnow()
    for chunk in chunks_of(session, encounter_id=locked.id):
        if chunk.status == ChunkStatus.AWAITING:
            chunk.status = ChunkStatus.MISSING
    queue.enqueue(
        session,
        kind=TRANSCRIBE_JOB,
        tenant_id=locked.tenant_id,
        encounter_id=locked.id,
        max_attempts=max_attempts,
    )
    return locked


def fail_encounter(session: Session, *, encounter_id: uuid.UUID, reason: str) -> None:
    """Ends processing in error with a reason the APIs show; statuses only move forward."""
    encounter = repository.get_for_update(session, encounter_id=encounter_id)
    if encounter is None or encounter.status != EncounterStatus.PENDING:
        return
    encounter.status = EncounterStatus.ERROR
    encounter.error_reason = reason
    encounter.coding_status = "error"
    encounter.completed_at = utcnow()
