"""ACI-Bench benchmark for the grounded note writer, scored with Google's `rouge-score`.

Run from the repository root:  .venv/bin/python -m benchmarks.notes [--split valid test1]

First it re-scores the paper's own model outputs (baselines/predictions) and sets them beside
the published table (tables/test1.csv; the paper publishes no valid table), to show that the
scoring reproduces the paper. Then it writes every visit's note with the grounded engine and
reports ROUGE-1/2/Lsum per division (subjective, objective exam, results, assessment and
plan) and for the full note, the share of sentences with evidence, the negation errors the
audit finds and milliseconds per note. Beside ROUGE, which rewards copying the transcript, it
measures what a physician reads for:

- **spoken register**: the share of note sentences that read as talk (`benchmarks/register.py`,
  a detector written apart from the writer and also run on the physicians' notes);
- **key facts stated**: the share of the fact extractor's key facts (`Fact.key`) whose drug,
  condition, order, value, interval or trigger (and side, where it has one) appears in the note
  text; and, for visits in the hand-labelled gold set (`data/facts_gold.jsonl`), the share of
  the gold key facts stated, matched by name or alias the same way;
- **length**: the median over visits of the note's words over the physician note's words.

Tune on train/valid only; test1 is for reporting.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.aci import (
    DATA,
    DIVISIONS,
    read_divisions,
    read_predictions,
    read_split,
    to_segments,
)
from benchmarks.facts import GOLD, normalise
from benchmarks.register import note_sentences, spoken
from rouge_score import rouge_scorer

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.engines.notes.grounded.audit import negation_errors
from murmur.engines.notes.grounded.writer import GroundedNoteWriter
from murmur.facts.domain import Allergy, Assertion, Fact, Laterality, Vital, VitalName
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


_VITAL_NAMES = {
    VitalName.BLOOD_PRESSURE: ("blood pressure", "bp"), VitalName.HEART_RATE: ("heart rate", "hr"),
    VitalName.SPO2: ("oxygen", "spo2"), VitalName.TEMPERATURE: ("temperature", "temp"),
    VitalName.RESPIRATORY_RATE: ("respiratory rate", "rr"),
}  # fmt: skip
_GOLD_TERMS = {
    "vital": ("value",), "follow_up": ("interval", "text"), "return_precaution": ("trigger",),
    "family_history": ("condition",), "allergy": ("substance",), "exam": ("finding",),
    "result": ("name",), "score": ("name",),
}  # fmt: skip
_PUNCTUATION = re.compile(r"[.,;:](?!\d)")  # sentence marks, not a decimal point
_YOUR = re.compile(r"\b(?:your|you)\b\s*", re.IGNORECASE)


def said_in(note: str, terms: Sequence[str | None], side: str | None = None) -> bool:
    """Whether any of the terms (and the side, if given) appears in the note, compared as
    lower-case words with plurals folded."""
    text = f" {normalise(_PUNCTUATION.sub(' ', note))} "
    if side and f" {side} " not in text and f" {side}ly " not in text:
        return False
    wanted = [normalise(_PUNCTUATION.sub(" ", _YOUR.sub("", t))) for t in terms if t]
    return any(f" {term} " in text for term in wanted if term)


def fact_stated(fact: Fact, note: str) -> bool:
    side = getattr(fact, "laterality", None)
    terms: list[str | None] = [fact.label]
    if isinstance(fact, Allergy) and fact.assertion is Assertion.ABSENT:
        terms = ["no known drug allergies", "nkda", "no allergies"]
    if isinstance(fact, Vital):
        terms = [fact.value] if fact.value else list(_VITAL_NAMES.get(fact.name, (fact.label,)))
    return said_in(note, terms, side.value if isinstance(side, Laterality) else None)


def gold_stated(gold: dict[str, Any], note: str) -> bool:
    fields = _GOLD_TERMS.get(gold["kind"], ("name",))
    terms = [gold.get(field) for field in fields] + list(gold.get("aliases") or [])
    if gold["kind"] == "vital" and not gold.get("value"):
        terms = [str(gold["name"]).replace("_", " ")]
    return said_in(note, terms, gold.get("laterality"))


def gold_key_facts(split: str) -> dict[str, list[dict[str, Any]]]:
    """The gold set's key facts of this ACI-Bench split's visits, by encounter."""
    rows = (json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines())
    return {
        row["encounter"]: [g for g in row["facts"] if g["key"]]
        for row in rows
        if row["source"] == f"aci-bench/{split}"
    }


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


@dataclass(frozen=True, slots=True)
class EngineRun:
    label: str
    scores: dict[str, tuple[float, ...]]  # by division and "full"
    evidence_share: float
    negation_errors: int
    sentences: int
    ms_per_note: float
    spoken_share: float
    key_stated: tuple[int, int]  # (stated, key facts)
    gold_stated: tuple[int, int]
    length_ratio: float  # median note words / physician note words


def run_engine(split: str, *, labelled: bool, facts: bool = True) -> EngineRun:
    extractor = RuleFactExtractor()
    writer = GroundedNoteWriter(facts=extractor if facts else None)
    gold = gold_key_facts(split)
    spoken_count = plain_count = 0
    key = [0, 0]
    golden = [0, 0]
    ratios: list[float] = []
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
        text = plain_text(note)
        pairs["full"].append((encounter.note, text))
        said = note_sentences(text)
        plain_count += len(said)
        spoken_count += sum(spoken(sentence) for sentence in said)
        visit_key = extractor.extract(segments, language="english").key_facts()
        key[0] += sum(fact_stated(fact, text) for fact in visit_key)
        key[1] += len(visit_key)
        labelled_key = gold.get(encounter.encounter_id, [])
        golden[0] += sum(gold_stated(g, text) for g in labelled_key)
        golden[1] += len(labelled_key)
        ratios.append(words(text) / max(1, words(encounter.note)))
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
        spoken_share=spoken_count / plain_count if plain_count else 0.0,
        key_stated=(key[0], key[1]),
        gold_stated=(golden[0], golden[1]),
        length_ratio=statistics.median(ratios),
    )


def physician_spoken_share(split: str) -> float:
    """The detector on the physicians' own notes: the floor a written note reaches."""
    said = [s for e in read_split(split) for s in note_sentences(e.note)]
    return sum(spoken(s) for s in said) / len(said) if said else 0.0


def _share(pair: tuple[int, int]) -> str:
    return f"{100 * pair[0] / pair[1]:.1f}% ({pair[0]}/{pair[1]})" if pair[1] else "-"


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
    runs = [run_engine(split, labelled=labelled) for labelled in (True, False)]
    for r in runs:
        cells = [
            " / ".join(f"{v:.2f}" for v in r.scores.get(name, ())) for name in (*DIVISIONS, "full")
        ]
        print(
            f"| {r.label} | {' | '.join(cells)} | {100 * r.evidence_share:.1f}% "
            f"| {r.negation_errors} / {r.sentences} | {r.ms_per_note:.1f} |"
        )
    print("\nWhat a physician reads for (facts from the rule extractor; gold: the hand-labelled"
          " facts of this split's visits in data/facts_gold.jsonl).\n")  # fmt: skip
    print("| Run | spoken register | key facts stated | gold key facts stated "
          "| median length / physician's |")  # fmt: skip
    print("|---|---|---|---|---|")
    for r in runs:
        print(
            f"| {r.label} | {100 * r.spoken_share:.1f}% | {_share(r.key_stated)} "
            f"| {_share(r.gold_stated)} | {r.length_ratio:.2f} |"
        )
    print(f"| physicians' notes | {100 * physician_spoken_share(split):.1f}% | - | - | 1.00 |")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", nargs="+", choices=["train", "valid", "test1"],
                        default=["valid", "test1"])  # fmt: skip
    args = parser.parse_args()
    for split in args.split:
        report(split)


if __name__ == "__main__":
    main()
