"""A visit whose note and transcript are in the database and coded, without speech recognition."""

from __future__ import annotations

import uuid

from murmur.coding.repository import replace_codes
from murmur.encounters.models import Encounter
from murmur.engines.coding.offline import OfflineCoder
from murmur.notes.models import Note
from murmur.services import Services
from murmur.transcripts import repository as transcripts
from murmur.transcripts.domain import Segment, SpeakerRole
from murmur.transcripts.text import transcript_text

NOTE = """## Assessment
Hypertension, well controlled on lisinopril.
Right ankle sprain.

## Plan
Continue lisinopril. Ankle x-ray today and a splint. She denies chest pain.
"""
LINES = [
    (SpeakerRole.CLINICIAN, "Any chest pain?"),
    (SpeakerRole.PATIENT, "No chest pain, but I twisted my right ankle."),
    (SpeakerRole.PATIENT, "My mother has diabetes."),
]  # fmt: skip


def coded_visit(services: Services, encounter_id: str | uuid.UUID) -> None:
    """Writes the note and transcript above for the encounter and codes them."""
    segments = [Segment(i * 5.0, i * 5.0 + 4.0, text, role) for i, (role, text) in enumerate(LINES)]
    suggestions = OfflineCoder().code_text(note=NOTE, transcript=transcript_text(segments))
    with services.transactions.writing() as session:
        encounter = session.get(Encounter, uuid.UUID(str(encounter_id)))
        assert encounter is not None
        session.add(
            Note(
                tenant_id=encounter.tenant_id,
                encounter_id=encounter.id,
                template_id=uuid.uuid4(),
                template_name="SOAP",
                engine="test",
                text=NOTE,
                structure={"sections": []},
            )
        )
        transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
        transcripts.replace_segments(session, transcript_id=transcript.id, items=segments)
        replace_codes(
            session,
            tenant_id=encounter.tenant_id,
            encounter_id=encounter.id,
            suggestions=suggestions,
        )
        encounter.coding_status = "success"
