"""Re-transcribing stretches of audio that a hinted decode skipped.

With decoding hints, Whisper more often closes a 30-second window early, and the decoder then
moves on to the next window: the speech in between is never written down. The skipped
stretches show as long gaps between segments, so each gap is transcribed once more on its own
(with the same hints) and whatever it holds is slotted in. A gap that really is silence costs
next to nothing, because the engine's voice activity detection drops it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from murmur.transcripts.domain import Segment
from murmur.transcripts.ports import SAMPLE_RATE, SpeechToText

# People pause for a second or two; a gap longer than this inside speech is worth a look.
MIN_GAP_SECONDS = 2.0
# A gap's own decode can skip again, so look at most this many times.
MAX_ROUNDS = 2


class GapFillingEngine:
    """A :class:`SpeechToText` that transcribes what ``engine`` skipped when given hints.

    Without hints nothing changes: unhinted decodes skip too rarely to pay for the checks.
    """

    def __init__(self, engine: SpeechToText) -> None:
        self.engine = engine
        self.name = engine.name

    def load(self) -> None:
        self.engine.load()

    def detect_language(self, audio: npt.NDArray[np.float32], *, candidates: Sequence[str]) -> str:
        return self.engine.detect_language(audio, candidates=candidates)

    def transcribe(
        self, audio: npt.NDArray[np.float32], *, language: str, hotwords: str | None = None
    ) -> list[Segment]:
        if not hotwords:
            return self.engine.transcribe(audio, language=language)
        return transcribe_filling_gaps(self.engine, audio, language=language, hotwords=hotwords)


def transcribe_filling_gaps(
    engine: SpeechToText,
    audio: npt.NDArray[np.float32],
    *,
    language: str,
    hotwords: str | None = None,
) -> list[Segment]:
    """``engine.transcribe`` and then the gaps between its segments, in time order."""
    segments = engine.transcribe(audio, language=language, hotwords=hotwords)
    duration = len(audio) / SAMPLE_RATE
    for _ in range(MAX_ROUNDS):
        found: list[Segment] = []
        for start, end in gaps(segments, duration):
            piece = audio[round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)]
            found += [
                replace(s, start=round(s.start + start, 2), end=round(s.end + start, 2))
                for s in engine.transcribe(piece, language=language, hotwords=hotwords)
            ]
        if not found:
            break
        segments = sorted(segments + found, key=lambda segment: segment.start)
    return segments


def gaps(segments: list[Segment], duration: float) -> list[tuple[float, float]]:
    """Stretches of at least :data:`MIN_GAP_SECONDS` that no segment covers."""
    found: list[tuple[float, float]] = []
    covered = 0.0
    for segment in sorted(segments, key=lambda s: s.start):
        if segment.start - covered >= MIN_GAP_SECONDS:
            found.append((covered, segment.start))
        covered = max(covered, segment.end)
    if duration - covered >= MIN_GAP_SECONDS:
        found.append((covered, duration))
    return found
