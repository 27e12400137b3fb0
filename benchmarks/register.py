"""Which note sentences read as speech rather than as a physician's written note.

Written independently of the note writer's own clean-up, so the benchmark does not grade the
writer against its own rules, and scored on the physicians' reference notes as well (they set
the floor). A sentence is in spoken register when it has any of these general marks of talk:

- a question (ends with "?", or opens with "how about" / "what about");
- a filler or hedge: um, uh, you know, I mean, kind of, sort of, okay, yeah, gonna, "like,";
- words addressed to the patient: you, your;
- an imperative opening (a bare verb first: "Take a deep breath", "Follow my finger");
- a spoken plan: we'll, let's, let us, we'd, we would, we could, "then we";
- a contraction other than a possessive (I'm, it's, we're, don't), which notes spell out;
- a discourse opener: so, and, but, well, okay, now, 'cause, because;
- a transcript line behind a reporting prefix ("The patient states Worse when I ...", "The
  patient reports I ...": the words after the prefix are still the speaker's own);
- a first-person run: three or more of I, me, my in one sentence (someone's own words; a
  dictated note says "I" now and then, not in every clause).
"""

from __future__ import annotations

import re

_MARKS = (
    re.compile(r"\?\s*$|^(?:how|what) about\b", re.IGNORECASE),
    re.compile(r"(?:\b(?:I|me|my)\b.*){3}", re.IGNORECASE),
    re.compile(
        r"\b(?:um+|uh+|hmm+|you know|i mean|kind of|sort of|kinda|okay|ok|yeah|gonna|wanna)\b|"
        r",\s*like\b|\blike,",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE),
    re.compile(
        r"^(?:[-•*]\s*)?(?:[A-Z][a-z ]+:\s+)?(?:take|breathe|look|follow (?:my|the)|push|pull|"
        r"squeeze|bend|lie|sit|stand|relax|hold|open|close|raise|lift|turn|cough|let me|tell me|"
        r"show me|go ahead|try|keep|make sure|call|come|drink|record|remember)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:we'll|let's|let us|we'd|we would|we could|then we|i'd|i'll)\b", re.IGNORECASE
    ),
    re.compile(r"\b(?:i'm|it's|we're|they're|don't|doesn't|can't|won't|that's|there's)\b", re.I),
    re.compile(r"^(?:so|and|but|well|okay|now|'cause|cause|because)\b", re.IGNORECASE),
    re.compile(
        r"^(?:[A-Z][a-z ]+:\s+)?(?:the )?patient (?:states|reports|says) "
        r"(?:[A-Z0-9](?!\w* (?:is|was|has)\b)|.*\b(?:I|me|my)\b)"
    ),
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z•\-])|\n+")
_HEADING = re.compile(r"^[A-Z][A-Z /&,-]{2,}:?$")


def spoken(sentence: str) -> bool:
    return any(mark.search(sentence.strip()) for mark in _MARKS)


def note_sentences(text: str) -> list[str]:
    """A plain-text note's sentences, headings left out."""
    parts = (p.strip() for p in _SENTENCE.split(text))
    return [p for p in parts if p and not _HEADING.match(p) and len(p.split()) > 1]
