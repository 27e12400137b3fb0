"""The Heidi live flow over HTTP with real speech: segments sent out of order, one sent
twice, the live transcript growing chunk by chunk, then the sealed transcript."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from murmur.jobs.worker import Worker
from murmur.services import Services
from tests.api.heidi_v2.builders import HEIDI, HeidiCaller, create_session, new_heidi_caller
from tests.contract import assert_heidi_response
from tests.e2e.test_chunked_recording import split_wav
from tests.fixtures.audio import fixture_path

pytestmark = pytest.mark.slow


def _live(client: TestClient, caller: HeidiCaller, session_id: str) -> dict[str, object]:
    response = client.get(f"{HEIDI}/sessions/{session_id}/transcript/live", headers=caller.headers)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    assert_heidi_response("/sessions/{session_id}/transcript/live", "get", body)
    return body


def test_out_of_order_segments_make_one_ordered_transcript(
    client: TestClient, services: Services, worker: Worker
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    pieces = split_wav(fixture_path("bronchitis_visit.wav").read_bytes(), [14.0, 28.5])
    started = client.post(
        f"{HEIDI}/sessions/{session_id}/restful-segment-transcription", headers=caller.headers
    )
    recording = f"{HEIDI}/sessions/{session_id}/restful-segment-transcription/"
    recording += started.json()["recording_id"]

    def send(index: int) -> None:
        response = client.post(
            f"{recording}:transcribe",
            data={"index": str(index)},
            files={"file": (f"part{index}.wav", pieces[index], "audio/wav")},
            headers=caller.headers,
        )
        assert response.status_code == 200, response.text

    send(2)
    send(0)
    worker.run_until_idle()
    partial = _live(client, caller, session_id)
    states = [c["status"] for c in partial["chunks"]]  # type: ignore[union-attr]
    assert states == ["READY", "PENDING", "PENDING"], "chunk 2 waits for chunk 1"
    assert "brings you in" in str(partial["transcript"]).lower()

    send(1)
    send(0)  # sent again: replaces the first segment and transcription starts over
    worker.run_until_idle()
    live = _live(client, caller, session_id)
    chunks = live["chunks"]
    assert [c["status"] for c in chunks] == ["READY"] * 3  # type: ignore[union-attr]
    assert sum(c["duration"] for c in chunks) == pytest.approx(42.7, abs=0.1)  # type: ignore[union-attr]
    text = str(live["transcript"]).lower()
    assert text.count("brings you in") == 1, "the replaced segment is not transcribed twice"
    assert text.index("brings you in") < text.index("temperature") < text.index("bronchitis")

    finished = client.post(f"{recording}:finish", headers=caller.headers)
    assert finished.status_code == 200, finished.text
    worker.run_until_idle()
    final = client.get(f"{HEIDI}/sessions/{session_id}/transcript", headers=caller.headers)
    assert final.status_code == 200, final.text
    assert_heidi_response("/sessions/{session_id}/transcript", "get", final.json())
    assert final.json()["status"] == "READY"
    assert final.json()["language_code"] == "en"
    assert "bronchitis" in final.json()["transcript"].lower()
    sealed = _live(client, caller, session_id)
    speakers = {s.get("speaker") for c in sealed["chunks"] for s in c["segments"]}  # type: ignore[union-attr]
    assert speakers <= {"CLINICIAN", "PATIENT"}
    assert "CLINICIAN" in speakers
    indexes = [s["index"] for c in sealed["chunks"] for s in c["segments"]]  # type: ignore[union-attr]
    assert indexes == list(range(len(indexes)))
