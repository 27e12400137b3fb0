"""Chunks are transcribed as they arrive, in order, while the visit goes on."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from murmur.jobs.worker import Worker
from murmur.services import Services
from tests.builders import create_note, new_caller, upload
from tests.contract import assert_playback_response
from tests.e2e.test_chunked_recording import split_wav
from tests.fixtures.audio import fixture_path

pytestmark = pytest.mark.slow


def _transcription(client: TestClient, headers: dict[str, str], note_id: str) -> dict[str, object]:
    response = client.get(f"/v1/notes/{note_id}/transcription", headers=headers)
    assert_playback_response("/notes/{id}/transcription", "get", response.json())
    body: dict[str, object] = response.json()
    return body


def test_chunks_are_transcribed_before_finish_and_in_order(
    client: TestClient, services: Services, worker: Worker
) -> None:
    caller = new_caller(services, client)
    pieces = split_wav(fixture_path("bronchitis_visit.wav").read_bytes(), [21.7])
    created = create_note(client, caller, audioChunkCount=2)

    upload(client, created["urls"][1], pieces[1])
    worker.run_until_idle()
    waiting = _transcription(client, caller.headers, created["id"])
    assert waiting["object"] == {"segments": []}, "chunk 1 must wait for chunk 0"
    assert [c["status"] for c in waiting["chunks"]] == ["awaiting", "received"]

    upload(client, created["urls"][0], pieces[0])
    worker.run_until_idle()
    live = _transcription(client, caller.headers, created["id"])
    assert live["status"] == "pending"
    assert [c["status"] for c in live["chunks"]] == ["transcribed", "transcribed"]
    assert live["chunks"][1]["offsetSeconds"] == pytest.approx(21.7, abs=0.05)
    segments = live["object"]["segments"]
    text = " ".join(s["text"] for s in segments).lower()
    assert text.index("brings you in") < text.index("temperature") < text.index("bronchitis")
    assert segments[-1]["end"] > 30

    rejected = client.put(
        created["urls"][0], content=pieces[0], headers={"Content-Type": "audio/wav"}
    )
    assert rejected.status_code == 409

    client.post(f"/v1/notes/{created['id']}/finish", headers=caller.headers)
    worker.run_until_idle()
    final = _transcription(client, caller.headers, created["id"])
    assert final["status"] == "success"
    assert [s["text"] for s in final["object"]["segments"]][: len(segments)] == [
        s["text"] for s in segments
    ]


def test_a_corrupt_chunk_fails_alone(
    client: TestClient, services: Services, worker: Worker
) -> None:
    caller = new_caller(services, client)
    created = create_note(client, caller, audioChunkCount=2)
    upload(client, created["urls"][0], fixture_path("bronchitis_visit.wav").read_bytes())
    upload(client, created["urls"][1], b"RIFF\x00\x00garbage", "audio/wav")
    client.post(f"/v1/notes/{created['id']}/finish", headers=caller.headers)
    worker.run_until_idle()

    note = client.get(f"/v1/notes/{created['id']}", headers=caller.headers).json()
    assert note["status"] == "success"
    chunks = _transcription(client, caller.headers, created["id"])["chunks"]
    assert [c["status"] for c in chunks] == ["transcribed", "failed"]
    assert chunks[1]["failureReason"].startswith("audio could not be decoded: ")
