"""Decode any uploaded recording (wav, mp3, m4a, ogg, webm, flac...) to 16 kHz mono float32.

PyAV bundles FFmpeg, so no system ffmpeg is needed.

Damaged files give what can be trusted rather than nothing. A recording cut short (an upload
interrupted, a phone that died) yields the audio before the cut, with a warning in the log: the
part of the visit that arrived is worth transcribing. Packets that fail to decode in the middle
become silence of the same length, so the rest of the visit keeps its place in time and the
transcript's timestamps still match the recording. An MP4/M4A cut short cannot be read at all
(its index is written last) and, like anything with no decodable audio, raises
:class:`AudioDecodeError`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import av
import numpy as np
import numpy.typing as npt

from murmur.transcripts.ports import SAMPLE_RATE

logger = logging.getLogger(__name__)

# A decoded length this far short of the header's is a cut, not codec rounding (which is
# a frame or two: tens of milliseconds).
_TRUNCATION_SLACK_SECONDS = 0.5
_RESAMPLE_BATCH = 500_000
_EXACT_LENGTH_FORMATS = frozenset({"wav", "flac", "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"})


class AudioDecodeError(Exception):
    """The file is not decodable audio; ``str(error)`` is a reason fit to show the uploader."""


def decode_audio(path: Path) -> npt.NDArray[np.float32]:
    """Decode ``path`` to mono float32 samples in [-1, 1) at :data:`SAMPLE_RATE`.

    Raises :class:`AudioDecodeError` for anything that is not playable audio, and lets
    ``FileNotFoundError`` through: a missing file is a storage problem, not a bad upload.
    """
    size = path.stat().st_size
    if not path.is_file():
        raise AudioDecodeError("not a regular file")
    if size == 0:
        raise AudioDecodeError("the file is empty (0 bytes)")
    decoder = _Decoder(path.name)
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            decoder.run(container)
    except (AudioDecodeError, MemoryError):
        raise
    except Exception as error:  # PyAV raises many unrelated types for damaged input.
        if not decoder.pieces:
            raise AudioDecodeError(_reason(error)) from None
        logger.warning(
            "%s: decoding stopped after %.1f s (%s); keeping what was decoded",
            path.name,
            decoder.seconds,
            _describe(error),
        )
    audio = decoder.samples()
    if audio.size == 0:
        raise AudioDecodeError("the file contains no audio samples")
    return audio


def audio_duration_seconds(samples: npt.NDArray[np.float32]) -> float:
    """Duration of decoded audio in seconds."""
    return len(samples) / SAMPLE_RATE


class _Decoder:
    """Decodes the first audio stream packet by packet, so one bad packet costs only itself."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pieces: list[npt.NDArray[np.float32]] = []
        self._resampler: Any = None
        self._fifo: Any = None
        self._input: tuple[str, str, int] | None = None

    @property
    def seconds(self) -> float:
        return sum(len(piece) for piece in self.pieces) / SAMPLE_RATE

    def run(self, container: Any) -> None:
        if not container.streams.audio:
            raise AudioDecodeError("the file contains no audio stream")
        stream = container.streams.audio[0]
        lost = 0.0
        try:
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except av.error.FFmpegError:
                    seconds = _packet_seconds(packet)
                    lost += seconds
                    self._flush()
                    self.pieces.append(np.zeros(round(seconds * SAMPLE_RATE), dtype=np.float32))
                    continue
                for frame in frames:
                    self._resample(frame)
        finally:
            self._flush()  # what was decoded before a fatal error is still worth keeping
        if lost:
            logger.warning("%s: %.2f s could not be decoded and became silence", self.name, lost)
        declared = _declared_seconds(stream, container)
        if declared is not None and self.seconds < declared - _TRUNCATION_SLACK_SECONDS:
            logger.warning(
                "%s: decoded %.1f s of the %.1f s its header declares; the file looks cut short",
                self.name,
                self.seconds,
                declared,
            )

    def samples(self) -> npt.NDArray[np.float32]:
        if not self.pieces:
            return np.zeros(0, dtype=np.float32)
        return np.concatenate(self.pieces)

    def _resample(self, frame: Any) -> None:
        shape = (frame.format.name, frame.layout.name, frame.sample_rate)
        if shape != self._input:
            # A stream may change rate or layout midway; a resampler takes only one.
            self._flush()
            # 16-bit output, because FFmpeg scales its downmix to fit only for integer formats:
            # into float, stereo would come out 3 dB louder than its mono twin, 5.1 more so.
            self._resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            self._fifo = av.AudioFifo()
            self._input = shape
        frame.pts = None  # gaps are filled by ``run``; the resampler need not police them
        # Resampling frame by frame (1024 samples for AAC) is three times slower.
        self._fifo.write(frame)
        if self._fifo.samples >= _RESAMPLE_BATCH:
            self._keep(self._resampler.resample(self._fifo.read()))

    def _flush(self) -> None:
        if self._resampler is not None:
            if self._fifo.samples:
                self._keep(self._resampler.resample(self._fifo.read()))
            self._keep(self._resampler.resample(None))
            self._resampler = self._fifo = self._input = None

    def _keep(self, frames: list[Any]) -> None:
        self.pieces += [frame.to_ndarray()[0].astype(np.float32) / 32768 for frame in frames]


def _packet_seconds(packet: Any) -> float:
    if packet.duration and packet.time_base:
        return float(packet.duration * packet.time_base)
    return 0.0


def _declared_seconds(stream: Any, container: Any) -> float | None:
    """The length the header states, for formats that state it exactly (not MP3 or ADTS AAC,
    whose length FFmpeg estimates from the bit rate)."""
    if container.format.name not in _EXACT_LENGTH_FORMATS:
        return None
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return float(container.duration / av.time_base)
    return None


def _reason(error: Exception) -> str:
    if isinstance(error, av.error.InvalidDataError):
        return "not a recognised audio format, or the file is truncated or corrupt"
    if isinstance(error, EOFError):
        return "the file ends before any audio could be decoded: it is truncated"
    if isinstance(error, av.error.FFmpegError):
        return f"the file is damaged or truncated ({_describe(error)})"
    return f"the audio could not be decoded: {_describe(error)}"


def _describe(error: Exception) -> str:
    message = getattr(error, "strerror", None) or str(error)
    return message or type(error).__name__
