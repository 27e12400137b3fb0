from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from murmur.jobs.models import Job
from murmur.jobs.worker import Worker
from murmur.services import Services
from murmur.transcripts.domain import TRANSCRIBE_JOB
from tests.builders import create_note, new_caller, upload
from tests.contract import assert_playback_response


def _finish(client: TestClient, headers: dict[str, str], note_id: str) -> None:
    response = client.post(f"/v1/notes/{note_id}/finish", headers=headers)
    assert response.status_code == 200, response.text
    assert_playback_response("/notes/{id}/finish", "post", response.json())


def test_malformed_id_is_400(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    response = client.post("/v1/notes/not-a-uuid/finish", headers=caller.headers)
    assert response.status_code == 400
    assert response.json()["field"] == "id"


def test_unknown_note_is_404(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    response = client.post(f"/v1/notes/{uuid.uuid4()}/finish", headers=caller.headers)
    assert response.status_code == 404


def test_finish_is_idempotent_and_queues_one_job(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller)
    upload(client, created["url"], b"bytes")
    _finish(client, caller.headers, created["id"])
    _finish(client, caller.headers, created["id"])
    with services.transactions.writing() as session:
        jobs = session.scalar(
            select(func.count()).select_from(Job).where(Job.kind == TRANSCRIBE_JOB)
        )
    assert jobs == 1


def _processed_note(
    client: TestClient, worker: Worker, caller_headers: dict[str, str], note_id: str
) -> dict[str, object]:
    _finish(client, caller_headers, note_id)
    worker.run_until_idle()
    response = client.get(f"/v1/notes/{note_id}", headers=caller_headers)
    assert_playback_response("/notes/{id}", "get", response.json())
    body: dict[str, object] = response.json()
    return body


@pytest.mark.parametrize(
    ("payload", "content_type"),
    [
        (b"", "audio/wav"),
        (b'{"this": "is json, not audio"}', "application/octet-stream"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 7, "audio/wav"),
        (bytes(range(256)) * 64, "audio/mp4"),
    ],
    ids=["zero-byte", "json", "truncated-wav", "random-bytes"],
)
def test_undecodable_audio_ends_in_error_with_reason(
    client: TestClient, services: Services, worker: Worker, payload: bytes, content_type: str
) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller)
    upload(client, created["url"], payload, content_type)
    note = _processed_note(client, worker, caller.headers, created["id"])
    assert note["status"] == "error"
    assert str(note["errorReason"]).startswith("audio could not be decoded: ")
    transcription = client.get(f"/v1/notes/{created['id']}/transcription", headers=caller.headers)
    assert transcription.json()["status"] == "error"
    codes = client.get(f"/v1/notes/{created['id']}/billingcodes", headers=caller.headers).json()
    assert_playback_response("/notes/{id}/billingcodes", "get", codes)
    assert codes["success"] is False
    assert codes["status"] == "success"
    # The bytes the client sent are kept for inspection, never deleted by a failure.
    assert services.store.exists(
        f"tenants/{caller.tenant_id}/encounters/{created['id']}/audio/0000"
    )


def test_finish_without_audio_ends_in_error(
    client: TestClient, services: Services, worker: Worker
) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller, audioChunkCount=2)
    note = _processed_note(client, worker, caller.headers, created["id"])
    assert note["status"] == "error"
    assert "no audio was uploaded" in str(note["errorReason"])


def test_pending_note_reads_as_pending(client: TestClient, services: Services) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller)
    note = client.get(f"/v1/notes/{created['id']}", headers=caller.headers).json()
    assert_playback_response("/notes/{id}", "get", note)
    assert (note["status"], note["note"], note["noteObject"]) == ("pending", "", None)
    assert note["template"]["name"] == "SOAP Note"
    codes = client.get(f"/v1/notes/{created['id']}/billingcodes", headers=caller.headers).json()
    assert_playback_response("/notes/{id}/billingcodes", "get", codes)
    assert codes["status"] == "processing"
    transcription = client.get(f"/v1/notes/{created['id']}/transcription", headers=caller.headers)
    assert_playback_response("/notes/{id}/transcription", "get", transcription.json())
    assert transcription.json()["object"]["segments"] == []
