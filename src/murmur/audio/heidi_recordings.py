"""Heidi's two ways of sending a session's audio, on the same recording slots and live
transcription as Playback's chunks:

- a whole file (``upload-audio``): one slot, finished as soon as it is stored;
- live segments (``restful-segment-transcription``): slot ``index`` per segment, created as
  segments arrive in any order; each is transcribed once the ones before it are in. Sending
  an index again replaces it, and a replaced segment that was already transcribed sends the
  recording back through live transcription from the start.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import partial

from sqlalchemy import delete
from sqlalchemy.orm import Session

from murmur.audio.models import ChunkSource, ChunkStatus, RecordingChunk
from murmur.audio.repository import chunks_of
from murmur.audio.service import check_content_type, receive_upload
from murmur.db import Transactions
from murmur.encounters import repository as encounters
from murmur.encounters.heidi_sessions import require_session
from murmur.encounters.models import Encounter
from murmur.encounters.service import MAX_CHUNKS, finish_encounter
from murmur.errors import Conflict, InvalidInput, RecordingNotFound
from murmur.jobs import queue
from murmur.storage.base import ObjectStore, StoredObject
from murmur.transcripts import repository as transcripts
from murmur.transcripts.domain import LIVE_TRANSCRIBE_JOB
from murmur.transcripts.models import TranscriptSegment

_PROCESSED = (ChunkStatus.TRANSCRIBED, ChunkStatus.FAILED)


def _locked(session: Session, *, tenant_id: uuid.UUID, session_id: str) -> Encounter:
    encounter = require_session(session, tenant_id=tenant_id, session_id=session_id)
    locked = encounters.get_for_update(session, encounter_id=encounter.id)
    assert locked is not None
    if locked.finished_at is not None:
        raise Conflict("the session's audio is finished; it takes no more audio")
    return locked


def _slot(encounter: Encounter, position: int, source: ChunkSource) -> RecordingChunk:
    return RecordingChunk(
        tenant_id=encounter.tenant_id,
        encounter_id=encounter.id,
        position=position,
        source=source,
        object_key=f"tenants/{encounter.tenant_id}/encounters/{encounter.id}/audio/{position:04d}",
    )


def start_recording(session: Session, *, tenant_id: uuid.UUID, session_id: str) -> uuid.UUID:
    """The session's live recording; asking again before it is finished returns the same one."""
    encounter = _locked(session, tenant_id=tenant_id, session_id=session_id)
    if any(c.source == ChunkSource.UPLOAD for c in chunks_of(session, encounter_id=encounter.id)):
        raise Conflict("the session's audio was uploaded as a whole file")
    if encounter.live_recording_id is None:
        encounter.live_recording_id = uuid.uuid4()
    return encounter.live_recording_id


def _recording(
    session: Session, *, tenant_id: uuid.UUID, session_id: str, recording_id: str
) -> Encounter:
    encounter = require_session(session, tenant_id=tenant_id, session_id=session_id)
    if recording_id != str(encounter.live_recording_id):
        raise RecordingNotFound(f"recording {recording_id!r} was not found in this session")
    return encounter


def open_segment(
    session: Session, *, tenant_id: uuid.UUID, session_id: str, recording_id: str, index: int
) -> tuple[uuid.UUID, bool]:
    """Makes room for segment ``index``; returns the encounter id and whether live
    transcription had to start over because a transcribed segment is being replaced."""
    _recording(session, tenant_id=tenant_id, session_id=session_id, recording_id=recording_id)
    if not 0 <= index < MAX_CHUNKS:
        raise InvalidInput(f"index must be between 0 and {MAX_CHUNKS - 1}", field="index")
    encounter = _locked(session, tenant_id=tenant_id, session_id=session_id)
    slots = {chunk.position: chunk for chunk in chunks_of(session, encounter_id=encounter.id)}
    session.add_all(
        _slot(encounter, position, ChunkSource.LIVE)
        for position in range(encounter.expected_chunks, index + 1)
        if position not in slots
    )
    encounter.expected_chunks = max(encounter.expected_chunks, index + 1)
    replaced = index in slots and slots[index].status in _PROCESSED
    if replaced:
        _restart_live_transcription(session, encounter, slots.values())
    if index in slots:
        # Live transcription stops here until the new bytes are stored, never reading the old.
        slots[index].status = ChunkStatus.AWAITING
    session.flush()
    return encounter.id, replaced


def _restart_live_transcription(
    session: Session, encounter: Encounter, slots: Iterable[RecordingChunk]
) -> None:
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    session.execute(
        delete(TranscriptSegment).where(TranscriptSegment.transcript_id == transcript.id)
    )
    transcript.live_cursor = 0
    transcript.live_offset_seconds = 0.0
    transcript.carry_start_seconds = None
    for chunk in slots:
        if chunk.status in _PROCESSED:
            chunk.status = ChunkStatus.RECEIVED
            chunk.offset_seconds = None
            chunk.duration_seconds = None
            chunk.failure_reason = None
            chunk.transcribed_at = None


def receive_segment(
    transactions: Transactions,
    store: ObjectStore,
    *,
    tenant_id: uuid.UUID,
    session_id: str,
    recording_id: str,
    index: int,
    body: Iterable[bytes],
    content_type: str | None,
    max_bytes: int,
    max_attempts: int,
) -> StoredObject:
    check_content_type(content_type)
    encounter_id, replaced = transactions.write(
        partial(
            open_segment,
            tenant_id=tenant_id,
            session_id=session_id,
            recording_id=recording_id,
            index=index,
        )
    )
    stored = receive_upload(
        transactions,
        store,
        encounter_id=encounter_id,
        position=index,
        body=body,
        content_type=content_type,
        max_bytes=max_bytes,
        max_attempts=max_attempts,
    )
    if replaced:
        # The segment's own live job already ran; this one transcribes from the start again.
        transactions.write(
            partial(
                queue.enqueue,
                kind=LIVE_TRANSCRIBE_JOB,
                tenant_id=tenant_id,
                encounter_id=encounter_id,
                max_attempts=max_attempts,
                dedupe_key=f"{LIVE_TRANSCRIBE_JOB}:{encounter_id}:restart:{stored.sha256}:{uuid.uuid4().hex}",
            )
        )
    return stored


def finish_recording(
    session: Session,
    *,
    tenant_id: uuid.UUID,
    session_id: str,
    recording_id: str,
    max_attempts: int,
) -> Encounter:
    """No more segments: segments never sent count as missing, and the transcript is sealed."""
    encounter = _recording(
        session, tenant_id=tenant_id, session_id=session_id, recording_id=recording_id
    )
    return finish_encounter(
        session, tenant_id=tenant_id, encounter_id=encounter.id, max_attempts=max_attempts
    )


def open_whole_file(session: Session, *, tenant_id: uuid.UUID, session_id: str) -> uuid.UUID:
    encounter = _locked(session, tenant_id=tenant_id, session_id=session_id)
    slots = chunks_of(session, encounter_id=encounter.id)
    if encounter.live_recording_id is not None or any(
        chunk.source == ChunkSource.LIVE for chunk in slots
    ):
        raise Conflict("the session is recorded live; send audio as segments of that recording")
    if not slots:
        session.add(_slot(encounter, 0, ChunkSource.UPLOAD))
        encounter.expected_chunks = 1
        session.flush()
    return encounter.id


def receive_whole_file(
    transactions: Transactions,
    store: ObjectStore,
    *,
    tenant_id: uuid.UUID,
    session_id: str,
    body: Iterable[bytes],
    content_type: str | None,
    max_bytes: int,
    max_attempts: int,
) -> StoredObject:
    """Stores the recording and queues its transcription; the transcript GET waits for it."""
    check_content_type(content_type)
    encounter_id = transactions.write(
        partial(open_whole_file, tenant_id=tenant_id, session_id=session_id)
    )
    stored = receive_upload(
        transactions,
        store,
        encounter_id=encounter_id,
        position=0,
        body=body,
        content_type=content_type,
        max_bytes=max_bytes,
        max_attempts=max_attempts,
    )
    transactions.write(
        partial(
            finish_encounter,
            tenant_id=tenant_id,
            encounter_id=encounter_id,
            max_attempts=max_attempts,
        )
    )
    return stored
