from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from murmur.transcripts.domain import Segment

SAMPLE_RATE = 16_000
"""Every engine takes mono float32 PCM at this rate, the rate Whisper models are trained on."""


class SpeechToText(Protocol):
    """Turns decoded audio into timed segments."""

    name: str

    def load(self) -> None:
        """Get ready for the first transcription now (load weights); idempotent."""
        ...

    def transcribe(
        self, audio: npt.NDArray[np.float32], *, language: str, hotwords: str | None = None
    ) -> list[Segment]:
        """``language`` is an ISO 639-1 code ("en", "es"); segments come back in time order."""
        ...

    def detect_language(self, audio: npt.NDArray[np.float32], *, candidates: Sequence[str]) -> str:
        """The most likely of ``candidates`` (ISO 639-1 codes, the first is the fallback) to be
        spoken in ``audio``."""
        ...
