"""ACI-Bench benchmark for the grounded note writer.

Run from the repository root:  .venv/bin/python -m benchmarks.notes_benchmark [--split test1]

Each ACI-Bench dialogue becomes one Segment per turn (speaker from its [doctor]/[patient]
tag, and again with speaker=None as Whisper gives it), the note is written against SOAP, and
ROUGE F1 is computed against the reference note. Report on test1; develop on train/valid only.
`--calibrate` re-scores the authors' GPT-4 outputs to check benchmarks/rouge.py against the
paper (test1 table: ROUGE-1 51.76, ROUGE-2 22.58, ROUGE-L(sum) 45.97).
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.rouge import RougeScores, mean_scores

from murmur.engines.notes.grounded import GroundedNoteWriter
from murmur.notes.templates import SOAP
from murmur.transcripts.domain import Segment, SpeakerRole

DATA = Path("/work/shared/eval-data/aci-bench")
SPLITS = {
    "train": "train.csv",
    "valid": "valid.csv",
    "test1": "clinicalnlp_taskB_test1.csv",
}
_TURN = re.compile(r"^\[(?P<tag>[a-z_]+)\]\s*(?P<text>.*)$")
# ACI-Bench text is tokenised ("do n't", "gon na"); Whisper writes "don't", "gonna".
_DETOKENIZE = (
    (re.compile(r" n't\b"), "n't"),
    (re.compile(r"\b(gon|wan) na\b"), r"\1na"),
    (re.compile(r" '(s|re|ve|ll|d|m)\b"), r"'\1"),
)
SECONDS_PER_WORD = 0.35


@dataclass(frozen=True, slots=True)
class Encounter:
    encounter_id: str
    dialogue: str
    note: str


def read_split(split: str) -> list[Encounter]:
    csv.field_size_limit(sys.maxsize)
    path = DATA / "data" / "challenge_data" / SPLITS[split]
    with path.open(newline="") as handle:
        return [
            Encounter(row["encounter_id"], row["dialogue"], row["note"])
            for row in csv.DictReader(handle)
        ]


def _turns(dialogue: str) -> Iterator[tuple[SpeakerRole, str]]:
    role, parts = SpeakerRole.CLINICIAN, []
    for line in dialogue.splitlines():
        match = _TURN.match(line.strip())
        if match is None:
            parts.append(line.strip())  # a continuation line without a tag
            continue
        if parts:
            yield role, " ".join(parts)
        is_doctor = match["tag"] in {"doctor", "guest_clinician"}
        role = SpeakerRole.CLINICIAN if is_doctor else SpeakerRole.PATIENT
        parts = [match["text"]]
    if parts:
        yield role, " ".join(parts)


def to_segments(dialogue: str, *, labelled: bool) -> list[Segment]:
    segments: list[Segment] = []
    clock = 0.0
    for role, raw in _turns(dialogue):
        text = raw
        for pattern, replacement in _DETOKENIZE:
            text = pattern.sub(replacement, text)
        duration = max(1.0, SECONDS_PER_WORD * len(text.split()))
        segments.append(Segment(clock, clock + duration, text, role if labelled else None))
        clock += duration + 0.3
    return segments


@dataclass(frozen=True, slots=True)
class Result:
    label: str
    scores: RougeScores
    latency_ms: float
    sentences: float
    evidence_share: float


def run(encounters: list[Encounter], *, labelled: bool) -> Result:
    writer = GroundedNoteWriter()
    pairs: list[tuple[str, str]] = []
    latencies: list[float] = []
    counts: list[int] = []
    with_evidence = total = 0
    for encounter in encounters:
        segments = to_segments(encounter.dialogue, labelled=labelled)
        started = time.perf_counter()
        note = writer.write(segments=segments, template=SOAP, context=None, language="english")
        latencies.append((time.perf_counter() - started) * 1000)
        sentences = note.sentences()
        counts.append(len(sentences))
        total += len(sentences)
        with_evidence += sum(1 for s in sentences if s.evidence)
        pairs.append((encounter.note, note.to_markdown()))
    label = "speaker tags" if labelled else "speaker=None"
    return Result(
        label=label,
        scores=mean_scores(pairs),
        latency_ms=statistics.mean(latencies),
        sentences=statistics.mean(counts),
        evidence_share=with_evidence / total if total else 0.0,
    )


def calibrate() -> RougeScores:
    csv.field_size_limit(sys.maxsize)
    gold = read_split("test1")
    path = DATA / "baselines" / "predictions" / "test1GPT-4_.csv"
    with path.open(newline="") as handle:
        predicted = {row["encounter_id"]: row["note"] for row in csv.DictReader(handle)}
    return mean_scores([(e.note, predicted[e.encounter_id]) for e in gold])


def _pct(value: float) -> str:
    return f"{100 * value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="test1")
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    encounters = read_split(args.split)
    print(f"ACI-Bench {args.split}: {len(encounters)} encounters, SOAP template\n")
    print("| Run | ROUGE-1 | ROUGE-2 | ROUGE-L | ROUGE-Lsum | ms/note | sentences/note "
          "| with evidence |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for labelled in (True, False):
        r = run(encounters, labelled=labelled)
        s = r.scores
        print(
            f"| grounded, {r.label} | {_pct(s.rouge1)} | {_pct(s.rouge2)} | {_pct(s.rouge_l)} "
            f"| {_pct(s.rouge_lsum)} | {r.latency_ms:.1f} | {r.sentences:.1f} "
            f"| {100 * r.evidence_share:.1f}% |"
        )
    if args.calibrate:
        c = calibrate()
        print(
            f"\nCalibration, authors' GPT-4 outputs on test1: ROUGE-1 {_pct(c.rouge1)}, "
            f"ROUGE-2 {_pct(c.rouge2)}, ROUGE-Lsum {_pct(c.rouge_lsum)} "
            "(paper: 51.76, 22.58, 45.97)"
        )


if __name__ == "__main__":
    main()
