"""PriMock57 consultations as spoken test audio: espeak-ng reads the manual transcripts back.

PriMock57 has one TextGrid per speaker (doctor, patient) with utterance times. Every utterance
is synthesised with its role's voice (doctor ``en-gb``, patient ``en-gb+f2``) and placed at its
transcribed start time. Synthetic speech is slower than people talk, so a turn is sped up
(from 165 up to 200 words a minute) to fit the time until the next utterance; a turn that still
does not fit runs on, and how the overlap is resolved is the ``overlap`` mode:

* ``queue`` (default): the next utterance, whoever speaks it, waits until the running one has
  ended plus 0.3 s. No cross-talk; the visit drifts a little later (about 1% on the default
  subset) and keeps its order of turns.
* ``mix``: only one speaker's own utterances wait for each other; the two speakers' tracks are
  summed sample by sample, so they talk over each other wherever the transcript overlaps
  (PriMock57's intervals overlap for about 5% of the time, much of it loosely cut interval
  edges and backchannels). Two full-volume synthetic voices at once are far harder than real
  cross-talk, so this mode is a stress test.

The sidecar JSON records each turn's actual placement, which is the ground truth for
speaker-role scoring. Reference text is the transcript with ``<UNIN/>`` and
``<INAUDIBLE_SPEECH/>`` removed and the words inside ``<UNSURE>…</UNSURE>`` kept: espeak-ng
speaks exactly that text. Audio is cached (``bench-out/primock/<mode>/``) and rebuilt when the
transcript or the recipe changes.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import wave
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np
import numpy.typing as npt
from benchmarks.eval_data import eval_data

PRIMOCK_DIR = eval_data("primock57")
SAMPLE_RATE = 16_000
# Chosen on the fixture dialogues in tests/fixtures/audio (not on PriMock57): the British voices
# were recognised best, and faster than 200 words a minute recognition degrades.
VOICES = {"doctor": "en-gb", "patient": "en-gb+f2"}
BASE_WPM = 165
MAX_WPM = 200
GAP_SECONDS = 0.3
OVERLAP_MODES = ("queue", "mix")
_RECIPE_VERSION = 1
_SILENCE_THRESHOLD = 0.004
_INTERVAL = re.compile(
    r"xmin = (?P<start>[\d.]+)\s*\n\s*xmax = (?P<end>[\d.]+)\s*\n"
    r"\s*text = \"(?P<text>(?:[^\"]|\"\")*)\""
)
_DROPPED_TAGS = re.compile(r"<(?:UNIN|INAUDIBLE_SPEECH)\s*/>", re.IGNORECASE)
_UNSURE_TAGS = re.compile(r"</?UNSURE>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Turn:
    role: str  # "doctor" or "patient"
    start: float
    end: float
    text: str


def read_turns(consultation: str, primock_dir: Path = PRIMOCK_DIR) -> list[Turn]:
    """Both speakers' utterances, cleaned, in order of their transcribed start time."""
    turns: list[Turn] = []
    for role in VOICES:
        grid = (primock_dir / "transcripts" / f"{consultation}_{role}.TextGrid").read_text()
        for match in _INTERVAL.finditer(grid):
            text = clean_reference(match["text"].replace('""', '"'))
            if text:
                turns.append(Turn(role, float(match["start"]), float(match["end"]), text))
    return sorted(turns, key=lambda turn: (turn.start, turn.role))


def clean_reference(text: str) -> str:
    text = _UNSURE_TAGS.sub("", _DROPPED_TAGS.sub(" ", text))
    return re.sub(r"\s+", " ", text).strip()


def encounter_context(consultation: str, primock_dir: Path = PRIMOCK_DIR) -> dict[str, Any]:
    """What a clinic system could hand over before the visit, as Playback ``addContext``.

    The presenting complaint (typed by the patient when booking) and the note's history lines
    (past medical history, drug history, allergies): the facts an EHR already holds. The rest
    of the clinician's note (history of this complaint, impression, plan) is what the visit
    itself produces, so it is left out.
    """
    day, number = re.fullmatch(r"day(\d+)_consultation(\d+)", consultation).groups()  # type: ignore[union-attr]
    note = json.loads((primock_dir / "notes" / f"day{day}_consultation{number}.json").read_text())
    context: dict[str, Any] = {"presentingComplaint": note["presenting_complaint"]}
    fields = {
        "patientHistory": r"(?:pmh|pmhx|psh|past medical history)",
        "medications": r"(?:dh|dhx|drug history|medications?)",
        "allergies": r"(?:allerg\w*|nkda)",
    }
    for line in note["note"].splitlines():
        for key, label in fields.items():
            if match := re.match(rf"\s*{label}\b\s*[:\-]?\s*", line, re.IGNORECASE):
                value = line[match.end() :].strip() or line.strip()
                context[key] = "; ".join(filter(None, [context.get(key, ""), value]))
    return context


def ensure_consultation_audio(
    consultation: str, cache_dir: Path, *, overlap: str = "queue", primock_dir: Path = PRIMOCK_DIR
) -> Path:
    """Return the cached WAV for ``consultation`` (synthesising it if missing or stale)."""
    turns = read_turns(consultation, primock_dir)
    recipe = _fingerprint(turns, overlap)
    wav_path = cache_dir / overlap / f"{consultation}.wav"
    try:
        if json.loads(wav_path.with_suffix(".json").read_text())["fingerprint"] == recipe:
            return wav_path
    except (OSError, ValueError, KeyError):
        pass
    wav_path.parent.mkdir(parents=True, exist_ok=True)
    samples, placed = _render(turns, overlap)
    _write_wav(wav_path, samples)
    sidecar = {
        "consultation": consultation,
        "duration_seconds": round(len(samples) / SAMPLE_RATE, 3),
        "voices": VOICES,
        "fingerprint": recipe,
        "overlap_seconds": round(_overlap_seconds(placed), 2),
        "turns": [asdict(turn) for turn in placed],
    }
    wav_path.with_suffix(".json").write_text(json.dumps(sidecar, indent=1) + "\n")
    return wav_path


def placed_turns(wav_path: Path) -> list[Turn]:
    """The turns as actually placed in the synthesised audio (sorted by start)."""
    sidecar = json.loads(wav_path.with_suffix(".json").read_text())
    return [Turn(**turn) for turn in sidecar["turns"]]


def _render(turns: list[Turn], overlap: str) -> tuple[npt.NDArray[np.int16], list[Turn]]:
    placed: list[Turn] = []
    pieces: list[tuple[int, npt.NDArray[np.int16]]] = []
    # "mix": each speaker's own turns are kept apart; "queue": every turn waits for the last.
    lanes = (
        [[t for t in turns if t.role == role] for role in VOICES] if overlap == "mix" else [turns]
    )
    for lane in lanes:
        cursor = 0.0
        for index, turn in enumerate(lane):
            start = max(turn.start, cursor)
            next_start = lane[index + 1].start if index + 1 < len(lane) else turn.end + 5.0
            speech = _speak_to_fit(turn.text, VOICES[turn.role], max(next_start, turn.end) - start)
            end = start + len(speech) / SAMPLE_RATE
            pieces.append((round(start * SAMPLE_RATE), speech))
            placed.append(Turn(turn.role, round(start, 3), round(end, 3), turn.text))
            cursor = end + GAP_SECONDS
    length = max(offset + len(speech) for offset, speech in pieces)
    mix = np.zeros(length + SAMPLE_RATE // 2, dtype=np.int32)
    for offset, speech in pieces:
        mix[offset : offset + len(speech)] += speech
    return np.clip(mix, -32768, 32767).astype(np.int16), sorted(placed, key=lambda t: t.start)


def _speak_to_fit(text: str, voice: str, seconds: float) -> npt.NDArray[np.int16]:
    speech = _speak(text, voice, BASE_WPM)
    needed = len(speech) / SAMPLE_RATE
    if needed > seconds > 0:
        wpm = min(MAX_WPM, round(BASE_WPM * needed / seconds) + 5)
        speech = _speak(text, voice, wpm)
    return speech


def _speak(text: str, voice: str, wpm: int) -> npt.NDArray[np.int16]:
    if shutil.which("espeak-ng") is None:
        raise RuntimeError("espeak-ng is not installed (apt-get install espeak-ng)")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "turn.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(wpm), "--stdin", "-w", str(raw)],
            input=text.encode(),
            check=True,
            capture_output=True,
        )
        resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        frames: list[av.AudioFrame] = []
        with av.open(str(raw)) as container:
            for frame in container.decode(audio=0):
                frames.extend(resampler.resample(frame))
        frames.extend(resampler.resample(None))
    samples = np.concatenate([np.asarray(f.to_ndarray(), dtype=np.int16).ravel() for f in frames])
    loud = np.flatnonzero(np.abs(samples.astype(np.float32) / 32768.0) > _SILENCE_THRESHOLD)
    return samples[loud[0] : loud[-1] + 1] if loud.size else samples


def _overlap_seconds(turns: list[Turn]) -> float:
    doctor = [(t.start, t.end) for t in turns if t.role == "doctor"]
    patient = [(t.start, t.end) for t in turns if t.role == "patient"]
    return sum(
        max(0.0, min(d_end, p_end) - max(d_start, p_start))
        for d_start, d_end in doctor
        for p_start, p_end in patient
    )


def _fingerprint(turns: list[Turn], overlap: str) -> str:
    recipe = {
        "overlap": overlap,
        "version": _RECIPE_VERSION,
        "voices": VOICES,
        "wpm": [BASE_WPM, MAX_WPM, GAP_SECONDS],
        "turns": [asdict(turn) for turn in turns],
    }
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()[:16]


def _write_wav(path: Path, samples: npt.NDArray[np.int16]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(samples.astype("<i2").tobytes())
