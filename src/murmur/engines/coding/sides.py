"""Where a condition is named in a sentence, and the side the sentence gives it."""

from __future__ import annotations

import re


def _entity_match(phrase: str, text: str) -> re.Match[str] | None:
    words = [re.escape(word) for word in re.findall(r"[a-z0-9]+", phrase.lower())]
    if not words:
        return None
    between = (
        r"[\s,/-]+(?:(?:my|his|her|the|their|your|right|left|bilateral|both)(?:-sided)?\s+){0,2}"
    )
    side = r"(?:(?:right|left|bilateral)[\s-]+)?"
    pattern = r"\b" + side + between.join(f"{word}(?:e?s)?" for word in words)
    return re.search(pattern + r"\b", text, re.IGNORECASE)


def entity_text(phrase: str, text: str) -> str:
    """The words of the sentence that named the condition ("Knees hurt" keeps "Knees")."""
    match = _entity_match(phrase, text)
    return match.group(0) if match else phrase


_SIDE_WORD = re.compile(r"\b(right|left|bilateral|both)\b", re.IGNORECASE)
_SIDE_BEFORE = re.compile(
    r"\b(right|left|bilateral|both)(?:[\s-]+(?:sided?|and (?:right|left)))?"
    r"(?:\s+(?!and\b|or\b)[a-z]+){0,2}\s*$",
    re.IGNORECASE,
)
_SIDE_AFTER = re.compile(
    r"^,?\s*(?:(?:on|of|in|to)\s+)?(?:the\s+)?(right|left|bilateral)(?:\s+[a-z]+)?\s*(?:[.;,)]|$)",
    re.IGNORECASE,
)


def stated_side(phrase: str, text: str) -> str | None:
    """ "Right knee osteoarthritis", "knee pain on the left", "both knees": the side, if any."""
    match = _entity_match(phrase, text)
    if match is None:
        return None
    sides = {w.lower() for w in _SIDE_WORD.findall(match.group(0))}
    before = _SIDE_BEFORE.search(text[: match.start()])
    if before:
        sides |= {w.lower() for w in _SIDE_WORD.findall(before.group(0))}
    after = _SIDE_AFTER.match(text[match.end() :])
    if after:
        sides.add(after.group(1).lower())
    if "bilateral" in sides or "both" in sides or {"right", "left"} <= sides:
        return "bilateral"
    return next(iter(sides), None)
