"""Heidi audio without the speech model: slots, ordering rules, bad inputs, waiting GETs."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient

from murmur.jobs.worker import Worker
from murmur.services import Services
from tests.api.heidi_v2.builders import (
    HEIDI,
    HeidiCaller,
    assert_heidi_error,
    create_session,
    new_heidi_caller,
)
from tests.contract import assert_heidi_response

WAV = ("piece.wav", b"RIFF\x00\x00not really audio", "audio/wav")


def _recording(client: TestClient, caller: HeidiCaller, session_id: str) -> str:
    response = client.post(
        f"{HEIDI}/sessions/{session_id}/restful-segment-transcription", headers=caller.headers
    )
    assert response.status_code == 200, response.text
    recording_id: str = response.json()["recording_id"]
    return recording_id


def _segment_url(session_id: str, recording_id: str, action: str) -> str:
    return f"{HEIDI}/sessions/{session_id}/restful-segment-transcription/{recording_id}:{action}"


def _live(client: TestClient, caller: HeidiCaller, session_id: str) -> dict[str, object]:
    response = client.get(f"{HEIDI}/sessions/{session_id}/transcript/live", headers=caller.headers)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    assert_heidi_response("/sessions/{session_id}/transcript/live", "get", body)
    return body


def test_segments_in_any_order_fill_their_slots(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    recording_id = _recording(client, caller, session_id)
    assert _recording(client, caller, session_id) == recording_id, "asking again is the same"
    url = _segment_url(session_id, recording_id, "transcribe")
    sent = client.post(url, data={"index": "2"}, files={"file": WAV}, headers=caller.headers)
    assert sent.status_code == 200, sent.text
    assert sent.json()["index"] == 2
    live = _live(client, caller, session_id)
    assert [c["index"] for c in live["chunks"]] == [0, 1, 2]  # type: ignore[index]
    assert {c["status"] for c in live["chunks"]} == {"PENDING"}  # type: ignore[union-attr]
    assert live["active_source"] == "LIVE"


def test_finish_marks_unsent_segments_failed(
    client: TestClient, services: Services, worker: Worker
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    recording_id = _recording(client, caller, session_id)
    url = _segment_url(session_id, recording_id, "transcribe")
    client.post(url, data={"index": "1"}, files={"file": WAV}, headers=caller.headers)
    finished = client.post(_segment_url(session_id, recording_id, "finish"), headers=caller.headers)
    assert finished.status_code == 200, finished.text
    worker.run_until_idle()
    chunks = _live(client, caller, session_id)["chunks"]
    assert [c["status"] for c in chunks] == ["FAILED", "FAILED"]  # type: ignore[union-attr]
    assert "never sent" in chunks[0]["failure_reason"]  # type: ignore[index]
    assert "decoded" in chunks[1]["failure_reason"]  # type: ignore[index]
    transcript = client.get(f"{HEIDI}/sessions/{session_id}/transcript", headers=caller.headers)
    assert_heidi_error(transcript, 422, "TranscriptionFailedError")
    late = client.post(url, data={"index": "0"}, files={"file": WAV}, headers=caller.headers)
    assert_heidi_error(late, 409, "ConflictError")


@pytest.mark.parametrize(
    ("data", "files", "status", "error_type"),
    [
        ({}, {"file": WAV}, 400, "ValidationError"),
        ({"index": "two"}, {"file": WAV}, 400, "ValidationError"),
        ({"index": "-1"}, {"file": WAV}, 400, "ValidationError"),
        ({"index": "0"}, None, 400, "ValidationError"),
        (
            {"index": "0"},
            {"file": ("a.json", b"{}", "application/json")},
            415,
            "UnsupportedMediaTypeError",
        ),
    ],
)
def test_bad_segments_are_refused(
    client: TestClient,
    services: Services,
    data: dict[str, str],
    files: dict[str, tuple[str, bytes, str]] | None,
    status: int,
    error_type: str,
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    recording_id = _recording(client, caller, session_id)
    url = _segment_url(session_id, recording_id, "transcribe")
    form_files = files or {"other": ("x.txt", b"x", "text/plain")}
    response = client.post(url, data=data, files=form_files, headers=caller.headers)
    assert_heidi_error(response, status, error_type)
    assert _live(client, caller, session_id)["chunks"] == []


def test_segment_as_json_is_415(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    recording_id = _recording(client, caller, session_id)
    url = _segment_url(session_id, recording_id, "transcribe")
    response = client.post(url, json={"index": 0, "file": "AAAA"}, headers=caller.headers)
    assert_heidi_error(response, 415, "UnsupportedMediaTypeError")


def test_unknown_recording_is_404(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    _recording(client, caller, session_id)
    for action in ("transcribe", "finish"):
        response = client.post(
            _segment_url(session_id, "00000000-0000-0000-0000-000000000000", action),
            data={"index": "0"},
            files={"file": WAV},
            headers=caller.headers,
        )
        assert_heidi_error(response, 404, "RecordingNotFoundError")


def test_whole_file_and_live_recording_do_not_mix(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    live_session = create_session(client, caller)
    _recording(client, caller, live_session)
    refused = client.post(
        f"{HEIDI}/sessions/{live_session}/upload-audio", files={"file": WAV}, headers=caller.headers
    )
    assert_heidi_error(refused, 409, "ConflictError")
    uploaded_session = create_session(client, caller)
    stored = client.post(
        f"{HEIDI}/sessions/{uploaded_session}/upload-audio",
        files={"file": WAV},
        headers=caller.headers,
    )
    assert stored.status_code == 200, stored.text
    again = client.post(
        f"{HEIDI}/sessions/{uploaded_session}/upload-audio",
        files={"file": WAV},
        headers=caller.headers,
    )
    assert_heidi_error(again, 409, "ConflictError")
    response = client.post(
        f"{HEIDI}/sessions/{uploaded_session}/restful-segment-transcription",
        headers=caller.headers,
    )
    assert_heidi_error(response, 409, "ConflictError")


def test_transcript_get_waits_then_answers_processing(
    client: TestClient, services: Services, worker: Worker
) -> None:
    services.settings.heidi_transcript_wait_seconds = 1.0
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    client.post(
        f"{HEIDI}/sessions/{session_id}/upload-audio", files={"file": WAV}, headers=caller.headers
    )
    started = time.monotonic()
    waiting = client.get(f"{HEIDI}/sessions/{session_id}/transcript", headers=caller.headers)
    assert time.monotonic() - started >= 1.0
    assert waiting.status_code == 200, waiting.text
    assert_heidi_response("/sessions/{session_id}/transcript", "get", waiting.json())
    assert waiting.json()["status"] == "PROCESSING"
    assert waiting.headers["X-Transcript-Status"] == "PROCESSING"
    assert waiting.headers["Retry-After"]
    assert _live(client, caller, session_id)["active_source"] == "USER_UPLOADED"
    worker.run_until_idle()
    failed = client.get(f"{HEIDI}/sessions/{session_id}/transcript", headers=caller.headers)
    assert_heidi_error(failed, 422, "TranscriptionFailedError")
    assert "decoded" in failed.json()["detail"]["msg"]


# Two requests at once, each on its own thread: they need connections of their own.
@pytest.mark.committed
def test_a_waiting_transcript_get_holds_no_worker_thread(
    client: TestClient, services: Services
) -> None:
    """Clients that long-poll a transcript must not starve every other request of threads."""
    services.settings.heidi_transcript_wait_seconds = 3.0
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    client.post(
        f"{HEIDI}/sessions/{session_id}/upload-audio", files={"file": WAV}, headers=caller.headers
    )
    assert client.portal is not None
    client.portal.call(_one_worker_thread)
    with ThreadPoolExecutor(max_workers=1) as pool:
        waiting = pool.submit(
            client.get, f"{HEIDI}/sessions/{session_id}/transcript", headers=caller.headers
        )
        time.sleep(0.5)
        started = time.monotonic()
        other = client.get(f"{HEIDI}/sessions/{session_id}", headers=caller.headers)
        answered_in = time.monotonic() - started
        assert other.status_code == 200, other.text
        assert not waiting.done(), "the transcript GET should still be waiting"
        assert answered_in < 1.5, f"a second request waited {answered_in:.1f} s for a thread"
        assert waiting.result().headers["X-Transcript-Status"] == "PROCESSING"


async def _one_worker_thread() -> None:
    to_thread.current_default_thread_limiter().total_tokens = 1


def test_upload_audio_needs_a_multipart_file(client: TestClient, services: Services) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    url = f"{HEIDI}/sessions/{session_id}/upload-audio"
    raw = client.post(url, content=b"RIFF", headers={**caller.headers, "Content-Type": "audio/wav"})
    assert_heidi_error(raw, 415, "UnsupportedMediaTypeError")
    no_file = client.post(url, data={"x": "y"}, files={"other": WAV}, headers=caller.headers)
    assert_heidi_error(no_file, 400, "ValidationError")


def test_session_without_audio_has_an_empty_transcript(
    client: TestClient, services: Services
) -> None:
    caller = new_heidi_caller(services, client)
    session_id = create_session(client, caller)
    response = client.get(f"{HEIDI}/sessions/{session_id}/transcript", headers=caller.headers)
    assert response.status_code == 200
    assert response.json()["transcript"] == ""
    assert response.json()["status"] == "NO_AUDIO"
    assert "active_source" not in _live(client, caller, session_id)
