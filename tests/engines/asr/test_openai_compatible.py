"""The openai-compatible engine against a real local HTTP server speaking the same protocol."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from itertools import count
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from pydantic import ValidationError

from murmur.engines.asr.openai_compatible import (
    OpenAICompatibleEngine,
    TranscriptionServiceError,
    retry_after_seconds,
    transcriptions_url,
)
from murmur.engines.asr.registry import build_speech_to_text
from murmur.settings import Settings
from murmur.transcripts.domain import Segment
from murmur.transcripts.ports import SAMPLE_RATE
from tests.engines.asr.transcription_server import (
    ENDPOINT,
    Handler,
    Received,
    Reply,
    openai_error,
    transcription_server,
    verbose_json,
)

TWO_SECONDS = verbose_json(
    [
        {"id": 0, "seek": 0, "start": 0.0, "end": 1.2, "text": " Any chest pain?"},
        {"id": 1, "seek": 0, "start": 1.2, "end": 2.0, "text": " No."},
    ],
    duration=2.0,
)


def _audio(seconds: float = 2.0) -> npt.NDArray[np.float32]:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (0.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


MakeEngine = Callable[..., OpenAICompatibleEngine]


@pytest.fixture
def engine_for() -> Iterator[MakeEngine]:
    """Builds engines with short timeouts and backoff; closes their connections afterwards."""
    built: list[OpenAICompatibleEngine] = []

    def make(url: str, **options: Any) -> OpenAICompatibleEngine:
        settings: dict[str, Any] = {
            "model": "whisper-large-v3",
            "timeout_seconds": 5.0,
            "connect_timeout_seconds": 1.0,
            "max_retries": 2,
            "backoff_seconds": 0.01,
            **options,
        }
        built.append(OpenAICompatibleEngine(base_url=url, **settings))
        return built[-1]

    yield make
    for engine in built:
        engine.close()


def _scripted(*replies: Reply) -> Handler:
    """Answers with each reply in turn, then keeps repeating the last."""
    turn = count()

    def handler(_: Received) -> Reply:
        return replies[min(next(turn), len(replies) - 1)]

    return handler


def test_sends_the_openai_multipart_request(engine_for: MakeEngine) -> None:
    audio = _audio()
    with transcription_server(_scripted(TWO_SECONDS)) as server:
        segments = engine_for(server.url).transcribe(
            audio, language="es", hotwords="albuterol, bronchitis"
        )

    assert segments == [Segment(0.0, 1.2, "Any chest pain?"), Segment(1.2, 2.0, "No.")]
    (request,) = server.requests
    assert request.path == ENDPOINT
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert "authorization" not in request.headers
    assert request.field("model") == "whisper-large-v3"
    assert request.field("language") == "es"
    assert request.field("response_format") == "verbose_json"
    assert request.field("timestamp_granularities[]") == "segment"
    assert request.field("temperature") == "0"
    assert request.field("prompt") == "albuterol, bronchitis"
    upload = request.upload
    assert upload is not None
    assert (upload.filename, upload.content_type) == ("audio.wav", "audio/wav")
    assert (upload.channels, upload.sample_width, upload.sample_rate) == (1, 2, SAMPLE_RATE)
    assert len(upload.samples) == len(audio)
    assert np.abs(upload.samples - audio).max() < 2 / 32768


def test_no_prompt_without_hotwords_and_loud_audio_is_clipped_not_wrapped(
    engine_for: MakeEngine,
) -> None:
    audio = np.array([2.0, -2.0, 0.25], dtype=np.float32)
    with transcription_server(_scripted(verbose_json([], duration=0.0))) as server:
        assert engine_for(server.url).transcribe(audio, language="en") == []

    (request,) = server.requests
    assert "prompt" not in request.fields
    assert request.upload is not None
    assert request.upload.samples.tolist() == pytest.approx([32767 / 32768, -32767 / 32768, 0.25])


def test_bearer_token_when_an_api_key_is_set(engine_for: MakeEngine) -> None:
    with transcription_server(_scripted(TWO_SECONDS)) as server:
        engine_for(server.url, api_key="sk-local-test").transcribe(_audio(), language="en")

    assert server.requests[0].headers["authorization"] == "Bearer sk-local-test"


def test_segments_come_back_stripped_ordered_and_within_the_audio(engine_for: MakeEngine) -> None:
    reply = verbose_json(
        [
            {"start": 1.5, "end": 2.6, "text": "  Follow up in one week. "},
            {"start": 0.0, "end": 1.456, "text": "Drink plenty of fluids."},
            {"start": 1.46, "end": 1.5, "text": "   "},
        ],
        duration=2.6,
    )
    with transcription_server(_scripted(reply)) as server:
        segments = engine_for(server.url).transcribe(_audio(2.0), language="en")

    assert segments == [
        Segment(0.0, 1.46, "Drink plenty of fluids."),
        Segment(1.5, 2.0, "Follow up in one week."),
    ]


def test_a_server_that_sends_only_text_gives_one_segment(engine_for: MakeEngine) -> None:
    reply = Reply(body={"text": " I think you have acute bronchitis. ", "duration": 1.8})
    with transcription_server(_scripted(reply)) as server:
        segments = engine_for(server.url).transcribe(_audio(2.0), language="en")

    assert segments == [Segment(0.0, 1.8, "I think you have acute bronchitis.")]


def test_silence_is_an_empty_transcript(engine_for: MakeEngine) -> None:
    reply = Reply(body={"text": "", "duration": 2.0, "segments": []})
    with transcription_server(_scripted(reply)) as server:
        assert engine_for(server.url).transcribe(_audio(), language="en") == []


def test_captions_invented_by_the_server_model_are_dropped(engine_for: MakeEngine) -> None:
    reply = verbose_json(
        [
            {"seek": 0, "start": 0.0, "end": 1.0, "text": " Thanks for watching!"},
            {
                "seek": 3000,
                "start": 30.0,
                "end": 31.0,
                "text": " you",
                "avg_logprob": -0.7,
                "no_speech_prob": 0.93,
            },
        ],
        duration=32.0,
    )
    with transcription_server(_scripted(reply)) as server:
        assert engine_for(server.url).transcribe(_audio(32.0), language="en") == []


def test_empty_audio_needs_no_request(engine_for: MakeEngine) -> None:
    with transcription_server(_scripted(TWO_SECONDS)) as server:
        assert engine_for(server.url).transcribe(np.zeros(0, np.float32), language="en") == []

    assert server.requests == []


def test_a_base_url_ending_in_v1_is_not_doubled(engine_for: MakeEngine) -> None:
    assert transcriptions_url("http://gpu:8000") == "http://gpu:8000/v1/audio/transcriptions"
    assert transcriptions_url("http://gpu:8000/v1/") == "http://gpu:8000/v1/audio/transcriptions"
    assert transcriptions_url("https://x/asr/") == "https://x/asr/v1/audio/transcriptions"
    with transcription_server(_scripted(TWO_SECONDS)) as server:
        assert engine_for(server.url + "/v1/").transcribe(_audio(), language="en")


def test_retries_a_503_then_succeeds(engine_for: MakeEngine) -> None:
    busy = openai_error(503, "model is loading")
    with transcription_server(_scripted(busy, busy, TWO_SECONDS)) as server:
        segments = engine_for(server.url, max_retries=2).transcribe(_audio(), language="en")

    assert len(segments) == 2
    assert len(server.requests) == 3


def test_retries_a_dropped_connection(engine_for: MakeEngine) -> None:
    with transcription_server(_scripted(Reply(hang_up=True), TWO_SECONDS)) as server:
        segments = engine_for(server.url).transcribe(_audio(), language="en")

    assert len(segments) == 2
    assert len(server.requests) == 2


def test_honours_retry_after_instead_of_its_own_backoff(engine_for: MakeEngine) -> None:
    limited = openai_error(429, "Rate limit reached", **{"Retry-After": "1"})
    with transcription_server(_scripted(limited, TWO_SECONDS)) as server:
        engine = engine_for(server.url, backoff_seconds=20.0)
        started = time.monotonic()
        segments = engine.transcribe(_audio(), language="en")
        waited = time.monotonic() - started

    assert len(segments) == 2
    assert 1.0 <= waited < 5.0


def test_a_retry_after_longer_than_worth_waiting_fails_at_once(engine_for: MakeEngine) -> None:
    limited = openai_error(429, "Quota exceeded until tomorrow", **{"Retry-After": "3600"})
    with transcription_server(_scripted(limited, TWO_SECONDS)) as server:
        started = time.monotonic()
        with pytest.raises(TranscriptionServiceError, match="Quota exceeded until tomorrow"):
            engine_for(server.url, max_wait_seconds=30.0).transcribe(_audio(), language="en")

    assert time.monotonic() - started < 2.0
    assert len(server.requests) == 1


def test_a_400_is_not_retried_and_its_message_is_surfaced(engine_for: MakeEngine) -> None:
    refusal = openai_error(400, "Unsupported language: xx")
    with (
        transcription_server(_scripted(refusal, TWO_SECONDS)) as server,
        pytest.raises(TranscriptionServiceError) as raised,
    ):
        engine_for(server.url).transcribe(_audio(), language="xx")

    assert raised.value.status_code == 400
    assert "answered 400: Unsupported language: xx" in str(raised.value)
    assert server.url in str(raised.value)
    assert len(server.requests) == 1


def test_gives_up_after_max_retries_with_the_last_message(engine_for: MakeEngine) -> None:
    down = Reply(status=502, raw=b"upstream connect error")
    with (
        transcription_server(_scripted(down)) as server,
        pytest.raises(
            TranscriptionServiceError,
            match=r"502: upstream connect error \(gave up after 4 attempts\)",
        ),
    ):
        engine_for(server.url, max_retries=3).transcribe(_audio(), language="en")

    assert len(server.requests) == 4


def test_a_server_too_slow_to_answer_times_out_without_a_duplicate_request(
    engine_for: MakeEngine,
) -> None:
    slow = Reply(body=TWO_SECONDS.body, delay_seconds=3.0)
    with transcription_server(_scripted(slow)) as server:
        started = time.monotonic()
        with pytest.raises(TranscriptionServiceError, match=r"did not answer within 0\.3 s"):
            engine_for(server.url, timeout_seconds=0.3).transcribe(_audio(), language="en")

    assert time.monotonic() - started < 2.0
    assert len(server.requests) == 1


def test_an_unreachable_server_is_retried_then_reported(engine_for: MakeEngine) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on ``port`` now: every attempt is refused.
    with pytest.raises(TranscriptionServiceError, match="could not reach"):
        engine_for(f"http://127.0.0.1:{port}").transcribe(_audio(), language="en")


@pytest.mark.parametrize(
    "reply",
    [
        Reply(raw=b"<html>proxy login</html>"),
        Reply(body={"segments": "none"}),
        Reply(body={"segments": [{"start": "0", "end": 1.0, "text": "x"}]}),
        Reply(body={"result": "ok"}),
    ],
    ids=["html", "segments-not-a-list", "start-not-a-number", "no-text"],
)
def test_a_nonsense_answer_is_a_clear_error(engine_for: MakeEngine, reply: Reply) -> None:
    with (
        transcription_server(_scripted(reply)) as server,
        pytest.raises(TranscriptionServiceError, match=r"answer|JSON"),
    ):
        engine_for(server.url).transcribe(_audio(), language="en")

    assert len(server.requests) == 1


def test_retry_after_takes_seconds_or_an_http_date() -> None:
    in_a_minute = format_datetime(datetime.now(UTC) + timedelta(seconds=60), usegmt=True)

    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("0.5") == 0.5
    assert 55 < (retry_after_seconds(in_a_minute) or 0) <= 60
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_registry_builds_the_engine_from_settings(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        asr_engine="openai-compatible",
        asr_api_base_url="http://gpu-pool:8000/v1",
        asr_api_key="sk-pool",  # type: ignore[arg-type]
        asr_api_model="large-v3",
        asr_api_timeout_seconds=120,
        asr_api_max_retries=5,
    )

    engine = build_speech_to_text(settings)

    assert isinstance(engine, OpenAICompatibleEngine)
    assert engine.name == "openai-compatible"
    assert engine.endpoint == "http://gpu-pool:8000/v1/audio/transcriptions"
    assert (engine.model, engine.timeout_seconds, engine.max_retries) == ("large-v3", 120, 5)
    assert build_speech_to_text(settings.model_copy()) is engine


def test_the_engine_needs_a_base_url(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="MURMUR_ASR_API_BASE_URL"):
        Settings(data_dir=tmp_path, asr_engine="openai-compatible")
