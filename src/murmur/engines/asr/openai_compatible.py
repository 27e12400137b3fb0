"""Speech to text through any server that speaks OpenAI's ``/v1/audio/transcriptions``.

vLLM, speaches (faster-whisper-server), whisper.cpp's server, LocalAI and OpenAI itself all
accept the same multipart request, so one engine reaches a GPU pool or a hosted service.
"""

from __future__ import annotations

import email.utils
import io
import math
import random
import time
import wave
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import httpx
import numpy as np
import numpy.typing as npt

from murmur.engines.asr.hallucinations import Candidate, drop_invented
from murmur.transcripts.domain import Segment
from murmur.transcripts.ports import SAMPLE_RATE

TRANSCRIPTIONS_PATH = "/v1/audio/transcriptions"
# Whisper decides the language from its first 30-second window.
LANGUAGE_SAMPLE_SECONDS = 30
_LANGUAGE_NAMES = {"english": "en", "spanish": "es", "español": "es"}
_RETRYABLE_STATUSES = frozenset({408, 429})
_MESSAGE_LIMIT = 500


class TranscriptionServiceError(Exception):
    """The transcription server could not be reached, refused the audio, or answered nonsense.

    ``str(error)`` names the endpoint and carries the server's own message; ``status_code`` is
    the HTTP status when there was one.
    """

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class OpenAICompatibleEngine:
    """A :class:`~murmur.transcripts.ports.SpeechToText` that posts each recording to a server.

    Connection failures, 408, 429 and 5xx answers are retried up to ``max_retries`` times with
    jittered exponential backoff, or after the server's ``Retry-After`` when it sends one; a
    wait longer than ``max_wait_seconds`` is not worth blocking a worker for, so the error is
    raised instead and the job queue retries later. Other 4xx answers are not retried.
    """

    name = "openai-compatible"

    def __init__(
        self,
        *,
        base_url: str,
        model: str = "whisper-1",
        api_key: str | None = None,
        timeout_seconds: float = 300.0,
        connect_timeout_seconds: float = 10.0,
        max_retries: int = 3,
        backoff_seconds: float = 1.0,
        max_wait_seconds: float = 60.0,
    ) -> None:
        self.endpoint = transcriptions_url(base_url)
        self.model = model
        self.timeout_seconds = timeout_seconds
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.max_wait_seconds = max_wait_seconds
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout_seconds, connect=connect_timeout_seconds),
        )

    def load(self) -> None:
        """Nothing to load: the model lives on the server."""

    def close(self) -> None:
        self._client.close()

    def transcribe(
        self, audio: npt.NDArray[np.float32], *, language: str, hotwords: str | None = None
    ) -> list[Segment]:
        if audio.size == 0:
            return []
        fields = {
            "model": self.model,
            "language": language,
            "response_format": "verbose_json",
            "timestamp_granularities[]": "segment",
            "temperature": "0",
        }
        if hotwords:
            # Whisper's prompt is its only biasing input: spellings it should prefer.
            fields["prompt"] = hotwords
        payload = self._post(fields, encode_wav(audio))
        return parse_verbose_json(payload, duration=len(audio) / SAMPLE_RATE)

    def detect_language(self, audio: npt.NDArray[np.float32], *, candidates: Sequence[str]) -> str:
        """Asks the server to transcribe the opening without a language and reads back the
        ``language`` it names (OpenAI says "english", faster-whisper servers say "en")."""
        if audio.size == 0:
            return candidates[0]
        opening = audio[: LANGUAGE_SAMPLE_SECONDS * SAMPLE_RATE]
        fields = {"model": self.model, "response_format": "verbose_json", "temperature": "0"}
        named = self._post(fields, encode_wav(opening)).get("language")
        code = language_code(named) if isinstance(named, str) else ""
        return code if code in candidates else candidates[0]

    def _post(self, fields: Mapping[str, str], wav: bytes) -> dict[str, Any]:
        for attempt in range(self.max_retries + 1):
            try:
                response = self._client.post(
                    self.endpoint, data=fields, files={"file": ("audio.wav", wav, "audio/wav")}
                )
            except httpx.ReadTimeout as error:
                # The server has the audio and is working on it; sending it again would only
                # queue a duplicate behind a server already too slow to answer.
                raise TranscriptionServiceError(
                    f"{self.endpoint} did not answer within {self.timeout_seconds:g} s"
                ) from error
            except httpx.TransportError as error:
                failure = TranscriptionServiceError(_transport_failure(self.endpoint, error))
                wait = self._backoff(attempt)
            else:
                if response.is_success:
                    return _json_object(response, self.endpoint)
                failure = TranscriptionServiceError(
                    f"{self.endpoint} answered {response.status_code}: {server_message(response)}",
                    status_code=response.status_code,
                )
                if not _retryable(response.status_code):
                    raise failure
                retry_after = retry_after_seconds(response.headers.get("retry-after"))
                wait = self._backoff(attempt) if retry_after is None else retry_after
            if attempt == self.max_retries or wait > self.max_wait_seconds:
                if attempt:
                    raise TranscriptionServiceError(
                        f"{failure} (gave up after {attempt + 1} attempts)",
                        status_code=failure.status_code,
                    )
                raise failure
            time.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff(self, attempt: int) -> float:
        # Jittered, so workers that failed together do not all come back together.
        return random.uniform(0.5, 1.0) * self.backoff_seconds * 2.0**attempt


def transcriptions_url(base_url: str) -> str:
    """The endpoint under ``base_url``, which may or may not already end in ``/v1``.

    OpenAI client libraries take base URLs ending in ``/v1``, so people copy those.
    """
    base = base_url.rstrip("/")
    if base.endswith("/v1"):
        base = base.removesuffix("/v1")
    return base + TRANSCRIPTIONS_PATH


def encode_wav(audio: npt.NDArray[np.float32]) -> bytes:
    """16 kHz mono 16-bit PCM WAV: lossless for speech and accepted by every server."""
    pcm = np.round(np.clip(audio, -1.0, 1.0) * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def parse_verbose_json(payload: Mapping[str, Any], *, duration: float) -> list[Segment]:
    """Segments from a ``verbose_json`` answer, clipped to the audio and in time order.

    A server that ignores the segment granularity still sends ``text``: that becomes one
    segment lasting the server's ``duration`` (else the audio's).
    """
    raw = payload.get("segments")
    text = payload.get("text")
    if raw is None and not isinstance(text, str):
        raise TranscriptionServiceError("the server's answer has neither segments nor text")
    raw = [] if raw is None else raw
    if not isinstance(raw, list):
        raise TranscriptionServiceError("the server's answer has segments that are not a list")
    if not raw and isinstance(text, str) and text.strip():
        server_duration = payload.get("duration")
        end = duration if server_duration is None else _number(server_duration, "duration")
        raw = [{"start": 0.0, "end": end, "text": text}]
    candidates = [_candidate(item, duration) for item in raw]
    kept = drop_invented([c for c in candidates if c.text])
    return sorted(
        (Segment(start=c.start, end=c.end, text=c.text) for c in kept),
        key=lambda segment: (segment.start, segment.end),
    )


def _candidate(item: Any, duration: float) -> Candidate:
    if not isinstance(item, Mapping):
        raise TranscriptionServiceError("the server's answer has a segment that is not an object")
    text = item.get("text", "")
    if not isinstance(text, str):
        raise TranscriptionServiceError("the server's answer has a segment whose text is not text")
    limit = math.floor(duration * 100) / 100
    start = min(max(round(_number(item.get("start"), "start"), 2), 0.0), limit)
    end = min(max(round(_number(item.get("end"), "end"), 2), start), limit)
    seek = item.get("seek")
    return Candidate(
        start=start,
        end=end,
        text=text.strip(),
        avg_logprob=_score(item, "avg_logprob"),
        no_speech_prob=_score(item, "no_speech_prob"),
        window=seek if isinstance(seek, int) and not isinstance(seek, bool) else None,
    )


def _score(item: Mapping[str, Any], field: str) -> float:
    """Whisper's scores are optional in the protocol; 0.0 leaves the segment to its text."""
    value = item.get(field)
    return 0.0 if value is None else _number(value, field)


def _number(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TranscriptionServiceError(f"the server's answer has a {field} that is not a number")
    return float(value)


def server_message(response: httpx.Response) -> str:
    """The human part of an error body: OpenAI's ``error.message``, FastAPI's ``detail``..."""
    try:
        body = response.json()
    except ValueError:
        body = None
    message: Any = None
    if isinstance(body, Mapping):
        error = body.get("error")
        message = error.get("message") if isinstance(error, Mapping) else error
        message = message or body.get("detail") or body.get("message")
    if message is None:
        message = response.text.strip() or response.reason_phrase
    text = str(message)
    return text if len(text) <= _MESSAGE_LIMIT else text[:_MESSAGE_LIMIT] + "..."


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds from now; it may be a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _retryable(status: int) -> bool:
    return status in _RETRYABLE_STATUSES or status >= 500


def _json_object(response: httpx.Response, endpoint: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        snippet = response.text[:200]
        raise TranscriptionServiceError(
            f"{endpoint} answered {response.status_code} but not with a JSON object: {snippet!r}",
            status_code=response.status_code,
        )
    return body


def _transport_failure(endpoint: str, error: httpx.TransportError) -> str:
    detail = str(error) or type(error).__name__
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout):
        return f"could not reach {endpoint}: {detail}"
    return f"the connection to {endpoint} failed: {detail}"


def language_code(named: str) -> str:
    """ISO 639-1 code for a language as a server names it ("English", "en", "en-US")."""
    lowered = named.strip().lower()
    return _LANGUAGE_NAMES.get(lowered, lowered.split("-")[0].split("_")[0])
