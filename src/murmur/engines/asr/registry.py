"""Choose the speech-to-text engine named in the settings."""

from __future__ import annotations

import threading
from collections.abc import Hashable

from murmur.engines.asr.faster_whisper_engine import FasterWhisperEngine
from murmur.engines.asr.model_assets import ensure_default_model
from murmur.engines.asr.openai_compatible import OpenAICompatibleEngine
from murmur.settings import Settings
from murmur.transcripts.ports import SpeechToText

# One engine per configuration per process: every app built in a process (the test suite
# builds many) shares one loaded model, or one pool of connections, instead of holding more.
_engines: dict[Hashable, SpeechToText] = {}
_engines_lock = threading.Lock()


def build_speech_to_text(settings: Settings) -> SpeechToText:
    if settings.asr_engine == "faster-whisper":
        return _faster_whisper(settings)
    if settings.asr_engine == "openai-compatible":
        return _openai_compatible(settings)
    raise ValueError(f"unknown speech-to-text engine {settings.asr_engine!r}")


def _faster_whisper(settings: Settings) -> SpeechToText:
    model_dir = (settings.asr_model_dir or ensure_default_model(settings.models_dir)).resolve()
    key = (
        FasterWhisperEngine.name,
        model_dir,
        settings.asr_compute_type,
        settings.asr_beam_size,
        settings.asr_cpu_threads,
        settings.asr_device,
    )
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = FasterWhisperEngine(
                model_dir=model_dir,
                compute_type=settings.asr_compute_type,
                beam_size=settings.asr_beam_size,
                cpu_threads=settings.asr_cpu_threads,
                device=settings.asr_device,
            )
    return engine


def _openai_compatible(settings: Settings) -> SpeechToText:
    if not settings.asr_api_base_url:
        raise ValueError("the openai-compatible speech engine needs MURMUR_ASR_API_BASE_URL")
    api_key = settings.asr_api_key.get_secret_value() if settings.asr_api_key else None
    key = (
        OpenAICompatibleEngine.name,
        settings.asr_api_base_url,
        settings.asr_api_model,
        api_key,
        settings.asr_api_timeout_seconds,
        settings.asr_api_connect_timeout_seconds,
        settings.asr_api_max_retries,
    )
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = OpenAICompatibleEngine(
                base_url=settings.asr_api_base_url,
                model=settings.asr_api_model,
                api_key=api_key,
                timeout_seconds=settings.asr_api_timeout_seconds,
                connect_timeout_seconds=settings.asr_api_connect_timeout_seconds,
                max_retries=settings.asr_api_max_retries,
            )
    return engine
