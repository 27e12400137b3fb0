"""Where a session's transcription stands, chunk by chunk, for the live transcript views."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from murmur.audio.models import ChunkStatus, RecordingChunk
from murmur.audio.repository import chunks_of
from murmur.encounters.models import Encounter
from murmur.transcripts import repository as transcripts
from murmur.transcripts.domain import Segment
from murmur.transcripts.models import Transcript
from murmur.transcripts.text import transcript_text


class TranscriptState(enum.StrEnum):
    NO_AUDIO = "NO_AUDIO"
    RECORDING = "RECORDING"
    PROCESSING = "PROCESSING"
    READY = "READY"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class ChunkProgress:
    chunk: RecordingChunk
    segments: list[tuple[int, Segment]]
    """Each with its index in the whole transcript (the number note evidence cites)."""


@dataclass(frozen=True, slots=True)
class TranscriptProgress:
    encounter_id: uuid.UUID
    transcript: Transcript
    segments: list[Segment]
    chunks: list[ChunkProgress]

    @property
    def text(self) -> str:
        if self.transcript.status == "success":
            return self.transcript.text
        return transcript_text(self.segments)

    def state(self, encounter: Encounter) -> TranscriptState:
        if self.transcript.status == "success":
            return TranscriptState.READY
        if self.transcript.status == "error":
            return TranscriptState.FAILED
        if not self.chunks:
            return TranscriptState.NO_AUDIO
        if encounter.finished_at is None:
            return TranscriptState.RECORDING
        return TranscriptState.PROCESSING


def _chunk_of(segment: Segment, chunks: list[RecordingChunk]) -> RecordingChunk | None:
    """The transcribed chunk a segment starts in (one carried over a boundary starts before it)."""
    last = None
    for chunk in chunks:
        if chunk.offset_seconds is None or chunk.duration_seconds is None:
            continue
        last = chunk
        if chunk.offset_seconds <= segment.start < chunk.offset_seconds + chunk.duration_seconds:
            return chunk
    return last


def progress(session: Session, *, encounter: Encounter) -> TranscriptProgress:
    transcript = transcripts.for_encounter(session, encounter_id=encounter.id)
    segments = transcripts.segments(session, transcript_id=transcript.id)
    chunks = chunks_of(session, encounter_id=encounter.id)
    by_chunk: dict[uuid.UUID, list[tuple[int, Segment]]] = {chunk.id: [] for chunk in chunks}
    done = [c for c in chunks if c.status == ChunkStatus.TRANSCRIBED]
    for index, segment in enumerate(segments):
        owner = _chunk_of(segment, done)
        if owner is not None:
            by_chunk[owner.id].append((index, segment))
    return TranscriptProgress(
        encounter_id=encounter.id,
        transcript=transcript,
        segments=segments,
        chunks=[ChunkProgress(chunk, by_chunk[chunk.id]) for chunk in chunks],
    )
