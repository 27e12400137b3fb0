"""ConText (Chapman et al.) for spoken clinical English and Spanish.

A finding is negated, hypothetical or about a family member when a trigger phrase reaches it:
pre-triggers look forward and post-triggers backward, each up to a termination term ("but",
"however", a new clause) or a window of words. Pseudo-triggers ("not only", "no change") are
removed first so they never trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Modifier(StrEnum):
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    FAMILY = "family"
    HISTORICAL = "historical"


WINDOW_WORDS = 8

_PSEUDO = (
    r"no increase|no change|no significant change|not only|not necessarily|not sure|"
    r"not certain|no further|not just|without difficulty|no problem (?:with|doing)|"
    r"nothing but|not (?:been )?able to (?:sleep|walk|work)|gram negative|no longer"
)
_PRE_NEGATION = (
    r"no|not|never|denies|denied|deny|denying|without|negative for|free of|absence of|"
    r"absent|rules? out|ruled out|nor|none|neither|haven't|hasn't|didn't|don't|doesn't|"
    r"have not|has not|did not|do not|does not|no signs? of|no evidence of|resolved|"
    r"sin|niega|nunca|ningún|ninguna|tampoco"
)
_POST_NEGATION = (
    r"ruled out|is negative|was negative|came back negative|are negative|were negative|"
    r"unlikely|is gone|went away|has resolved|have resolved|resolved|is normal|was normal|"
    r"not at all|not really|(?:screen(?:ing)?|test(?:ing)?) (?:was |is |came back )?negative"
)
# Bare words reach back only a little ("chest pain, no"): they too often answer something else.
_POST_NEGATION_NEAR = r"no|free|negative"
POST_WINDOW_WORDS = 6
POST_NEAR_WORDS = 3
_PRE_HYPOTHETICAL = (
    r"if|in case|should (?:you|they|he|she|it|the|that|this|any)|watch for|prevent|"
    r"prevention of|to avoid|look out for|monitor for|"
    r"call (?:us|me|back) if|return if|worried about|concerned about|rule out|to rule out|"
    r"check for|screen for|test for|risk of|could develop|might develop|si|en caso de"
)
_PRE_FAMILY = (
    r"(?:my |your |his |her |their )?(?:mom|mother|dad|father|brother|sister|son|daughter|"
    r"grandmother|grandfather|grandma|grandpa|aunt|uncle|cousin|wife|husband|parents?|"
    r"siblings?)(?:'s)?|family history of|runs in (?:the|my|your) family|"
    r"(?:mi|su) (?:madre|padre|mamá|papá|hermano|hermana|abuela|abuelo)"
)
_PRE_HISTORICAL = r"history of|used to|years ago|in the past|previously|had a prior"
_TERMINATION = (
    r"but|however|although|though|except|aside from|apart from|other than|which|who|"
    r"because|since|so|still|yet|and then|pero|aunque|excepto"
)


def _compile(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{words})(?![\w'])", re.IGNORECASE)


_PSEUDO_RE = _compile(_PSEUDO)
# Sentence punctuation ends every scope too; it sits against a word, so no word boundaries.
_TERMINATION_RE = re.compile(rf"{_compile(_TERMINATION).pattern}|[;:.?!]", re.IGNORECASE)
_PRE: tuple[tuple[Modifier, re.Pattern[str]], ...] = (
    (Modifier.NEGATED, _compile(_PRE_NEGATION)),
    (Modifier.HYPOTHETICAL, _compile(_PRE_HYPOTHETICAL)),
    (Modifier.FAMILY, _compile(_PRE_FAMILY)),
    (Modifier.HISTORICAL, _compile(_PRE_HISTORICAL)),
)
_POST: tuple[tuple[Modifier, re.Pattern[str], int], ...] = (
    (Modifier.NEGATED, _compile(_POST_NEGATION), POST_WINDOW_WORDS),
    (Modifier.NEGATED, _compile(_POST_NEGATION_NEAR), POST_NEAR_WORDS),
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def _mask_pseudo(text: str) -> str:
    return _PSEUDO_RE.sub(lambda m: "_" * len(m.group(0)), text)


def _words_between(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _terminated(text: str, start: int, end: int) -> bool:
    return _TERMINATION_RE.search(text, start, end) is not None


def modifiers(text: str, target: Span) -> frozenset[Modifier]:
    """The ConText modifiers that reach `target` (a character span of `text`)."""
    masked = _mask_pseudo(text)
    found: set[Modifier] = set()
    for modifier, pattern in _PRE:
        for match in pattern.finditer(masked, 0, target.start):
            gap_ok = _words_between(masked, match.end(), target.start) <= WINDOW_WORDS
            if gap_ok and not _terminated(masked, match.end(), target.start):
                found.add(modifier)
    for modifier, pattern, window in _POST:
        after = pattern.search(masked, target.end)
        if after is None:
            continue
        close = _words_between(masked, target.end, after.start()) <= window
        if close and not _terminated(masked, target.end, after.start()):
            found.add(modifier)
    return frozenset(found)


def is_negated(text: str, target: Span) -> bool:
    return Modifier.NEGATED in modifiers(text, target)
