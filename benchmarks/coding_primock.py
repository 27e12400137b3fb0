"""ICD-10-CM coding on PriMock57 consultations: hand-written UK general-practice notes.

Run from the repository root:  .venv/bin/python -m benchmarks.coding_primock [--repo DIR] [--show]

The gold file (benchmarks/data/primock_icd10cm_gold.tsv; how it was labelled is in
benchmarks/data/README.md) lists the codes each consultation note's impression and plan
support. The coder reads the clinician's own note and the dialogue from the two TextGrids as
``[doctor]`` / ``[patient]`` lines; its active ICD-10-CM codes are scored against the gold
codes, micro-averaged, at the full code and at the 3-character category. The set was measured
blind in round 4 and is development data from round 5 on, so ``--show`` lists its misses.

``--repo DIR`` scores the coder of another checkout (``DIR/src`` goes first on the import
path before murmur is imported), e.g. a worktree frozen at the last commit.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.primock import PRIMOCK_DIR, read_turns

GOLD = Path(__file__).resolve().parent / "data" / "primock_icd10cm_gold.tsv"
SPLIT = "primock"


@dataclass(frozen=True, slots=True)
class GoldRow:
    consultation: str
    split: str
    codes: frozenset[str]


def read_gold(path: Path = GOLD) -> list[GoldRow]:
    rows: list[GoldRow] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        consultation, split, codes, _ = line.split("\t")
        rows.append(GoldRow(consultation, split, frozenset(codes.split())))
    return rows


def note_text(consultation: str, primock_dir: Path = PRIMOCK_DIR) -> str:
    """The consulting clinician's own note, as written."""
    note = json.loads((primock_dir / "notes" / f"{consultation}.json").read_text())
    return str(note["note"])


def transcript(consultation: str, primock_dir: Path = PRIMOCK_DIR) -> str:
    """Both speakers' utterances in spoken order, one ``[role] text`` line each."""
    return "\n".join(f"[{t.role}] {t.text}" for t in read_turns(consultation, primock_dir))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repo", type=Path, help="score the coder of this checkout (its src/ is imported)"
    )
    parser.add_argument("--show", action="store_true", help="list each consultation's misses")
    args = parser.parse_args()
    if args.repo is not None:
        if "murmur" in sys.modules:
            parser.error("murmur was imported before --repo could take effect")
        sys.path.insert(0, str((args.repo / "src").resolve()))
    # Imported here, after --repo has set the path (benchmarks.coding imports murmur too).
    from benchmarks.coding import Scored, _print_misses, _row, active_codes  # noqa: PLC0415

    import murmur  # noqa: PLC0415
    from murmur.engines.coding.offline import OfflineCoder  # noqa: PLC0415

    coder = OfflineCoder()
    started = time.perf_counter()
    coder.code_text(note="ASSESSMENT\nHypertension.\nRight ankle sprain.\n", transcript="")
    load_seconds = time.perf_counter() - started
    scored: list[Scored] = []
    for row in read_gold():
        note, dialogue = note_text(row.consultation), transcript(row.consultation)
        started = time.perf_counter()
        predicted = active_codes(coder, note=note, transcript=dialogue)
        elapsed = (time.perf_counter() - started) * 1000
        scored.append(Scored(row.consultation, row.split, row.codes, predicted, elapsed))
    print(f"Coder: {Path(str(murmur.__file__)).resolve().parent}")
    print(
        "| PriMock57 consultations | n | P full | R full | F1 full | P 3-char | R 3-char "
        "| F1 3-char | ms/visit |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(_row("all (development from round 5)", scored))
    print(f"\nOne-time load of the code set and its search index: {load_seconds:.1f} s.")
    if args.show:
        _print_misses(scored)


if __name__ == "__main__":
    main()
