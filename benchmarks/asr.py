"""Speech recognition on PriMock57 consultations read aloud: accuracy, medical terms, speakers,
speed and memory, for several decoding configurations.

    .venv/bin/python -m benchmarks.asr                       # default subset, every configuration
    .venv/bin/python -m benchmarks.asr --configs beam5 beam5+hints
    .venv/bin/python -m benchmarks.asr --consultations day1_consultation02 day2_consultation06
    .venv/bin/python -m benchmarks.asr --medical-terms terms.txt   # also score another term list

Audio: each consultation's doctor and patient transcripts are spoken by two espeak-ng voices at
their transcribed times (see ``primock.py``; cached under ``bench-out/primock``). The default
subset is :data:`REPORT_CONSULTATIONS`; :data:`TUNING_CONSULTATIONS` were used to choose the
hint policy and voices and are never reported. Each configuration runs in a fresh child
process, so its model load, timing and peak RSS are its own.

Scores, pooled over the consultations:

* **WER** after the normaliser in ``wer.py``.
* **Medical-term recall**: the share of reference occurrences of medical terms that the
  minimum-edit alignment matches word for word in the hypothesis. The default term list is the
  built-in vocabulary (``murmur/engines/asr/medical_terms.tsv``) intersected with the reference
  words; ``--medical-terms`` adds a column for any other list (one term per line).
* **Speaker-role accuracy**: the share of hypothesis segments whose role from
  ``murmur.engines.asr.speaker_roles.label_speakers`` is the role of the track the segment's
  audio came from (the track with the most speech inside the segment's time span).
* **RTF**: transcription wall time over audio duration (model load excluded, shown apart).
* **Peak RSS**: the child process's high-water mark (``ru_maxrss``), model included.

The chunked configuration cuts the audio into ``--chunk-seconds`` pieces and feeds them in
order to ``murmur.engines.asr.live.LiveTranscriber``, which re-decodes the words cut at each
boundary with the next chunk, as a live recording is transcribed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.primock import (
    OVERLAP_MODES,
    PRIMOCK_DIR,
    encounter_context,
    ensure_consultation_audio,
    placed_turns,
)
from benchmarks.wer import alignment, normalize

from murmur.audio.decoding import decode_audio
from murmur.engines.asr.base import SAMPLE_RATE
from murmur.engines.asr.faster_whisper_engine import FasterWhisperEngine
from murmur.engines.asr.live import Carry, LiveTranscriber
from murmur.engines.asr.model_assets import ensure_default_model
from murmur.engines.asr.speaker_roles import label_speakers
from murmur.engines.asr.vocabulary import decoding_hints, medical_terms
from murmur.transcripts.domain import Segment, SpeakerRole

BENCH_DIR = Path(__file__).resolve().parent.parent / "bench-out"
# The shortest consultation of each of the four days, then the next two shortest overall
# (~35 minutes of audio; the Omi leaderboard's two excluded files are not among them).
REPORT_CONSULTATIONS = (
    "day1_consultation01",
    "day2_consultation01",
    "day3_consultation06",
    "day4_consultation03",
    "day3_consultation08",
    "day4_consultation04",
)
TUNING_CONSULTATIONS = (
    "day1_consultation06",
    "day1_consultation12",
    "day1_consultation14",
    "day2_consultation04",
)
ROLE_OF_TRACK = {"doctor": SpeakerRole.CLINICIAN, "patient": SpeakerRole.PATIENT}


@dataclass(frozen=True, slots=True)
class Config:
    beam: int
    hints: bool = False
    chunked: bool = False


CONFIGS = {
    "beam1": Config(beam=1),
    "beam5": Config(beam=5),
    "beam5+hints": Config(beam=5, hints=True),
    "beam5+hints chunked": Config(beam=5, hints=True, chunked=True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--consultations", nargs="+", default=list(REPORT_CONSULTATIONS))
    parser.add_argument("--configs", nargs="+", choices=list(CONFIGS), default=list(CONFIGS))
    parser.add_argument("--overlap", choices=OVERLAP_MODES, default="queue")
    parser.add_argument("--chunk-seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--compute-type", default="int8")
    parser.add_argument("--medical-terms", type=Path, help="extra term list to score recall on")
    parser.add_argument("--primock-dir", type=Path, default=PRIMOCK_DIR)
    parser.add_argument("--model-dir", type=Path, help="CTranslate2 model (default: whisper-base)")
    parser.add_argument("--show-text", action="store_true", help="print each hypothesis")
    parser.add_argument("--child", choices=list(CONFIGS), help=argparse.SUPPRESS)
    args = parser.parse_args()

    model_dir = args.model_dir or ensure_default_model(BENCH_DIR / "models")
    audio = {
        name: ensure_consultation_audio(
            name, BENCH_DIR / "primock", overlap=args.overlap, primock_dir=args.primock_dir
        )
        for name in args.consultations
    }
    if args.child:
        print(json.dumps(run_config(CONFIGS[args.child], audio, model_dir, args)))
        return

    extra_terms = read_terms(args.medical_terms) if args.medical_terms else None
    rows = []
    for name in args.configs:
        run = run_in_child(name, model_dir, args)
        rows.append({"config": name} | score(run, audio, extra_terms))
    minutes = sum(row["audio_seconds"] for row in rows[:1]) / 60
    print(
        f"{len(audio)} PriMock57 consultations ({', '.join(audio)}), {minutes:.1f} min of "
        f"audio, overlap={args.overlap}; model `{model_dir.name}`, {args.compute_type}, "
        f"{args.threads} threads; {machine()}\n"
    )
    print(table(rows, extra_terms is not None and args.medical_terms.name))
    if chunked := [row for row in rows if CONFIGS[row["config"]].chunked]:
        for row in chunked:
            whole = next((r for r in rows if CONFIGS[r["config"]] == _whole(row["config"])), None)
            if whole:
                delta = 100 * (row["wer"] - whole["wer"])
                print(f"\nChunked minus whole-file WER ({row['config']}): {delta:+.2f} points")
    if args.show_text:
        for row in rows:
            for name, text in row["texts"].items():
                print(f"\n### {row['config']}: {name}\n\n{text}")


def run_config(
    config: Config, audio: dict[str, Path], model_dir: Path, args: argparse.Namespace
) -> dict[str, Any]:
    engine = FasterWhisperEngine(
        model_dir=model_dir,
        compute_type=args.compute_type,
        beam_size=config.beam,
        cpu_threads=args.threads,
    )
    started = time.perf_counter()
    engine.load()
    load_seconds = time.perf_counter() - started
    results: dict[str, Any] = {}
    for name, path in audio.items():
        samples = decode_audio(path)
        context = encounter_context(name, args.primock_dir)
        hints = decoding_hints(language="en", context=context) if config.hints else None
        started = time.perf_counter()
        if config.chunked:
            segments = transcribe_chunked(engine, samples, args.chunk_seconds, hints)
        else:
            segments = engine.transcribe(samples, language="en", hotwords=hints)
        results[name] = {
            "wall_seconds": time.perf_counter() - started,
            "audio_seconds": len(samples) / SAMPLE_RATE,
            "hints": hints,
            "segments": [[s.start, s.end, s.text] for s in segments],
        }
    return {
        "load_seconds": load_seconds,
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "consultations": results,
    }


def transcribe_chunked(
    engine: FasterWhisperEngine, samples: Any, chunk_seconds: float, hints: str | None
) -> list[Segment]:
    live = LiveTranscriber(engine)
    step = round(chunk_seconds * SAMPLE_RATE)
    carry = Carry(start=0.0)
    segments: list[Segment] = []
    for offset in range(0, len(samples), step):
        committed, carry = live.feed(
            carry, samples[offset : offset + step], language="en", hotwords=hints
        )
        segments.extend(committed)
    return segments + live.flush(carry, language="en", hotwords=hints)


def run_in_child(name: str, model_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.asr",
        "--child",
        name,
        "--model-dir",
        str(model_dir),
        "--overlap",
        args.overlap,
        "--chunk-seconds",
        str(args.chunk_seconds),
        "--threads",
        str(args.threads),
        "--compute-type",
        args.compute_type,
        "--primock-dir",
        str(args.primock_dir),
        "--consultations",
        *args.consultations,
    ]
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=root)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def score(
    run: dict[str, Any], audio: dict[str, Path], extra_terms: list[list[str]] | None
) -> dict[str, Any]:
    errors = [0, 0, 0]
    reference_words = 0
    recall = {"builtin": [0, 0], "extra": [0, 0]}
    roles = [0, 0]
    wall = seconds = 0.0
    texts: dict[str, str] = {}
    builtin_terms = [normalize(term.text) for term in medical_terms()]
    for name, result in run["consultations"].items():
        turns = placed_turns(audio[name])
        segments = [Segment(start, end, text) for start, end, text in result["segments"]]
        reference = normalize(" ".join(turn.text for turn in turns))
        hypothesis = normalize(" ".join(segment.text for segment in segments))
        counts, matched = alignment(reference, hypothesis)
        errors = [
            errors[0] + counts.substitutions,
            errors[1] + counts.deletions,
            errors[2] + counts.insertions,
        ]
        reference_words += counts.reference_words
        _add(recall["builtin"], term_recall(reference, matched, builtin_terms))
        if extra_terms is not None:
            _add(recall["extra"], term_recall(reference, matched, extra_terms))
        _add(roles, role_agreement(label_speakers(segments), turns))
        wall += result["wall_seconds"]
        seconds += result["audio_seconds"]
        texts[name] = "\n".join(segment.text for segment in segments)
    return {
        "wer": sum(errors) / reference_words,
        "sdi": errors,
        "recall": {key: hit / total if total else None for key, (hit, total) in recall.items()},
        "term_occurrences": recall["builtin"][1],
        "role_accuracy": roles[0] / roles[1] if roles[1] else None,
        "rtf": wall / seconds,
        "audio_seconds": seconds,
        "load_seconds": run["load_seconds"],
        "peak_rss_mb": run["peak_rss_mb"],
        "texts": texts,
    }


def term_recall(
    reference: Sequence[str], matched: Sequence[bool], terms: Sequence[Sequence[str]]
) -> tuple[int, int]:
    """(recalled, total) reference occurrences of ``terms`` (normalised word sequences).

    Where terms overlap ("type 2 diabetes", "diabetes") the longest one counts, once.
    """
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for term in {tuple(term) for term in terms if term}:
        by_first.setdefault(term[0], []).append(term)
    for candidates in by_first.values():
        candidates.sort(key=len, reverse=True)
    hit = total = 0
    position = 0
    while position < len(reference):
        for term in by_first.get(reference[position], ()):
            if tuple(reference[position : position + len(term)]) == term:
                total += 1
                hit += all(matched[position : position + len(term)])
                position += len(term) - 1
                break
        position += 1
    return hit, total


def role_agreement(segments: Sequence[Segment], turns: Sequence[Any]) -> tuple[int, int]:
    """(right, judged) segments; a segment over no synthesised speech is not judged."""
    right = judged = 0
    for segment in segments:
        speech = dict.fromkeys(ROLE_OF_TRACK, 0.0)
        for turn in turns:
            speech[turn.role] += max(
                0.0, min(segment.end, turn.end) - max(segment.start, turn.start)
            )
        track = max(speech, key=lambda role: speech[role])
        if speech[track] > 0:
            judged += 1
            right += segment.speaker is ROLE_OF_TRACK[track]
    return right, judged


def read_terms(path: Path) -> list[list[str]]:
    lines = path.read_text().splitlines()
    return [normalize(line) for line in lines if line.strip() and not line.startswith("#")]


def table(rows: list[dict[str, Any]], extra_name: str | bool) -> str:
    extra = f" | term recall ({extra_name})" if extra_name else ""
    header = (
        "| configuration | WER | S/D/I | medical-term recall | speaker roles | RTF "
        f"| peak RSS MB | load s{extra} |"
    )
    lines = [header, "|---|---:|---|---:|---:|---:|---:|---:" + ("|---:" if extra else "") + "|"]
    for row in rows:
        cells = [
            row["config"],
            f"{row['wer']:.1%}",
            "/".join(map(str, row["sdi"])),
            f"{_percent(row['recall']['builtin'])} (of {row['term_occurrences']})",
            _percent(row["role_accuracy"]),
            f"{row['rtf']:.3f}",
            f"{row['peak_rss_mb']:.0f}",
            f"{row['load_seconds']:.2f}",
        ]
        if extra:
            cells.append(_percent(row["recall"]["extra"]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        cpu = names[0].partition(":")[2].strip() if names else cpu
    return f"{cpu}, {os.cpu_count()} CPUs"


def _whole(name: str) -> Config:
    config = CONFIGS[name]
    return Config(beam=config.beam, hints=config.hints, chunked=False)


def _add(total: list[int], part: tuple[int, int]) -> None:
    total[0] += part[0]
    total[1] += part[1]


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


if __name__ == "__main__":
    main()
