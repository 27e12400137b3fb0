"""Speech to text with faster-whisper (CTranslate2) on the CPU or a GPU, from a local model
directory, tuned to say nothing rather than invent words over silence, noise and music."""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from faster_whisper import WhisperModel
from faster_whisper.vad import VadOptions

from murmur.engines.asr.hallucinations import Candidate, drop_invented
from murmur.engines.asr.model_assets import MODEL_BIN, ModelAssetError
from murmur.transcripts.domain import Segment
from murmur.transcripts.ports import SAMPLE_RATE

Device = Literal["cpu", "cuda", "auto"]

# faster-whisper's defaults, kept on measurement. Padding of 200 ms clipped word edges (WER on
# the 3-minute benchmark visit 9.5% -> 11.8% at beam 5); a threshold of 0.6 lost quiet speech in
# room noise (a visit 30 dB down in -45 dBFS pink noise: WER 70% -> 84%) and 0.3-0.4 recovered
# none; no test noise, tone or music got past 0.5. Synthetic visits never pause for 2 s, so the
# minimum silence could not be tuned here.
VAD = VadOptions(threshold=0.5, min_silence_duration_ms=2000, speech_pad_ms=400)

DECODING: dict[str, Any] = {
    # Skip a window Whisper thinks is silence unless its words are confident; 0.5 rather than
    # 0.6 matches the filter in ``hallucinations`` (music scored 0.53).
    "no_speech_threshold": 0.5,
    "log_prob_threshold": -1.0,
    "compression_ratio_threshold": 2.4,
    # Feeding the previous text back in is what sends Whisper into repetition loops on long
    # recordings; segments stay coherent without it.
    "condition_on_previous_text": False,
    # ``hallucination_silence_threshold`` is left off: it needs word timestamps, which move
    # segment boundaries and raised WER from 5.7% to 8.5% on the bronchitis visit (beam 5).
}


class FasterWhisperEngine:
    """A :class:`~murmur.transcripts.ports.SpeechToText` backed by one ``WhisperModel``.

    The model loads on the first call, so building an app costs nothing until audio arrives.
    Calls are serialised: one CTranslate2 model already uses ``cpu_threads`` cores, and
    throughput comes from more worker processes rather than threads sharing a model.
    """

    name = "faster-whisper"

    def __init__(
        self,
        *,
        model_dir: Path,
        compute_type: str,
        beam_size: int,
        cpu_threads: int,
        device: Device = "cpu",
    ) -> None:
        self.model_dir = model_dir
        self.device = device
        self.compute_type = compute_type
        self.beam_size = beam_size
        self.cpu_threads = cpu_threads
        self._model: Any = None
        self._load_lock = threading.Lock()
        self._transcribe_lock = threading.Lock()

    def load(self) -> None:
        """Load the model now rather than on the first transcription (idempotent)."""
        self._loaded_model()

    def transcribe(
        self, audio: npt.NDArray[np.float32], *, language: str, hotwords: str | None = None
    ) -> list[Segment]:
        model = self._loaded_model()
        if audio.size == 0:
            return []
        with self._transcribe_lock:
            pieces, _info = model.transcribe(
                audio,
                language=language,
                beam_size=self.beam_size,
                vad_filter=True,
                vad_parameters=VAD,
                hotwords=hotwords or None,
                **DECODING,
            )
            # ``pieces`` is lazy: the decoding happens here, so iterate under the lock.
            candidates = [to_candidate(piece) for piece in pieces]
        # The last segment can run a few hundredths past the end of the audio.
        duration = math.floor(len(audio) * 100 / SAMPLE_RATE) / 100
        return [
            Segment(start=min(c.start, duration), end=min(c.end, duration), text=c.text)
            for c in drop_invented([c for c in candidates if c.text])
        ]

    def detect_language(self, audio: npt.NDArray[np.float32], *, candidates: Sequence[str]) -> str:
        model = self._loaded_model()
        if audio.size == 0:
            return candidates[0]
        with self._transcribe_lock:
            # Speech only, and up to three 30-second windows: the opening seconds of a visit
            # are often a greeting or a name that says little about the language.
            _language, _probability, scores = model.detect_language(
                audio,
                vad_filter=True,
                vad_parameters=VAD,
                language_detection_segments=3,
                language_detection_threshold=0.9,
            )
        return pick_language(scores, candidates)

    def _loaded_model(self) -> Any:
        if self._model is None:
            with self._load_lock:
                if self._model is None:
                    self._model = self._create_model()
        return self._model

    def _create_model(self) -> Any:
        if not (self.model_dir / MODEL_BIN).is_file():
            # WhisperModel would read a missing path as a Hugging Face repo id; say what is wrong.
            raise ModelAssetError(
                f"{self.model_dir} is not a CTranslate2 Whisper model directory (no {MODEL_BIN})"
            )
        return WhisperModel(
            str(self.model_dir),
            device=self.device,
            compute_type=self.compute_type,
            cpu_threads=self.cpu_threads,
            local_files_only=True,
        )


def to_candidate(piece: Any) -> Candidate:
    """A faster-whisper ``Segment`` as the hallucination filter sees it."""
    return Candidate(
        start=round(float(piece.start), 2),
        end=round(float(piece.end), 2),
        text=str(piece.text).strip(),
        avg_logprob=float(piece.avg_logprob),
        no_speech_prob=float(piece.no_speech_prob),
        window=int(piece.seek),
    )


def pick_language(scores: Sequence[tuple[str, float]], candidates: Sequence[str]) -> str:
    """The best-scoring of ``candidates``: a visit is in a language Murmur writes notes in,
    even when Whisper thinks Portuguese is a little likelier than Spanish."""
    by_language = dict(scores)
    return max(candidates, key=lambda code: by_language.get(code, 0.0))
