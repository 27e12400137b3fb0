"""Clinical facts benchmark: the rule-based extractor against the hand-labelled gold facts.

Run from the repository root:  .venv/bin/python -m benchmarks.facts [--show] [--show-held-out]

The gold set (benchmarks/data/facts_gold.jsonl, labelled as benchmarks/data/FACTS.md says) holds
44 visits from ACI-Bench, PriMock57 and MTS-Dialog, split into development and held-out halves.
Each visit's dialogue is read as check_facts_gold.py reads it and parsed into segments as a
pasted transcript (one segment per line); the extractor sees only those segments.

Scoring is on key facts (the gold `key` flag; the predicted fact's `key` property, which applies
the same written rule, with diagnoses key when confirmed and the patient's). A predicted key fact
matches an unmatched gold key fact, one to one and in spoken order, when:

- the kind is the same;
- the names agree after normalising (lower case, parenthetical remarks and punctuation dropped,
  a plural "s" dropped from each word): the predicted name equals the gold name or one of its
  aliases, or the words of one are a contiguous run in the other ("x-ray" matches "chest
  x-ray"); the name is the field FACTS.md names for the kind (medication, order, diagnosis,
  result, score, history: name; allergy: substance; vital: the vital's name; exam: finding;
  family history: condition);
- for a medication, the action is also the same; for family history, the relative too (after
  "mom" -> "mother" and the like, with "family" matching any relative);
- follow-up and return precaution facts have no name to compare, so the kind alone matches.

Precision is matched predicted key facts over predicted key facts, recall matched gold key facts
over gold key facts. Assertion accuracy compares assertions on pairs matched the same way over
all facts (key or not) of the kinds the extractor produces.

Development visits may be looked at while changing the extractor (--show lists their misses and
false alarms); held-out visits are measured, and listed only with --show-held-out.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.data.check_facts_gold import dialogue_lines

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.facts.domain import Fact, FamilyHistory, Medication
from murmur.transcripts.pasted import parse_transcript

GOLD = Path(__file__).resolve().parent / "data" / "facts_gold.jsonl"
SPLITS = ("dev", "held_out")
KINDS = (
    "medication", "diagnosis", "order", "follow_up", "return_precaution", "allergy",
    "family_history", "vital", "score", "result", "exam",
)  # fmt: skip
_NAME_FIELD = {
    "diagnosis": "name", "symptom": "name", "medication": "name", "history": "name",
    "allergy": "substance", "order": "name", "result": "name", "score": "name",
    "vital": "name", "exam": "finding", "family_history": "condition",
}  # fmt: skip
_RELATIVES = {"mom": "mother", "mum": "mother", "dad": "father", "grandma": "grandmother"}
# MTS-Dialog's guests speak as what they are; the pasted-transcript parser knows the main tags.
_GUEST = re.compile(r"^\s*Guest_(family|clinician)\s*:", re.IGNORECASE | re.MULTILINE)


def normalise(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name.lower())
    words = re.sub(r"[^a-z0-9%./]+", " ", name).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in words)  # fmt: skip


def _names_agree(predicted: str, gold: list[str]) -> bool:
    p = normalise(predicted)
    if not p:
        return False
    for name in gold:
        g = normalise(name)
        if g and (p == g or f" {p} " in f" {g} " or f" {g} " in f" {p} "):
            return True
    return False


def _relative(word: str) -> str:
    word = normalise(word)
    return _RELATIVES.get(word, word)


def matches(predicted: Fact, gold: dict[str, Any]) -> bool:
    if predicted.kind != gold["kind"]:
        return False
    kind = gold["kind"]
    if kind in ("follow_up", "return_precaution", "instruction", "social"):
        return True
    if isinstance(predicted, Medication) and predicted.action.value != gold["action"]:
        return False
    if isinstance(predicted, FamilyHistory):
        relatives = {_relative(predicted.relative), _relative(gold["relative"])}
        if len(relatives) > 1 and "family" not in relatives:
            return False
    names = [gold[_NAME_FIELD[kind]], *gold.get("aliases", [])]
    return _names_agree(predicted.label, names)


def pair(predicted: list[Fact], gold: list[dict[str, Any]]) -> list[tuple[Fact, dict[str, Any]]]:
    """One-to-one pairs in spoken order: first facts that match with the same assertion (two
    blood pressures, today's and the emergency room's, pair by when they were taken), then the
    rest, each predicted fact taking the first unmatched gold fact it matches."""
    free = list(gold)
    pairs: list[tuple[Fact, dict[str, Any]]] = []
    for same_assertion in (True, False):
        for fact in predicted:
            if any(fact is paired for paired, _ in pairs):
                continue
            hit = next(
                (
                    g
                    for g in free
                    if matches(fact, g)
                    and (g["assertion"] == fact.assertion.value or not same_assertion)
                ),
                None,
            )
            if hit is not None:
                free.remove(hit)
                pairs.append((fact, hit))
    return pairs


@dataclass
class Tally:
    predicted: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)
    assertions: list[bool] = field(default_factory=list)
    milliseconds: list[float] = field(default_factory=list)


def _segments(row: dict[str, Any], cache: dict[str, Any]) -> list[Any]:
    lines = [line for _, line in dialogue_lines(row["encounter"], row["source"], cache)]
    text = _GUEST.sub(lambda m: "Patient:" if m[1].lower() == "family" else "Doctor:",
                      "\n".join(lines))  # fmt: skip
    return parse_transcript(text)


def score(show: Callable[[str], bool], splits: tuple[str, ...]) -> dict[str, Tally]:
    extractor = RuleFactExtractor()
    tallies = {split: Tally() for split in splits}
    cache: dict[str, Any] = {}
    for raw in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(raw)
        if row["split"] not in tallies:
            continue
        tally = tallies[row["split"]]
        segments = _segments(row, cache)
        clock = time.perf_counter()
        facts = list(extractor.extract(segments, language="english").facts)
        tally.milliseconds.append((time.perf_counter() - clock) * 1000)
        kinds = {fact.kind for fact in facts} | set(KINDS)
        gold_key = [g for g in row["facts"] if g["key"]]
        predicted_key = [f for f in facts if f.key]
        pairs = pair(predicted_key, gold_key)
        tally.predicted.update(f.kind for f in predicted_key)
        tally.gold.update(g["kind"] for g in gold_key)
        tally.hits.update(f.kind for f, _ in pairs)
        every = pair(facts, [g for g in row["facts"] if g["kind"] in kinds])
        tally.assertions += [f.assertion.value == g["assertion"] for f, g in every]
        if show(row["split"]):
            _list(row["encounter"], predicted_key, gold_key, pairs)
    return tallies


def _list(
    encounter: str, predicted: list[Fact], gold: list[dict[str, Any]], pairs: list[Any]
) -> None:
    hit_facts = {id(f) for f, _ in pairs}
    hit_gold = {id(g) for _, g in pairs}
    for fact in predicted:
        if id(fact) not in hit_facts:
            extra = f" {fact.action.value}" if isinstance(fact, Medication) else ""
            print(f"  {encounter} FALSE {fact.kind}: {fact.label}{extra} [{fact.assertion.value}]")
    for g in gold:
        if id(g) not in hit_gold:
            name = (
                g.get(_NAME_FIELD.get(g["kind"], "text")) or g.get("interval") or g.get("trigger")
            )
            extra = f" {g['action']}" if g["kind"] == "medication" else ""
            print(
                f"  {encounter} MISSED {g['kind']}: {name}{extra} [{g['assertion']}] | {g['quote']}"
            )


def _prf(hits: int, predicted: int, gold: int) -> str:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:5.2f} {r:5.2f} {f:5.2f} {hits:3}/{predicted:<3}/{gold:<3}"


def report(tallies: dict[str, Tally]) -> None:
    header = "".join(f" | {split:^31}" for split in tallies)
    print(f"{'key facts':18}{header}")
    print(f"{'kind':18}" + " |     P     R    F1 hit/pred/gold" * len(tallies))
    for kind in KINDS:
        cells = "".join(
            f" | {_prf(t.hits[kind], t.predicted[kind], t.gold[kind])}" for t in tallies.values()
        )
        print(f"{kind:18}{cells}")
    cells = "".join(
        f" | {_prf(sum(t.hits.values()), sum(t.predicted.values()), sum(t.gold.values()))}"
        for t in tallies.values()
    )
    print(f"{'all key facts':18}{cells}")
    for split, t in tallies.items():
        accuracy = sum(t.assertions) / len(t.assertions) if t.assertions else 0.0
        print(
            f"{split}: assertion accuracy {accuracy:.2f} on {len(t.assertions)} matched facts; "
            f"{statistics.mean(t.milliseconds):.1f} ms per visit "
            f"(max {max(t.milliseconds):.1f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list development misses")
    parser.add_argument("--show-held-out", action="store_true", help="list held-out misses")
    parser.add_argument("--development", action="store_true", help="skip the held-out visits")
    args = parser.parse_args()
    shown = {"dev"} if args.show else set()
    shown |= {"held_out"} if args.show_held_out else set()
    splits = ("dev",) if args.development else SPLITS
    report(score(lambda split: split in shown, splits))


if __name__ == "__main__":
    main()
