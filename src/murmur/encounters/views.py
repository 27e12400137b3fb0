"""Read models that gather one encounter's parts for the API surfaces."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from murmur.audio.models import RecordingChunk
from murmur.audio.repository import chunks_of
from murmur.coding.models import ClinicalCode
from murmur.coding.repository import codes_of
from murmur.encounters.models import Encounter
from murmur.encounters.service import get_encounter
from murmur.notes.models import Note
from murmur.notes.repository import consult_note
from murmur.transcripts import repository as transcripts
from murmur.transcripts.domain import Segment
from murmur.transcripts.models import Transcript


@dataclass(frozen=True, slots=True)
class EncounterView:
    encounter: Encounter
    transcript: Transcript
    segments: list[Segment]
    note: Note | None
    codes: list[ClinicalCode]
    chunks: list[RecordingChunk]


def encounter_view(
    session: Session, *, tenant_id: uuid.UUID, encounter_id: uuid.UUID
) -> EncounterView:
    encounter = get_encounter(session, tenant_id=tenant_id, encounter_id=encounter_id)
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    return EncounterView(
        encounter=encounter,
        transcript=transcript,
        segments=transcripts.segments(session, transcript_id=transcript.id),
        note=consult_note(session, encounter_id=encounter.id),
        codes=codes_of(session, encounter_id=encounter.id),
        chunks=chunks_of(session, encounter_id=encounter.id),
    )
