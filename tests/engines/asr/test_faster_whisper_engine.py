from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from murmur.audio.decoding import audio_duration_seconds, decode_audio
from murmur.engines.asr.faster_whisper_engine import FasterWhisperEngine
from murmur.engines.asr.model_assets import ModelAssetError
from murmur.engines.asr.registry import build_speech_to_text
from murmur.settings import Settings
from murmur.transcripts.ports import SAMPLE_RATE, SpeechToText
from tests.fixtures.audio import fixture_path


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("murmur-data"))


@pytest.fixture(scope="module")
def engine(settings: Settings) -> SpeechToText:
    return build_speech_to_text(settings)


@pytest.fixture(scope="module")
def visit() -> npt.NDArray[np.float32]:
    return decode_audio(fixture_path("bronchitis_visit.wav"))


def test_registry_shares_one_engine_per_configuration(settings: Settings) -> None:
    same = Settings(data_dir=settings.data_dir)
    other_beam = Settings(data_dir=settings.data_dir, asr_beam_size=1)

    engine = build_speech_to_text(settings)

    assert isinstance(engine, FasterWhisperEngine)
    assert engine.name == "faster-whisper"
    assert engine.model_dir == settings.models_dir / "whisper-base"
    assert build_speech_to_text(same) is engine
    assert build_speech_to_text(other_beam) is not engine


def test_missing_model_dir_fails_clearly_on_first_use(tmp_path: Path) -> None:
    engine = FasterWhisperEngine(
        model_dir=tmp_path / "no-model", compute_type="int8", beam_size=1, cpu_threads=1
    )

    with pytest.raises(ModelAssetError, match="not a CTranslate2 Whisper model directory"):
        engine.transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32), language="en")


@pytest.mark.slow
def test_transcribes_the_bronchitis_visit(
    engine: SpeechToText, visit: npt.NDArray[np.float32]
) -> None:
    segments = engine.transcribe(visit, language="en")

    assert segments
    starts = [segment.start for segment in segments]
    assert starts == sorted(starts)
    duration = audio_duration_seconds(visit)
    for segment in segments:
        assert 0.0 <= segment.start <= segment.end <= duration + 0.5
        assert segment.text == segment.text.strip() != ""
        assert round(segment.start, 2) == segment.start
    text = " ".join(segment.text for segment in segments).lower()
    for word in ("cough", "fever", "bronchitis"):
        assert word in text


@pytest.mark.slow
def test_hotwords_are_accepted(engine: SpeechToText, visit: npt.NDArray[np.float32]) -> None:
    opening = visit[: 11 * SAMPLE_RATE]

    segments = engine.transcribe(opening, language="en", hotwords="albuterol bronchitis")

    # Hints bias the decoder, so exact wording may shift; the speech must still be written out.
    text = " ".join(segment.text for segment in segments).lower()
    assert "what brings you in today" in text
    assert "chest pain" in text


@pytest.mark.slow
def test_concurrent_calls_share_the_model_safely(
    engine: SpeechToText, visit: npt.NDArray[np.float32]
) -> None:
    opening = visit[: 8 * SAMPLE_RATE]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: engine.transcribe(opening, language="en"), range(2)))

    assert results[0] == results[1]
    assert results[0]
