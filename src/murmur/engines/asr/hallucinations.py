"""The last guard against text Whisper invents over silence, noise and music.

Voice activity detection keeps most non-speech away from the model; this filter judges what
gets through by the scores Whisper gives each 30 s window it decodes. The thresholds come from
whisper-base (the cases are in ``tests/engines/asr/test_hallucinations.py``): over silence,
noise, tones and music it gave ``no_speech_prob`` 0.53-0.99 with ``avg_logprob`` -0.71 to
-2.2, while real speech, single words in noise included, never had a ``no_speech_prob`` of 0.5
or more together with an ``avg_logprob`` below -0.45.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# Whisper's own bar for "too repetitive to be speech": a segment over it is a decoding loop
# that failed the test at every temperature ("I'm sorry, I'm sorry, ..." for 20 s of music).
_LOOP_COMPRESSION = 2.4
# (no_speech_prob at least, avg_logprob at most): either pair marks a segment as invented.
_NOT_SPEECH_LIMITS = ((0.5, -1.0), (0.8, -0.6))
# From this no-speech probability up, a filler heard alone is taken as invented.
_FILLER_NO_SPEECH = 0.5


@dataclass(frozen=True, slots=True)
class Candidate:
    """A decoded segment with the scores Whisper gave its window (0.0 when a server omits them)."""

    start: float
    end: float
    text: str
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    window: int | None = None
    """Where the window it was decoded from starts (Whisper's ``seek``), when known."""


def normalise(text: str) -> str:
    """Lower case words only: "Thanks for watching!" and "thanks for watching" are one phrase."""
    return " ".join(re.sub(r"[^\w\s']", "", text.lower()).split())


# Closing credits of the YouTube captions Whisper was trained on. Nobody says them to a
# clinician, so a segment that is only one of them was invented whatever its scores.
CAPTION_CREDITS = frozenset(
    normalise(phrase)
    for phrase in (
        "Thanks for watching!",
        "Thank you for watching.",
        "Please subscribe.",
        "Subtitles by the Amara.org community",
    )
)

# What Whisper most often produces over silence, but also what patients say: dropped only when
# it is all that was heard in its window and the model itself leans towards "no speech" (a real
# lone "you" can go too; a real lone "thank you" scored at most 0.41).
FILLERS = frozenset(
    normalise(phrase) for phrase in ("you", "Thank you.", "Thank you very much.", "Bye.")
)


def compression_ratio(text: str) -> float:
    """How well the text gzips, as Whisper measures repetition; ordinary sentences score < 2."""
    data = text.encode()
    return len(data) / len(zlib.compress(data)) if data else 0.0


def is_invented(candidate: Candidate, *, alone_in_window: bool) -> bool:
    phrase = normalise(candidate.text)
    if not phrase or phrase in CAPTION_CREDITS:
        return True  # punctuation alone ("." over a pure tone) is not speech either
    if compression_ratio(candidate.text) > _LOOP_COMPRESSION:
        return True
    if alone_in_window and phrase in FILLERS and candidate.no_speech_prob >= _FILLER_NO_SPEECH:
        return True
    return any(
        candidate.no_speech_prob >= no_speech and candidate.avg_logprob <= logprob
        for no_speech, logprob in _NOT_SPEECH_LIMITS
    )


def drop_invented(candidates: Sequence[Candidate]) -> list[Candidate]:
    """``candidates`` minus those judged invented; a candidate with no window is never alone."""
    per_window = Counter(c.window for c in candidates if c.window is not None)
    return [
        c
        for c in candidates
        if not is_invented(c, alone_in_window=c.window is not None and per_window[c.window] == 1)
    ]
