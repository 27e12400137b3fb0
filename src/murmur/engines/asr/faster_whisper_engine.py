"""Speech to text with faster-whisper (CTranslate2) on the CPU, from a local model directory."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from faster_whisper import WhisperModel

from murmur.engines.asr.model_assets import MODEL_BIN, ModelAssetError
from murmur.transcripts.domain import Segment


class FasterWhisperEngine:
    """A :class:`~murmur.engines.asr.base.SpeechToText` backed by one ``WhisperModel``.

    The model loads on the first call, so building an app costs nothing until audio arrives.
    Calls are serialised: one CTranslate2 model already uses ``cpu_threads`` cores, and
    throughput comes from more worker processes rather than threads sharing a model.
    """

    name = "faster-whisper"

    def __init__(
        self, *, model_dir: Path, compute_type: str, beam_size: int, cpu_threads: int
    ) -> None:
        self.model_dir = model_dir
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
        with self._transcribe_lock:
            pieces, _info = model.transcribe(
                audio,
                language=language,
                beam_size=self.beam_size,
                vad_filter=True,
                # Feeding the previous text back in is what sends Whisper into repetition
                # loops on long recordings; segments stay coherent without it.
                condition_on_previous_text=False,
                hotwords=hotwords or None,
            )
            # ``pieces`` is lazy: the decoding happens here, so iterate under the lock.
            return [
                Segment(start=round(float(p.start), 2), end=round(float(p.end), 2), text=text)
                for p in pieces
                if (text := str(p.text).strip())
            ]

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
            device="cpu",
            compute_type=self.compute_type,
            cpu_threads=self.cpu_threads,
            local_files_only=True,
        )
