"""Live transcription: each chunk is transcribed as soon as it arrives and its turn comes,
in recording order, and the transcript grows while the visit goes on.

State lives in the transcript row (the cursor, where the next chunk starts, where the carry
starts) and the carry's audio in object storage, so any worker in any process can take the
next step. Each step commits under a conditional update of the cursor: two workers racing on
one chunk cannot both append its segments.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from murmur.audio.decoding import AudioDecodeError, audio_duration_seconds, decode_audio
from murmur.audio.models import ChunkStatus
from murmur.audio.repository import get_chunk
from murmur.db import Transactions, utcnow
from murmur.encounters.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from murmur.encounters.models import Encounter
from murmur.engines.asr.chunk_stitching import Carry, LiveTranscriber
from murmur.engines.asr.gap_fill import GapFillingEngine
from murmur.engines.asr.vocabulary import decoding_hints
from murmur.storage.base import ObjectStore
from murmur.transcripts.domain import Segment
from murmur.transcripts.models import Transcript, TranscriptSegment
from murmur.transcripts.ports import SpeechToText

DECODE_FAILED = "audio could not be decoded: "


@dataclass(frozen=True, slots=True)
class _Position:
    encounter_id: uuid.UUID
    transcript_id: uuid.UUID
    prefix: str
    cursor: int
    offset: float
    carry_start: float | None
    expected_chunks: int
    language: str
    context: Mapping[str, Any] | None

    @property
    def asr_language(self) -> str | None:
        """None while the language is still to be detected."""
        return LANGUAGE_CODES.get(self.language)


@dataclass(frozen=True, slots=True)
class _ChunkOutcome:
    status: ChunkStatus
    duration: float | None = None
    failure: str | None = None
    detected_language: str | None = None


class LiveTranscription:
    def __init__(
        self,
        *,
        transactions: Transactions,
        store: ObjectStore,
        speech_to_text: Callable[[], SpeechToText],
        context_hints: bool = False,
    ) -> None:
        self._transactions = transactions
        self._store = store
        self._speech_to_text = speech_to_text
        self._context_hints = context_hints

    def advance(self, encounter_id: uuid.UUID) -> None:
        """Transcribes chunks from the cursor on until one has not arrived yet."""
        while self._step(encounter_id):
            pass

    def flush(self, encounter_id: uuid.UUID) -> bool:
        """After the last chunk: transcribes the held-back tail. False if chunks remain."""
        position = self._position(encounter_id)
        if position.cursor < position.expected_chunks:
            return False
        if position.carry_start is None:
            return True
        carry = self._load_carry(position)
        language = position.asr_language or "en"
        segments = self._live().flush(
            carry, language=language, hotwords=self._hints(position, language)
        )
        self._transactions.write(partial(_append_tail, position=position, segments=segments))
        return True

    def _live(self) -> LiveTranscriber:
        engine = self._speech_to_text()
        # Hinted decodes skip stretches of audio more often; the gap filler decodes them again.
        return LiveTranscriber(GapFillingEngine(engine) if self._context_hints else engine)

    def _hints(self, position: _Position, language: str) -> str | None:
        if not self._context_hints:
            return None
        return decoding_hints(language=language, context=position.context)

    def _position(self, encounter_id: uuid.UUID) -> _Position:
        return self._transactions.read(partial(_read_position, encounter_id=encounter_id))

    def _step(self, encounter_id: uuid.UUID) -> bool:
        position = self._position(encounter_id)
        if position.cursor >= position.expected_chunks:
            return False
        status, key = self._transactions.read(partial(_next_chunk, position=position))
        if status == ChunkStatus.AWAITING:
            return False
        live = self._live()
        language = position.asr_language or "en"
        carry = self._load_carry(position)
        if status != ChunkStatus.RECEIVED:
            # A gap in the recording: what was held back before it is final now.
            outcome = _ChunkOutcome(status)
            hints = self._hints(position, language)
            segments, next_carry = live.flush(carry, language=language, hotwords=hints), None
        else:
            try:
                audio = decode_audio(self._store.local_path(key))
            except AudioDecodeError as error:
                outcome = _ChunkOutcome(ChunkStatus.FAILED, failure=str(error))
                hints = self._hints(position, language)
                segments, next_carry = live.flush(carry, language=language, hotwords=hints), None
            else:
                detected = None
                if position.asr_language is None:
                    heard = np.concatenate([carry.audio, audio]) if len(carry.audio) else audio
                    detected = language = self._speech_to_text().detect_language(
                        heard, candidates=tuple(LANGUAGE_NAMES)
                    )
                outcome = _ChunkOutcome(
                    ChunkStatus.TRANSCRIBED, audio_duration_seconds(audio), None, detected
                )
                segments, kept = live.feed(
                    carry, audio, language=language, hotwords=self._hints(position, language)
                )
                next_carry = kept if len(kept.audio) else None
        if next_carry is not None:
            self._save_carry(position, position.cursor + 1, next_carry)
        step = partial(
            _record_step, position=position, outcome=outcome, segments=segments, carry=next_carry
        )
        return self._transactions.write(step)

    def _carry_key(self, position: _Position, cursor: int) -> str:
        return f"{position.prefix}/live/carry-{cursor:04d}.f32"

    def _load_carry(self, position: _Position) -> Carry:
        if position.carry_start is None:
            return Carry(start=position.offset)
        path = self._store.local_path(self._carry_key(position, position.cursor))
        return Carry(position.carry_start, np.frombuffer(path.read_bytes(), dtype=np.float32))

    def _save_carry(self, position: _Position, cursor: int, carry: Carry) -> None:
        data = carry.audio.astype(np.float32).tobytes()
        self._store.put_stream(self._carry_key(position, cursor), [data], max_bytes=len(data))


def _read_position(session: Session, *, encounter_id: uuid.UUID) -> _Position:
    encounter = session.get_one(Encounter, encounter_id)
    transcript = session.scalars(
        select(Transcript).where(Transcript.encounter_id == encounter_id)
    ).one()
    return _Position(
        encounter_id=encounter.id,
        transcript_id=transcript.id,
        prefix=f"tenants/{encounter.tenant_id}/encounters/{encounter.id}",
        cursor=transcript.live_cursor,
        offset=transcript.live_offset_seconds,
        carry_start=transcript.carry_start_seconds,
        expected_chunks=encounter.expected_chunks,
        language=encounter.language,
        context=encounter.add_context,
    )


def _next_chunk(session: Session, *, position: _Position) -> tuple[ChunkStatus, str]:
    """The status and object key of the chunk at the cursor."""
    chunk = get_chunk(session, encounter_id=position.encounter_id, position=position.cursor)
    assert chunk is not None
    return ChunkStatus(chunk.status), chunk.object_key


def _record_step(
    session: Session,
    *,
    position: _Position,
    outcome: _ChunkOutcome,
    segments: list[Segment],
    carry: Carry | None,
) -> bool:
    """Moves the cursor past the chunk and keeps its segments; False when another worker
    took this step first."""
    moved = session.execute(
        update(Transcript)
        .where(
            Transcript.id == position.transcript_id,
            Transcript.live_cursor == position.cursor,
        )
        .values(
            live_cursor=position.cursor + 1,
            live_offset_seconds=position.offset + (outcome.duration or 0.0),
            carry_start_seconds=carry.start if carry else None,
        )
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        return False
    _append(session, position.transcript_id, segments)
    chunk = get_chunk(session, encounter_id=position.encounter_id, position=position.cursor)
    assert chunk is not None
    chunk.status = outcome.status
    chunk.offset_seconds = position.offset if outcome.duration is not None else None
    chunk.duration_seconds = outcome.duration
    if outcome.failure:
        chunk.failure_reason = f"{DECODE_FAILED}{outcome.failure}"
    chunk.transcribed_at = utcnow()
    if outcome.detected_language:
        _record_language(session, position, LANGUAGE_NAMES[outcome.detected_language])
    return True


def _append_tail(session: Session, *, position: _Position, segments: list[Segment]) -> None:
    """Keeps the held-back tail's segments, unless another worker already did."""
    moved = session.execute(
        update(Transcript)
        .where(
            Transcript.id == position.transcript_id,
            Transcript.carry_start_seconds == position.carry_start,
        )
        .values(carry_start_seconds=None)
    )
    if moved.rowcount == 1:  # type: ignore[attr-defined]
        _append(session, position.transcript_id, segments)


def _record_language(session: Session, position: _Position, language: str) -> None:
    """The visit's language as heard: the note is written in it and the APIs report it."""
    session.execute(
        update(Encounter)
        .where(Encounter.id == position.encounter_id, Encounter.language == position.language)
        .values(language=language)
    )
    session.execute(
        update(Transcript).where(Transcript.id == position.transcript_id).values(language=language)
    )


def _append(session: Session, transcript_id: uuid.UUID, segments: list[Segment]) -> None:
    start = session.scalar(
        select(func.coalesce(func.max(TranscriptSegment.position) + 1, 0)).where(
            TranscriptSegment.transcript_id == transcript_id
        )
    )
    session.add_all(
        TranscriptSegment(
            transcript_id=transcript_id,
            position=(start or 0) + index,
            start_seconds=segment.start,
            end_seconds=segment.end,
            text=segment.text,
            speaker=segment.speaker.value if segment.speaker else None,
        )
        for index, segment in enumerate(segments)
    )
