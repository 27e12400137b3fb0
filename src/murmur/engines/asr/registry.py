"""Choose the speech-to-text engine named in the settings."""

from __future__ import annotations

import threading
from pathlib import Path

from murmur.engines.asr.base import SpeechToText
from murmur.engines.asr.faster_whisper_engine import FasterWhisperEngine
from murmur.engines.asr.model_assets import ensure_default_model
from murmur.settings import Settings

_EngineKey = tuple[Path, str, int, int]

# One loaded model per configuration per process: every app built in a process (the test
# suite builds many) shares it instead of holding another few hundred MB.
_engines: dict[_EngineKey, FasterWhisperEngine] = {}
_engines_lock = threading.Lock()


def build_speech_to_text(settings: Settings) -> SpeechToText:
    if settings.asr_engine != "faster-whisper":
        raise ValueError(f"unknown speech-to-text engine {settings.asr_engine!r}")
    model_dir = (settings.asr_model_dir or ensure_default_model(settings.models_dir)).resolve()
    key = (model_dir, settings.asr_compute_type, settings.asr_beam_size, settings.asr_cpu_threads)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = FasterWhisperEngine(
                model_dir=model_dir,
                compute_type=settings.asr_compute_type,
                beam_size=settings.asr_beam_size,
                cpu_threads=settings.asr_cpu_threads,
            )
            _engines[key] = engine
    return engine
