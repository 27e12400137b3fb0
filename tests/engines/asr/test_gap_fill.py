from __future__ import annotations

import numpy as np
import numpy.typing as npt

from murmur.engines.asr.gap_fill import GapFillingEngine, gaps
from murmur.transcripts.domain import Segment
from murmur.transcripts.ports import SAMPLE_RATE


class SkippingEngine:
    """Skips 10-20 s of a long recording, as a hinted Whisper decode can."""

    name = "skipping"

    def __init__(self) -> None:
        self.calls: list[tuple[float, str | None]] = []

    def load(self) -> None:
        pass

    def transcribe(
        self, audio: npt.NDArray[np.float32], *, language: str, hotwords: str | None = None
    ) -> list[Segment]:
        seconds = len(audio) / SAMPLE_RATE
        self.calls.append((seconds, hotwords))
        if seconds > 25:
            return [Segment(0.0, 10.0, "first part"), Segment(20.0, 30.0, "last part")]
        return [Segment(0.5, seconds - 0.5, "middle part")]


def _audio(seconds: float) -> npt.NDArray[np.float32]:
    return np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32)


def test_skipped_stretches_are_transcribed_and_slotted_in() -> None:
    inner = SkippingEngine()

    segments = GapFillingEngine(inner).transcribe(_audio(30), language="en", hotwords="Lasix")

    assert [(s.start, s.end, s.text) for s in segments] == [
        (0.0, 10.0, "first part"),
        (10.5, 19.5, "middle part"),
        (20.0, 30.0, "last part"),
    ]
    assert inner.calls == [(30.0, "Lasix"), (10.0, "Lasix")]


def test_without_hints_the_engine_is_called_once() -> None:
    inner = SkippingEngine()

    segments = GapFillingEngine(inner).transcribe(_audio(30), language="en")

    assert [s.text for s in segments] == ["first part", "last part"]
    assert inner.calls == [(30.0, None)]


def test_gaps_are_the_uncovered_stretches_of_at_least_two_seconds() -> None:
    segments = [Segment(1.0, 5.0, "a"), Segment(5.5, 9.0, "b"), Segment(12.0, 14.0, "c")]

    assert gaps(segments, 20.0) == [(9.0, 12.0), (14.0, 20.0)]
    assert gaps([], 1.5) == []
