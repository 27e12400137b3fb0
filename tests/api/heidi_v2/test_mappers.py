"""Domain -> Heidi wire mappings, without a database."""

from __future__ import annotations

import uuid

import pytest

from murmur.api.heidi_v2 import mappers
from murmur.audio.models import ChunkSource, ChunkStatus, RecordingChunk
from murmur.encounters.models import Encounter
from murmur.transcripts.domain import Segment, SpeakerRole
from murmur.transcripts.progress import ChunkProgress


def _chunk(status: ChunkStatus, source: ChunkSource = ChunkSource.LIVE) -> RecordingChunk:
    return RecordingChunk(
        id=uuid.uuid4(),
        position=3,
        status=status,
        source=source,
        duration_seconds=14.996,
        object_key="k",
    )


@pytest.mark.parametrize(
    ("status", "wire"),
    [
        (ChunkStatus.AWAITING, "PENDING"),
        (ChunkStatus.RECEIVED, "PENDING"),
        (ChunkStatus.TRANSCRIBED, "READY"),
        (ChunkStatus.FAILED, "FAILED"),
        (ChunkStatus.MISSING, "FAILED"),
    ],
)
def test_chunk_states(status: ChunkStatus, wire: str) -> None:
    assert mappers.live_chunk(ChunkProgress(_chunk(status), [])).status == wire


def test_chunk_text_and_segments() -> None:
    segments = [
        (7, Segment(45.0, 47.5, "What brings you in?", SpeakerRole.CLINICIAN)),
        (8, Segment(47.5, 50.0, "A cough.", None)),
    ]
    wire = mappers.live_chunk(ChunkProgress(_chunk(ChunkStatus.TRANSCRIBED), segments))
    assert wire.text == "What brings you in? A cough."
    assert wire.duration == 15.0
    assert wire.index == 3
    assert [(s.index, s.speaker) for s in wire.segments] == [(7, "CLINICIAN"), (8, None)]


def test_missing_chunk_says_why() -> None:
    wire = mappers.live_chunk(ChunkProgress(_chunk(ChunkStatus.MISSING), []))
    assert wire.failure_reason is not None
    assert "never sent" in wire.failure_reason


def test_audio_source_prefers_live() -> None:
    assert mappers.audio_source([]) is None
    assert mappers.audio_source([_chunk(ChunkStatus.RECEIVED, ChunkSource.UPLOAD)]) == (
        "USER_UPLOADED"
    )
    assert mappers.audio_source([_chunk(ChunkStatus.RECEIVED)]) == "LIVE"


@pytest.mark.parametrize(
    ("language_code", "language", "wire"),
    [("en-AU", "english", "en-AU"), (None, "spanish", "es"), (None, "auto", "")],
)
def test_language_code(language_code: str | None, language: str, wire: str) -> None:
    encounter = Encounter(language_code=language_code, language=language)
    assert mappers.language_code(encounter) == wire
