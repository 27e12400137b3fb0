"""Silence, room noise, tones and music must give an empty transcript, never "Thank you for
watching"; speech surrounded by noise must still come through whole."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import pytest
from faster_whisper import WhisperModel

from murmur.audio.decoding import audio_duration_seconds, decode_audio
from murmur.engines.asr.faster_whisper_engine import DECODING, FasterWhisperEngine, to_candidate
from murmur.engines.asr.hallucinations import drop_invented
from murmur.engines.asr.registry import build_speech_to_text
from murmur.settings import Settings
from murmur.transcripts.ports import SAMPLE_RATE, SpeechToText
from tests.fixtures.audio import fixture_path

pytestmark = pytest.mark.slow

Audio = npt.NDArray[np.float32]
C_MAJOR_HZ = (261.63, 329.63, 392.00)


def _at_level(signal: npt.NDArray[np.float64], dbfs: float) -> Audio:
    """Scaled so that its RMS is ``dbfs`` decibels below full scale."""
    rms = float(np.sqrt(np.mean(signal**2)))
    return (signal / rms * 10 ** (dbfs / 20)).astype(np.float32)


def silence(seconds: float) -> Audio:
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def white_noise(seconds: float, dbfs: float) -> Audio:
    rng = np.random.default_rng(1)
    return _at_level(rng.standard_normal(int(seconds * SAMPLE_RATE)), dbfs)


def pink_noise(seconds: float, dbfs: float) -> Audio:
    """1/f noise, the shape of ventilation and distant traffic in a consulting room."""
    n = int(seconds * SAMPLE_RATE)
    spectrum = np.fft.rfft(np.random.default_rng(2).standard_normal(n))
    frequencies = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    spectrum[1:] /= np.sqrt(frequencies[1:])
    spectrum[0] = 0
    return _at_level(np.fft.irfft(spectrum, n), dbfs)


def _time(seconds: float) -> npt.NDArray[np.float64]:
    return np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE


def tone(seconds: float, hz: float = 440.0) -> Audio:
    return _at_level(np.sin(2 * np.pi * hz * _time(seconds)), -15)


def chord(seconds: float) -> Audio:
    """A sustained C major chord with the first few harmonics of a real instrument."""
    t = _time(seconds)
    wave = sum(
        np.sin(2 * np.pi * k * hz * t) / k for hz in C_MAJOR_HZ for k in range(1, 6)
    ) * np.ones_like(t)
    return _at_level(wave, -15)


def melody(seconds: float) -> Audio:
    """Struck chords that change every 0.4 s and decay, like a piano playing in the waiting room."""
    note = _time(0.4)
    rng = np.random.default_rng(3)
    pieces = []
    for _ in range(int(seconds / 0.4)):
        root = float(rng.choice([196.0, 220.0, 261.63, 293.66, 329.63]))
        struck = sum(
            np.sin(2 * np.pi * k * hz * note) / k
            for hz in (root, root * 1.26, root * 1.5)
            for k in range(1, 6)
        ) * np.exp(-3 * note)
        pieces.append(struck)
    return _at_level(np.concatenate(pieces), -18)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("murmur-data"))


@pytest.fixture(scope="module")
def engine(settings: Settings) -> SpeechToText:
    return build_speech_to_text(settings)


NON_SPEECH: dict[str, Callable[[], Audio]] = {
    "30s-silence": lambda: silence(30),
    "30s-white-noise-30dBFS": lambda: white_noise(30, -30),
    "30s-quiet-room-pink-45dBFS": lambda: pink_noise(30, -45),
    "30s-loud-room-pink-20dBFS": lambda: pink_noise(30, -20),
    "20s-440Hz-tone": lambda: tone(20),
    "20s-chord": lambda: chord(20),
    "20s-melody": lambda: melody(20),
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("make", NON_SPEECH.values(), ids=NON_SPEECH.keys())
def test_non_speech_gives_an_empty_transcript(
    engine: SpeechToText, make: Callable[[], Audio], language: str
) -> None:
    assert engine.transcribe(make(), language=language) == []


def test_speech_between_stretches_of_noise_comes_through_whole(engine: SpeechToText) -> None:
    visit = decode_audio(fixture_path("bronchitis_visit.wav"))
    lead = 20.0
    audio = np.concatenate([white_noise(lead, -30), visit, pink_noise(20, -30)])

    segments = engine.transcribe(audio, language="en")

    assert segments
    assert segments[0].start >= lead - 0.5, "nothing may be heard in the noise before the visit"
    assert segments[-1].end <= lead + audio_duration_seconds(visit) + 0.5
    text = " ".join(segment.text for segment in segments).lower()
    for words in ("good morning", "cough", "fever", "chest pain", "bronchitis", "antibiotics"):
        assert words in text
    assert text.rstrip(".!").endswith("thank you, doctor") or "thank you doctor" in text


def test_the_filter_catches_what_whisper_invents_when_nothing_filters_it_first(
    engine: SpeechToText,
) -> None:
    # Voice activity detection normally keeps this audio from the model; here the model hears
    # it all, as it would if detection were fooled, and only the last filter stands between.
    assert isinstance(engine, FasterWhisperEngine)
    model = WhisperModel(
        str(engine.model_dir), device="cpu", compute_type="int8", local_files_only=True
    )
    heard = []
    for audio in (silence(30), tone(20), chord(20), melody(20)):
        pieces, _ = model.transcribe(audio, language="en", beam_size=5, **DECODING)
        heard += [candidate for piece in pieces if (candidate := to_candidate(piece)).text]

    assert heard, "whisper-base invents words over these; if it stops, pick harder audio"
    assert drop_invented(heard) == []
