"""Leaves out a sentence that mostly repeats one already in the note."""

from __future__ import annotations

import re

from murmur.language.statements import Statement

REPEAT_SHARE = 0.6  # share of a sentence's telling words already said by one earlier sentence
_WORD = re.compile(r"[^\W_]+")
_FRAME = frozenset(
    [
        "the",
        "patient",
        "states",
        "reports",
        "denies",
        "a",
        "an",
        "of",
        "and",
        "to",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "is",
        "are",
        "i",
    ]
)


def _telling(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - _FRAME


def without_repeats(statements: list[Statement]) -> list[Statement]:
    kept: list[Statement] = []
    seen: list[set[str]] = []
    for statement in statements:
        words = _telling(statement.text)
        if words and any(len(words & earlier) >= REPEAT_SHARE * len(words) for earlier in seen):
            continue
        kept.append(statement)
        seen.append(words)
    return kept
