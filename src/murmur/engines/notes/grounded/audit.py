"""Checks a written note against its transcript: a finding's polarity must match what was said."""

from __future__ import annotations

import re
from collections.abc import Sequence

from murmur.language.assertion import Span, is_negated
from murmur.language.clinical_words import EXAM_RE, SYMPTOM_RE
from murmur.notes.domain import NoteSentence
from murmur.transcripts.domain import Segment

_SENTENCE = re.compile(r"[^.?!]+[.?!]*")
_NO = re.compile(r"^\W*(?:no|nope|nah|never|not really|none|negative|nada)\b", re.IGNORECASE)
_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|uh-huh|mm-hmm|correct|sí|si)\b", re.IGNORECASE)


def _findings(text: str) -> list[re.Match[str]]:
    return [*SYMPTOM_RE.finditer(text), *EXAM_RE.finditer(text)]


def _said(term: str, segments: Sequence[Segment], evidence: tuple[int, ...]) -> list[bool]:
    """Whether each mention of `term` in the evidence was negated (True) or asserted."""
    pattern = re.compile(rf"\b{re.escape(term)}", re.IGNORECASE)
    polarities: list[bool] = []
    for order, position in enumerate(evidence):
        text = segments[position].text
        for sentence in _SENTENCE.finditer(text):
            for match in pattern.finditer(sentence.group(0)):
                if sentence.group(0).rstrip().endswith("?"):
                    answer = _answer(segments, evidence, order)
                    if answer is not None:
                        polarities.append(answer)
                    continue
                span = Span(match.start(), match.end())
                polarities.append(is_negated(sentence.group(0), span))
    return polarities


def _answer(segments: Sequence[Segment], evidence: tuple[int, ...], order: int) -> bool | None:
    """A question's finding takes the polarity of a bare yes/no answer cited after it."""
    for position in evidence[order + 1 :]:
        reply = segments[position].text
        if _NO.match(reply):
            return True
        if _YES.match(reply):
            return False
    return None


def negation_errors(
    sentences: Sequence[NoteSentence], segments: Sequence[Segment]
) -> list[NoteSentence]:
    """Sentences that assert a finding the transcript denies, or deny one it asserts."""
    errors: list[NoteSentence] = []
    for sentence in sentences:
        evidence = tuple(p for p in sentence.evidence if 0 <= p < len(segments))
        for match in _findings(sentence.text):
            negated = is_negated(sentence.text, Span(match.start(), match.end()))
            said = _said(match.group(0), segments, evidence)
            if said and negated not in said:
                errors.append(sentence)
                break
    return errors
