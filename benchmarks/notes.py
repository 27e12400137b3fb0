"""ACI-Bench benchmark for the grounded note writer, scored with Google's `rouge-score`.

Run from the repository root:  .venv/bin/python -m benchmarks.notes [--split valid test1]

First it re-scores the paper's own model outputs (baselines/predictions) and sets them beside
the published table (tables/test1.csv; the paper publishes no valid table), to show that the
scoring reproduces the paper. Then it writes every visit's note with the grounded engine and
reports ROUGE-1/2/Lsum per division (subjective, objective exam, results, assessment and
plan) and for the full note, the share of sentences with evidence, the negation errors the
audit finds and milliseconds per note. Tune on train/valid only; test1 is for reporting.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.aci import (
    DATA,
    DIVISIONS,
    read_divisions,
    read_predictions,
    read_split,
    to_segments,
)
from rouge_score import rouge_scorer

from murmur.engines.notes.grounded.audit import negation_errors
from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.notes.domain import WrittenNote
from murmur.notes.ports import NoteBrief
from murmur.notes.templates import Template, TemplateSection

METRICS = ("rouge1", "rouge2", "rougeLsum")
# The paper's note layout; the engine fills any template, this one is what ACI-Bench scores.
ACI_TEMPLATE = Template(
    id=uuid.UUID("00000000-0000-4000-8000-00000000ac10"),
    name="ACI-Bench visit note",
    sections=(
        TemplateSection("chief_complaint", "CHIEF COMPLAINT", "The reason for the visit."),
        TemplateSection("history_of_present_illness", "HISTORY OF PRESENT ILLNESS", "The history."),
        TemplateSection("review_of_systems", "REVIEW OF SYSTEMS", "Pertinent positives/negatives."),
        TemplateSection("physical_examination", "PHYSICAL EXAMINATION", "Vitals and exam."),
        TemplateSection("results", "RESULTS", "Tests and imaging results."),
        TemplateSection("assessment_and_plan", "ASSESSMENT AND PLAN", "Diagnoses and plan."),
    ),
)
DIVISION_SECTIONS = {
    "subjective": ("chief_complaint", "history_of_present_illness", "review_of_systems"),
    "objective_exam": ("physical_examination",),
    "objective_results": ("results",),
    "assessment_and_plan": ("assessment_and_plan",),
}
# Prediction files of the paper, by the row name of its published table.
PAPER_RUNS = {
    "transcript": "transcript_{split}.csv",
    "longest speaker turn": "longest_speaker_turn_{split}.csv",
    "longest doctor turn": "longest_doctor_turn_{split}.csv",
    "12 speaker turns": "12_speaker_turns_{split}.csv",
    "12 doctor turns": "12_doctor_turns_{split}.csv",
    "train_UMLS": "UMLS_similarity_{split}.csv",
    "train_sent": "spacy_similarity_{split}.csv",
    "BART": "BART_large_{split}_full.csv",
    "BART (Division)": None,
    "BART+FT_SAMSum": "bart-large-xsum-samsum_{split}_full.csv",
    "BART+FT_SAMSum (Division)": "bart-large-xsum-samsum_{split}_division_combined.csv",
    "BioBART": "BioBART_{split}_full.csv",
    "BioBART (Division)": "BioBART_{split}_division_combined.csv",
    "LED": "LED_{split}_full.csv",
    "LED (Division)": "LED_{split}_division_combined.csv",
    "LED+FT_PubMed": "LED_pubmed_{split}_full.csv",
    "Text-Davinci-002": "test1Text-Davinci-002_.csv",
    "Text-Davinci-003": "test1Text-Davinci-003_.csv",
    "ChatGPT": "test1ChatGPT_.csv",
    "GPT-4": "test1GPT-4_.csv",
}
_FILE_SPLIT = {"valid": "valid", "test1": "clinicalnlp_taskB_test1"}
_SCORER = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=False)


def rouge(pairs: Sequence[tuple[str, str]]) -> tuple[float, ...]:
    """Mean per-note F1 x 100 (what the paper reports); pairs are (reference, prediction)."""
    scores = [_SCORER.score(reference, prediction) for reference, prediction in pairs]
    return tuple(100 * statistics.mean(s[m].fmeasure for s in scores) for m in METRICS)


def _table_name(raw: str) -> str:
    return raw.replace("$_{\\mathrm{", "_").replace("}}$", "")


def published(split: str) -> dict[str, tuple[float, float, float]]:
    """The paper's full-note ROUGE-1/2/L(sum) for `split`, by model name."""
    path = DATA / "tables" / f"{split}.csv"
    if not path.exists():
        return {}
    rows: dict[str, tuple[float, float, float]] = {}
    with path.open(newline="") as handle:
        for row in csv.reader(handle):
            if row and row[0] == "division-subjective":
                break
            if len(row) >= 4 and row[1] and row[1][0].isdigit():
                name = _table_name(row[0]).replace("spearker", "speaker")
                rows[name] = (float(row[1]), float(row[2]), float(row[3]))
    return rows


Calibration = tuple[str, tuple[float, ...], tuple[float, float, float] | None]


def calibration(split: str) -> list[Calibration]:
    references = {e.encounter_id: e.note for e in read_split(split)}
    table = published(split)
    rows: list[Calibration] = []
    for name, pattern in PAPER_RUNS.items():
        if pattern is None:
            continue
        file_name = pattern.format(split=_FILE_SPLIT[split])
        if file_name.startswith("test1") and split != "test1":
            continue
        path = DATA / "baselines" / "predictions" / file_name
        if not path.exists():
            continue
        predicted = read_predictions(path)
        pairs = [(note, predicted.get(key, "")) for key, note in references.items()]
        rows.append((name, rouge(pairs), table.get(name)))
    return rows


def plain_text(note: WrittenNote, keys: Sequence[str] | None = None) -> str:
    """Headings in capitals and one sentence per line, as the reference notes are laid out."""
    blocks: list[str] = []
    for section in note.sections:
        if (keys is not None and section.key not in keys) or not section.sentences:
            continue
        lines = "\n".join(sentence.text for sentence in section.sentences)
        blocks.append(f"{section.title.upper()}\n\n{lines}")
    return "\n\n".join(blocks)


@dataclass(frozen=True, slots=True)
class EngineRun:
    label: str
    scores: dict[str, tuple[float, ...]]  # by division and "full"
    evidence_share: float
    negation_errors: int
    sentences: int
    ms_per_note: float


def run_engine(split: str, *, labelled: bool) -> EngineRun:
    writer = GroundedNoteWriter()
    divisions = read_divisions(split)
    pairs: dict[str, list[tuple[str, str]]] = {name: [] for name in (*DIVISIONS, "full")}
    latencies: list[float] = []
    sentences = with_evidence = errors = 0
    for encounter in read_split(split):
        segments = to_segments(encounter.dialogue, labelled=labelled)
        started = time.perf_counter()
        note = writer.write(
            NoteBrief(segments=segments, template=ACI_TEMPLATE, context=None, language="english")
        )
        latencies.append(1000 * (time.perf_counter() - started))
        written = note.sentences()
        sentences += len(written)
        with_evidence += sum(1 for s in written if s.evidence)
        errors += len(negation_errors(written, segments))
        pairs["full"].append((encounter.note, plain_text(note)))
        for division, keys in DIVISION_SECTIONS.items():
            reference = divisions.get(encounter.encounter_id, {}).get(division, "")
            if reference.strip():  # the paper scores a division only where the note has it
                pairs[division].append((reference, plain_text(note, keys)))
    return EngineRun(
        label="grounded, speaker tags" if labelled else "grounded, no speaker labels",
        scores={name: rouge(p) for name, p in pairs.items() if p},
        evidence_share=with_evidence / sentences if sentences else 0.0,
        negation_errors=errors,
        sentences=sentences,
        ms_per_note=statistics.mean(latencies),
    )


def _fmt(values: Sequence[float]) -> str:
    return " | ".join(f"{v:.2f}" for v in values)


def report(split: str) -> None:
    count = len(read_split(split))
    print(f"\n## ACI-Bench {split} ({count} visits)\n")
    print("Calibration: the paper's own outputs, scored here, beside its published table.\n")
    print("| Paper run | R-1 | R-2 | R-Lsum | published R-1 | R-2 | R-Lsum | max diff |")
    print("|---|---|---|---|---|---|---|---|")
    for name, ours, paper in calibration(split):
        if paper is None:
            print(f"| {name} | {_fmt(ours)} | - | - | - | - |")
        else:
            diff = max(abs(a - b) for a, b in zip(ours, paper, strict=True))
            print(f"| {name} | {_fmt(ours)} | {_fmt(paper)} | {diff:.2f} |")
    print("\nGrounded engine (R-1 / R-2 / R-Lsum per division and for the full note).\n")
    print("| Run | subjective | objective exam | results | assessment and plan | full note "
          "| with evidence | negation errors | ms/note |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    for labelled in (True, False):
        r = run_engine(split, labelled=labelled)
        cells = [
            " / ".join(f"{v:.2f}" for v in r.scores.get(name, ())) for name in (*DIVISIONS, "full")
        ]
        print(
            f"| {r.label} | {' | '.join(cells)} | {100 * r.evidence_share:.1f}% "
            f"| {r.negation_errors} / {r.sentences} | {r.ms_per_note:.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", nargs="+", choices=["train", "valid", "test1"],
                        default=["valid", "test1"])  # fmt: skip
    args = parser.parse_args()
    for split in args.split:
        report(split)


if __name__ == "__main__":
    main()
