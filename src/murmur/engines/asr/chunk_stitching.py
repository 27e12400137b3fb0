"""Transcribing a recording chunk by chunk as it arrives, without losing or doubling the words
cut at chunk boundaries.

Each chunk is decoded together with the *carry*: the audio after the last segment already
committed. Of the segments that come back, the last one is held back when it runs into the end
of the audio (it may be a word cut in half): its audio becomes the next carry and is decoded
again, whole, with the next chunk. Whisper with voice activity detection splits segments at
pauses, so committed text always ends at a pause.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from murmur.transcripts.domain import Segment
from murmur.transcripts.ports import SAMPLE_RATE, SpeechToText

Audio = npt.NDArray[np.float32]


def _silence() -> Audio:
    return np.zeros(0, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class Carry:
    """Audio not yet committed, starting ``start`` seconds into the whole recording."""

    start: float
    audio: Audio = field(default_factory=_silence)

    @property
    def end(self) -> float:
        return self.start + len(self.audio) / SAMPLE_RATE


class LiveTranscriber:
    def __init__(
        self,
        engine: SpeechToText,
        *,
        boundary_margin_seconds: float = 1.0,
        max_carry_seconds: float = 30.0,
    ) -> None:
        self._engine = engine
        self._margin = boundary_margin_seconds
        self._max_carry = max_carry_seconds

    def feed(
        self, carry: Carry, chunk: Audio, *, language: str, hotwords: str | None = None
    ) -> tuple[list[Segment], Carry]:
        """Transcribes ``chunk``, which follows ``carry`` directly; returns what is now final."""
        audio = np.concatenate([carry.audio, chunk]) if len(carry.audio) else chunk
        end = carry.start + len(audio) / SAMPLE_RATE
        segments = self._shifted(audio, carry.start, language, hotwords)
        committed = segments
        if segments and segments[-1].end >= end - self._margin:
            committed = segments[:-1]
        resume = committed[-1].end if committed else carry.start
        if end - resume > self._max_carry:
            # Nobody paused for too long: commit it all rather than re-decode an ever longer
            # carry.
            committed, resume = segments, end
        cut = min(max(round((resume - carry.start) * SAMPLE_RATE), 0), len(audio))
        return committed, Carry(start=resume, audio=audio[cut:])

    def flush(self, carry: Carry, *, language: str, hotwords: str | None = None) -> list[Segment]:
        """The final words of the recording (or before a chunk that never arrived)."""
        if len(carry.audio) < SAMPLE_RATE // 4:
            return []
        return self._shifted(carry.audio, carry.start, language, hotwords)

    def _shifted(
        self, audio: Audio, offset: float, language: str, hotwords: str | None
    ) -> list[Segment]:
        return [
            replace(s, start=round(max(s.start + offset, 0.0), 2), end=round(s.end + offset, 2))
            for s in self._engine.transcribe(audio, language=language, hotwords=hotwords)
        ]
