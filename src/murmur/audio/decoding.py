"""Decode any uploaded recording (wav, mp3, m4a, ogg, webm...) to 16 kHz mono float32.

PyAV bundles FFmpeg, so no system ffmpeg is needed.
"""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import numpy.typing as npt
from faster_whisper.audio import decode_audio as _pyav_decode

from murmur.engines.asr.base import SAMPLE_RATE


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
    try:
        samples = _pyav_decode(str(path), sampling_rate=SAMPLE_RATE)
    except MemoryError:
        raise
    except av.error.InvalidDataError:
        raise AudioDecodeError(
            "not a recognised audio format, or the file is truncated or corrupt"
        ) from None
    except IndexError:
        # PyAV's container.decode(audio=0) on a file with streams but none of them audio.
        raise AudioDecodeError("the file contains no audio stream") from None
    except Exception as error:  # PyAV raises many unrelated types for damaged input.
        raise AudioDecodeError(f"the audio could not be decoded: {_describe(error)}") from error
    audio = np.asarray(samples, dtype=np.float32)
    if audio.size == 0:
        raise AudioDecodeError("the file contains no audio samples")
    return audio


def audio_duration_seconds(samples: npt.NDArray[np.float32]) -> float:
    """Duration of decoded audio in seconds."""
    return len(samples) / SAMPLE_RATE


def _describe(error: Exception) -> str:
    message = getattr(error, "strerror", None) or str(error)
    return message or type(error).__name__
