"""Assertion benchmark: murmur.language.assertion (hand-written ConText) beside medspaCy's.

Run from the repository root:  .venv/bin/python -m benchmarks.assertion [--development]

medspaCy is not a project dependency (see README, "Clinical facts"); where it is not
installed only the hand-written column is printed. To measure both, install it in a separate
environment (`pip install medspacy==1.3.1`: spaCy's blank English tokenizer and the ConText
rules medspaCy bundles, nothing downloaded at run time) and run this module with that
interpreter and `PYTHONPATH=src:.`. (pysbd, which medspaCy pulls in, installs a top-level
package named `benchmarks` that hides this folder; remove it from that environment first.)

Two measures:

(a) benchmarks/data/coding_negation.tsv: 37 sentences whose finding (a symptom or condition
    from the extractor's vocabulary) must not be read as present: negated, hypothetical, a
    relative's, or resolved. A sentence passes when every finding in it carries a modifier.
(b) The facts gold set: facts the rule extractor matched to gold facts (paired as
    benchmarks.facts pairs them), the sentence of each predicted fact's first evidence span,
    that span read by each ConText and its modifiers taken as an assertion (negated: absent,
    hypothetical: hypothetical, uncertain: possible, historical: historical, otherwise
    present), compared with the gold assertion (conditional is counted as hypothetical and
    planned as present, since neither ConText tells them apart). The extractor's own
    assertion, which adds plan and time rules on top of ConText, is printed beside them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.facts import GOLD, SPLITS, _segments, pair

from murmur.engines.facts.extractor import RuleFactExtractor
from murmur.engines.facts.vocabulary import CONDITION_RE
from murmur.language.assertion import Span, modifiers
from murmur.language.clinical_words import SYMPTOM_RE

NEGATION = Path(__file__).resolve().parent / "data" / "coding_negation.tsv"
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
Reader = Callable[[str, int, int], frozenset[str]]


def hand_written(text: str, start: int, end: int) -> frozenset[str]:
    found = modifiers(text, Span(start, end))
    return frozenset(m.value for m in found)


def medspacy_reader() -> Reader | None:
    try:
        spacy = importlib.import_module("spacy")
        importlib.import_module("medspacy.context")  # registers the medspacy_context factory
    except ImportError:
        return None
    nlp = spacy.blank("en")
    context = nlp.add_pipe("medspacy_context")

    def read(text: str, start: int, end: int) -> frozenset[str]:
        doc = nlp.make_doc(text)
        for index, token in enumerate(doc):
            token.is_sent_start = index == 0  # one sentence is read at a time
        span = doc.char_span(start, end, label="FINDING", alignment_mode="expand")
        if span is None:
            return frozenset()
        doc.ents = [span]
        doc = context(doc)
        (ent,) = doc.ents
        flags = {
            "negated": ent._.is_negated,
            "hypothetical": ent._.is_hypothetical,
            "uncertain": ent._.is_uncertain,
            "historical": ent._.is_historical,
            "family": ent._.is_family,
        }
        return frozenset(name for name, on in flags.items() if on)

    return read


def _findings(sentence: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in (CONDITION_RE, SYMPTOM_RE):
        for match in pattern.finditer(sentence.lower()):
            if not any(a < match.end() and match.start() < b for a, b in spans):
                spans.append(match.span())
    return sorted(spans)


def negation_cases(readers: dict[str, Reader]) -> dict[str, tuple[int, int]]:
    rows = [
        line.split("\t")
        for line in NEGATION.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    passed = dict.fromkeys(readers, 0)
    counted = 0
    for _, _, sentence in rows:
        spans = _findings(sentence)
        if not spans:
            continue
        counted += 1
        for name, read in readers.items():
            if all(read(sentence, a, b) for a, b in spans):
                passed[name] += 1
    return {name: (hits, counted) for name, hits in passed.items()}


def _as_assertion(found: frozenset[str]) -> str:
    for flag, assertion in (
        ("negated", "absent"),
        ("hypothetical", "hypothetical"),
        ("uncertain", "possible"),
        ("historical", "historical"),
    ):
        if flag in found:
            return assertion
    return "present"


_GOLD_AS = {"conditional": "hypothetical", "planned": "present"}


def _sentence_of(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence of ``text`` holding ``start:end``, with the span moved into it."""
    first = 0
    for cut in _SENTENCE_END.finditer(text):
        if cut.end() > start:
            break
        first = cut.end()
    last = next((c.start() for c in _SENTENCE_END.finditer(text, end)), len(text))
    return text[first:last], start - first, end - first


def matched_facts(readers: dict[str, Reader], splits: tuple[str, ...]) -> dict[str, Any]:
    extractor = RuleFactExtractor()
    cache: dict[str, Any] = {}
    scores: dict[str, dict[str, list[bool]]] = {
        split: {name: [] for name in [*readers, "extractor"]} for split in splits
    }
    for raw in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(raw)
        if row["split"] not in splits:
            continue
        segments = _segments(row, cache)
        facts = list(extractor.extract(segments, language="english").facts)
        kinds = {fact.kind for fact in facts}
        for fact, gold in pair(facts, [g for g in row["facts"] if g["kind"] in kinds]):
            if not fact.evidence:
                continue
            where = fact.evidence[0]
            sentence, start, end = _sentence_of(segments[where.segment].text, where.start,
                                                where.end)  # fmt: skip
            expected = _GOLD_AS.get(gold["assertion"], gold["assertion"])
            tally = scores[row["split"]]
            for name, read in readers.items():
                tally[name].append(_as_assertion(read(sentence, start, end)) == expected)
            tally["extractor"].append(_GOLD_AS.get(fact.assertion.value, fact.assertion.value)
                                      == expected)  # fmt: skip
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--development", action="store_true", help="skip the held-out visits")
    args = parser.parse_args()
    readers: dict[str, Reader] = {"hand-written": hand_written}
    if (medspacy := medspacy_reader()) is not None:
        readers["medspacy"] = medspacy
    else:
        print("medspaCy is not installed: only the hand-written ConText is measured.")
    names = list(readers)
    print(f"{'measure':44}" + "".join(f" | {name:>12}" for name in [*names, "extractor"]))
    negation = negation_cases(readers)
    cells = "".join(f" | {h / n:5.2f} {h:2}/{n:<3}" for h, n in negation.values())
    print(f"{'(a) coding_negation.tsv: not read as present':44}{cells} |          n/a")
    splits = ("dev",) if args.development else SPLITS
    for split, tally in matched_facts(readers, splits).items():
        cells = "".join(
            f" | {sum(v) / len(v):5.2f} {sum(v):3}/{len(v):<3}" if v else " | n/a"
            for v in (tally[name] for name in [*names, "extractor"])
        )
        print(f"{f'(b) {split}: assertion of matched facts':44}{cells}")


if __name__ == "__main__":
    main()
