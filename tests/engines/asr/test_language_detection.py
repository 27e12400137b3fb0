"""Detecting whether a visit is in English or Spanish when nobody said."""

from __future__ import annotations

import numpy as np
import pytest

from murmur.audio.decoding import decode_audio
from murmur.engines.asr.faster_whisper_engine import pick_language
from murmur.engines.asr.openai_compatible import OpenAICompatibleEngine, language_code
from murmur.engines.asr.registry import build_speech_to_text
from murmur.settings import Settings
from murmur.transcripts.ports import SAMPLE_RATE, SpeechToText
from tests.engines.asr.transcription_server import Reply, transcription_server, verbose_json
from tests.fixtures.audio import fixture_path

CANDIDATES = ("en", "es")


def test_the_best_scoring_supported_language_wins() -> None:
    scores = [("pt", 0.6), ("es", 0.3), ("en", 0.1)]

    assert pick_language(scores, CANDIDATES) == "es"


def test_the_first_candidate_is_the_fallback_when_none_is_scored() -> None:
    assert pick_language([("fr", 0.9)], CANDIDATES) == "en"


@pytest.mark.parametrize(
    ("named", "code"),
    [("english", "en"), ("Spanish", "es"), ("es-MX", "es"), ("en_US", "en"), ("español", "es")],
)
def test_server_language_names_become_codes(named: str, code: str) -> None:
    assert language_code(named) == code


@pytest.mark.parametrize(("named", "expected"), [("spanish", "es"), ("fr", "en")])
def test_openai_compatible_detection_asks_without_a_language(named: str, expected: str) -> None:
    audio = np.zeros(45 * SAMPLE_RATE, dtype=np.float32)
    reply = verbose_json([], duration=30.0, language=named)
    with transcription_server(lambda _: reply) as server:
        engine = OpenAICompatibleEngine(base_url=server.url, model="whisper-1")
        try:
            detected = engine.detect_language(audio, candidates=CANDIDATES)
        finally:
            engine.close()

    assert detected == expected
    (request,) = server.requests
    assert "language" not in request.fields
    assert request.upload is not None
    assert len(request.upload.samples) == 30 * SAMPLE_RATE, "only the opening is sent"


def test_openai_compatible_detection_falls_back_when_the_server_names_none() -> None:
    audio = np.zeros(SAMPLE_RATE, dtype=np.float32)
    with transcription_server(lambda _: Reply(body={"text": ""})) as server:
        engine = OpenAICompatibleEngine(base_url=server.url, model="whisper-1")
        try:
            assert engine.detect_language(audio, candidates=("es", "en")) == "es"
        finally:
            engine.close()


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> SpeechToText:
    return build_speech_to_text(Settings(data_dir=tmp_path_factory.mktemp("murmur-data")))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fixture", "expected"), [("spanish_visit.wav", "es"), ("bronchitis_visit.wav", "en")]
)
def test_whisper_hears_the_visit_language(
    engine: SpeechToText, fixture: str, expected: str
) -> None:
    audio = decode_audio(fixture_path(fixture))

    assert engine.detect_language(audio, candidates=CANDIDATES) == expected


@pytest.mark.slow
def test_spanish_speech_is_written_in_spanish(engine: SpeechToText) -> None:
    audio = decode_audio(fixture_path("spanish_visit.wav"))

    text = " ".join(s.text for s in engine.transcribe(audio, language="es")).lower()

    # whisper-base on espeak-ng's Spanish voice misses some words ("tos" -> "dos"); the
    # sentences it gets right must come out in Spanish, accents included.
    assert "qué le trae por aquí" in text
    assert "dificultad para respirar" in text
