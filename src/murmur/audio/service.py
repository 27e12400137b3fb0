"""Receiving recording uploads through signed URLs, durably, before acknowledging them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import partial

from sqlalchemy.orm import Session

from murmur.audio import repository
from murmur.audio.models import ChunkStatus, RecordingChunk
from murmur.db import Transactions, utcnow
from murmur.encounters import repository as encounters
from murmur.errors import Conflict, Forbidden, UnsupportedMediaType
from murmur.jobs import queue
from murmur.storage.base import ObjectStore, StoredObject
from murmur.transcripts.domain import LIVE_TRANSCRIBE_JOB

UPLOAD_ROUTE = "/uploads/{encounter_id}/{position}"
_ACCEPTED_TYPES = ("audio/", "video/webm", "video/mp4", "video/ogg")
_GENERIC_TYPES = ("application/octet-stream", "binary/octet-stream", "")


def upload_path(chunk: RecordingChunk) -> str:
    return UPLOAD_ROUTE.format(encounter_id=chunk.encounter_id, position=chunk.position)


def check_content_type(content_type: str | None) -> None:
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type in _GENERIC_TYPES or media_type.startswith(_ACCEPTED_TYPES):
        return
    raise UnsupportedMediaType(
        f"Content-Type {media_type!r} is not audio; send the recording as audio/* "
        "(wav, mp3, m4a, ogg, webm) or application/octet-stream"
    )


def _open_chunk(session: Session, *, encounter_id: uuid.UUID, position: int) -> RecordingChunk:
    chunk = repository.get_chunk(session, encounter_id=encounter_id, position=position)
    if chunk is None:
        # A valid signature for a slot that does not exist means the slot was never issued.
        raise Forbidden("the upload URL does not belong to any recording")
    encounter = encounters.get(session, tenant_id=chunk.tenant_id, encounter_id=encounter_id)
    if encounter is not None and encounter.finished_at is not None:
        raise Conflict("the note is already finished; uploads are closed")
    if chunk.status in (ChunkStatus.TRANSCRIBED, ChunkStatus.FAILED):
        raise Conflict(f"chunk {position} was already transcribed; a processed chunk is final")
    return chunk


def receive_upload(
    transactions: Transactions,
    store: ObjectStore,
    *,
    encounter_id: uuid.UUID,
    position: int,
    body: Iterable[bytes],
    content_type: str | None,
    max_bytes: int,
    max_attempts: int,
) -> StoredObject:
    """Stores the bytes (fsync'd) and only then records the chunk as received."""
    check_content_type(content_type)

    def store_bytes(key: str) -> StoredObject:
        return store.put_stream(key, body, max_bytes=max_bytes)

    return transactions.staged(
        read=partial(_object_key, encounter_id=encounter_id, position=position),
        work=store_bytes,
        write=partial(
            _record_received,
            encounter_id=encounter_id,
            position=position,
            content_type=content_type,
            max_attempts=max_attempts,
        ),
    )


def _object_key(session: Session, *, encounter_id: uuid.UUID, position: int) -> str:
    return _open_chunk(session, encounter_id=encounter_id, position=position).object_key


def _record_received(
    session: Session,
    _key: str,
    stored: StoredObject,
    *,
    encounter_id: uuid.UUID,
    position: int,
    content_type: str | None,
    max_attempts: int,
) -> StoredObject:
    """Records the stored bytes on their chunk and queues its live transcription."""
    chunk = repository.get_chunk(session, encounter_id=encounter_id, position=position)
    assert chunk is not None
    # A chunk finished as missing while its bytes were still arriving is recorded as
    # received: the bytes are safe, and processing that has not started yet will use them.
    chunk.status = ChunkStatus.RECEIVED
    chunk.size_bytes = stored.size_bytes
    chunk.sha256 = stored.sha256
    chunk.content_type = content_type
    chunk.received_at = utcnow()
    chunk.failure_reason = None
    queue.enqueue(
        session,
        kind=LIVE_TRANSCRIBE_JOB,
        tenant_id=chunk.tenant_id,
        encounter_id=encounter_id,
        max_attempts=max_attempts,
        dedupe_key=f"{LIVE_TRANSCRIBE_JOB}:{encounter_id}:{position}",
    )
    return stored
