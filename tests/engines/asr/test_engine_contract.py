"""What every speech-to-text engine promises, checked on each engine the registry can build.

The openai-compatible engine runs twice: against a server whose "model" marks stretches of
sound by their energy (fast, checks the protocol round trip and the engine's own clean-up), and
against a server that runs the real Whisper model (slow, end to end).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pytest

from murmur.audio.decoding import audio_duration_seconds, decode_audio
from murmur.engines.asr.openai_compatible import OpenAICompatibleEngine
from murmur.engines.asr.registry import build_speech_to_text
from murmur.settings import Settings
from murmur.transcripts.ports import SAMPLE_RATE, SpeechToText
from tests.engines.asr.transcription_server import (
    Handler,
    Received,
    Reply,
    transcription_server,
    verbose_json,
)
from tests.fixtures.audio import fixture_path

_FRAME = SAMPLE_RATE // 50  # 20 ms
_VOICED_RMS = 0.01  # -40 dBFS
_JOIN_GAP_SECONDS = 0.5


def energy_transcriber(request: Received) -> Reply:
    """One segment per stretch of sound louder than -40 dBFS; silence gives none."""
    assert request.upload is not None
    samples = request.upload.samples
    frames = len(samples) // _FRAME
    rms = np.sqrt(np.mean(samples[: frames * _FRAME].reshape(frames, _FRAME) ** 2, axis=1))
    stretches: list[list[float]] = []
    for index in np.flatnonzero(rms > _VOICED_RMS):
        start, end = index * _FRAME / SAMPLE_RATE, (index + 1) * _FRAME / SAMPLE_RATE
        if stretches and start - stretches[-1][1] < _JOIN_GAP_SECONDS:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    segments = [
        {"id": i, "seek": 0, "start": start, "end": end, "text": f" Sound {i + 1}."}
        for i, (start, end) in enumerate(stretches)
    ]
    return verbose_json(segments, duration=len(samples) / SAMPLE_RATE)


def whisper_transcriber(engine: SpeechToText) -> Handler:
    def handler(request: Received) -> Reply:
        assert request.upload is not None
        segments = engine.transcribe(
            request.upload.samples,
            language=request.field("language"),
            hotwords=request.fields.get("prompt", [None])[0],
        )
        return verbose_json(
            [{"start": s.start, "end": s.end, "text": " " + s.text} for s in segments],
            duration=len(request.upload.samples) / SAMPLE_RATE,
        )

    return handler


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("murmur-data"))


@pytest.fixture(
    scope="module",
    params=[
        "openai-compatible",
        pytest.param("openai-compatible+whisper-server", marks=pytest.mark.slow),
        pytest.param("faster-whisper", marks=pytest.mark.slow),
    ],
)
def engine(request: pytest.FixtureRequest, settings: Settings) -> Iterator[SpeechToText]:
    if request.param == "faster-whisper":
        yield build_speech_to_text(settings)
        return
    handler = (
        energy_transcriber
        if request.param == "openai-compatible"
        else whisper_transcriber(build_speech_to_text(settings))
    )
    with transcription_server(handler) as server:
        remote = build_speech_to_text(
            settings.model_copy(
                update={"asr_engine": "openai-compatible", "asr_api_base_url": server.url}
            )
        )
        assert isinstance(remote, OpenAICompatibleEngine)
        yield remote
        remote.close()


@pytest.fixture(scope="module")
def opening() -> npt.NDArray[np.float32]:
    """The first three turns of the bronchitis visit."""
    return decode_audio(fixture_path("bronchitis_visit.wav"))[: 11 * SAMPLE_RATE]


def test_names_itself_and_loads_idempotently(engine: SpeechToText) -> None:
    assert engine.name in {"faster-whisper", "openai-compatible"}
    engine.load()
    engine.load()


def test_speech_gives_time_ordered_segments_within_the_audio(
    engine: SpeechToText, opening: npt.NDArray[np.float32]
) -> None:
    segments = engine.transcribe(opening, language="en")

    assert segments
    assert [s.start for s in segments] == sorted(s.start for s in segments)
    duration = audio_duration_seconds(opening)
    for segment in segments:
        assert 0.0 <= segment.start <= segment.end <= duration
        assert (round(segment.start, 2), round(segment.end, 2)) == (segment.start, segment.end)
        assert segment.text == segment.text.strip() != ""
        assert segment.speaker is None


def test_silence_gives_an_empty_transcript(engine: SpeechToText) -> None:
    assert engine.transcribe(np.zeros(10 * SAMPLE_RATE, np.float32), language="en") == []


def test_no_audio_gives_an_empty_transcript(engine: SpeechToText) -> None:
    assert engine.transcribe(np.zeros(0, np.float32), language="en") == []


def test_hotwords_are_accepted(engine: SpeechToText, opening: npt.NDArray[np.float32]) -> None:
    assert engine.transcribe(opening, language="en", hotwords="albuterol bronchitis")


def test_segments_end_inside_audio_that_stops_mid_word(
    engine: SpeechToText, opening: npt.NDArray[np.float32]
) -> None:
    cut = opening[: int(2.37 * SAMPLE_RATE) + 5]  # "Good morning. What brings y"

    segments = engine.transcribe(cut, language="en")

    assert all(s.end <= audio_duration_seconds(cut) for s in segments)
