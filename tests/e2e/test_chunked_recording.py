"""Chunked uploads, assembled in order, with a chunk that never arrived (on both databases)."""

from __future__ import annotations

import io
import itertools
import uuid
import wave

import pytest
from fastapi.testclient import TestClient

from murmur.audio.models import ChunkStatus
from murmur.audio.repository import chunks_of
from murmur.jobs.worker import Worker
from murmur.services import Services
from tests.builders import create_note, new_caller, upload
from tests.fixtures.audio import fixture_path

pytestmark = pytest.mark.slow


def split_wav(data: bytes, cut_seconds: list[float]) -> list[bytes]:
    """Cuts a WAV into standalone WAV files at the given times."""
    with wave.open(io.BytesIO(data)) as source:
        params = source.getparams()
        frames = source.readframes(source.getnframes())
    width = params.sampwidth * params.nchannels
    bounds = [0, *[int(t * params.framerate) * width for t in cut_seconds], len(frames)]
    pieces = []
    for start, end in itertools.pairwise(bounds):
        out = io.BytesIO()
        with wave.open(out, "wb") as target:
            target.setparams(params)
            target.writeframes(frames[start:end])
        pieces.append(out.getvalue())
    return pieces


def test_missing_chunk_is_recorded_and_the_rest_processed(
    client: TestClient, services: Services, worker: Worker
) -> None:
    caller = new_caller(services, client)
    # Cut in the pauses between turns: before "Are you short of breath" and before the exam.
    pieces = split_wav(fixture_path("bronchitis_visit.wav").read_bytes(), [7.5, 15.5])
    created = create_note(client, caller, audioChunkCount=3)
    upload(client, created["urls"][2], pieces[2])
    upload(client, created["urls"][0], pieces[0])
    assert (
        client.post(f"/v1/notes/{created['id']}/finish", headers=caller.headers).status_code == 200
    )
    worker.run_until_idle()

    note = client.get(f"/v1/notes/{created['id']}", headers=caller.headers).json()
    assert note["status"] == "success", note
    transcript = client.get(f"/v1/notes/{created['id']}/transcription", headers=caller.headers)
    text = transcript.json()["text"].lower()
    # Chunk 0 ("good morning, what brings you in"), chunk 1 never arrived, then chunk 2.
    assert text.index("brings you in") < text.index("temperature") < text.index("bronchitis")
    assert "short of breath" not in text
    starts = [s["start"] for s in transcript.json()["object"]["segments"]]
    assert starts == sorted(starts)
    with services.transactions.writing() as session:
        statuses = [c.status for c in chunks_of(session, encounter_id=uuid.UUID(created["id"]))]
    assert statuses == [ChunkStatus.TRANSCRIBED, ChunkStatus.MISSING, ChunkStatus.TRANSCRIBED]
