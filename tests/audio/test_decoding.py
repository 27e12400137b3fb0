from __future__ import annotations

import json
import re
import wave
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt
import pytest

from murmur.audio.decoding import AudioDecodeError, audio_duration_seconds, decode_audio
from murmur.transcripts.ports import SAMPLE_RATE
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


CLIP_SECONDS = 10.0
_STEP_SAMPLES = SAMPLE_RATE // 100  # 10 ms, the resolution of transcript timestamps


def _clip() -> npt.NDArray[np.int16]:
    """The first ten seconds of the visit: three turns, two voices."""
    with wave.open(str(WAV)) as source:
        frames = source.readframes(int(CLIP_SECONDS * SAMPLE_RATE))
    return np.frombuffer(frames, dtype="<i2")


def _encode(path: Path, container_format: str, codec: str, rate: int, layout: str) -> None:
    """Encodes the clip as a recorder would, timestamps included: they are how a container
    tells the decoder to drop the codec's priming samples (1024 for AAC)."""
    pcm = _clip()
    interleaved = np.repeat(pcm, 2) if layout == "stereo" else pcm
    frame = av.AudioFrame.from_ndarray(interleaved.reshape(1, -1), format="s16", layout=layout)
    frame.sample_rate = SAMPLE_RATE
    frame.pts = 0
    frame.time_base = Fraction(1, SAMPLE_RATE)
    with av.open(str(path), "w", format=container_format) as out:
        stream = out.add_stream(codec, rate=rate)
        assert isinstance(stream, av.AudioStream)
        stream.layout = layout
        resampler = av.AudioResampler(format=stream.format.name, layout=layout, rate=rate)
        for piece in [*resampler.resample(frame), None]:
            for packet in stream.encode(piece):
                out.mux(packet)


FORMATS = {
    # name: (container format, codec, sample rate, channel layout)
    "visit-8k.wav": ("wav", "pcm_s16le", 8_000, "mono"),  # telephone
    "visit-44k.wav": ("wav", "pcm_s16le", 44_100, "mono"),
    "visit-48k.wav": ("wav", "pcm_s16le", 48_000, "mono"),
    "visit-stereo.wav": ("wav", "pcm_s16le", 44_100, "stereo"),
    "visit.mp3": ("mp3", "libmp3lame", 44_100, "mono"),
    "visit.m4a": ("mp4", "aac", 48_000, "mono"),  # phone voice recorders
    "visit-stereo.m4a": ("mp4", "aac", 44_100, "stereo"),
    "visit.ogg": ("ogg", "libopus", 48_000, "mono"),
    "visit.webm": ("webm", "libopus", 48_000, "mono"),  # browser MediaRecorder
    "visit.flac": ("flac", "flac", 44_100, "mono"),
}


@pytest.fixture(scope="module")
def encoded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    for name, (container_format, codec, rate, layout) in FORMATS.items():
        _encode(folder / name, container_format, codec, rate, layout)
    return {name: folder / name for name in FORMATS}


def _similarity(decoded: npt.NDArray[np.float32], start: float, end: float) -> float:
    """Correlation with the original clip over [start, end) s, allowing the decoded audio to be
    up to 10 ms early or late: near 1 when in step, near 0 when shifted or different."""
    original = _clip().astype(np.float32) / 32768
    first, last = int(start * SAMPLE_RATE), int(end * SAMPLE_RATE)
    reference = original[first:last]
    return max(
        float(np.dot(window, reference) / (np.linalg.norm(window) * np.linalg.norm(reference)))
        for lag in range(-_STEP_SAMPLES, _STEP_SAMPLES + 1, 4)
        if len(window := decoded[first + lag : last + lag]) == len(reference)
    )


def _level(decoded: npt.NDArray[np.float32]) -> float:
    original = _clip().astype(np.float32) / 32768
    return float(np.std(decoded[: len(original)]) / np.std(original))


@pytest.mark.parametrize("name", FORMATS)
def test_every_common_format_decodes_to_16k_mono_in_step_with_the_original(
    encoded: dict[str, Path], name: str
) -> None:
    samples = decode_audio(encoded[name])

    assert samples.dtype == np.float32
    assert samples.ndim == 1
    assert audio_duration_seconds(samples) == pytest.approx(CLIP_SECONDS, abs=0.1)
    # In step: a codec's priming left in would shift every later timestamp.
    assert _similarity(samples, 2.0, 9.0) > 0.9
    # Stereo is averaged, not summed: the same voice in both channels is as loud as in one.
    assert _level(samples) == pytest.approx(1.0, abs=0.1)


@pytest.mark.parametrize(
    ("name", "keep", "reason"),
    [
        ("visit.m4a", 0.5, "not a recognised audio format, or the file is truncated or corrupt"),
        ("visit-stereo.m4a", 0.9, "truncated or corrupt"),
        ("visit.ogg", 1024, "the file ends before any audio could be decoded: it is truncated"),
        ("visit.flac", 1024, "it is truncated"),
        ("visit.webm", 200, "damaged or truncated"),
        ("visit.mp3", 200, "not a recognised audio format"),
        ("visit-48k.wav", 30, "not a recognised audio format"),
    ],
)
def test_truncated_files_with_no_usable_audio_raise_a_readable_error(
    encoded: dict[str, Path], tmp_path: Path, name: str, keep: float, reason: str
) -> None:
    content = encoded[name].read_bytes()
    cut = tmp_path / name
    cut.write_bytes(content[: int(len(content) * keep) if keep < 1 else int(keep)])

    with pytest.raises(AudioDecodeError, match=re.escape(reason)):
        decode_audio(cut)


@pytest.mark.parametrize("name", ["visit.m4a", "visit.ogg", "visit-44k.wav", "visit.webm"])
def test_a_garbled_header_raises_a_readable_error(
    encoded: dict[str, Path], tmp_path: Path, name: str
) -> None:
    content = encoded[name].read_bytes()
    garbled = tmp_path / name
    garbled.write_bytes(np.random.default_rng(3).bytes(64) + content[64:])

    with pytest.raises(AudioDecodeError, match=r"truncated|not a recognised|no audio"):
        decode_audio(garbled)


@pytest.mark.parametrize("name", ["visit-48k.wav", "visit.mp3", "visit.ogg", "visit.webm"])
def test_a_recording_cut_short_gives_the_audio_before_the_cut(
    encoded: dict[str, Path], tmp_path: Path, name: str
) -> None:
    # Decided: an upload cut mid-way (a dropped connection, a phone that died) is still most
    # of a visit, so the part that arrived is transcribed rather than refused.
    content = encoded[name].read_bytes()
    cut = tmp_path / name
    cut.write_bytes(content[: len(content) // 2])

    samples = decode_audio(cut)

    assert 0.3 * CLIP_SECONDS < audio_duration_seconds(samples) < 0.7 * CLIP_SECONDS
    assert _similarity(samples, 1.0, 3.0) > 0.9


def test_a_cut_is_logged_where_the_header_says_how_long_the_recording_was(
    encoded: dict[str, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content = encoded["visit.flac"].read_bytes()
    cut = tmp_path / "visit.flac"
    cut.write_bytes(content[: len(content) // 2])

    decode_audio(cut)

    assert "of the 10.0 s its header declares; the file looks cut short" in caplog.text


def test_damage_mid_file_becomes_silence_and_the_rest_keeps_its_time(
    encoded: dict[str, Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content = encoded["visit.m4a"].read_bytes()
    third = len(content) // 3
    damaged = tmp_path / "visit.m4a"
    noise = np.random.default_rng(5).bytes(third // 4)
    damaged.write_bytes(content[:third] + noise + content[third + len(noise) :])

    samples = decode_audio(damaged)

    assert audio_duration_seconds(samples) == pytest.approx(CLIP_SECONDS, abs=0.1)
    assert _similarity(samples, 7.0, 9.5) > 0.9, "audio after the damage must not shift"
    assert "could not be decoded and became silence" in caplog.text


def test_any_number_of_channels_is_mixed_down(tmp_path: Path) -> None:
    pcm = _clip()[: 2 * SAMPLE_RATE]
    for channels in (3, 6, 8):
        path = tmp_path / f"{channels}-channels.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(channels)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(np.repeat(pcm, channels).tobytes())

        samples = decode_audio(path)

        assert np.abs(samples - pcm / 32768).max() < 2e-4


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
