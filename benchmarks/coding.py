"""ICD-10-CM coding benchmark on ACI-Bench reference notes, plus a negation set.

Run from the repository root:  .venv/bin/python -m benchmarks.coding

The gold file (benchmarks/data/aci_icd10cm_gold.tsv; how it was labelled is in
benchmarks/data/README.md) lists the codes each visit's assessment and plan supports. The
coder reads the reference note and the dialogue; its active ICD-10-CM codes are scored
against the gold codes, micro-averaged, at the full code and at the 3-character category.
Train visits were used while developing the lexicon and rules; valid visits were held out.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.aci import read_split

from murmur.coding.domain import CodeSystem
from murmur.engines.coding.offline import OfflineCoder

HERE = Path(__file__).resolve().parent / "data"
GOLD = HERE / "aci_icd10cm_gold.tsv"
NEGATION = HERE / "coding_negation.tsv"


@dataclass(frozen=True, slots=True)
class Scored:
    encounter_id: str
    split: str
    gold: frozenset[str]
    predicted: frozenset[str]
    milliseconds: float


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def active_codes(coder: OfflineCoder, *, note: str, transcript: str) -> frozenset[str]:
    suggestions = coder.code_text(note=note, transcript=transcript)
    return frozenset(s.code for s in suggestions if s.system is CodeSystem.ICD10CM and s.active)


def score_gold(coder: OfflineCoder) -> list[Scored]:
    visits = {e.encounter_id: e for split in ("train", "valid") for e in read_split(split)}
    scored: list[Scored] = []
    for encounter_id, split, codes, _ in _rows(GOLD):
        visit = visits[encounter_id]
        started = time.perf_counter()
        predicted = active_codes(coder, note=visit.note, transcript=visit.dialogue)
        elapsed = (time.perf_counter() - started) * 1000
        scored.append(Scored(encounter_id, split, frozenset(codes.split()), predicted, elapsed))
    return scored


def _prf(pairs: Sequence[tuple[frozenset[str], frozenset[str]]]) -> tuple[float, float, float]:
    hits = sum(len(gold & predicted) for gold, predicted in pairs)
    predicted = sum(len(p) for _, p in pairs)
    gold = sum(len(g) for g, _ in pairs)
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _category(codes: frozenset[str]) -> frozenset[str]:
    return frozenset(code[:3] for code in codes)


def _row(label: str, scored: Sequence[Scored]) -> str:
    full = _prf([(s.gold, s.predicted) for s in scored])
    three = _prf([(_category(s.gold), _category(s.predicted)) for s in scored])
    cells = " | ".join(f"{value:.3f}" for value in (*full, *three))
    ms = statistics.mean(s.milliseconds for s in scored)
    return f"| {label} | {len(scored)} | {cells} | {ms:.1f} |"


def negation_errors(coder: OfflineCoder) -> tuple[int, int, list[str]]:
    """Each finding is tried as a note sentence and as a transcript line."""
    cases = _rows(NEGATION)
    errors: list[str] = []
    for kind, code, sentence in cases:
        as_note = active_codes(coder, note=f"Assessment: {sentence}", transcript="")
        as_said = active_codes(coder, note="", transcript=f"[patient] {sentence}")
        for where, codes in (("note", as_note), ("transcript", as_said)):
            if code in codes:
                errors.append(f"{kind} ({where}): {sentence} -> {code}")
    return len(errors), 2 * len(cases), errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list each visit's misses")
    args = parser.parse_args()
    coder = OfflineCoder()
    started = time.perf_counter()
    coder.code_text(note="ASSESSMENT\nHypertension.\nRight ankle sprain.\n", transcript="")
    load_seconds = time.perf_counter() - started
    scored = score_gold(coder)
    print("| Visits | n | P full | R full | F1 full | P 3-char | R 3-char | F1 3-char | ms/visit |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(_row("train (development)", [s for s in scored if s.split == "train"]))
    print(_row("valid (held out)", [s for s in scored if s.split == "valid"]))
    print(_row("all", scored))
    print(f"\nOne-time load of the code set and its search index: {load_seconds:.1f} s.")
    wrong, tried, errors = negation_errors(coder)
    print(f"Negation set: {wrong}/{tried} negated, hypothetical, family or resolved findings")
    print(f"coded active (error rate {wrong / tried:.3f}).")
    for error in errors:
        print(f"  {error}")
    if args.show:
        for s in scored:
            if s.gold != s.predicted:
                missed, extra = sorted(s.gold - s.predicted), sorted(s.predicted - s.gold)
                print(f"{s.encounter_id} {s.split}: missed {missed} extra {extra}")


if __name__ == "__main__":
    main()
