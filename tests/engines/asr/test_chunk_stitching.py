"""Stitching chunk boundaries, checked with a scripted recogniser: each "word" is a burst of
constant non-zero samples and pauses are zeros, so the right transcript is known exactly."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from murmur.engines.asr.chunk_stitching import Carry, LiveTranscriber
from murmur.transcripts.domain import Segment
from murmur.transcripts.ports import SAMPLE_RATE

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


class BurstRecogniser:
    """Hears a word wherever samples are non-zero: a word cut by the edge of the audio comes
    out truncated (``brav~``), exactly the failure stitching must avoid."""

    name = "burst"

    def load(self) -> None:
        return None

    def transcribe(
        self, audio: npt.NDArray[np.float32], *, language: str, hotwords: str | None = None
    ) -> list[Segment]:
        segments: list[Segment] = []
        voiced = np.flatnonzero(audio)
        if len(voiced) == 0:
            return segments
        breaks = np.flatnonzero(np.diff(voiced) > 1)
        starts = np.concatenate([[voiced[0]], voiced[breaks + 1]])
        ends = np.concatenate([voiced[breaks], [voiced[-1]]]) + 1
        for start, end in zip(starts, ends, strict=True):
            word = WORDS[round(float(audio[start]) * 10) - 1]
            whole = end - start >= SAMPLE_RATE * 0.6 - 1
            segments.append(
                Segment(start / SAMPLE_RATE, end / SAMPLE_RATE, word if whole else word[:4] + "~")
            )
        return segments


def spoken(words: int) -> npt.NDArray[np.float32]:
    """0.6 s per word, 0.4 s pause after each."""
    pieces = []
    for index in range(words):
        pieces.append(np.full(int(SAMPLE_RATE * 0.6), (index + 1) / 10, dtype=np.float32))
        pieces.append(np.zeros(int(SAMPLE_RATE * 0.4), dtype=np.float32))
    return np.concatenate(pieces)


def transcribe_in_chunks(audio: npt.NDArray[np.float32], seconds: float) -> list[Segment]:
    live = LiveTranscriber(BurstRecogniser(), boundary_margin_seconds=0.5)
    carry, found = Carry(0.0), []
    step = int(seconds * SAMPLE_RATE)
    for start in range(0, len(audio), step):
        committed, carry = live.feed(carry, audio[start : start + step], language="en")
        found += committed
    return found + live.flush(carry, language="en")


def test_words_cut_at_boundaries_are_neither_lost_nor_doubled() -> None:
    # 2.3 s chunks cut "charlie" (2.0-2.6 s) and "foxtrot" (5.0-5.6 s) in half.
    found = transcribe_in_chunks(spoken(8), 2.3)
    assert [s.text for s in found] == WORDS


def test_times_are_positions_in_the_whole_recording() -> None:
    found = transcribe_in_chunks(spoken(8), 2.3)
    assert [round(s.start, 2) for s in found] == [round(i * 1.0, 2) for i in range(8)]
    assert all(round(s.end - s.start, 2) == 0.6 for s in found)


def test_without_a_pause_the_carry_is_bounded() -> None:
    continuous = np.full(SAMPLE_RATE * 5, 0.1, dtype=np.float32)
    live = LiveTranscriber(BurstRecogniser(), max_carry_seconds=3.0)
    carry = Carry(0.0)
    for start in range(0, len(continuous), SAMPLE_RATE):
        _, carry = live.feed(carry, continuous[start : start + SAMPLE_RATE], language="en")
        assert len(carry.audio) <= SAMPLE_RATE * 4


def test_a_flushed_silence_adds_nothing() -> None:
    live = LiveTranscriber(BurstRecogniser())
    assert live.flush(Carry(3.0, np.zeros(SAMPLE_RATE, dtype=np.float32)), language="en") == []
