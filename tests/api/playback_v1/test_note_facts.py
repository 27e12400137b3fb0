"""Playback ``noteObject.facts`` (a Murmur extension): the visit's facts beside the note."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from murmur.api.playback_v1.mappers import with_facts
from murmur.facts.domain import Evidence, Medication, MedicationAction, VisitFacts
from murmur.jobs import queue
from murmur.jobs.worker import Worker
from murmur.notes.domain import WRITE_NOTE_JOB
from murmur.services import Services
from murmur.transcripts import repository as transcripts
from murmur.transcripts.domain import Segment, SpeakerRole
from murmur.transcripts.pasted import parse_transcript
from tests.builders import create_note, new_caller
from tests.notes.seed import BRONCHITIS


def test_facts_join_the_note_object_with_their_quoted_words() -> None:
    segments = [Segment(0.0, 4.0, "Start amlodipine 5 mg daily.", SpeakerRole.CLINICIAN)]
    drug = Medication(
        name="amlodipine",
        action=MedicationAction.STARTED,
        dose="5 mg",
        evidence=(Evidence(0, 6, 27), Evidence(7, 0, 3)),
    )
    note_object = with_facts({"title": "Hypertension"}, VisitFacts((drug,)), segments)
    (fact,) = note_object["facts"]
    assert note_object["title"] == "Hypertension"
    assert fact["kind"] == "medication"
    assert fact["action"] == "started"
    assert fact["evidence"] == [  # the span naming no segment is left out
        {
            "segment": 0,
            "start": 6,
            "end": 27,
            "text": "amlodipine 5 mg daily",
            "speaker": "CLINICIAN",
        }
    ]


def test_a_written_note_carries_the_visit_facts(
    services: Services, client: TestClient, worker: Worker
) -> None:
    caller = new_caller(services, client)
    note_id = uuid.UUID(create_note(client, caller)["id"])
    with services.transactions.writing() as session:
        transcript = transcripts.for_encounter(session, encounter_id=note_id)
        transcripts.replace_segments(
            session, transcript_id=transcript.id, items=parse_transcript(BRONCHITIS)
        )
        queue.enqueue(
            session,
            kind=WRITE_NOTE_JOB,
            tenant_id=caller.tenant_id,
            encounter_id=note_id,
            max_attempts=1,
        )
    assert worker.run_once()

    body = client.get(f"/v1/notes/{note_id}", headers=caller.headers).json()

    facts = body["noteObject"]["facts"]
    (diagnosis,) = [f for f in facts if f["kind"] == "diagnosis"]
    assert diagnosis["name"] == "bronchitis"
    assert diagnosis["evidence"][0]["segment"] == 10
    assert diagnosis["evidence"][0]["text"] == "bronchitis"
    assert body["noteObject"]["sections"], "the note itself is unchanged"
