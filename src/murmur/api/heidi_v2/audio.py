"""Heidi audio: a whole file, or live segments of a recording, and the transcripts.

A transcript GET on audio that is still being transcribed waits up to
``heidi_transcript_wait_seconds`` (30 s by default) for it; if it is still not done it answers
200 with the text so far, ``status: PROCESSING``, ``X-Transcript-Status: PROCESSING`` and
``Retry-After``. Audio that could not be transcribed answers 422 TranscriptionFailedError.
"""

from __future__ import annotations

import time
from functools import partial

import anyio
from anyio import to_thread
from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from murmur.api.deps import Services, ServicesDep, SessionDep
from murmur.api.heidi_v2 import mappers, schemas
from murmur.api.heidi_v2.auth import HeidiPrincipalDep
from murmur.api.heidi_v2.forms import blocks, multipart_body, upload_form
from murmur.audio import heidi_recordings as audio
from murmur.auth.tokens import Principal
from murmur.db import Transactions
from murmur.encounters.heidi_sessions import require_session
from murmur.encounters.models import Encounter
from murmur.errors import InvalidInput, TranscriptionFailed
from murmur.transcripts.progress import TranscriptProgress, TranscriptState, progress

router = APIRouter(tags=["heidi-v2 audio"])

_RECORDING = "/sessions/{session_id}/restful-segment-transcription"
_POLL_SECONDS = 0.5
_RETRY_AFTER_SECONDS = 5


def _index(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput(f"index: {raw!r} is not a whole number", field="index") from None


@router.post(
    "/sessions/{session_id}/upload-audio",
    response_model=schemas.AudioStored,
    openapi_extra=multipart_body(),
)
async def upload_session_audio(
    session_id: str, request: Request, principal: HeidiPrincipalDep, services: ServicesDep
) -> schemas.AudioStored:
    async with upload_form(request, services.settings.max_upload_bytes) as (file, _):
        stored = await to_thread.run_sync(
            lambda: audio.receive_whole_file(
                services.transactions,
                services.store,
                tenant_id=principal.tenant_id,
                session_id=session_id,
                body=blocks(file.file),
                content_type=file.content_type,
                max_bytes=services.settings.max_upload_bytes,
                max_attempts=services.settings.job_max_attempts,
            )
        )
    return schemas.AudioStored(session_id=session_id, size=stored.size_bytes, sha256=stored.sha256)


@router.post(_RECORDING, response_model=schemas.RecordingStarted)
def start_segment_recording(
    session_id: str, principal: HeidiPrincipalDep, session: SessionDep
) -> schemas.RecordingStarted:
    recording_id = audio.start_recording(
        session, tenant_id=principal.tenant_id, session_id=session_id
    )
    return schemas.RecordingStarted(recording_id=str(recording_id))


@router.post(
    _RECORDING + "/{recording_id}:transcribe",
    response_model=schemas.SegmentReceived,
    openapi_extra=multipart_body(index={"type": "integer", "minimum": 0}),
)
async def transcribe_segment(
    session_id: str,
    recording_id: str,
    request: Request,
    principal: HeidiPrincipalDep,
    services: ServicesDep,
) -> schemas.SegmentReceived:
    async with upload_form(request, services.settings.max_upload_bytes, "index") as (file, values):
        index = _index(values["index"])
        stored = await to_thread.run_sync(
            lambda: audio.receive_segment(
                services.transactions,
                services.store,
                tenant_id=principal.tenant_id,
                session_id=session_id,
                recording_id=recording_id,
                index=index,
                body=blocks(file.file),
                content_type=file.content_type,
                max_bytes=services.settings.max_upload_bytes,
                max_attempts=services.settings.job_max_attempts,
            )
        )
    return schemas.SegmentReceived(
        recording_id=recording_id, index=index, size=stored.size_bytes, sha256=stored.sha256
    )


@router.post(_RECORDING + "/{recording_id}:finish", response_model=schemas.RecordingFinished)
def finish_segment_recording(
    session_id: str,
    recording_id: str,
    principal: HeidiPrincipalDep,
    services: ServicesDep,
    session: SessionDep,
) -> schemas.RecordingFinished:
    audio.finish_recording(
        session,
        tenant_id=principal.tenant_id,
        session_id=session_id,
        recording_id=recording_id,
        max_attempts=services.settings.job_max_attempts,
    )
    return schemas.RecordingFinished(recording_id=recording_id)


def _progress(
    session: Session, principal: Principal, session_id: str
) -> tuple[Encounter, TranscriptProgress]:
    encounter = require_session(session, tenant_id=principal.tenant_id, session_id=session_id)
    return encounter, progress(session, encounter=encounter)


def _read(
    transactions: Transactions, principal: Principal, session_id: str
) -> tuple[Encounter, TranscriptProgress]:
    """One short read of its own: a waiting transcript GET holds no transaction between reads."""
    return transactions.read(partial(_progress, principal=principal, session_id=session_id))


async def _settled(
    services: Services, principal: Principal, session_id: str, response: Response
) -> tuple[Encounter, TranscriptProgress]:
    """Waits for finished audio to be transcribed, up to the configured time. The wait sleeps
    on the event loop, so a waiting client holds no worker thread; only each read takes one."""
    deadline = time.monotonic() + services.settings.heidi_transcript_wait_seconds
    encounter, found = await to_thread.run_sync(_read, services.transactions, principal, session_id)
    while found.state(encounter) == TranscriptState.PROCESSING and time.monotonic() < deadline:
        await anyio.sleep(_POLL_SECONDS)
        encounter, found = await to_thread.run_sync(
            _read, services.transactions, principal, session_id
        )
    state = found.state(encounter)
    if state == TranscriptState.FAILED:
        raise TranscriptionFailed(
            found.transcript.error_reason or encounter.error_reason or "transcription failed"
        )
    response.headers["X-Transcript-Status"] = state
    if state in (TranscriptState.PROCESSING, TranscriptState.RECORDING):
        response.headers["Retry-After"] = str(_RETRY_AFTER_SECONDS)
    return encounter, found


@router.get("/sessions/{session_id}/transcript", response_model=schemas.Transcript)
async def get_session_transcript(
    session_id: str, response: Response, principal: HeidiPrincipalDep, services: ServicesDep
) -> schemas.Transcript:
    encounter, found = await _settled(services, principal, session_id, response)
    return mappers.transcript(encounter, found)


@router.get(
    "/sessions/{session_id}/transcript/live",
    response_model=schemas.LiveTranscript,
    response_model_exclude_none=True,
)
def get_live_session_transcript(
    session_id: str, response: Response, principal: HeidiPrincipalDep, session: SessionDep
) -> schemas.LiveTranscript:
    """Answers at once with every chunk's state; it never waits."""
    encounter, found = _progress(session, principal, session_id)
    response.headers["X-Transcript-Status"] = found.state(encounter)
    return mappers.live_transcript(encounter, found)
