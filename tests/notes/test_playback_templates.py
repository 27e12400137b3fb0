"""Playback notes written against a tenant's own template, through the real pipeline job."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from murmur.jobs import queue
from murmur.jobs.worker import Worker
from murmur.notes import service as notes
from murmur.notes.domain import WRITE_NOTE_JOB
from murmur.services import Services
from murmur.transcripts import repository as transcripts
from murmur.transcripts.pasted import parse_transcript
from tests.builders import create_note, new_caller
from tests.notes.seed import BRONCHITIS

RESPIRATORY = {
    "name": "Respiratory clinic",
    "sections": [
        {"key": "story", "title": "Story", "draws_from": ["chief_complaint",
         "history_of_present_illness", "review_of_systems"]},
        {"key": "chest", "title": "Chest findings", "draws_from": ["vitals", "examination"]},
        {"key": "impression", "title": "Impression", "draws_from": ["assessment"]},
        {"key": "next", "title": "Next steps", "draws_from": ["plan", "follow_up"]},
    ],
}  # fmt: skip


def test_a_tenant_template_shapes_the_playback_note(
    services: Services, client: TestClient, worker: Worker
) -> None:
    caller = new_caller(services, client)
    other = new_caller(services, client, email="x@other.example", tenant_name="Other")
    with services.transactions.writing() as session:
        template = notes.create_template(
            session, tenant_id=caller.tenant_id, definition=RESPIRATORY
        )
    refused = client.post("/v1/notes", json={"templateId": str(template.id)}, headers=other.headers)
    assert refused.status_code == 400
    assert refused.json()["field"] == "templateId"
    assert "is not a known template" in refused.json()["message"]

    note_id = uuid.UUID(create_note(client, caller, templateId=str(template.id))["id"])
    pending = client.get(f"/v1/notes/{note_id}", headers=caller.headers).json()
    assert pending["template"] == {"name": "Respiratory clinic", "id": str(template.id)}
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
    assert worker.run_once()  # the note job; coding is not under test here
    body = client.get(f"/v1/notes/{note_id}", headers=caller.headers).json()
    assert body["noteObject"] is not None, body
    assert body["template"] == {"name": "Respiratory clinic", "id": str(template.id)}
    titles = [section["title"] for section in body["noteObject"]["sections"]]
    assert titles == ["Story", "Chest findings", "Impression", "Next steps"]
    assert body["note"].startswith("## Story\n")
    assert "bronchitis" in body["note"].lower()
