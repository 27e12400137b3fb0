from __future__ import annotations

import json
import wave
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt
import pytest

from murmur.audio.decoding import AudioDecodeError, audio_duration_seconds, decode_audio
from murmur.engines.asr.base import SAMPLE_RATE
from tests.fixtures.audio import fixture_path
from tests.fixtures.audio.synthesize import DIALOGUES, fingerprint

WAV = fixture_path("bronchitis_visit.wav")
SIDECAR = json.loads(fixture_path("bronchitis_visit.json").read_text())
EXPECTED_SECONDS = SIDECAR["duration_seconds"]


def test_committed_fixture_is_in_step_with_its_script() -> None:
    # Regenerate with: .venv/bin/python tests/fixtures/audio/synthesize.py bronchitis_visit
    assert SIDECAR["fingerprint"] == fingerprint(DIALOGUES["bronchitis_visit"])
    assert [turn["text"] for turn in SIDECAR["turns"]] == [
        text for _, text in DIALOGUES["bronchitis_visit"]
    ]


def test_committed_wav_decodes_to_16k_mono_float32() -> None:
    samples = decode_audio(WAV)

    assert samples.dtype == np.float32
    assert samples.ndim == 1
    assert audio_duration_seconds(samples) == pytest.approx(EXPECTED_SECONDS, abs=0.01)
    assert 0.05 < float(np.abs(samples).max()) <= 1.0


def test_duration_counts_samples_at_16k() -> None:
    assert audio_duration_seconds(np.zeros(SAMPLE_RATE * 3, dtype=np.float32)) == 3.0


def _first_five_seconds_pcm() -> npt.NDArray[np.int16]:
    with wave.open(str(WAV)) as source:
        frames = source.readframes(5 * SAMPLE_RATE)
    return np.frombuffer(frames, dtype="<i2").reshape(1, -1)


def _encode(path: Path, container_format: str, codec: str, rate: int) -> None:
    frame = av.AudioFrame.from_ndarray(_first_five_seconds_pcm(), format="s16", layout="mono")
    frame.sample_rate = SAMPLE_RATE
    with av.open(str(path), "w", format=container_format) as out:
        stream = out.add_stream(codec, rate=rate)
        assert isinstance(stream, av.AudioStream)
        stream.layout = "mono"
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate)
        for piece in [*resampler.resample(frame), None]:
            for packet in stream.encode(piece):
                out.mux(packet)


@pytest.mark.parametrize(
    ("filename", "container_format", "codec", "rate"),
    [
        ("visit.ogg", "ogg", "libopus", 48_000),
        ("visit.mp3", "mp3", "libmp3lame", 16_000),
        ("visit.m4a", "mp4", "aac", 16_000),
        ("visit.webm", "webm", "libopus", 48_000),
    ],
)
def test_compressed_formats_decode(
    tmp_path: Path, filename: str, container_format: str, codec: str, rate: int
) -> None:
    path = tmp_path / filename
    _encode(path, container_format, codec, rate)

    samples = decode_audio(path)

    assert samples.dtype == np.float32
    # Lossy codecs add a frame or two of priming and padding (AAC: 1024 samples at each end).
    assert audio_duration_seconds(samples) == pytest.approx(5.0, abs=0.2)


def _random_bytes() -> bytes:
    return np.random.default_rng(7).bytes(8192)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b'{"encounter": "abc", "audio": null}\n', "not a recognised audio format"),
        (b"These are my notes from the visit.\n", "not a recognised audio format"),
        (_random_bytes(), "not a recognised audio format"),
        (WAV.read_bytes()[:30], "not a recognised audio format"),
        (WAV.read_bytes()[:44], "no audio samples"),
    ],
    ids=["zero-bytes", "json", "text", "random-bytes", "truncated-header", "header-only"],
)
def test_undecodable_files_raise_a_readable_error(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "upload.wav"
    path.write_bytes(content)

    with pytest.raises(AudioDecodeError, match=reason):
        decode_audio(path)


def test_video_without_audio_stream_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "silent-film.mp4"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width = stream.height = 64
        stream.pix_fmt = "yuv420p"
        picture = av.VideoFrame.from_ndarray(np.zeros((64, 64, 3), dtype=np.uint8), "rgb24")
        for frame in [picture, picture, None]:
            for packet in stream.encode(frame):
                out.mux(packet)

    with pytest.raises(AudioDecodeError, match="no audio stream"):
        decode_audio(path)


def test_directory_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(AudioDecodeError, match="not a regular file"):
        decode_audio(tmp_path)


def test_missing_file_is_a_storage_error_not_a_bad_upload(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        decode_audio(tmp_path / "gone.wav")
