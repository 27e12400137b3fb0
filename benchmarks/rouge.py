"""ROUGE-1/2/L/Lsum F1, written to match Google's `rouge_score` defaults (no stemming).

That is what ACI-Bench used (Hugging Face `evaluate`'s "rouge", `use_stemmer=False`): text is
lower-cased, every run of non [a-z0-9] characters is a token break, and ROUGE-Lsum treats each
line as a sentence and scores the union LCS of every reference line against all candidate
lines. Calibrated against the paper's GPT-4 row; see notes_benchmark.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class RougeScores:
    rouge1: float
    rouge2: float
    rouge_l: float
    rouge_lsum: float


def tokenize(text: str) -> list[str]:
    return _NON_ALNUM.sub(" ", text.lower()).split()


def _f1(overlap: int, predicted: int, reference: int) -> float:
    precision = overlap / predicted if predicted else 0.0
    recall = overlap / reference if reference else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def rouge_n(reference: Sequence[str], prediction: Sequence[str], n: int) -> float:
    ref = Counter(tuple(reference[i : i + n]) for i in range(len(reference) - n + 1))
    pred = Counter(tuple(prediction[i : i + n]) for i in range(len(prediction) - n + 1))
    overlap = sum((ref & pred).values())
    return _f1(overlap, sum(pred.values()), sum(ref.values()))


def _lcs_table(a: Sequence[str], b: Sequence[str]) -> list[list[int]]:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, token in enumerate(a, start=1):
        row, above = table[i], table[i - 1]
        for j, other in enumerate(b, start=1):
            row[j] = above[j - 1] + 1 if token == other else max(above[j], row[j - 1])
    return table


def rouge_l(reference: Sequence[str], prediction: Sequence[str]) -> float:
    if not reference or not prediction:
        return 0.0
    lcs = _lcs_table(reference, prediction)[-1][-1]
    return _f1(lcs, len(prediction), len(reference))


def _lcs_positions(reference: Sequence[str], candidate: Sequence[str]) -> set[int]:
    table = _lcs_table(reference, candidate)
    i, j = len(reference), len(candidate)
    positions: set[int] = set()
    while i > 0 and j > 0:
        if reference[i - 1] == candidate[j - 1]:
            positions.add(i - 1)
            i, j = i - 1, j - 1
        elif table[i][j - 1] > table[i - 1][j]:
            j -= 1
        else:
            i -= 1
    return positions


def rouge_lsum(reference: str, prediction: str) -> float:
    refs = [tokenize(line) for line in reference.split("\n") if line]
    preds = [tokenize(line) for line in prediction.split("\n") if line]
    m = sum(len(r) for r in refs)
    n = sum(len(p) for p in preds)
    if not m or not n:
        return 0.0
    ref_counts = Counter(t for r in refs for t in r)
    pred_counts = Counter(t for p in preds for t in p)
    hits = 0
    for ref in refs:
        union: set[int] = set()
        for pred in preds:
            union |= _lcs_positions(ref, pred)
        for index in sorted(union):
            token = ref[index]
            if ref_counts[token] > 0 and pred_counts[token] > 0:
                hits += 1
                ref_counts[token] -= 1
                pred_counts[token] -= 1
    return _f1(hits, n, m)


def score(reference: str, prediction: str) -> RougeScores:
    ref, pred = tokenize(reference), tokenize(prediction)
    return RougeScores(
        rouge1=rouge_n(ref, pred, 1),
        rouge2=rouge_n(ref, pred, 2),
        rouge_l=rouge_l(ref, pred),
        rouge_lsum=rouge_lsum(reference, prediction),
    )


def mean_scores(pairs: Sequence[tuple[str, str]]) -> RougeScores:
    """Mean of per-document F1 scores (ACI-Bench averages per note, not corpus-level)."""
    scores = [score(reference, prediction) for reference, prediction in pairs]
    count = len(scores) or 1
    return RougeScores(
        rouge1=sum(s.rouge1 for s in scores) / count,
        rouge2=sum(s.rouge2 for s in scores) / count,
        rouge_l=sum(s.rouge_l for s in scores) / count,
        rouge_lsum=sum(s.rouge_lsum for s in scores) / count,
    )
