"""ICD-10-CM coding benchmark on ACI-Bench reference notes, plus a negation set.

Run from the repository root:  .venv/bin/python -m benchmarks.coding

The gold file (benchmarks/data/aci_icd10cm_gold.tsv; how it was labelled is in
benchmarks/data/README.md) lists the codes each visit's assessment and plan supports. The
coder reads the reference note and the dialogue; its active ICD-10-CM codes are scored
against the gold codes, micro-averaged, at the full code and at the 3-character category.

Development visits (train, and the even-numbered test1 visits) may be looked at while changing
the coder; held-out visits (valid, and the odd-numbered test1 visits) are measured once per
round and their misses are listed only with --show-held-out. --development skips them.

--transcripts codes each gold visit from its ACI-Bench dialogue alone (no reference note), the
way a visit is coded before any note exists, detokenised as a recogniser writes it ("don't",
"gonna"; ACI-Bench's own text reads "do n't", "gon na"). It is scored against the same gold
codes and split (the issue 13 target: ICD-10-CM F1 from transcripts >= 0.80 at 3 characters
and >= 0.65 full code on the held-out half). --without-facts runs the coder without a fact
extractor (the "before" figures in the README are the coder of commit 819171f).

--mts scores instead a set on another distribution: MTS-Dialog assessment, diagnosis and plan
sections (benchmarks/data/mts_icd10cm_gold.tsv), each read as a one-section note with its
dialogue. It was measured blind once (round 3) and is development data from round 4 on, so
--mts --show lists its misses.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks import mts
from benchmarks.aci import detokenized, read_split

from murmur.coding.domain import CodeSystem
from murmur.engines.coding.offline import OfflineCoder
from murmur.engines.facts.extractor import RuleFactExtractor

HERE = Path(__file__).resolve().parent / "data"
GOLD = HERE / "aci_icd10cm_gold.tsv"
NEGATION = HERE / "coding_negation.tsv"
MTS_GOLD = HERE / "mts_icd10cm_gold.tsv"


@dataclass(frozen=True, slots=True)
class Scored:
    encounter_id: str
    split: str
    gold: frozenset[str]
    predicted: frozenset[str]
    milliseconds: float

    @property
    def half(self) -> str:
        """The gold split, with test1 cut by encounter number: even develops, odd is held out."""
        if self.split != "test1":
            return self.split
        return "test1-dev" if int(self.encounter_id.removeprefix("D2N")) % 2 == 0 else "test1-held"

    @property
    def held_out(self) -> bool:
        return self.half in HELD_OUT


DEVELOPMENT = ("train", "test1-dev")
HELD_OUT = ("valid", "test1-held")


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def active_codes(coder: OfflineCoder, *, note: str, transcript: str) -> frozenset[str]:
    suggestions = coder.code_text(note=note, transcript=transcript)
    return frozenset(s.code for s in suggestions if s.system is CodeSystem.ICD10CM and s.active)


def score_gold(
    coder: OfflineCoder, *, include: Callable[[Scored], bool], transcripts: bool = False
) -> list[Scored]:
    """Codes each gold visit from its reference note and dialogue, or (``transcripts``) from
    its dialogue alone."""
    rows = _rows(GOLD)
    splits = sorted({split for _, split, _, _ in rows})
    visits = {e.encounter_id: e for split in splits for e in read_split(split)}
    scored: list[Scored] = []
    for encounter_id, split, codes, _ in rows:
        if not include(Scored(encounter_id, split, frozenset(), frozenset(), 0.0)):
            continue
        visit = visits[encounter_id]
        started = time.perf_counter()
        if transcripts:
            predicted = active_codes(coder, note="", transcript=detokenized(visit.dialogue))
        else:
            predicted = active_codes(coder, note=visit.note, transcript=visit.dialogue)
        elapsed = (time.perf_counter() - started) * 1000
        scored.append(Scored(encounter_id, split, frozenset(codes.split()), predicted, elapsed))
    return scored


def score_mts(coder: OfflineCoder) -> list[Scored]:
    rows = _rows(MTS_GOLD)
    items = {
        (split, item.item_id): item
        for split in sorted({split for _, split, _, _ in rows})
        for item in mts.read_split(split)
    }
    scored: list[Scored] = []
    for item_id, split, codes, _ in rows:
        item = items[(split, item_id)]
        started = time.perf_counter()
        predicted = active_codes(coder, note=item.note, transcript=item.dialogue)
        elapsed = (time.perf_counter() - started) * 1000
        scored.append(Scored(item_id, split, frozenset(codes.split()), predicted, elapsed))
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
    if not scored:
        return f"| {label} | 0 | | | | | | | |"
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


def _table(scored: Sequence[Scored]) -> list[str]:
    def of(*halves: str) -> list[Scored]:
        return [s for s in scored if s.half in halves]

    lines = [
        "| Visits | n | P full | R full | F1 full | P 3-char | R 3-char | F1 3-char | ms/visit |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        _row("train (development)", of("train")),
        _row("test1 even (development)", of("test1-dev")),
    ]
    if any(s.held_out for s in scored):
        lines += [
            _row("valid (held out)", of("valid")),
            _row("test1 odd (held out)", of("test1-held")),
            _row("held out combined", of(*HELD_OUT)),
        ]
    return [*lines, _row("all", scored)]


def _mts_table(scored: Sequence[Scored]) -> list[str]:
    def of(split: str) -> list[Scored]:
        return [s for s in scored if s.split == split]

    return [
        "| MTS-Dialog items | n | P full | R full | F1 full | P 3-char | R 3-char | F1 3-char "
        "| ms/item |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        _row("test set 1", of("mts-test")),
        _row("validation set", of("mts-valid")),
        _row("training set", of("mts-train")),
        _row("all (development from round 4)", scored),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list each development visit's misses")
    parser.add_argument(
        "--development", action="store_true", help="score the development visits only"
    )
    parser.add_argument(
        "--show-held-out",
        action="store_true",
        help="also list held-out misses (after the round's last measurement; never tune on them)",
    )
    parser.add_argument(
        "--mts", action="store_true", help="score the MTS-Dialog set instead (development)"
    )
    parser.add_argument(
        "--transcripts",
        action="store_true",
        help="code each visit from its dialogue alone (no reference note)",
    )
    parser.add_argument(
        "--without-facts",
        action="store_true",
        help="the coder without a fact extractor (the coder before it read the facts)",
    )
    args = parser.parse_args()
    if args.development and args.show_held_out:
        parser.error("--show-held-out needs the held-out visits; drop --development")
    coder = OfflineCoder() if args.without_facts else OfflineCoder(facts=RuleFactExtractor())
    started = time.perf_counter()
    coder.code_text(note="ASSESSMENT\nHypertension.\nRight ankle sprain.\n", transcript="")
    load_seconds = time.perf_counter() - started
    if args.mts:
        mts_scored = score_mts(coder)
        print("\n".join(_mts_table(mts_scored)))
        print(f"\nOne-time load of the code set and its search index: {load_seconds:.1f} s.")
        if args.show:
            _print_misses(mts_scored)
        return
    scored = score_gold(
        coder,
        include=lambda s: not (args.development and s.held_out),
        transcripts=args.transcripts,
    )
    source = "dialogue alone" if args.transcripts else "reference note and dialogue"
    print(f"Coded from the {source}.\n")
    print("\n".join(_table(scored)))
    print(f"\nOne-time load of the code set and its search index: {load_seconds:.1f} s.")
    wrong, tried, errors = negation_errors(coder)
    print(f"Negation set: {wrong}/{tried} negated, hypothetical, family or resolved findings")
    print(f"coded active (error rate {wrong / tried:.3f}).")
    for error in errors:
        print(f"  {error}")
    if args.show or args.show_held_out:
        _print_misses([s for s in scored if args.show_held_out or not s.held_out])


def _print_misses(scored: Sequence[Scored]) -> None:
    for s in scored:
        if s.gold != s.predicted:
            missed, extra = sorted(s.gold - s.predicted), sorted(s.predicted - s.gold)
            print(f"{s.encounter_id} {s.half}: missed {missed} extra {extra}")


if __name__ == "__main__":
    main()
