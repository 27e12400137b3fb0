"""ACI-Bench proxy benchmark for the offline coder.

Run from the repository root:  .venv/bin/python -m benchmarks.coding_benchmark [--split test1]

ACI-Bench has no gold codes. Its metadata names each visit's chief complaint and secondary
complaints ("upper respiratory infection", "depression;type two diabetes;hypertension"); we
map those strings to ICD-10-CM with the lexicon (coverage is reported) and measure how many
of the mapped codes the coder suggests from the dialogue, as active codes and at all. This
checks extraction, negation and symptom handling end to end, not the lexicon's reach.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import Counter

from benchmarks.notes_benchmark import DATA, SPLITS, read_split, to_segments

from murmur.coding.domain import CodeSystem
from murmur.engines.coding.matching import find_mentions
from murmur.engines.coding.offline import OfflineCoder
from murmur.engines.notes.grounded import GroundedNoteWriter
from murmur.notes.templates import SOAP


def complaints(split: str) -> dict[str, list[str]]:
    csv.field_size_limit(sys.maxsize)
    path = DATA / "data" / "challenge_data" / SPLITS[split].replace(".csv", "_metadata.csv")
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    found: dict[str, list[str]] = {}
    for row in rows:
        names = [row.get("cc") or "", *(row.get("2nd_complaints") or "").split(";")]
        found[row["encounter_id"]] = [name.strip() for name in names if name.strip()]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="test1")
    parser.add_argument("--unlabelled", action="store_true", help="speaker=None segments")
    args = parser.parse_args()
    writer, coder = GroundedNoteWriter(), OfflineCoder()
    wanted = complaints(args.split)
    names = mapped = hit_active = hit_any = 0
    active_counts: list[int] = []
    latencies: list[float] = []
    levels: Counter[str] = Counter()
    for encounter in read_split(args.split):
        segments = to_segments(encounter.dialogue, labelled=not args.unlabelled)
        started = time.perf_counter()
        note = writer.write(segments=segments, template=SOAP, context=None, language="english")
        suggestions = coder.code(note=note, segments=segments)
        latencies.append((time.perf_counter() - started) * 1000)
        icd = [s for s in suggestions if s.system is CodeSystem.ICD10CM]
        active = {s.code for s in icd if s.active}
        every = {s.code for s in icd}
        active_counts.append(len(active))
        levels.update(s.code for s in suggestions if s.system is CodeSystem.CPT)
        for name in wanted.get(encounter.encounter_id, []):
            names += 1
            codes = {m.entry.code for m in find_mentions(name)}
            if codes:
                mapped += 1
                hit_active += bool(codes & active)
                hit_any += bool(codes & every)
    print(f"ACI-Bench {args.split}: {len(latencies)} visits, {names} listed complaints\n")
    print("| Measure | Value |\n|---|---|")
    print(f"| complaints the lexicon maps | {mapped}/{names} ({100 * mapped / names:.1f}%) |")
    print(f"| mapped complaints coded active | {100 * hit_active / mapped:.1f}% |")
    print(f"| mapped complaints suggested at all | {100 * hit_any / mapped:.1f}% |")
    print(f"| active ICD-10-CM codes per visit | {statistics.mean(active_counts):.1f} |")
    print(f"| CPT levels | {', '.join(f'{c}: {n}' for c, n in sorted(levels.items()))} |")
    print(f"| ms per visit (note + codes) | {statistics.mean(latencies):.1f} |")


if __name__ == "__main__":
    main()
