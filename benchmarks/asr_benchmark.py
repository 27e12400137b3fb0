"""Speed, accuracy and memory of the speech-to-text engine on a synthetic clinic visit.

    .venv/bin/python benchmarks/asr_benchmark.py
    .venv/bin/python benchmarks/asr_benchmark.py --audio visit.m4a --reference visit.txt

By default the ~3 minute two-voice ``hypertension_followup_3min`` dialogue is synthesised with
espeak-ng (cached under ``bench-out/``). ``--reference`` takes plain text or a synthesiser JSON
sidecar. Each configuration runs in a fresh child process so that model load time and peak
RSS belong to that configuration alone. WER normalisation is described in ``wer.py``.
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
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.wer import word_error_rate  # noqa: E402
from tests.fixtures.audio.synthesize import ensure_synthesized  # noqa: E402

from murmur.audio.decoding import audio_duration_seconds, decode_audio  # noqa: E402
from murmur.engines.asr.faster_whisper_engine import FasterWhisperEngine  # noqa: E402
from murmur.engines.asr.model_assets import ensure_default_model  # noqa: E402

DEFAULT_DIALOGUE = "hypertension_followup_3min"
BENCH_DIR = REPO / "bench-out"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--audio", type=Path, help="audio file (default: synthetic visit)")
    parser.add_argument("--reference", type=Path, help="reference transcript (.txt or .json)")
    parser.add_argument("--beams", type=int, nargs="+", default=[1, 5])
    parser.add_argument("--compute-type", default="int8")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--language", default="en")
    parser.add_argument("--hotwords", default=None)
    parser.add_argument("--model-dir", type=Path, help="CTranslate2 model (default: whisper-base)")
    parser.add_argument("--show-text", action="store_true", help="print each hypothesis")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if (args.audio is None) != (args.reference is None):
        parser.error("--audio and --reference go together")
    audio = args.audio or ensure_synthesized(DEFAULT_DIALOGUE, BENCH_DIR / "audio")
    reference = args.reference or audio.with_suffix(".json")
    model_dir = args.model_dir or ensure_default_model(BENCH_DIR / "models")

    if args.child is not None:
        result = run_one(audio, model_dir, args.child, args)
        print(json.dumps(result))
        return

    rows = [
        run_in_child(audio, reference, model_dir, beam, args) for beam in dict.fromkeys(args.beams)
    ]
    print(f"Audio: `{audio.name}`; model: `{model_dir.name}`; {machine()}\n")
    print(table(rows))
    if args.show_text:
        for row in rows:
            print(f"\n### beam {row['beam']}\n\n{row['text']}")


def run_one(audio: Path, model_dir: Path, beam: int, args: argparse.Namespace) -> dict[str, Any]:
    samples = decode_audio(audio)
    engine = FasterWhisperEngine(
        model_dir=model_dir,
        compute_type=args.compute_type,
        beam_size=beam,
        cpu_threads=args.threads,
    )
    started = time.perf_counter()
    engine.load()
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    segments = engine.transcribe(samples, language=args.language, hotwords=args.hotwords)
    wall_seconds = time.perf_counter() - started
    return {
        "beam": beam,
        "compute_type": args.compute_type,
        "threads": args.threads,
        "audio_seconds": audio_duration_seconds(samples),
        "wall_seconds": wall_seconds,
        "load_seconds": load_seconds,
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "text": "\n".join(segment.text for segment in segments),
    }


def run_in_child(
    audio: Path, reference: Path, model_dir: Path, beam: int, args: argparse.Namespace
) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--audio",
        str(audio),
        "--reference",
        str(reference),
        "--model-dir",
        str(model_dir),
        "--compute-type",
        args.compute_type,
        "--threads",
        str(args.threads),
        "--language",
        args.language,
        "--child",
        str(beam),
    ]
    if args.hotwords:
        command += ["--hotwords", args.hotwords]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    score = word_error_rate(reference_text(reference), row["text"])
    row |= {"wer": score.wer, "sdi": (score.substitutions, score.deletions, score.insertions)}
    return row


def reference_text(path: Path) -> str:
    if path.suffix == ".json":
        return "\n".join(turn["text"] for turn in json.loads(path.read_text())["turns"])
    return path.read_text()


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| beam | compute | threads | audio s | wall s | RTF | WER | S/D/I | load s "
        "| peak RSS MB |",
        "|---:|---|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for row in rows:
        rtf = row["wall_seconds"] / row["audio_seconds"]
        lines.append(
            f"| {row['beam']} | {row['compute_type']} | {row['threads']} "
            f"| {row['audio_seconds']:.1f} | {row['wall_seconds']:.1f} | {rtf:.3f} "
            f"| {row['wer']:.1%} | {'/'.join(map(str, row['sdi']))} "
            f"| {row['load_seconds']:.2f} | {row['peak_rss_mb']:.0f} |"
        )
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        cpu = names[0].partition(":")[2].strip() if names else cpu
    return f"{cpu}, {os.cpu_count()} CPUs"


if __name__ == "__main__":
    main()
