"""Speech recognition on PriMock57 consultations read aloud: accuracy, medical terms, speakers,
speed and memory, for several decoding configurations.

    .venv/bin/python -m benchmarks.asr                       # default subset and configurations
    .venv/bin/python -m benchmarks.asr --configs beam5 "beam5+hints, no gap fill"
    .venv/bin/python -m benchmarks.asr --consultations day1_consultation02 day2_consultation06
    .venv/bin/python -m benchmarks.asr --medical-terms terms.txt   # also score another term list
    .venv/bin/python -m benchmarks.asr --rescore             # score the saved runs again

Audio: each consultation's doctor and patient transcripts are spoken by two espeak-ng voices at
their transcribed times (see ``primock.py``; cached under ``bench-out/primock``). The default
subset is :data:`REPORT_CONSULTATIONS`; :data:`TUNING_CONSULTATIONS` were used to choose the
hint policy, the term correction and the speaker-role fallback, and are never reported. Each
configuration (:data:`CONFIGS`) runs in a fresh child process, so its model load, timing and
peak RSS are its own; its segments are saved under ``bench-out/asr-runs``.

"hints" pass ``decoding_hints`` of the consultation's intake context (presenting complaint,
past medical and drug history, allergies: see ``primock.encounter_context``) to the engine as
hotwords, wrapped in ``GapFillingEngine`` unless the configuration says "no gap fill". Every
configuration is scored twice: as recognised, and "corrected" by ``correct_segments`` with
``correction_terms`` (the context's terms, then the built-in vocabulary).

Scores, pooled over the consultations:

* **WER** after the normaliser in ``wer.py``.
* **Medical-term recall**: the share of reference occurrences of medical terms that the
  minimum-edit alignment matches word for word in the hypothesis. The default term list is the
  built-in vocabulary (``murmur/engines/asr/medical_terms.tsv``) intersected with the reference
  words; ``--medical-terms`` adds a column for any other list (one term per line).
* **Speaker-role accuracy**: the share of hypothesis segments (corrected text) whose role from
  ``murmur.engines.asr.speaker_roles.label_speakers`` is the role of the track the segment's
  audio came from (the track with the most speech inside the segment's time span).
* **RTF**: transcription wall time over audio duration (model load excluded, shown apart).
* **Peak RSS**: the child process's high-water mark (``ru_maxrss``), model included.

The chunked configuration cuts the audio into ``--chunk-seconds`` pieces and feeds them in
order to ``murmur.engines.asr.chunk_stitching.LiveTranscriber``, which re-decodes the words cut
at each boundary with the next chunk, as a live recording is transcribed.
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
from dataclasses import dataclass, field, replace
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
from murmur.engines.asr.chunk_stitching import Carry, LiveTranscriber
from murmur.engines.asr.faster_whisper_engine import FasterWhisperEngine
from murmur.engines.asr.gap_fill import GapFillingEngine
from murmur.engines.asr.model_assets import ensure_default_model
from murmur.engines.asr.speaker_roles import label_speakers
from murmur.engines.asr.term_correction import correct_segments
from murmur.engines.asr.vocabulary import (
    correction_terms,
    decoding_hints,
    hint_terms,
    medical_terms,
)
from murmur.transcripts.domain import Segment, SpeakerRole
from murmur.transcripts.ports import SAMPLE_RATE, SpeechToText

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
    hints: bool = False  # decoding_hints from the encounter context, as hotwords
    fill_gaps: bool = False  # GapFillingEngine: re-decode what a hinted decode skipped
    chunked: bool = False  # LiveTranscriber over --chunk-seconds chunks


CONFIGS = {
    "beam1": Config(beam=1),
    "beam5": Config(beam=5),
    "beam5+hints": Config(beam=5, hints=True, fill_gaps=True),
    "beam5+hints chunked": Config(beam=5, hints=True, fill_gaps=True, chunked=True),
    "beam5+hints, no gap fill": Config(beam=5, hints=True),
    "beam5 chunked": Config(beam=5, chunked=True),
}
DEFAULT_CONFIGS = ("beam1", "beam5", "beam5+hints", "beam5 chunked")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--consultations", nargs="+", default=list(REPORT_CONSULTATIONS))
    parser.add_argument(
        "--configs", nargs="+", choices=list(CONFIGS), default=list(DEFAULT_CONFIGS)
    )
    parser.add_argument("--overlap", choices=OVERLAP_MODES, default="queue")
    parser.add_argument("--chunk-seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--compute-type", default="int8")
    parser.add_argument("--medical-terms", type=Path, help="extra term list to score recall on")
    parser.add_argument("--primock-dir", type=Path, default=PRIMOCK_DIR)
    parser.add_argument("--model-dir", type=Path, help="CTranslate2 model (default: whisper-base)")
    parser.add_argument("--show-text", action="store_true", help="print each hypothesis")
    parser.add_argument(
        "--rescore", action="store_true", help="score the last saved runs again, decode nothing"
    )
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
        saved = BENCH_DIR / "asr-runs" / f"{name.replace(' ', '_')}-{args.overlap}.json"
        if args.rescore:
            run = json.loads(saved.read_text())
            if set(run["consultations"]) != set(audio):
                parser.error(f"{saved} holds other consultations; run without --rescore")
        else:
            run = run_in_child(name, model_dir, args)
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_text(json.dumps(run))
        rows.append({"config": name} | score(run, audio, extra_terms))
    minutes = sum(row["audio_seconds"] for row in rows[:1]) / 60
    print(
        f"{len(audio)} PriMock57 consultations ({', '.join(audio)}), {minutes:.1f} min of "
        f"audio, overlap={args.overlap}; model `{model_dir.name}`, {args.compute_type}, "
        f"{args.threads} threads; {machine()}\n"
    )
    print(table(rows, args.medical_terms.name if args.medical_terms else None))
    if chunked := [row for row in rows if CONFIGS[row["config"]].chunked]:
        for row in chunked:
            whole = next((r for r in rows if CONFIGS[r["config"]] == _whole(row["config"])), None)
            if whole:
                delta = 100 * (row["raw"]["wer"] - whole["raw"]["wer"])
                print(f"\nChunked minus whole-file WER ({row['config']}): {delta:+.2f} points")
    if args.show_text:
        for row in rows:
            for name, text in row["texts"].items():
                print(f"\n### {row['config']}: {name}\n\n{text}")


def run_config(
    config: Config, audio: dict[str, Path], model_dir: Path, args: argparse.Namespace
) -> dict[str, Any]:
    whisper = FasterWhisperEngine(
        model_dir=model_dir,
        compute_type=args.compute_type,
        beam_size=config.beam,
        cpu_threads=args.threads,
    )
    engine: SpeechToText = GapFillingEngine(whisper) if config.fill_gaps else whisper
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
            "terms": hint_terms(context),
            "segments": [[s.start, s.end, s.text] for s in segments],
        }
    return {
        "load_seconds": load_seconds,
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "consultations": results,
    }


def transcribe_chunked(
    engine: SpeechToText, samples: Any, chunk_seconds: float, hints: str | None
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
    """Pooled scores of one configuration, as recognised ("raw") and after term correction."""
    builtin_terms = [normalize(term.text) for term in medical_terms()]
    tallies = {variant: _Tally() for variant in ("raw", "corrected")}
    roles = [0, 0]
    wall = seconds = 0.0
    texts: dict[str, str] = {}
    for name, result in run["consultations"].items():
        turns = placed_turns(audio[name])
        reference = normalize(" ".join(turn.text for turn in turns))
        raw = [Segment(start, end, text) for start, end, text in result["segments"]]
        terms = correction_terms(language="en", context=None, extra_terms=result["terms"])
        variants = {"raw": raw, "corrected": correct_segments(raw, terms)}
        for variant, segments in variants.items():
            hypothesis = normalize(" ".join(segment.text for segment in segments))
            counts, matched = alignment(reference, hypothesis)
            tally = tallies[variant]
            tally.errors = [
                tally.errors[0] + counts.substitutions,
                tally.errors[1] + counts.deletions,
                tally.errors[2] + counts.insertions,
            ]
            tally.words += counts.reference_words
            _add(tally.builtin, term_recall(reference, matched, builtin_terms))
            if extra_terms is not None:
                _add(tally.extra, term_recall(reference, matched, extra_terms))
        _add(roles, role_agreement(label_speakers(variants["corrected"]), turns))
        wall += result["wall_seconds"]
        seconds += result["audio_seconds"]
        texts[name] = "\n".join(segment.text for segment in variants["corrected"])
    return {
        **{variant: tally.summary() for variant, tally in tallies.items()},
        "role_accuracy": _ratio(roles),
        "rtf": wall / seconds,
        "audio_seconds": seconds,
        "load_seconds": run["load_seconds"],
        "peak_rss_mb": run["peak_rss_mb"],
        "texts": texts,
    }


@dataclass(slots=True)
class _Tally:
    errors: list[int] = field(default_factory=lambda: [0, 0, 0])
    words: int = 0
    builtin: list[int] = field(default_factory=lambda: [0, 0])
    extra: list[int] = field(default_factory=lambda: [0, 0])

    def summary(self) -> dict[str, Any]:
        return {
            "wer": sum(self.errors) / self.words,
            "sdi": self.errors,
            "recall": _ratio(self.builtin),
            "term_occurrences": self.builtin[1],
            "extra_recall": _ratio(self.extra),
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


def table(rows: list[dict[str, Any]], extra_name: str | None) -> str:
    extra = f" | term recall, {extra_name} | corrected" if extra_name else ""
    lines = [
        "| configuration | WER | S/D/I | medical-term recall | WER corrected "
        f"| term recall corrected | speaker roles | RTF | peak RSS MB | load s{extra} |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:" + ("|---:|---:" if extra else "") + "|",
    ]
    for row in rows:
        raw, corrected = row["raw"], row["corrected"]
        cells = [
            row["config"],
            f"{raw['wer']:.1%}",
            "/".join(map(str, raw["sdi"])),
            f"{_percent(raw['recall'])} (of {raw['term_occurrences']})",
            f"{corrected['wer']:.1%}",
            _percent(corrected["recall"]),
            _percent(row["role_accuracy"]),
            f"{row['rtf']:.3f}",
            f"{row['peak_rss_mb']:.0f}",
            f"{row['load_seconds']:.2f}",
        ]
        if extra:
            cells += [_percent(raw["extra_recall"]), _percent(corrected["extra_recall"])]
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
    return replace(config, chunked=False)


def _add(total: list[int], part: tuple[int, int]) -> None:
    total[0] += part[0]
    total[1] += part[1]


def _ratio(pair: list[int]) -> float | None:
    return pair[0] / pair[1] if pair[1] else None


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


if __name__ == "__main__":
    main()
